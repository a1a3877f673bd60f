import ArchKBClient
import Foundation
import Testing

/// The thin `archkb` answers the completion scripts' call for question words
/// (`archkb ---completion ask -- positional@0 <word index> <cursor index> <shell words…>`) from a
/// running daemon by itself, printing exactly what `archkb-engine` prints, and leaves everything
/// else to the engine. "By itself" is shown with a copy of the thin client that has no engine
/// beside it (`FastPathRig`): it can only answer what it answers without handing over.
@Suite("question-word completion in the thin client", .serialized,
       .enabled(if: DaemonE2E.available, "archkb / archkb-engine not found next to the test bundle; build the package first"))
struct CompletionFastPathTests {
    /// A completion call as one shell makes it, and the candidates expected (zsh's space line left out).
    struct Call: CustomStringConvertible {
        var shell: String?
        var version: String?
        var words: [String]
        var index: Int
        var cursor: Int
        var expected: [String]

        var arguments: [String] { QuestionCompletion.callPrefix + [String(index), String(cursor)] + words }
        var description: String { "\(shell ?? "no shell") \(version ?? "") \(words) @\(index):\(cursor)" }
    }

    static func bash(_ words: [String], _ index: Int, _ cursor: Int, _ expected: [String]) -> Call {
        Call(shell: "bash", version: "5.2.15.1.release.x86_64-pc-linux-gnu", words: words, index: index, cursor: cursor, expected: expected)
    }

    static func zsh(_ words: [String], _ index: Int, _ cursor: Int, _ expected: [String]) -> Call {
        Call(shell: "zsh", version: "5.9", words: words, index: index, cursor: cursor, expected: expected)
    }

    static func fish(_ version: String, _ words: [String], _ index: Int, _ cursor: Int, _ expected: [String]) -> Call {
        Call(shell: "fish", version: version, words: words, index: index, cursor: cursor, expected: expected)
    }

    /// bash passes COMP_WORDS (quotes kept, split at colons), zsh its words as typed, fish 3 its
    /// tokens unquoted (`commandline -o`) and fish 4 raw (`--tokens-raw`); the cursor index is
    /// within the word being completed.
    static let answeredCalls: [Call] = [
        bash(["archkb", "ask", "circ"], 2, 4, ["circuit"]),
        bash(["archkb", "ask", "Circ"], 2, 4, ["Circuit"]),
        bash(["archkb", "ask", "circuit", "br"], 3, 2, ["breaker", "breakers"]),
        bash(["archkb", "ask", "--limit", "3", "circ"], 4, 4, ["circuit"]),
        bash(["archkb", "ask", "--kind", "pattern", "circuit", ""], 5, 0, ["breaker", "breakers"]),
        bash(["archkb", "ask", "\"retry pay"], 2, 10, ["retry payment calls with exponential backoff"]),
        bash(["archkb", "ask", "retry\\ pay"], 2, 10, ["retry payment calls with exponential backoff"]),
        bash(["archkb", "ask", "'adopt circ"], 2, 11, ["adopt circuit breakers for payment calls"]),
        bash(["archkb", "ask", "json", ":", "a"], 4, 1, ["api"]),
        bash(["archkb", "ask", "brew"], 2, 4, ["brewer\\'s"]),
        bash(["archkb", "ask", "circ", "later"], 2, 4, ["circuit"]),
        bash(["archkb", "ask", "sourdough"], 2, 9, []),
        bash(["archkb", "ask", ""], 2, 0, []),
        bash(["archkb", "show", "circ"], 2, 4, ["circuit"]),
        bash(["archkb", "stats", "circ"], 2, 4, []),
        zsh(["archkb", "ask", "circ"], 2, 4, ["circuit"]),
        zsh(["archkb", "ask", "circuit", "br"], 3, 2, ["breaker", "breakers"]),
        zsh(["archkb", "ask", "json:a"], 2, 6, ["json\\:api"]),
        zsh(["archkb", "ask", "brew"], 2, 4, ["brewer's"]),
        zsh(["archkb", "ask", "\"retry pay"], 2, 10, ["retry payment calls with exponential backoff"]),
        zsh(["archkb", "ask", "sourdough"], 2, 9, []),
        fish("3.6.0", ["archkb", "ask", "Circ"], 2, 4, ["Circuit"]),
        fish("3.6.0", ["archkb", "ask", "retry pay"], 2, 10, ["retry payment calls with exponential backoff"]),
        fish("3.6.0", ["archkb", "ask", "brewer's e"], 2, 11, ["brewer's envelope"]),
        fish("3.6.0", ["archkb", "ask", "json:a"], 2, 6, ["json:api"]),
        fish("4.0.2", ["archkb", "ask", "\"brewer's e"], 2, 11, ["brewer's envelope"]),
        fish("4.0.2", ["archkb", "ask", "retry\\ pay"], 2, 10, ["retry payment calls with exponential backoff"]),
        Call(shell: nil, version: nil, words: ["archkb", "ask", "circuit", "b"], index: 3, cursor: 1, expected: ["breaker", "breakers"]),
    ]

