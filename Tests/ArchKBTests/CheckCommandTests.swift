import ArchKBCorpus
import Foundation
import MCP
import Testing

/// `archkb check` through the built thin client (which hands `check` to the engine) on the check
/// fixture: every planted finding is reported with its citations, the ten clean drafts get none,
/// exit codes follow the CI convention (0 clean, 1 findings, 2 usage or file error).
@Suite("archkb check command", .enabled(if: ProcessRunner.archkbFound, "archkb executable not found next to the test bundle; build the package first"))
struct CheckCommandTests {
    static func run(_ arguments: [String], _ fixture: CheckFixture) throws -> ProcessResult {
        try ProcessRunner.archkb(["check", "--index", fixture.indexPath] + arguments, home: fixture.root)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text.prefix(300))")
    }

    /// Schema errors of a `check --format json` output against docs/check.schema.json.
    static func schemaErrors(_ text: String) throws -> [String] {
        let validator = try JSONSchemaValidator(schemaText: try AnswerSchemaTests.docsText("check.schema.json"))
        return validator.errors(try JSONDecoder().decode(MCP.Value.self, from: Data(text.utf8)))
    }

    /// The drafts of a JSON report by file name.
    static func drafts(_ report: [String: Any]) throws -> [String: [String: Any]] {
        let list = try #require(report["drafts"] as? [[String: Any]])
        var out: [String: [String: Any]] = [:]
        for d in list { out[((d["path"] as? String) ?? "").split(separator: "/").last.map(String.init) ?? ""] = d }
        return out
    }

    @Test func everyPlantedFindingIsReportedWithCitations() throws {
        let fixture = try CheckFixture.get()
        let files = try fixture.drafts("planted")
        #expect(files.count == CheckFixture.planted.count)
        let r = try Self.run(["--format", "json"] + files.map { "planted/" + $0 }, fixture)
        #expect(r.status == 1, "stderr: \(r.stderr)")
        #expect(try Self.schemaErrors(r.stdout) == [])
        let drafts = try Self.drafts(try Self.json(r.stdout))
        var found = 0
        var expected = 0
        for (file, want) in CheckFixture.planted {
            let draft = try #require(drafts[file], "no report for \(file)")
            let findings = try #require(draft["findings"] as? [[String: Any]])
            let kinds = Set(findings.compactMap { $0["kind"] as? String })
            expected += want.kinds.count
            found += want.kinds.intersection(kinds).count
            #expect(kinds == want.kinds, "\(file): \(findings.map { "\($0["kind"] ?? "") \($0["message"] ?? "")" })")
            let cited = findings.flatMap { ($0["citations"] as? [[String: Any]]) ?? [] }
            for path in want.cites {
                #expect(cited.contains { ($0["path"] as? String)?.hasSuffix(path) == true }, "\(file) does not cite \(path)")
            }
            for f in findings {
                #expect(["error", "warning"].contains(f["severity"] as? String ?? ""))
                #expect((f["line"] as? Int ?? 0) >= 1)
                #expect((f["path"] as? String) == "planted/" + file)
            }
            for c in cited {
                let path = try #require(c["path"] as? String)
                let line = try #require(c["line"] as? Int)
                let count = try #require(lineCount(ofFile: fixture.file(path)), "cited file \(path) does not exist")
                #expect(line >= 1 && line <= count, "\(path):\(line) is outside the file")
                #expect(c["section"] is String)
            }
        }
        #expect(found == expected, "planted findings found: \(found)/\(expected)")
    }

    @Test func cleanDraftsHaveNoFinding() throws {
        let fixture = try CheckFixture.get()
        let files = try fixture.drafts("clean")
        #expect(files.count == 10)
        let r = try Self.run(["--format", "json"] + files.map { "clean/" + $0 }, fixture)
        #expect(r.status == 0, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        #expect(try Self.schemaErrors(r.stdout) == [])
        let report = try Self.json(r.stdout)
        let drafts = try Self.drafts(report)
        #expect(drafts.count == 10)
        for (file, draft) in drafts {
            #expect((draft["findings"] as? [Any])?.isEmpty == true, "\(file): \(draft["findings"] ?? "")")
        }
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["findings"] as? Int == 0)
        #expect(summary["drafts"] as? Int == 10)
    }

    @Test func textNamesTheRecordAndBothLines() throws {
        let fixture = try CheckFixture.get()
        let r = try Self.run(["planted/memcached-for-sessions.md"], fixture)
        #expect(r.status == 1, "stderr: \(r.stderr)")
        #expect(r.stdout.hasPrefix("planted/memcached-for-sessions.md: \"Keep sessions in Memcached\" · proposed · chooses Memcached\n"))
        #expect(r.stdout.contains("error [precedent-conflict] chooses Memcached, but ADR 5 \"Keep sessions in Redis\""))
        #expect(r.stdout.contains("      docs/adr/0005-keep-sessions-in-redis.md:15 (5. Keep sessions in Redis > Decision)\n"))
        #expect(r.stdout.contains("warning [when-not-to-use]"))
        // The card's line, looked up (the corpus is edited by others): the cited line is the one that says it.
        let card = try String(contentsOf: Paths.bundledCorpus.appendingPathComponent("caching/memcached.md"), encoding: .utf8).lineArray
        let line = try #require(card.firstIndex { $0.hasPrefix("- Sessions you do not want to lose on a node restart") }) + 1
        #expect(r.stdout.contains("/caching/memcached.md:\(line) (Memcached > When not to use)\n"))
        #expect(r.stdout.contains("      planted/memcached-for-sessions.md:8 (Context)\n"))
        #expect(r.stdout.hasSuffix("\n1 draft(s) checked: 2 error(s), 1 warning(s)\n"))
        let clean = try Self.run(["clean/redis-for-rate-limits.md"], fixture)
        #expect(clean.status == 0, "stdout: \(clean.stdout)")
        #expect(clean.stdout.contains("  ok: nothing needs attention\n"))
    }

    @Test func usageAndFileErrorsExitTwo() throws {
        let fixture = try CheckFixture.get()
        let none = try Self.run([], fixture)
        #expect(none.status == 2)
        #expect(none.stderr.contains("check needs at least one ADR file"), "stderr: \(none.stderr)")
        let missing = try Self.run(["planted/no-such-draft.md"], fixture)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read planted/no-such-draft.md"), "stderr: \(missing.stderr)")
        let format = try Self.run(["--format", "yaml", "clean/redis-for-rate-limits.md"], fixture)
        #expect(format.status == 2)
    }

    @Test func recordsOfTheLogDoNotConflictWithThemselvesOrTheirSuccessors() throws {
        let fixture = try CheckFixture.get()
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.root.appendingPathComponent("docs/adr").path).sorted()
        let r = try Self.run(["--format", "json"] + files.map { "docs/adr/" + $0 }, fixture)
        #expect(r.status != 2, "stderr: \(r.stderr)")
        for (file, draft) in try Self.drafts(try Self.json(r.stdout)) {
            let kinds = ((draft["findings"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String }
            #expect(!kinds.contains("precedent-conflict") && !kinds.contains("repeats-withdrawn"), "\(file): \(kinds)")
        }
    }

    /// scripts/pre-commit-adr in a scratch repository: a staged planted draft stops the commit
    /// (exit 1, the finding printed), a staged clean draft passes, nothing staged passes.
    @Test func preCommitHookStopsAConflictingDraft() throws {
        let fixture = try CheckFixture.get()
        let exe = try #require(ProcessRunner.executable)
        try withTempDir { dir in
            let repo = dir.url
            let adr = repo.appendingPathComponent("docs/adr")
            try FileManager.default.createDirectory(at: adr, withIntermediateDirectories: true)
            let hook = Paths.packageRoot.appendingPathComponent("scripts/pre-commit-adr").path
            var env = ProcessRunner.environment(home: repo)
            env["ARCHKB_INDEX"] = fixture.indexPath
            env["PATH"] = exe.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            func sh(_ command: String) throws -> ProcessResult {
                try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", command], environment: env, directory: repo)
            }
            #expect(try sh("git init -q . && git config user.email t@example.com && git config user.name t").status == 0)
            #expect(try sh(hook).status == 0, "nothing staged")
            try FileManager.default.copyItem(at: fixture.root.appendingPathComponent("planted/memcached-for-sessions.md"),
                                             to: adr.appendingPathComponent("0011-keep-sessions-in-memcached.md"))
            #expect(try sh("git add docs/adr").status == 0)
            let stopped = try sh(hook)
            #expect(stopped.status == 1, "stdout: \(stopped.stdout)\nstderr: \(stopped.stderr)")
            #expect(stopped.stdout.contains("docs/adr/0011-keep-sessions-in-memcached.md:18: error [precedent-conflict]"))
            #expect(stopped.stderr.contains("commit with --no-verify"))
            #expect(try sh("git rm -q --cached docs/adr/0011-keep-sessions-in-memcached.md").status == 0)
            try FileManager.default.copyItem(at: fixture.root.appendingPathComponent("clean/redis-for-rate-limits.md"),
                                             to: adr.appendingPathComponent("0012-count-partner-requests-in-redis.md"))
            #expect(try sh("git add docs/adr/0012-count-partner-requests-in-redis.md").status == 0)
            let passed = try sh(hook)
            #expect(passed.status == 0, "stdout: \(passed.stdout)\nstderr: \(passed.stderr)")
        }
    }
}
