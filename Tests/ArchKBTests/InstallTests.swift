import Foundation
import Testing

/// `scripts/install PREFIX` into a temporary prefix, then the installed programs run from another
/// folder with a minimal environment (`env -i HOME=… PATH=… XDG_RUNTIME_DIR=…`), as a fresh login
/// would start them: no ARCHKB_HOME/ARCHKB_INDEX, no XDG_DATA_HOME, no checkout in sight.
@Suite("Installed archkb", .enabled(if: BuiltPrograms.directory != nil, "archkb, archkb-engine and archkb-mcp not built next to the test bundle"))
struct InstallTests {

    /// A prefix installed once for the suite, a HOME and a working folder outside any checkout.
    struct Installed: @unchecked Sendable {
        let root: TempDir
        var prefix: URL { root.url.appendingPathComponent("prefix") }
        var home: URL { root.url.appendingPathComponent("home") }
        var elsewhere: URL { root.url.appendingPathComponent("elsewhere") }
        var bin: URL { prefix.appendingPathComponent("bin") }
        /// What a login session gives (HOME, PATH, a private XDG_RUNTIME_DIR, so no daemon of the
        /// machine answers), plus ARCHKB_NO_AUTOSTART so no background daemon outlives the test.
        var environment: [String: String] {
            ["HOME": home.path, "PATH": bin.path + ":/usr/bin:/bin", "XDG_RUNTIME_DIR": root.url.appendingPathComponent("run").path,
             "ARCHKB_NO_AUTOSTART": "1"]
        }

        func run(_ args: [String]) throws -> ProcessResult {
            try ProcessRunner.run(bin.appendingPathComponent("archkb"), args, environment: environment, directory: elsewhere,
                                  timeout: 300, inherit: false)
        }
    }

    static let installed: Result<Installed, Error> = Result {
        let root = try TempDir("archkb-install")
        SharedCleanup.register(root.path)
        let i = Installed(root: root)
        for dir in [i.home, i.elsewhere, root.url.appendingPathComponent("run")] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        guard let build = BuiltPrograms.directory else { throw ProcessRunner.RunnerError.noExecutable }
        let script = Paths.packageRoot.appendingPathComponent("scripts/install")
        let r = try ProcessRunner.run(script, [i.prefix.path], environment: ["ARCHKB_BUILD_DIR": build.path], directory: root.url, timeout: 300)
        guard r.status == 0 else { throw InstallError(description: "scripts/install exited \(r.status): \(r.stderr)") }
        return i
    }

    struct InstallError: Error, CustomStringConvertible { var description: String }

    @Test("the install lays out programs, corpus, completions and man page")
    func layout() throws {
        let i = try Self.installed.get()
        for path in ["bin/archkb", "bin/archkb-engine", "bin/archkb-mcp", "share/archkb/Corpus/resilience/circuit-breaker.md",
                     "share/bash-completion/completions/archkb", "share/zsh/site-functions/_archkb",
                     "share/fish/vendor_completions.d/archkb.fish", "share/man/man1/archkb.1"] {
            #expect(FileManager.default.fileExists(atPath: i.prefix.appendingPathComponent(path).path), "\(path) not installed")
        }
        let man = try String(contentsOf: i.prefix.appendingPathComponent("share/man/man1/archkb.1"), encoding: .utf8)
        for command in ["ask", "show", "index", "stats", "doctor", "daemon", "completion"] { #expect(man.contains(command), "man page lacks \(command)") }
    }

    @Test("ask and show from another folder find the bundled corpus; the index goes under ~/.local/share/archkb")
    func askAndShow() throws {
        let i = try Self.installed.get()
        let ask = try i.run(["ask", "--json", "prevent cascading failures when a dependency is down"])
        #expect(ask.status == 0, "stderr: \(ask.stderr)")
        let answer = try EndToEndTests.json(ask.stdout)
        let first = try #require((answer["recommendations"] as? [[String: Any]])?.first)
        #expect(first["name"] as? String == "Circuit Breaker")
        let cite = try #require((first["citations"] as? [[String: Any]])?.first?["path"] as? String)
        #expect(cite.hasPrefix(i.prefix.path + "/share/archkb/Corpus/"), "citations are absolute paths into the installed corpus: \(cite)")
        #expect(FileManager.default.fileExists(atPath: cite))
        #expect(FileManager.default.fileExists(atPath: i.home.appendingPathComponent(".local/share/archkb/archkb.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: i.elsewhere.appendingPathComponent("Index").path), "nothing is written to the working folder")

        let table = try i.run(["ask", "circuit breaker"])
        #expect(table.status == 0, "stderr: \(table.stderr)")
        #expect(table.stdout.contains("Circuit Breaker"))
        let show = try i.run(["show", "circuit breaker"])
        #expect(show.status == 0, "stderr: \(show.stderr)")
        #expect(show.stdout.hasPrefix("Circuit Breaker"))
        #expect(show.stdout.contains(i.prefix.path + "/share/archkb/Corpus/resilience/circuit-breaker.md:"))
    }

    @Test("mcp from another folder: initialize, tools/list and a tools/call over stdio")
    func mcp() throws {
        let i = try Self.installed.get()
        _ = try i.run(["stats"])  // builds the index first, so the MCP call stays inside its timeout
        let session = try MCPSession([], environment: i.environment, directory: i.elsewhere,
                                     executable: i.bin.appendingPathComponent("archkb"), inherit: false)
        defer { session.stop() }
        let initialized = try #require(session.initialize(), "no initialize result: \(session.stderr)")
        #expect((initialized["serverInfo"] as? [String: Any])?["name"] != nil)
        let tools = try #require(session.request("tools/list")?.rpcResult?["tools"] as? [[String: Any]], "\(session.stderr)")
        #expect(Set(tools.compactMap { $0["name"] as? String }) == ["ask", "show", "decisions", "radar", "check"])
        let call = try #require(session.callTool("ask", ["question": "prevent cascading failures when a dependency is down"]), "\(session.stderr)")
        #expect(!call.toolIsError, "\(call)")
        #expect(call.toolText?.contains("Circuit Breaker") == true, "\(call.toolText ?? "")")
        #expect(!session.stderr.contains("cannot use the index"), "\(session.stderr)")
    }

    @Test("bash completion from the installed script completes commands and question words")
    func completion() throws {
        let i = try Self.installed.get()
        _ = try i.run(["stats"])
        let script = i.prefix.appendingPathComponent("share/bash-completion/completions/archkb").path
        func complete(_ words: [String]) throws -> [String] {
            let body = """
                source \(script.shellQuoted)
                COMP_WORDS=(\(words.map(\.shellQuoted).joined(separator: " ")))
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                COMP_LINE="${COMP_WORDS[*]}"
                COMP_POINT=${#COMP_LINE}
                COMPREPLY=()
                _archkb archkb "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let r = try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), ["--norc", "--noprofile", "-c", body],
                                          environment: i.environment, directory: i.elsewhere, timeout: 120, inherit: false)
            #expect(r.status == 0, "bash: \(r.stderr)")
            return r.stdout.split(separator: "\n").map(String.init)
        }
        #expect(try complete(["archkb", "sh"]) == ["show"])
        #expect(try complete(["archkb", "ask", "circ"]).contains("circuit"))
    }
}

/// Where the three built programs are (next to the test bundle), if all were built.
enum BuiltPrograms {
    static let directory: URL? = {
        guard let thin = ProcessRunner.executable else { return nil }
        let dir = thin.deletingLastPathComponent()
        let all = ["archkb", "archkb-engine", "archkb-mcp"].allSatisfy { FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent($0).path) }
        return all ? dir : nil
    }()
}
