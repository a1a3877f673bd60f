import ArchKBCorpus
@testable import ArchKBIndex
import ArchKBQuery
import ArchKBRender
import Foundation
import Testing

/// Incremental `archkb index`: after any change to the corpus, the index an incremental build
/// writes equals, table by table, the one a full build of the same tree writes.
@Suite("Incremental index build")
struct IncrementalIndexTests {
    /// Every row of every table as sorted text, `meta.built_at` left out; of FTS5's shadow tables,
    /// the text, the per-row sizes and the configuration (an incremental build patches the inverted
    /// index, so its segment layout differs: `ftsAnswers` compares what it answers instead).
    static func contents(_ path: String) throws -> [String] {
        let db = try SQLiteDatabase(path: path, readOnly: true)
        let tables = try db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('section_fts_data', 'section_fts_idx') ORDER BY name")
        var names: [String] = []
        while try tables.step() { names.append(tables.text(0)) }
        var out: [String] = []
        for table in names {
            let info = try db.prepare("SELECT name FROM pragma_table_info('\(table)')")
            var columns: [String] = []
            while try info.step() { columns.append("quote(\(info.text(0)))") }
            if table == "section_fts" { columns.insert("rowid", at: 0) }
            let rows = try db.prepare("SELECT \(columns.joined(separator: " || ',' || ")) FROM \(table)")
            var lines: [String] = []
            while try rows.step() { lines.append(table + ": " + rows.text(0)) }
            out += lines.sorted().filter { !$0.hasPrefix("meta: 'built_at'") }
        }
        return out
    }

    /// FTS5 hits with their bm25 for words of the fixture, after FTS5's own integrity check.
    static func ftsAnswers(_ path: String) throws -> [String] {
        let db = try SQLiteDatabase(path: path, readOnly: false)
        try db.execute("INSERT INTO section_fts(section_fts) VALUES ('integrity-check')")
        var out: [String] = []
        for query in ["kafka", "redis OR cache", "circuit breaker", "order events", "bulkheads", "rate limiting", "tenant"] {
            let s = try db.prepare("SELECT rowid, bm25(section_fts, 2.0, 2.0, 1.0) FROM section_fts WHERE section_fts MATCH ? ORDER BY 2, 1")
            s.bind([.text(query)])
            while try s.step() { out.append("\(query): \(s.int(0)) \(s.double(1))") }
        }
        return out
    }

    /// A project with the fixture corpus, an index built incrementally and a scratch full build.
    struct Project {
        let dir: TempDir
        let corpus: URL
        var index: String { dir.path + "/i.sqlite" }
        var full: String { dir.path + "/full.sqlite" }

        init() throws {
            dir = try TempDir()
            corpus = try dir.copyFixtureCorpus()
        }

        func build(force: Bool = false) throws -> IndexBuildReport {
            try IndexBuilder(roots: [corpus.path], projectRoot: dir.path, indexPath: index, force: force).build()
        }

