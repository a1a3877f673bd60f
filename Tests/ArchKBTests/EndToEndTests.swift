import ArchKBCorpus
import Foundation
import Testing

/// Runs the built `archkb` executable on a copy of the fixture corpus.
///
/// Each test gets its own home directory (ARCHKB_HOME) holding `corpus/` and `i.sqlite`, so
/// citations read `corpus/…` and nothing from the machine (config, bundled corpus) leaks in.
@Suite("archkb executable", .enabled(if: ProcessRunner.archkbFound, "archkb executable not found next to the test bundle; build the package first"))
struct EndToEndTests {
    /// A home with the fixture corpus indexed into `i.sqlite`.
    struct Home {
        let dir: TempDir
        var url: URL { dir.url }
        var index: String { dir.url.appendingPathComponent("i.sqlite").path }

        static func make(indexed: Bool = true) throws -> Home {
            let home = Home(dir: try TempDir("archkb-e2e"))
            _ = try home.dir.copyFixtureCorpus()
            if indexed {
                let r = try home.run(["index", "--index", home.index, "--corpus", home.url.appendingPathComponent("corpus").path])
                guard r.status == 0 else { throw SetupError.indexFailed(r.stderr) }
            }
            return home
        }

        func run(_ args: [String], timeout: TimeInterval = 120) throws -> ProcessResult {
            try ProcessRunner.archkb(args, home: url, timeout: timeout)
        }
    }

