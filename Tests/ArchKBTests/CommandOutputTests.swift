import Foundation
import Testing

/// `--version` with the commit, `index --json`, `daemon status --json`, and the progress line
/// for indexing that takes more than a second.
@Suite("Command output for scripts", .enabled(if: DaemonE2E.available, "archkb executables not built"))
struct CommandOutputTests {
    typealias Home = EndToEndTests.Home

    @Test("--version names the release and the commit of the checkout")
    func versionHasTheCommit() throws {
        let home = try Home.make(indexed: false)
        defer { home.dir.remove() }
        let git = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["rev-parse", "HEAD"], directory: Paths.packageRoot, timeout: 30)
        try #require(git.status == 0, "git rev-parse: \(git.stderr)")
        let head = String(git.stdout.prefix(12))
        let engine = try #require(DaemonE2E.engine)
        // Run from the checkout's build folder, without ARCHKB_HOME: the commit comes from the checkout's .git.
        var env = ProcessRunner.environment(home: home.url)
        env["ARCHKB_HOME"] = ""
        let r = try ProcessRunner.run(engine, ["--version"], environment: env, directory: home.url, timeout: 30)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("0.") && r.stdout.contains("(commit \(head))"), "\(r.stdout)")
    }

    @Test("index --json reports documents, decisions, skipped files and the time")
    func indexJSON() throws {
        let home = try Home.make(indexed: false)
        defer { home.dir.remove() }
        let r = try home.run(["index", "--json", "--index", home.index, "--corpus", home.url.appendingPathComponent("corpus").path])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try EndToEndTests.json(r.stdout)
        #expect(j["documents"] as? Int == 19)
        #expect((j["documents_by_kind"] as? [String: Any])?["card"] as? Int == 8)
        #expect(j["entities"] as? Int == 8)
        #expect(j["unchanged"] as? Bool == false)
        #expect((j["decisions_by_status"] as? [String: Any])?["accepted"] as? Int == 4)
        #expect(j["skipped"] is [Any] && j["milliseconds"] is Int && j["index"] as? String == home.index)
        let again = try EndToEndTests.json(try home.run(["index", "--json", "--index", home.index]).stdout)
        #expect(again["unchanged"] as? Bool == true)
    }

    @Test("daemon status --json, with and without a daemon")
    func daemonStatusJSON() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let none = try box.engine(["daemon", "status", "--json", "--socket", box.socket])
        #expect(none.status == 1)
        let n = try EndToEndTests.json(none.stdout)
        #expect(n["running"] as? Bool == false && n["socket"] as? String == box.socket)
        let daemon = try DaemonProcess(box)
        defer { daemon.kill() }
        let up = try box.engine(["daemon", "status", "--json", "--socket", daemon.socket])
        #expect(up.status == 0, "\(up.stderr)")
        let u = try EndToEndTests.json(up.stdout)
        #expect(u["running"] as? Bool == true && u["pid"] as? Int == Int(daemon.pid) && u["index"] as? String == box.index)
    }

    @Test("indexing for more than a second shows a progress line on a terminal, and none when piped")
    func progressLine() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try #require(FileManager.default.isExecutableFile(atPath: script.path), "util-linux script(1) runs the command on a terminal")
        let engine = try #require(DaemonE2E.engine)
        let dir = try TempDir("archkb-progress")
        defer { dir.remove() }
        // The bundled corpus takes over a second to index in a debug build (about 8 s here).
        let command = "ARCHKB_NO_AUTOSTART=1 \(engine.path) index --force --index \(dir.path)/b.sqlite --corpus \(Paths.bundledCorpus.path)"
        let start = Date()
        let tty = try ProcessRunner.run(script, ["-qec", command, "/dev/null"], directory: dir.url, timeout: 300)
        let took = Date().timeIntervalSince(start)
        #expect(tty.status == 0, "\(tty.stdout.suffix(300))")
        if took > 1.5 {
            #expect(tty.stdout.contains("archkb: indexing \(Paths.bundledCorpus.path) … 1 s"), "\(tty.stdout.prefix(400))")
            #expect(tty.stdout.contains("\u{1B}[K"), "the progress line is cleared")
        }
        let piped = try ProcessRunner.run(engine, ["index", "--force", "--index", dir.path + "/b.sqlite", "--corpus", Paths.bundledCorpus.path],
                                          directory: dir.url, timeout: 300)
        #expect(!piped.stderr.contains(" … "), "no progress line when stderr is not a terminal: \(piped.stderr)")
    }
}
