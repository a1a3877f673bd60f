import ArchKBCore
import ArchKBCorpus

/// What the index being replaced knew about each file: what an incremental build reuses.
///
/// Opened only when the index was written by this schema, builder revision and release (so its
/// stored parses are what this parser would produce), and read without loading the index: the
/// documents table and the meta rows only, then one stored parse at a time.
struct PreviousIndex {
    /// One indexed file: its row id, how it was cited, its content hash and its stat fingerprint.
    struct Entry {
        var id: Int
        var displayPath: String
        var hash: String
        var modified: Double
        var size: Int
    }

    let database: SQLiteDatabase
    /// Entries by absolute path.
    var entries: [String: Entry] = [:]
    /// Display paths of the files it skipped (unreadable, not UTF-8, unparsable): not new when seen again.
    var skipped = Set<String>()
    var meta: [String: String] = [:]
    private let parseStatement: Statement

    /// The index at `path` if it can serve an incremental build, else nil (then the build is full).
    static func open(_ path: String) -> PreviousIndex? {
        guard let db = try? SQLiteDatabase(path: path, readOnly: true), let index = try? PreviousIndex(database: db) else { return nil }
        guard index.meta["schema_version"] == String(IndexSchema.version),
              index.meta["builder_revision"] == String(IndexSchema.builderRevision),
              index.meta["archkb_version"] == ArchKBVersion.current else { return nil }
        return index
    }

    private init(database: SQLiteDatabase) throws {
        self.database = database
        let m = try database.prepare("SELECT key, value FROM meta")
        while try m.step() { meta[m.text(0)] = m.text(1) }
        let d = try database.prepare("SELECT id, path, display_path, hash, mtime, size FROM documents")
        while try d.step() {
            entries[d.text(1)] = Entry(id: Int(d.int(0)), displayPath: d.text(2), hash: d.text(3), modified: d.double(4), size: Int(d.int(5)))
        }
        let p = try database.prepare("SELECT path FROM problems WHERE line = 0 AND severity = 'error' AND message LIKE 'skipped: %'")
        while try p.step() { skipped.insert(p.text(0)) }
        parseStatement = try database.prepare("SELECT parsed FROM doc_parses WHERE doc_id = ?")
    }

    /// The stored parse of document `id`, as bytes; nil when it is missing.
    func storedParse(_ id: Int) -> [UInt8]? {
        parseStatement.bind([.int(Int64(id))])
        guard (try? parseStatement.step()) == true else { return nil }
        let bytes = parseStatement.blob(0)
        _ = try? parseStatement.step()
        return bytes
    }

    /// The entities each decision named, by the decision's file, with the linking fingerprint
    /// they were found under (`DecisionLinker.Cache`); nil when the index recorded none.
    func decisionLinks() -> DecisionLinker.Cache? {
        guard let fingerprint = meta[DecisionLinker.fingerprintKey],
              let s = try? database.prepare("""
                  SELECT d.path, de.entity_id, de.chosen FROM decision_entities de JOIN decisions x ON x.id = de.decision_id
                  JOIN documents d ON d.id = x.doc_id ORDER BY de.rowid
                  """) else { return nil }
        var byPath: [String: [(Int, Bool)]] = [:]
        while (try? s.step()) == true { byPath[s.text(0), default: []].append((Int(s.int(1)), s.int(2) != 0)) }
        return DecisionLinker.Cache(fingerprint: fingerprint, entitiesByPath: byPath)
    }

    /// Fills the counts of a report on an index left as it was.
    func describe(into report: inout IndexBuildReport) throws {
        func grouped(_ sql: String) throws -> [String: Int] {
            let s = try database.prepare(sql)
            var out: [String: Int] = [:]
            while try s.step() { out[s.text(0)] = Int(s.int(1)) }
            return out
        }
        func count(_ table: String) throws -> Int {
            let s = try database.prepare("SELECT count(*) FROM \(table)")
            return try s.step() ? Int(s.int(0)) : 0
        }
        report.documentsByKind = try grouped("SELECT kind, count(*) FROM documents GROUP BY kind")
        report.decisionsByStatus = try grouped("SELECT status, count(*) FROM decisions GROUP BY status")
        report.entities = try count("entities")
        report.sections = try count("sections")
    }
}