    enum SetupError: Error { case indexFailed(String) }

    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(text.prefix(200))")
    }

    @Test func indexReportsDocuments() throws {
        let home = try Home.make(indexed: false)
        defer { home.dir.remove() }
        let r = try home.run(["index", "--index", home.index, "--corpus", home.url.appendingPathComponent("corpus").path])
        #expect(r.exitedNormally)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("indexed 19 documents"))
        #expect(r.stdout.contains("documents: 10 adr, 8 card, 1 guide"))
        #expect(r.stdout.contains("entities: 8"))
        #expect(FileManager.default.fileExists(atPath: home.index))
        let again = try home.run(["index", "--index", home.index])
        #expect(again.status == 0)
        #expect(again.stdout.contains("index is up to date"), "the recorded roots are reused: \(again.stdout)")
    }

    @Test func askJSONHasTheAnswerContractAndCitationsExist() throws {
        let home = try Home.make()
        defer { home.dir.remove() }
        let r = try home.run(["ask", "--index", home.index, "--json", "stop cascading failures when the payment provider is down"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let answer = try Self.json(r.stdout)
        #expect(answer["query"] as? String == "stop cascading failures when the payment provider is down")
        #expect(answer["confident"] as? Bool == true)
        let recs = try #require(answer["recommendations"] as? [[String: Any]])
        #expect(!recs.isEmpty)
        #expect(recs.first?["name"] as? String == "Circuit Breaker")
        for (i, rec) in recs.enumerated() {
            for key in ["rank", "name", "aliases", "kind", "area", "score", "confidence", "rationale", "tradeoffs", "citations"] {
                #expect(rec[key] != nil, "recommendation \(i) lacks \(key)")
            }
            #expect(rec["rank"] as? Int == i + 1)
            #expect(rec["aliases"] is [String])
            #expect(rec["score"] is Double || rec["score"] is Int)
            #expect(["low", "medium", "high"].contains(rec["confidence"] as? String ?? ""))
            let citations = try #require(rec["citations"] as? [[String: Any]])
            #expect(!citations.isEmpty)
            for c in citations {
                let path = try #require(c["path"] as? String)
                let line = try #require(c["line"] as? Int)
                #expect(c["section"] is String)
                let file = home.url.appendingPathComponent(path).path
                let count = try #require(lineCount(ofFile: file), "cited file \(path) does not exist")
                #expect((1...count).contains(line), "\(path):\(line) is outside the file (\(count) lines)")
            }
        }
        #expect(answer["decisions"] is [[String: Any]])
    }

    @Test func nonsenseQuestionExitsOne() throws {
        let home = try Home.make()
        defer { home.dir.remove() }
        let r = try home.run(["ask", "--index", home.index, "--json", "how to bake sourdough bread"])
        #expect(r.exitedNormally)
        #expect(r.status == 1)
        let answer = try Self.json(r.stdout)
        #expect(answer["confident"] as? Bool == false)
        #expect((answer["recommendations"] as? [Any])?.isEmpty == true)
    }

    @Test func corruptIndexExitsTwoAndSaysToRunIndex() throws {
        let home = try Home.make(indexed: false)
        defer { home.dir.remove() }
        let bad = home.url.appendingPathComponent("bad.sqlite")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: bad)
        for args in [["ask", "--index", bad.path, "kafka"], ["stats", "--index", bad.path], ["doctor", "--index", bad.path]] {
            let r = try home.run(args)
            #expect(r.exitedNormally, "\(args[0]) crashed")
            #expect(r.status == 2, "\(args[0]): exit \(r.status)")
            #expect(r.stderr.contains("archkb index"), "\(args[0]) stderr: \(r.stderr)")
        }
    }

    /// Documents a deviation: a missing `--index` file is auto-built from the default roots
    /// (IndexSession.open) instead of being reported; with no bundled corpus the error is
    /// "corpus root not found", which does not tell the user to run `archkb index`.
    @Test func statsOnAMissingIndexExitsTwoAndSaysToRunIndex() throws {
        let home = try Home.make(indexed: false)
        defer { home.dir.remove() }
        let missing = home.url.appendingPathComponent("nowhere/missing.sqlite").path
        let r = try home.run(["stats", "--index", missing])
        #expect(r.exitedNormally)
        #expect(r.status == 2)
        #expect(r.stderr.contains("archkb index"), "stderr: \(r.stderr)")
    }

    @Test func showPrintsTheCard() throws {
        let home = try Home.make()
        defer { home.dir.remove() }
        let r = try home.run(["show", "--index", home.index, "circuit", "breaker"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.hasPrefix("Circuit Breaker  (pattern, Resilience)\n"))
        #expect(r.stdout.contains("also: circuit breaker pattern, breaker"))
        #expect(r.stdout.contains("## What it is   [corpus/cards/circuit-breaker.md:10]"))
        #expect(r.stdout.contains("## Trade-offs"))
        #expect(r.stdout.contains("related: Bulkhead, Retry with Exponential Backoff"))
        let missing = try home.run(["show", "--index", home.index, "sourdough", "starter"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no entity named \"sourdough starter\""))
    }

    @Test func doctorListsTheStatuslessADRAndExitsOne() throws {
        let home = try Home.make()
        defer { home.dir.remove() }
        let r = try home.run(["doctor", "--index", home.index])
        #expect(r.status == 1, "problems found → exit 1 (for CI); stderr: \(r.stderr)")
        #expect(r.stdout.contains("corpus/adr/0002-keep-reporting-on-the-shared-database.md:1: [no-status]"))
        #expect(r.stdout.contains("corpus/adr/0009-use-memcached-for-sessions.md:5: [unknown-status] status \"{Deprecated Proposed Accepted Declined}\""),
                "a status it could not normalise is shown at its line with the raw text")
        #expect(r.stdout.contains("    fix: add a `## Status` section"))
        #expect(r.stdout.contains("note: corpus: numeric dates are read day-first (none of them tells day from month)"))
        #expect(r.stdout.contains("[number-mismatch] title says 8 but the file name says 7"))
        #expect(r.stdout.contains("[guide] guide row 'Amazon SQS'"))
        #expect(!r.stdout.contains("0005-use-kafka-for-order-events.md:6: [no-status]"))
    }

    @Test func statsJSONCounts() throws {
        let home = try Home.make()
        defer { home.dir.remove() }
        let r = try home.run(["stats", "--index", home.index, "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let stats = try Self.json(r.stdout)
        #expect(stats["documents"] as? Int == 19)
        #expect(stats["entities"] as? Int == 8)
        #expect(stats["decisions"] as? Int == 10)
        #expect((stats["decisions_by_status"] as? [String: Int])?["superseded"] == 1)
    }

    @Test func invalidUTF8InArgvDoesNotCrash() throws {
        let home = try Home.make()
        defer { home.dir.remove() }
        let exe = try #require(ProcessRunner.executable)
        // Foundation's Process only passes valid Strings, so let the shell build the bad bytes.
        let script = "exec \"$0\" ask --index \"$1\" \"$(printf '\\377\\376 kafka \\300\\200')\""
        let r = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, exe.path, home.index],
                                      environment: ProcessRunner.environment(home: home.url), directory: home.url, timeout: 60)
        #expect(r.exitedNormally, "terminated by \(r.reason), status \(r.status)")
        #expect(r.status <= 2)
    }
}
