import ArchKBCorpus
@testable import ArchKBIndex
import ArchKBQuery
import Foundation
import Testing

/// IndexBuilder, IndexWriter and IndexReader: what an index of the fixture corpus holds.
@Suite("Index building")
struct IndexBuildTests {
    @Test func statsCounts() throws {
        let fx = try FixtureIndex.get()
        let reader = try fx.reader()
        #expect(reader.documents.count == 19)
        #expect(reader.documentCountsByKind() == ["adr": 10, "card": 8, "guide": 1])
        #expect(reader.entities.count == 8)
        #expect(reader.entityCountsByKind() == ["pattern": 4, "technology": 3, "anti-pattern": 1])
        #expect(reader.decisions.count == 10)
        #expect(reader.decisionCountsByStatus() == ["accepted": 4, "proposed": 1, "rejected": 1, "superseded": 1, "unknown": 3])
        #expect(reader.sectionCount == fx.report.sections)
        #expect(try reader.count("SELECT count(*) FROM sections") == reader.sectionCount)
        #expect(try reader.count("SELECT count(*) FROM section_fts") == reader.sectionCount)
        #expect(reader.roots == [fx.corpus.path])
        #expect(fx.report.documentsByKind == ["adr": 10, "card": 8, "guide": 1])
        #expect(fx.report.entities == 8)
        #expect(fx.report.skipped.isEmpty)
        #expect(!fx.report.unchanged)
    }

    @Test func readmeIsSkippedAndPathsAreRelativeToTheProjectRoot() throws {
        let reader = try FixtureIndex.get().reader()
        #expect(!reader.documents.contains { $0.path.lowercased().hasSuffix("readme.md") })
        #expect(reader.documents.allSatisfy { $0.displayPath.hasPrefix("corpus/") })
        let card = try #require(reader.documents.first { $0.displayPath == "corpus/cards/circuit-breaker.md" })
        #expect(card.kind == "card")
        #expect(card.lineCount == lineCount(ofFile: card.path))
    }

    @Test func entitiesCarrySummaryWhenToUseTradeoffsAndInstead() throws {
        let reader = try FixtureIndex.get().reader()
        let breaker = try #require(reader.entity(named: "Circuit Breaker"))
        #expect(breaker.aliases == ["circuit breaker pattern", "breaker"])
        #expect(breaker.summary.hasPrefix("A circuit breaker wraps calls to a remote dependency"))
        #expect(breaker.summary.hasSuffix("until a trial call succeeds."))
        #expect(breaker.whenToUse.contains("payment provider"))
        #expect(breaker.tradeoffs.hasPrefix("Thresholds are hard to tune"))
        #expect(breaker.line == 8)
        #expect(breaker.source == "card")
        let monolith = try #require(reader.entity(named: "Distributed Monolith"))
        #expect(monolith.kind == "anti-pattern")
        #expect(monolith.instead.hasPrefix("Redraw service boundaries"))
    }

    @Test func decisionLinksAreResolvedBothWays() throws {
        let reader = try FixtureIndex.get().reader()
        let rabbit = try #require(reader.decision(number: 1))
        let dlq = try #require(reader.decision(number: 4))
        let kafka = try #require(reader.decision(number: 5))
        let breakers = try #require(reader.decision(number: 7))
        let retry = try #require(reader.decision(number: 10))
        #expect(rabbit.supersededBy == [kafka.id])
        #expect(kafka.supersedes == [rabbit.id])
        #expect(rabbit.amendedBy == [dlq.id])
        #expect(dlq.amends == [rabbit.id])
        #expect(retry.supersededBy == [breakers.id], "'Rejected in favour of ADR 7' links to ADR 7")
        #expect(breakers.titleNumber == 8)
        #expect(reader.decisions.allSatisfy { $0.unresolved.isEmpty })
    }

