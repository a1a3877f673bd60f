import Foundation
import Testing

/// The project scripts users run: scripts/test's closing summary and the systemd unit.
@Suite("Project scripts")
struct ScriptsTests {
    /// scripts/test copied into a temporary tree whose steps are stubs (and `swift` a stub on PATH).
    static func runTestScript(coverageFails: Bool) throws -> ProcessResult {
        let dir = try TempDir("archkb-scripts")
        defer { dir.remove() }
        let scripts = dir.url.appendingPathComponent("w/scripts"), bin = dir.url.appendingPathComponent("bin")
        for d in [scripts, bin] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        try FileManager.default.copyItem(at: Paths.packageRoot.appendingPathComponent("scripts/test"), to: scripts.appendingPathComponent("test"))
        var stubs = ["setup": "echo setup: ok", "eval-decisions": "echo eval ok", "check-citations": "echo citations ok",
                     "eval-ranking": "echo 'eval-ranking: ../shared/eval/score.py not found; skipped'",
                     "check-corpora": "echo 'check-corpora: /nowhere/corpora not found; skipped'",
                     "coverage": coverageFails ? "echo 'coverage: 3 missing'; exit 1" : "echo 'coverage: 184/184'"]
        stubs["../../bin/swift"] = #"[ "$1" = test ] && echo "✔ Test run with 12 tests in 3 suites passed after 1 seconds."; exit 0"#
        for (name, body) in stubs {
            let url = scripts.appendingPathComponent(name)
            try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try ProcessRunner.run(scripts.appendingPathComponent("test"), [], environment: ["PATH": path], directory: dir.url, timeout: 60)
    }

    @Test("scripts/test ends with one line: tests run, checks run, checks skipped and why")
    func testSummary() throws {
        let r = try Self.runTestScript(coverageFails: false)
        #expect(r.status == 0, "\(r.stderr)")
        let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last == "scripts/test: 12 swift tests passed; 3 checks run (coverage, eval-decisions, check-citations); "
            + "3 skipped (check-corpora: /nowhere/corpora not found; dev-eval: ../shared/eval/dev-queries.jsonl not found; "
            + "eval-ranking: ../shared/eval/score.py not found)", "\(last)")
        let failed = try Self.runTestScript(coverageFails: true)
        #expect(failed.status == 1)
        #expect(failed.stdout.split(separator: "\n").last?.hasPrefix("scripts/test: FAILED in coverage; 12 swift tests passed") == true, "\(failed.stdout.suffix(300))")
    }

    @Test("the systemd unit is hardened and assumes no checkout")
    func systemdUnit() throws {
        let unit = try String(contentsOf: Paths.packageRoot.appendingPathComponent("scripts/systemd/archkb.service"), encoding: .utf8)
        let lines = unit.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("#") }
        for directive in ["NoNewPrivileges=yes", "RestrictAddressFamilies=AF_UNIX", "ProtectSystem=strict", "RuntimeDirectory=archkb"] {
            #expect(lines.contains(directive), "\(directive) missing")
        }
        #expect(!lines.contains { $0.contains("ARCHKB_HOME") || $0.contains("%h/archkb") }, "the unit must not assume a checkout")
        let analyze = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        guard FileManager.default.isExecutableFile(atPath: analyze.path) else { return }
        let dir = try TempDir("archkb-unit")
        defer { dir.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dir.path)
        let r = try ProcessRunner.run(analyze, ["security", "--offline=true", "--user", Paths.packageRoot.appendingPathComponent("scripts/systemd/archkb.service").path],
                                      environment: ["XDG_RUNTIME_DIR": dir.path], directory: dir.url, timeout: 60)
        let exposure = r.stdout.components(separatedBy: "Overall exposure level for archkb.service: ").last?.split(separator: " ").first.flatMap { Double($0) }
        #expect((exposure ?? 10) <= 3.0, "systemd-analyze security: \(r.stdout.suffix(200)) \(r.stderr)")
    }
}