    @Test func loneThinClientPrintsWhatTheEngineDoes() throws {
        let rig = try FastPathRig()
        defer { rig.remove() }
        for call in Self.answeredCalls {
            let engine = try rig.engine(call.arguments, shell: call.shell, version: call.version)
            let thin = try rig.loneThin(call.arguments, shell: call.shell, version: call.version)
            #expect(engine.status == 0 && engine.exitedNormally, "engine \(call): \(engine.stderr)")
            #expect(thin.status == 0 && thin.exitedNormally, "thin \(call): \(thin.stderr)")
            #expect(thin.stdout == engine.stdout, "\(call): thin \(thin.stdout.debugDescription), engine \(engine.stdout.debugDescription)")
            #expect(thin.stderr.isEmpty, "\(call): \(thin.stderr)")
            #expect(engine.candidateLines == call.expected, "\(call)")
        }
        #expect(rig.daemon?.isRunning == true, "daemon log: \(rig.daemon?.log ?? "")")
    }

    /// Calls the daemon must not answer, and calls of other shapes: the thin client hands them to
    /// the engine unchanged (same output and status), and the lone copy, which cannot, fails.
    static let engineCalls: [[String]] = [
        QuestionCompletion.callPrefix + ["3", "4", "archkb", "ask", "--no-daemon", "circ"],
        QuestionCompletion.callPrefix + ["4", "4", "archkb", "ask", "--index", "INDEX", "circ"],
        QuestionCompletion.callPrefix + ["3", "4", "archkb", "ask", "--index=INDEX", "circ"],
        QuestionCompletion.callPrefix + ["4", "4", "archkb", "ask", "--socket=/nowhere", "--no-daemon", "circ"],
        QuestionCompletion.callPrefix + ["3", "4", "archkb", "ask", "--socket=/nowhere", "circ"],
        QuestionCompletion.callPrefix + ["0", "0"],
        QuestionCompletion.callPrefix + ["2", "x", "archkb", "ask", "circ"],
        ["---completion", "ask", "--", "--format", "3", "0", "archkb", "ask", "--format", ""],
        ["---completion", "--", "positional@0", "1", "0", "archkb", ""],
        ["---completion", "complete", "--", "positional@0", "2", "4", "archkb", "complete", "circ"],
        ["complete", "circ"],
    ]