    @Test func decisionsNameTheEntitiesTheyChose() throws {
        let reader = try FixtureIndex.get().reader()
        let kafkaEntity = try #require(reader.entity(named: "Apache Kafka")).id
        let redisEntity = try #require(reader.entity(named: "Redis")).id
        let kafkaADR = try #require(reader.decision(number: 5))
        #expect(kafkaADR.chosen == "Apache Kafka")
        #expect(kafkaADR.entities.first.map { $0.id == kafkaEntity && $0.chosen } == true)
        let catalogADR = try #require(reader.decision(number: 6))
        #expect(catalogADR.entities.contains { $0.id == redisEntity && $0.chosen })
    }

    @Test func problemsReportTheUnmatchedGuideRowOnly() throws {
        let problems = try FixtureIndex.get().reader().problems()
        #expect(problems.map(\.message) == ["guide row 'Amazon SQS' names no entity (add it as a card or an alias)"])
        #expect(problems.first?.path == "corpus/guides/choosing-a-message-broker.md")
        #expect(problems.first?.line == 15)
    }

    @Test func rebuildIsSkippedWhenNothingChanged() throws {
        try withTempDir { dir in
            let corpus = try dir.copyFixtureCorpus()
            let index = dir.url.appendingPathComponent("i.sqlite").path
            let builder = IndexBuilder(roots: [corpus.path], projectRoot: dir.path, indexPath: index)
            let first = try builder.build()
            #expect(!first.unchanged)
            let second = try builder.build()
            #expect(second.unchanged)
            #expect(second.entities == first.entities)
            #expect(second.documentsByKind == first.documentsByKind)
            #expect(try IndexReader(path: index).corpusChanged() == false)

            let forced = try IndexBuilder(roots: [corpus.path], projectRoot: dir.path, indexPath: index, force: true).build()
            #expect(!forced.unchanged)

            let card = corpus.appendingPathComponent("cards/bulkhead.md")
            try (String(contentsOf: card, encoding: .utf8) + "\nOne more line.\n").write(to: card, atomically: true, encoding: .utf8)
            #expect(try IndexReader(path: index).corpusChanged())
            #expect(try builder.build().unchanged == false)
            #expect(!FileManager.default.fileExists(atPath: index + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"))
        }
    }

    @Test func nonUTF8FileIsSkippedAndReportedWhileEverythingElseIndexes() throws {
        try withTempDir { dir in
            let corpus = try dir.copyFixtureCorpus()
            // Latin-1 text: "# Caf\u{E9}" then an invalid sequence.
            let bytes: [UInt8] = Array("# Caf".utf8) + [0xE9, 0x0A, 0x0A] + Array("Na".utf8) + [0xEF, 0x76, 0x65, 0xFF, 0xFE, 0x0A]
            try Data(bytes).write(to: corpus.appendingPathComponent("cards/latin1-notes.md"))
            let index = dir.url.appendingPathComponent("i.sqlite").path
            let report = try IndexBuilder(roots: [corpus.path], projectRoot: dir.path, indexPath: index).build()
            #expect(report.skipped.map(\.path) == ["corpus/cards/latin1-notes.md"])
            #expect(report.skipped.map(\.reason) == ["not UTF-8 text"])
            #expect(report.documentsByKind == ["adr": 10, "card": 8, "guide": 1])
            #expect(report.entities == 8)

            let reader = try IndexReader(path: index)
            let problems = try reader.problems()
            #expect(problems.contains { $0.path == "corpus/cards/latin1-notes.md" && $0.severity == "error" && $0.message == "skipped: not UTF-8 text" })
            let findings = try ArchKBQuery.Doctor(reader: reader).findings()
            #expect(findings.contains { $0.category == "skipped" && $0.path == "corpus/cards/latin1-notes.md" && $0.fix == "save the file as UTF-8" })
            #expect(try Searcher(reader: reader).ask("kafka").recommendations.first?.name == "Apache Kafka")
        }
    }

