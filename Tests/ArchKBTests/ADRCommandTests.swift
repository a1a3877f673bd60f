import Foundation
import Testing

/// `archkb adr new` and `archkb adr supersede` through the built thin client (which hands `adr` to
/// the engine): default directory, exit codes, `--dry-run`, `--for`, never overwriting.
@Suite("archkb adr command", .enabled(if: ProcessRunner.archkbFound, "archkb executable not found next to the test bundle; build the package first"))
struct ADRCommandTests {
    /// A temporary home with a copy of the nygard-drift log at docs/adr.
    static func home(_ dir: TempDir) throws -> URL {
        let adr = dir.url.appendingPathComponent("docs/adr")
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ADRLogTests.logs.appendingPathComponent("nygard-drift/docs/architecture-decision-records"), to: adr)
        return dir.url
    }

    /// Every file under `dir` with its bytes.
    static func snapshot(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            out[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return out
    }

    @Test func newWritesTheNextRecordInTheDefaultDirectory() throws {
        try withTempDir { dir in
            let home = try Self.home(dir)
            let r = try ProcessRunner.archkb(["adr", "new", "Use", "Pulsar", "for", "ledger", "events"], home: home)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            #expect(r.stdout == "docs/adr/0011-use-pulsar-for-ledger-events.md\n")
            let text = try String(contentsOf: home.appendingPathComponent("docs/adr/0011-use-pulsar-for-ledger-events.md"), encoding: .utf8)
            #expect(text.hasPrefix("# 11. Use Pulsar for ledger events\n\nDate: "))
            #expect(text.contains("## Status\n\nProposed\n"))
        }
    }

    @Test func supersedeDryRunShowsTheDiffAndWritesNothing() throws {
        try withTempDir { dir in
            let home = try Self.home(dir)
            let adr = home.appendingPathComponent("docs/adr")
            let before = try Self.snapshot(adr)
            let r = try ProcessRunner.archkb(["adr", "supersede", "7", "Replay ledger events from S3", "--dry-run"], home: home)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            #expect(r.stdout.contains("--- /dev/null\n+++ b/0011-replay-ledger-events-from-s3.md\n"))
            #expect(r.stdout.contains("+Supersedes [ADR 7](0007-stream-ledger-events-through-kafka.md)\n"))
            #expect(r.stdout.contains("-- [x] Accepted\n+- [x] Superseded by [ADR 11](0011-replay-ledger-events-from-s3.md)\n"))
            #expect(try Self.snapshot(adr) == before, "--dry-run wrote to the log")
        }
    }

    @Test func supersedeWritesTheSuccessorAndOneLine() throws {
        try withTempDir { dir in
            let home = try Self.home(dir)
            let old = home.appendingPathComponent("docs/adr/0007-stream-ledger-events-through-kafka.md")
            let before = try String(contentsOf: old, encoding: .utf8)
            let r = try ProcessRunner.archkb(["adr", "supersede", "7", "Replay ledger events from S3"], home: home)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            let after = try String(contentsOf: old, encoding: .utf8)
            #expect(after == before.replacingOccurrences(of: "- [x] Accepted\n", with: "- [x] Superseded by [ADR 11](0011-replay-ledger-events-from-s3.md)\n"))
            #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("docs/adr/0011-replay-ledger-events-from-s3.md").path))
        }
    }

    @Test func errorsExitTwo() throws {
        try withTempDir { dir in
            let none = try ProcessRunner.archkb(["adr", "new", "Use X"], home: dir.url)
            #expect(none.status == 2)
            #expect(none.stderr.contains("no decision log here"), "stderr: \(none.stderr)")
            let home = try Self.home(dir)
            let missing = try ProcessRunner.archkb(["adr", "supersede", "42", "Use Y"], home: home)
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("no record numbered 42"), "stderr: \(missing.stderr)")
            let noTitle = try ProcessRunner.archkb(["adr", "new"], home: home)
            #expect(noTitle.status == 2)
        }
    }

    @Test func neverOverwritesARecord() throws {
        try withTempDir { dir in
            let log = dir.url.appendingPathComponent("adr")
            try FileManager.default.copyItem(at: ADRLogTests.logs.appendingPathComponent("madr2-bold/records"), to: log)
            let first = try ProcessRunner.archkb(["adr", "new", "Queue e-mail jobs"], home: dir.url)
            #expect(first.status == 0, "stderr: \(first.stderr)")
            let written = try Self.snapshot(log)
            let second = try ProcessRunner.archkb(["adr", "new", "Queue e-mail jobs"], home: dir.url)
            #expect(second.status == 2, "a date-named record of the same title on the same day must not be replaced")
            #expect(second.stderr.contains("exists already"), "stderr: \(second.stderr)")
            #expect(try Self.snapshot(log) == written)
        }
    }

    @Test func forFillsConsideredOptionsCitedToTheCards() throws {
        let fixture = try FixtureIndex.get()
        try withTempDir { dir in
            let home = try Self.home(dir)
            let r = try ProcessRunner.archkb(["adr", "new", "Protect payment calls", "--index", fixture.indexPath, "--for", "retry payment calls with exponential backoff"], home: home)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            let text = try String(contentsOf: home.appendingPathComponent("docs/adr/0011-protect-payment-calls.md"), encoding: .utf8)
            #expect(text.contains("## Considered Options\n\n* "))
            #expect(text.contains("* When to use: "))
            #expect(text.range(of: #"\(`corpus/[^`]+\.md:\d+`\)"#, options: .regularExpression) != nil, "no card citation in:\n\(text)")
            #expect(text.contains("Chosen option: (to be decided)"))
        }
    }

    /// A log whose records state no status (as the MADR project's own): supersede adds one in
    /// front matter instead of refusing, and changes nothing else.
    @Test func supersedeAddsAStatusToARecordWithoutOne() throws {
        try withTempDir { dir in
            let log = dir.url.appendingPathComponent("docs/decisions")
            try FileManager.default.createDirectory(at: log, withIntermediateDirectories: true)
            let old = "---\nparent: Decisions\nnav_order: 1\n---\n# Use Markdown\n\n## Considered Options\n\n* Markdown\n* AsciiDoc\n\n## Decision Outcome\n\nChosen option: \"Markdown\", because everyone reads it.\n"
            let oldURL = log.appendingPathComponent("0001-use-markdown.md")
            #expect(FileManager.default.createFile(atPath: oldURL.path, contents: Data(old.utf8)))
            let r = try ProcessRunner.archkb(["adr", "supersede", "1", "Use AsciiDoc"], home: dir.url)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            let after = try String(contentsOf: oldURL, encoding: .utf8)
            #expect(after == old.replacingOccurrences(of: "---\nparent:", with: "---\nstatus: \"Superseded by [ADR 2](0002-use-asciidoc.md)\"\nparent:"))
            #expect(r.stdout.contains("0001-use-markdown.md:2: status: \"Superseded by [ADR 2](0002-use-asciidoc.md)\""), "stdout: \(r.stdout)")
        }
    }
}