    @Test func otherCallsGoToTheEngineUnchanged() throws {
        let rig = try FastPathRig()
        defer { rig.remove() }
        for raw in Self.engineCalls {
            let arguments = raw.map { $0.replacingOccurrences(of: "INDEX", with: rig.box.index) }
            let engine = try rig.engine(arguments, shell: "bash", version: "5.2")
            let thin = try rig.thin(arguments, shell: "bash", version: "5.2")
            #expect(thin.status == engine.status && thin.stdout == engine.stdout && thin.stderr == engine.stderr,
                    "\(arguments): thin \(thin.status) \(thin.stdout.debugDescription) \(thin.stderr), engine \(engine.status) \(engine.stdout.debugDescription) \(engine.stderr)")
            guard arguments.first == "---completion" else { continue }
            let lone = try rig.loneThin(arguments, shell: "bash", version: "5.2")
            #expect(lone.exitedNormally && lone.status == 2 && lone.stdout.isEmpty, "\(arguments) was answered without the engine: \(lone.stdout)")
        }
        // The fallbacks really read the index: --no-daemon and --index find what the daemon would.
        let inProcess = try rig.engine(Self.engineCalls[0], shell: "bash", version: "5.2")
        #expect(inProcess.candidateLines == ["circuit"], "\(inProcess.stdout) \(inProcess.stderr)")
    }

    /// The real shells, with a daemon running and only the lone thin client (behind the
    /// recorder) on PATH: question words still complete, so no engine was needed; and each call
    /// they made gives the same bytes from the engine.
    @Test func realShellsCompleteWithoutTheEngine() throws {
        let rig = try FastPathRig()
        defer { rig.remove() }
        let env = rig.shellEnvironment
        let home = try ShellHome.shared.get()

        #expect(try ShellHome.bashComplete(["archkb", "ask", "circuit", "br"], current: "br", environment: env) == ["breaker", "breakers"])
        #expect(try ShellHome.bashComplete(["archkb", "ask", "json", ":", "a"], current: "a", environment: env) == ["api"])
        #expect(try ShellHome.bashComplete(["archkb", "ask", "brew"], current: "brew", environment: env) == ["brewer's"])

        for (typed, expected) in [("archkb ask circuit br", ["breaker", "breakers"]), ("archkb ask \"brewer's e", ["brewer's envelope"])] {
            let command = "source \(home.script(.fish).shellQuoted); complete -C \(typed.shellQuoted)"
            let r = try home.run(.fish, ["--no-config", "-c", command], environment: env)
            #expect(r.stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) } == expected, "fish \(typed): \(r.stderr)")
        }

        let setup = ["path=(\(rig.recorderDir.shellQuoted) $path)", "export ARCHKB_SOCKET=\(env["ARCHKB_SOCKET", default: ""].shellQuoted)"]
        let zsh = try home.zshTab("archkb ask json:a", extra: setup)
        #expect(zsh.line == "archkb ask json:api ", "zsh after TAB: \(zsh.line.debugDescription) \(zsh.failure)")

        let calls = try rig.recordedCalls()
        #expect(Set(calls.map(\.shell)) == ["bash", "zsh", "fish"], "\(calls)")
        for call in calls {
            let engine = try rig.engine(call.arguments, shell: call.shell, version: call.version)
            let thin = try rig.loneThin(call.arguments, shell: call.shell, version: call.version)
            #expect(thin.status == 0 && thin.stdout == engine.stdout, "\(call): thin \(thin.stdout.debugDescription) \(thin.stderr), engine \(engine.stdout.debugDescription)")
        }
    }

    /// Without a daemon the lone thin client must hand over, cannot, and says so: no candidates,
    /// exit 2, no crash; bash offers nothing and carries on.
    @Test func withoutADaemonTheLoneThinClientFailsGracefully() throws {
        let rig = try FastPathRig(daemon: false)
        defer { rig.remove() }
        let r = try rig.loneThin(QuestionCompletion.callPrefix + ["2", "4", "archkb", "ask", "circ"], shell: "bash", version: "5.2")
        #expect(r.exitedNormally && r.status == 2, "status \(r.status) \(r.reason)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("cannot start"), "\(r.stderr)")
        let got = try ShellHome.bashComplete(["archkb", "ask", "circ"], current: "circ", environment: rig.shellEnvironment)
        #expect(got.isEmpty, "\(got)")
    }
}
