import ArchKBIndex
import ArchKBQuery
import Foundation
import Testing

/// A damaged or hand-edited index fails with an error naming the table, never a trap.
@Suite struct IndexValidationTests {
    /// Copies the fixture index, runs `sql` on the copy and returns the error opening it (nil when it opened).
    static func openAfter(_ sql: String) throws -> IndexError? {
        try withTempDir { dir in
            let path = dir.url.appendingPathComponent("edited.sqlite").path
            try FileManager.default.copyItem(atPath: try FixtureIndex.get().indexPath, toPath: path)
            try SQLiteDatabase(path: path, readOnly: false).execute(sql)
            do {
                _ = try IndexReader(path: path)
                return nil
            } catch let e as IndexError {
                return e
            }
        }
    }

    /// The table an `invalidTable` error names, or the error's text.
    static func table(_ error: IndexError?) -> String {
        guard let error else { return "opened" }
        if case .invalidTable(_, let table, _) = error { return table }
        return "\(error)"
    }

    @Test func theFixtureHasRowsOfEveryKindChecked() throws {
        let reader = try FixtureIndex.get().reader()
        #expect(!reader.decisions.isEmpty && reader.decisions.contains { !$0.entities.isEmpty })
        #expect(reader.decisions.contains { !$0.supersedes.isEmpty })
        #expect(try Self.openAfter("SELECT 1") == nil, "an untouched copy opens")
    }

    @Test(arguments: [
        ("UPDATE documents SET id = 100000 WHERE id = 3", "documents"),
        ("DELETE FROM entities WHERE id = 0", "entities"),
        ("UPDATE entities SET doc_id = 777777 WHERE id = 1", "entities"),
        ("UPDATE sections SET entity_id = 99999 WHERE id = (SELECT min(id) FROM sections WHERE entity_id IS NOT NULL)", "sections"),
        ("UPDATE sections SET decision_id = -2 WHERE id = 0", "sections"),
        ("UPDATE sections SET doc_id = 5000 WHERE id = 2", "sections"),
        ("UPDATE decisions SET supersedes = '4242' WHERE id = 0", "decisions"),
        ("UPDATE decisions SET doc_id = -1 WHERE id = 0", "decisions"),
        ("UPDATE decision_entities SET decision_id = 5000 WHERE rowid = (SELECT min(rowid) FROM decision_entities)", "decision_entities"),
        ("UPDATE decision_entities SET entity_id = 5000 WHERE rowid = (SELECT min(rowid) FROM decision_entities)", "decision_entities"),
        ("UPDATE vec_units SET section_id = 123456 WHERE id = 0", "vec_units"),
        ("DELETE FROM vec_units WHERE id = 1", "vec_units"),
    ])
    func aBrokenRowNamesItsTable(sql: String, table: String) throws {
        let error = try Self.openAfter(sql)
        #expect(Self.table(error) == table, "\(sql)")
        #expect(error?.description.contains("table \(table):") == true, "\(error.map { "\($0)" } ?? "opened")")
    }

    @Test func searchTablesOfAnotherIndexAreRefused() throws {
        // Entities the stored search tables know about but the entities table no longer has.
        let error = try Self.openAfter("DELETE FROM entities WHERE id = (SELECT max(id) FROM entities); UPDATE sections SET entity_id = NULL WHERE entity_id NOT IN (SELECT id FROM entities); UPDATE vec_units SET entity_id = NULL WHERE entity_id NOT IN (SELECT id FROM entities); DELETE FROM decision_entities WHERE entity_id NOT IN (SELECT id FROM entities)")
        #expect(Self.table(error) == "preload")
    }

    @Test func aSearchHitOutsideTheSectionsIsAnErrorNotATrap() throws {
        try withTempDir { dir in
            let path = dir.url.appendingPathComponent("edited.sqlite").path
            try FileManager.default.copyItem(atPath: try FixtureIndex.get().indexPath, toPath: path)
            try SQLiteDatabase(path: path, readOnly: false).execute("INSERT INTO section_fts(rowid, title, names, body) VALUES (999999, 'zebrafish', '', 'zebrafish zebrafish')")
            let searcher = Searcher(reader: try IndexReader(path: path))
            #expect(throws: IndexError.self) { try searcher.ask("zebrafish pattern") }
            do {
                _ = try searcher.ask("zebrafish pattern")
            } catch let e as IndexError {
                #expect(Self.table(e) == "section_fts")
            }
            #expect(try !searcher.ask("circuit breaker").recommendations.isEmpty, "other questions still answer")
        }
    }
}