        /// Checks that the incremental index equals a full build of the same tree.
        func expectEqualsFullBuild(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let report = try IndexBuilder(roots: [corpus.path], projectRoot: dir.path, indexPath: full, force: true).build()
            #expect(!report.incremental, sourceLocation: sourceLocation)
            let (a, b) = (try IncrementalIndexTests.contents(index), try IncrementalIndexTests.contents(full))
            #expect(a.count == b.count, sourceLocation: sourceLocation)
            let differences = zip(a, b).filter { $0 != $1 }.prefix(3).map { "\($0.0.prefix(300))\n  vs \($0.1.prefix(300))" }
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))", sourceLocation: sourceLocation)
            let (x, y) = (try IncrementalIndexTests.ftsAnswers(index), try IncrementalIndexTests.ftsAnswers(full))
                #expect(!x.isEmpty && x == y, sourceLocation: sourceLocation)
        }

        func write(_ relative: String, _ text: String) throws {
            let url = corpus.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }

        func text(_ relative: String) throws -> String {
            try String(contentsOf: corpus.appendingPathComponent(relative), encoding: .utf8)
        }
    }

    static let newADR = """
        # 13. Use Redis for rate limiting

        Date: 2024-03-01

        ## Status

        Accepted

        ## Context

        Bursts of checkout traffic overload the payment provider.

        ## Decision

        We will use Redis counters for rate limiting at the gateway.

        ## Consequences

        One more dependency on Redis.
        """

    @Test func modifyAddDeleteAndRenameEachEqualAFullBuild() throws {
        let p = try Project()
        defer { p.dir.remove() }
        let first = try p.build()
        #expect(!first.incremental && first.parsed == 19 && first.sectionsAnalysed == first.sections)

        try p.write("cards/bulkhead.md", try p.text("cards/bulkhead.md") + "\nBulkheads also isolate thread pools per tenant.\n")
        var r = try p.build()
        #expect(r.incremental && !r.unchanged)
        #expect((r.changed, r.added, r.removed, r.parsed) == (1, 0, 0, 1))
        // Only the card's last section changed: one FTS5 row written and one section analysed.
        #expect(r.ftsRowsWritten == 1 && r.sectionsAnalysed == 1 && r.sections > 50)
        try p.expectEqualsFullBuild()

        try p.write("adr/0013-use-redis-for-rate-limiting.md", Self.newADR)
        r = try p.build()
        #expect((r.changed, r.added, r.removed, r.parsed) == (0, 1, 0, 1))
        #expect(r.documentsByKind["adr"] == 11)
        try p.expectEqualsFullBuild()

        try FileManager.default.removeItem(at: p.corpus.appendingPathComponent("adr/0009-use-memcached-for-sessions.md"))
        r = try p.build()
        #expect((r.changed, r.added, r.removed, r.parsed) == (0, 0, 1, 0))
        try p.expectEqualsFullBuild()

        // A new card early in the corpus shifts every later section: FTS5 is written whole.
        try p.write("cards/a-first-card.md", "---\nname: Aardvark\naliases: [anteater]\nkind: pattern\narea: Testing\n---\n# Aardvark\n\n## What it is\nA card that sorts first.\n")
        r = try p.build()
        #expect((r.changed, r.added, r.removed, r.parsed) == (0, 1, 0, 1))
        #expect(r.ftsRowsWritten == r.sections)
        // Shifted sections are found by content: only the new card's sections are analysed.
        #expect(r.sectionsAnalysed < 5, "\(r.sectionsAnalysed) of \(r.sections) analysed")
        try p.expectEqualsFullBuild()

        try FileManager.default.moveItem(at: p.corpus.appendingPathComponent("cards/redis.md"),
                                         to: p.corpus.appendingPathComponent("cards/redis-cache.md"))
        r = try p.build()
        #expect((r.changed, r.added, r.removed, r.parsed) == (0, 1, 1, 1))
        try p.expectEqualsFullBuild()
        let searcher = Searcher(reader: try IndexReader(path: p.index))
        #expect(try searcher.ask("redis").recommendations.first?.name == "Redis")
    }

    @Test func answersAfterAnIncrementalBuildEqualAFullBuildsAnswers() throws {
        let p = try Project()
        defer { p.dir.remove() }
        _ = try p.build()
        try p.write("cards/rabbitmq.md", try p.text("cards/rabbitmq.md").replacingOccurrences(of: "RabbitMQ", with: "RabbitMQ broker"))
        try p.write("adr/0013-use-redis-for-rate-limiting.md", Self.newADR)
        #expect(try p.build().incremental)
        _ = try IndexBuilder(roots: [p.corpus.path], projectRoot: p.dir.path, indexPath: p.full, force: true).build()
        let (a, b) = (Searcher(reader: try IndexReader(path: p.index)), Searcher(reader: try IndexReader(path: p.full)))
        for q in ["message broker for order events", "rate limiting", "are we still on memcached", "cache", "kafka vs rabbitmq"] {
            var (x, y) = (try a.ask(q, options: AskOptions(explain: true)), try b.ask(q, options: AskOptions(explain: true)))
            (x.elapsedMilliseconds, y.elapsedMilliseconds) = (0, 0)
            #expect(!x.recommendations.isEmpty || !x.decisions.isEmpty, "\(q)")
            #expect(AnswerJSON.value(x).serialized() == AnswerJSON.value(y).serialized(), "\(q)")
        }
    }

    @Test func anUnchangedTreeIsANoOpEvenWhenFilesAreTouched() throws {
        let p = try Project()
        defer { p.dir.remove() }
        _ = try p.build()
        let before = try FileManager.default.attributesOfItem(atPath: p.index)[.systemFileNumber] as? Int
        var r = try p.build()
        #expect(r.unchanged && r.incremental && r.parsed == 0)
        #expect((r.changed, r.added, r.removed) == (0, 0, 0))
        #expect(r.documentsByKind == ["adr": 10, "card": 8, "guide": 1] && r.entities == 8)
        // Same content, new modification time: read and hashed, not parsed, not rewritten.
        let card = p.corpus.appendingPathComponent("cards/bulkhead.md")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: card.path)
        r = try p.build()
        #expect(r.unchanged && r.parsed == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: p.index)[.systemFileNumber] as? Int == before)
    }

    @Test(arguments: ["builder_revision", "schema_version", "archkb_version"])
    func anIndexFromAnotherBuilderOrReleaseForcesAFullBuild(key: String) throws {
        let p = try Project()
        defer { p.dir.remove() }
        _ = try p.build()
        try SQLiteDatabase(path: p.index, readOnly: false).execute("UPDATE meta SET value = 'other' WHERE key = '\(key)'")
        let r = try p.build()
        #expect(!r.incremental && !r.unchanged && r.parsed == 19)
        try p.expectEqualsFullBuild()
    }

    @Test func aDamagedStoredParseIsParsedAgain() throws {
        let p = try Project()
        defer { p.dir.remove() }
        _ = try p.build()
        let db = try SQLiteDatabase(path: p.index, readOnly: false)
        try db.execute("UPDATE doc_parses SET parsed = x'0102' WHERE doc_id = 3; DELETE FROM doc_parses WHERE doc_id = 5")
        try p.write("adr/0013-use-redis-for-rate-limiting.md", Self.newADR)
        let r = try p.build()
        #expect(r.incremental && r.added == 1)
        try p.expectEqualsFullBuild()
    }

    @Test func aFileSkippedBeforeIsNotCountedAsAddedAgain() throws {
        let p = try Project()
        defer { p.dir.remove() }
        try Data([0x23, 0x20, 0xE9, 0xFF, 0x0A]).write(to: p.corpus.appendingPathComponent("cards/latin1.md"))
        #expect(try p.build().skipped.map(\.path) == ["corpus/cards/latin1.md"])
        try p.write("cards/bulkhead.md", try p.text("cards/bulkhead.md") + "\nMore.\n")
        let r = try p.build()
        #expect((r.changed, r.added, r.removed) == (1, 0, 0))
        #expect(r.skipped.map(\.path) == ["corpus/cards/latin1.md"])
        try p.expectEqualsFullBuild()
    }

    @Test func storedParsesReadBackEqualToTheParserOutput() throws {
        let files = try CorpusScanner(projectRoot: Paths.fixtureCorpus.path).files(under: [Paths.fixtureCorpus.path])
        #expect(files.count == 19)
        for f in files {
            let doc = try DocumentParser().parse(text: try String(contentsOfFile: f.path, encoding: .utf8), path: f.path, displayPath: f.displayPath)
            let bytes = doc.encoded()
            #expect(ParsedDocument.decoded(bytes) == doc, "\(f.displayPath)")
            // Cut short or extended, the bytes are refused, never misread.
            #expect(ParsedDocument.decoded(Array(bytes.dropLast())) == nil)
            #expect(ParsedDocument.decoded(bytes + [0]) == nil)
        }
    }

    @Test func aBuildThatFailsMidWriteLeavesThePreviousIndex() throws {
        let p = try Project()
        defer { p.dir.remove() }
        _ = try p.build()
        let before = try Self.contents(p.index)
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try IndexBuilder.writeAtomically(to: p.index) { db, _ in
                try IndexWriter(database: db).begin()
                try db.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '2')")
                throw Interrupted()
            }
        }
        #expect(try Self.contents(p.index) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: p.dir.path).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty, "\(left)")
    }

    /// `archkb-engine` beside the built `archkb`.
    static var engine: URL? {
        ProcessRunner.executable.map { $0.deletingLastPathComponent().appendingPathComponent("archkb-engine") }
    }

    @Test(.enabled(if: ProcessRunner.archkbFound, "needs the built executables"))
    func theCommandSaysWhatChanged() throws {
        let p = try Project()
        defer { p.dir.remove() }
        let engine = try #require(Self.engine)
        func index(_ extra: [String] = []) throws -> String {
            let r = try ProcessRunner.run(engine, ["index", "--index", p.index, "--corpus", p.corpus.path] + extra, directory: p.dir.url)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout
        }
        #expect(try index().contains("full build: parsed 19 files"))
        try p.write("cards/bulkhead.md", try p.text("cards/bulkhead.md") + "\nMore.\n")
        try p.write("adr/0013-use-redis-for-rate-limiting.md", Self.newADR)
        #expect(try index().contains("1 changed, 1 added, 0 removed; parsed 2 of 20 files"))
        #expect(try index().contains("index is up to date"))
        #expect(try index().contains("0 changed, 0 added, 0 removed: nothing to do"))
        #expect(try index(["--full"]).contains("full build: parsed 20 files"))
        let json = try index(["--json"])
        #expect(json.contains("\"incremental\":true") && json.contains("\"unchanged\":true") && json.contains("\"parsed\":0"), "\(json)")
    }

    /// An incremental build killed (SIGKILL) at any moment leaves the previous index or the new
    /// one, never a broken file, and the next build completes it.
    @Test(.enabled(if: ProcessRunner.archkbFound, "needs the built executables"))
    func anIncrementalBuildKilledAtAnyMomentLeavesAWorkingIndex() throws {
        let p = try Project()
        defer { p.dir.remove() }
        let engine = try #require(Self.engine)
        _ = try p.build()
        let old = try Self.contents(p.index)
        let saved = p.dir.path + "/saved.sqlite"
        try FileManager.default.copyItem(atPath: p.index, toPath: saved)
        try p.write("adr/0013-use-redis-for-rate-limiting.md", Self.newADR)
        try p.write("cards/bulkhead.md", try p.text("cards/bulkhead.md") + "\nBulkheads isolate thread pools.\n")
        try FileManager.default.removeItem(at: p.corpus.appendingPathComponent("adr/0009-use-memcached-for-sessions.md"))
        _ = try IndexBuilder(roots: [p.corpus.path], projectRoot: p.dir.path, indexPath: p.full, force: true).build()
        let new = try Self.contents(p.full)
        var sawOld = false
        for delay in [0, 2_000, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000] {
            try FileManager.default.removeItem(atPath: p.index)
            try FileManager.default.copyItem(atPath: saved, toPath: p.index)
            let child = Process()
            child.executableURL = engine
            child.arguments = ["index", "--index", p.index, "--corpus", p.corpus.path]
            child.environment = ["ARCHKB_NO_AUTOSTART": "1", "HOME": p.dir.path, "ARCHKB_HOME": p.dir.path]
            child.currentDirectoryURL = p.dir.url
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            usleep(useconds_t(delay))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            let now = try Self.contents(p.index)
            #expect(now == old || now == new, "killed after \(delay) µs: the index is neither the old nor the new one (\(now.count) rows)")
            sawOld = sawOld || now == old
            _ = try IndexReader(path: p.index)
        }
        #expect(sawOld, "no kill landed before the rename: the test did not test the interrupted case")
        // From the old index, with the killed builds' temporary files beside it, a build completes.
        try FileManager.default.removeItem(atPath: p.index)
        try FileManager.default.copyItem(atPath: saved, toPath: p.index)
        let r = try p.build()
        #expect(r.incremental && !r.unchanged)
        #expect(try Self.contents(p.index) == new)
        let left = try FileManager.default.contentsOfDirectory(atPath: p.dir.path).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty, "\(left)")
    }
}