    @Test func missingRootThrows() {
        #expect(throws: CorpusError.rootNotFound(path: "/nonexistent/archkb-corpus")) {
            try IndexBuilder(roots: ["/nonexistent/archkb-corpus"], projectRoot: "/", indexPath: "/tmp/never-written.sqlite").build()
        }
    }

    // MARK: - Writer and reader without the builder

    @Test func writerAndReaderRoundTripInMemory() throws {
        let parsed = ParsedDocument(path: "/p/cards/widget-cache.md", displayPath: "cards/widget-cache.md", kind: .card,
                                    title: "Widget Cache", lineCount: 12, sections: [])
        var model = IndexModel()
        model.documents = [.init(parsed: parsed, hash: "abc", modified: 1, size: 100)]
        var entity = IndexModel.Entity(id: 0, name: "Widget Cache", aliases: ["widgets"], kind: EntityKind.pattern.rawValue, area: "Caching",
                                       document: 0, line: 1, source: "card")
        entity.summary = "Widget cache keeps widgets warm."
        model.entities = [entity]
        model.sections = [.init(document: 0, entity: 0, decision: nil, heading: "What it is", trail: "Widget Cache > What it is",
                                role: "summary", startLine: 3, endLine: 5, body: "Widget cache keeps widgets warm in memory.",
                                titleText: "Caching What it is", namesText: "Widget Cache ; widgets")]
        model.problem("cards/widget-cache.md", 4, "a made-up problem", severity: "error")
        let db = try SQLiteDatabase(path: ":memory:", readOnly: false, create: true)
        try IndexWriter(database: db).write(model, meta: ["roots": "/p"])
        let reader = try IndexReader(database: db)
        #expect(reader.meta["schema_version"] == String(IndexSchema.version))
        // Entities and problems are one struct from assembly to reading: what was written comes back.
        #expect(reader.entities == model.entities)
        #expect(try reader.problems() == model.problems)
        // Documents and sections are written as their rows and read back as the same rows.
        #expect(reader.documents == model.documents.enumerated().map { $0.element.row(id: $0.offset) })
        #expect(reader.sections == model.sections.enumerated().map { $0.element.row(id: $0.offset) })
        #expect(reader.entities.map(\.name) == ["Widget Cache"])
        #expect(reader.entities.first?.aliases == ["widgets"])
        #expect(reader.sections.map(\.trail) == ["Widget Cache > What it is"])
        #expect(try reader.body(ofSection: 0) == "Widget cache keeps widgets warm in memory.")
        #expect(try reader.fullTextSearch(pattern: "\"widgets\"", limit: 10).map(\.section) == [0])
        #expect(try reader.fullTextSearch(pattern: "\"gadgets\"", limit: 10).isEmpty)
        #expect(try reader.vectorSearch(query: ["widget": 1], limit: 10).count == 2, "the section unit and the entity profile unit")
        let answer = try Searcher(reader: reader).ask("widgets")
        #expect(answer.recommendations.first?.name == "Widget Cache")
    }

    /// The per-phrase assembly must reproduce FTS5's own bm25 for the OR-ed query, row for row.
    @Test(arguments: [
        ["\"cache\"", "\"sessions\""],
        ["\"retry\"", "\"failed\"", "\"calls\"", "\"time to live\""],
        ["\"circuit\"", "\"breaker\"", "\"circuit\""],
        ["\"zzzunknownzzz\""],
    ])
    func phraseAssembledSearchEqualsFTS5OrQuery(phrases: [String]) throws {
        let reader = try FixtureIndex.get().reader()
        let pattern = Array(Set(phrases)).joined(separator: " OR ")
        let direct = try reader.fullTextSearch(pattern: pattern, limit: 10_000)
        let assembled = try reader.fullTextSearch(phrases: phrases, limit: 10_000)
        #expect(direct.isEmpty == (phrases == ["\"zzzunknownzzz\""]))
        #expect(Set(direct.map(\.section)) == Set(assembled.map(\.section)))
        let byRow = Dictionary(uniqueKeysWithValues: direct.map { ($0.section, $0.bm25) })
        for hit in assembled { #expect(abs((byRow[hit.section] ?? 0) - hit.bm25) < 1e-9, "section \(hit.section)") }
        // Cut to a limit, it keeps the best (most negative) rows.
        let top = try reader.fullTextSearch(phrases: phrases, limit: 3)
        #expect(top.map(\.section) == Array(assembled.prefix(3)).map(\.section))
        if let worstKept = top.last?.bm25 { #expect(assembled.dropFirst(3).allSatisfy { $0.bm25 >= worstKept }) }
    }

    /// A phrase's hit list is its best `phraseHitCap` sections in FTS5's bm25 order: the head of the full list.
    @Test func phraseHitListsAreCutToTheirBestSections() throws {
        let full = try FixtureIndex.get().reader()
        full.phraseHitCap = Int(Int32.max)
        let capped = try FixtureIndex.get().reader()
        capped.phraseHitCap = 3
        for phrase in ["\"cache\"", "\"order\"", "\"retry\""] {
            let all = try full.phraseHits(phrase)
            #expect(all.count > 3, "\(phrase) matches more sections than the cap")
            let cut = try capped.phraseHits(phrase)
            #expect(cut.map(\.0) == all.prefix(3).map(\.0))
            #expect(cut.map(\.1) == all.prefix(3).map(\.1))
            #expect(zip(all, all.dropFirst()).allSatisfy { $0.1 <= $1.1 }, "best (most negative) first")
        }
        // Summed over capped lists, only sections in some phrase's head can be found.
        let heads = Set(try ["\"cache\"", "\"sessions\""].flatMap { try capped.phraseHits($0).map { Int($0.0) } })
        #expect(Set(try capped.fullTextSearch(phrases: ["\"cache\"", "\"sessions\""], limit: 100).map(\.section)).isSubset(of: heads))
    }

    @Test func openingAMissingFileThrowsMissing() throws {
        let error = #expect(throws: IndexError.self) { try IndexReader(path: "/nonexistent/dir/i.sqlite") }
        guard case .missing(let path)? = error else { Issue.record("expected .missing, got \(String(describing: error))"); return }
        #expect(path == "/nonexistent/dir/i.sqlite")
        #expect(error?.description.contains("archkb index") == true)
    }

    @Test func openingGarbageOrAForeignDatabaseThrowsCorrupt() throws {
        try withTempDir { dir in
            let garbage = dir.url.appendingPathComponent("garbage.sqlite")
            try Data("this is not a database, just text\n".utf8).write(to: garbage)
            let e1 = #expect(throws: IndexError.self) { try IndexReader(path: garbage.path) }
            guard case .corrupt? = e1 else { Issue.record("garbage: expected .corrupt, got \(String(describing: e1))"); return }
            #expect(e1?.description.contains("archkb index") == true)

            let foreign = dir.url.appendingPathComponent("foreign.sqlite").path
            try SQLiteDatabase(path: foreign, readOnly: false, create: true).execute("CREATE TABLE t(x)")
            let e2 = #expect(throws: IndexError.self) { try IndexReader(path: foreign) }
            guard case .corrupt? = e2 else { Issue.record("foreign: expected .corrupt, got \(String(describing: e2))"); return }

            let old = dir.url.appendingPathComponent("old.sqlite").path
            try SQLiteDatabase(path: old, readOnly: false, create: true)
                .execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('schema_version', '99');")
            let e3 = #expect(throws: IndexError.self) { try IndexReader(path: old) }
            guard case .versionMismatch(_, let found, let expected)? = e3 else { Issue.record("old: expected .versionMismatch, got \(String(describing: e3))"); return }
            #expect(found == 99)
            #expect(expected == IndexSchema.version)
        }
    }
}
