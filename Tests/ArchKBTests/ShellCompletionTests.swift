import Foundation
import Testing

/// Runs the real bash, zsh and fish with the scripts `archkb completion` prints, against the
/// built binary and a fixture index, as the README tells users to install them.
///
/// bash: the registered function is driven with COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT, and
/// an interactive bash (in a zsh/zpty pseudo-terminal) presses TAB for the quoted form and for the
/// bash-completion directory install. zsh: an interactive `zsh -f` in zpty loads `_archkb` from
/// fpath with compinit, presses TAB and records every match (compadd wrapped) and the edited line.
/// fish: `complete -C`. A missing shell fails the test: scripts/setup installs them.
@Suite("shell completion", .enabled(if: ProcessRunner.archkbFound, "archkb executable not found next to the test bundle; build the package first"))
struct ShellCompletionTests {
    // MARK: bash

    @Test func bashRegistersTheCompletionFunction() throws {
        let r = try ShellHome.bash("complete -p archkb")
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("-F _archkb archkb"), "complete -p: \(r.stdout)")
    }

    /// Shell words of the line (the last one being completed), the word bash hands the function
    /// as the current one (unquoted), and candidates expected; `exact` means nothing else.
    @Test(arguments: [
        (["archkb", ""], "", ["ask", "index", "show", "stats", "doctor", "complete", "daemon", "completion", "adr"], false),
        // `adr` starts with "a" too: "a" offers both, "as" and "ad" complete uniquely.
        (["archkb", "a"], "a", ["adr", "ask"], true),
        (["archkb", "as"], "as", ["ask"], true),
        (["archkb", "ad"], "ad", ["adr"], true),
        (["archkb", "adr", ""], "", ["new", "supersede"], false),
        (["archkb", "ask", "--"], "--", ["--limit", "--json", "--format", "--explain", "--no-daemon", "--kind", "--area"], false),
        (["archkb", "ask", "--format", ""], "", ["table", "markdown", "json", "plain", "slack"], true),
        (["archkb", "ask", "circ"], "circ", ["circuit"], true),
        (["archkb", "ask", "Circ"], "Circ", ["Circuit"], true),
        (["archkb", "ask", "circuit", "br"], "br", ["breaker", "breakers"], true),
        (["archkb", "ask", "--limit", "3", "circ"], "circ", ["circuit"], true),
        (["archkb", "ask", "\"retry pay"], "retry pay", ["retry payment calls with exponential backoff"], true),
        (["archkb", "ask", "'adopt circ"], "adopt circ", ["adopt circuit breakers for payment calls"], true),
        (["archkb", "ask", "json", ":", "a"], "a", ["api"], true),
        (["archkb", "ask", "brew"], "brew", ["brewer's"], true),
        (["archkb", "ask", "sourdough"], "sourdough", [], true),
        (["archkb", "show", "circ"], "circ", ["circuit"], true),
        (["archkb", "show", "circuit", "b"], "b", ["breaker"], true),
        (["archkb", "ask", "--kind", ""], "", ["pattern", "technology", "practice", "anti-pattern", "capability"], true),
        (["archkb", "ask", "--kind", "pa"], "pa", ["pattern"], true),
        (["archkb", "ask", "--area", "res"], "res", ["resilience"], true),
        (["archkb", "ask", "--index", "i.sq"], "i.sq", ["i.sqlite"], true),
        (["archkb", "index", "--corpus", "cor"], "cor", ["corpus"], true),
    ])
    func bashCompletes(_ words: [String], _ current: String, _ expected: [String], _ exact: Bool) throws {
        let got = try ShellHome.bashComplete(words, current: current)
        Self.check(got, expected, exact: exact, "bash: \(words.joined(separator: " "))")
    }

    @Test func bashDoesNotOfferAnOptionAlreadyGiven() throws {
        let got = try ShellHome.bashComplete(["archkb", "ask", "--limit", "3", "--json", "--"], current: "--")
        #expect(got.contains("--format"), "\(got)")
        #expect(!got.contains("--limit"), "--limit was given: \(got)")
        #expect(!got.contains("--json"), "--json was given: \(got)")
    }

    @Test(arguments: [
        ("archkb ask circ", "archkb ask circuit "),
        ("archkb ask \"retry pay", "archkb ask \"retry payment calls with exponential backoff\" "),
        ("archkb ask retry\\ pay", "archkb ask retry\\ payment\\ calls\\ with\\ exponential\\ backoff "),
        ("archkb ask brew", "archkb ask brewer\\'s "),
    ])
    func bashReadlineEditsTheLine(_ typed: String, _ expected: String) throws {
        let home = try ShellHome.shared.get()
        let setup = ["PS1='$ '", "source \(home.script(.bash).shellQuoted)"]
        let r = try home.pressTab(in: ["bash", "--norc", "--noprofile", "-i"], setup: setup, typed: typed, lineVariable: "$READLINE_LINE")
        #expect(r.line == expected, "bash after TAB: \(r.line.debugDescription) \(r.failure)")
    }

    /// The README's install: the script in ~/.local/share/bash-completion/completions, loaded on
    /// demand by the bash-completion package.
    @Test func bashLoadsTheScriptFromTheBashCompletionDirectory() throws {
        let home = try ShellHome.shared.get()
        let loader = "/usr/share/bash-completion/bash_completion"
        try #require(FileManager.default.fileExists(atPath: loader), "\(loader) missing: scripts/setup installs bash-completion")
        let dir = home.dir.appendingPathComponent(".local/share/bash-completion/completions")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: dir.appendingPathComponent("archkb"))
        try FileManager.default.copyItem(at: home.script(.bash), to: dir.appendingPathComponent("archkb"))
        let setup = ["PS1='$ '", "source \(loader)"]
        let r = try home.pressTab(in: ["bash", "--norc", "--noprofile", "-i"], setup: setup, typed: "archkb ask circuit br", lineVariable: "$READLINE_LINE")
        #expect(r.line == "archkb ask circuit breaker", "bash after TAB: \(r.line.debugDescription) \(r.failure)")
        let again = try home.pressTab(in: ["bash", "--norc", "--noprofile", "-i"], setup: setup, typed: "archkb ask --li", lineVariable: "$READLINE_LINE")
        #expect(again.line == "archkb ask --limit ", "bash after TAB: \(again.line.debugDescription) \(again.failure)")
    }

    @Test func bashUsesTheDaemonWhenOneRuns() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let daemon = try DaemonProcess(box)
        defer { daemon.kill() }
        // The index named in the environment does not exist: only the daemon can answer.
        let missing = box.dir.appendingPathComponent("missing.sqlite").path
        let got = try ShellHome.bashComplete(["archkb", "ask", "circ"], current: "circ",
                                             environment: ["ARCHKB_SOCKET": daemon.socket, "ARCHKB_INDEX": missing])
        #expect(got == ["circuit"], "\(got); daemon log: \(daemon.log)")
        let without = try ShellHome.bashComplete(["archkb", "ask", "--no-daemon", "circ"], current: "circ",
                                                 environment: ["ARCHKB_SOCKET": daemon.socket, "ARCHKB_INDEX": missing])
        #expect(without.isEmpty, "--no-daemon reads the (missing) index: \(without)")
    }

    // MARK: zsh

    @Test(arguments: [
        ("archkb ", "archkb ", ["ask", "index", "show", "stats", "doctor", "complete", "daemon", "completion"]),
        ("archkb ask --", "archkb ask --", ["--limit", "--json", "--format", "--explain", "--no-daemon"]),
        ("archkb ask --format ", "archkb ask --format ", ["table", "markdown", "json", "plain", "slack"]),
        ("archkb ask circ", "archkb ask circuit ", ["circuit"]),
        ("archkb ask circuit br", "archkb ask circuit breaker", ["breaker", "breakers"]),
        ("archkb ask \"retry pay", "archkb ask \"retry payment calls with exponential backoff\" ", ["retry payment calls with exponential backoff"]),
        ("archkb ask json:a", "archkb ask json:api ", ["json:api"]),
        ("archkb ask brew", "archkb ask brewer\\'s ", ["brewer\\'s"]),
        ("archkb show circ", "archkb show circuit ", ["circuit"]),
        ("archkb ask --kind pat", "archkb ask --kind pattern ", ["pattern"]),
        ("archkb ask --area res", "archkb ask --area resilience ", ["resilience"]),
        ("archkb ask --index i.sq", "archkb ask --index i.sqlite ", ["i.sqlite"]),
    ])
    func zshCompletes(_ typed: String, _ line: String, _ matches: [String]) throws {
        let home = try ShellHome.shared.get()
        let r = try home.zshTab(typed)
        #expect(r.line == line, "zsh after TAB: \(r.line.debugDescription) \(r.failure)")
        for m in matches {
            #expect(r.matches.contains(m), "zsh offered \(r.matches) for \(typed.debugDescription), not \(m)")
        }
    }

    @Test func zshOffersNothingForAnUnknownWord() throws {
        let home = try ShellHome.shared.get()
        let r = try home.zshTab("archkb ask sourdough")
        #expect(r.line == "archkb ask sourdough", "\(r.failure)")
        #expect(r.matches.isEmpty, "\(r.matches)")
    }

    // MARK: fish

    @Test(arguments: [
        ("archkb ", ["ask", "index", "show", "stats", "doctor", "complete", "daemon", "completion"], false),
        ("archkb ask --", ["--limit", "--json", "--format", "--explain", "--no-daemon"], false),
        ("archkb ask --format ", ["table", "markdown", "json", "plain", "slack"], true),
        ("archkb ask circ", ["circuit"], true),
        ("archkb ask Circ", ["Circuit"], true),
        ("archkb ask circuit br", ["breaker", "breakers"], true),
        ("archkb ask \"retry pay", ["retry payment calls with exponential backoff"], true),
        ("archkb ask retry\\ pay", ["retry payment calls with exponential backoff"], true),
        ("archkb ask \"brewer's e", ["brewer's envelope"], true),
        ("archkb ask json:a", ["json:api"], true),
        ("archkb ask sourdough", [], true),
        ("archkb show circ", ["circuit"], true),
        ("archkb ask --kind ", ["pattern", "technology", "practice", "anti-pattern", "capability"], true),
        ("archkb ask --area res", ["resilience"], true),
        ("archkb ask --index i.sq", ["i.sqlite"], true),
        ("archkb index --corpus cor", ["corpus/"], true),
    ])
    func fishCompletes(_ typed: String, _ expected: [String], _ exact: Bool) throws {
        let home = try ShellHome.shared.get()
        let command = "source \(home.script(.fish).shellQuoted); complete -C \(typed.shellQuoted)"
        let r = try home.run(.fish, ["--no-config", "-c", command])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.isEmpty, "fish complained: \(r.stderr)")
        let got = r.stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
        Self.check(got, expected, exact: exact, "fish: \(typed)")
    }

    /// The README's install: ~/.config/fish/completions/archkb.fish, loaded on first use.
    @Test func fishLoadsTheScriptFromItsCompletionsDirectory() throws {
        let home = try ShellHome.shared.get()
        let r = try home.run(.fish, ["-c", "complete -C 'archkb ask circuit br'; complete -C 'archkb ask --li'"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let got = r.stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
        #expect(got == ["breaker", "breakers", "--limit"], "\(got); stderr: \(r.stderr)")
    }

    // MARK: the hook itself

    /// `archkb ---completion` as the scripts call it, for what the shells rarely send: the cursor
    /// inside an earlier word, `--index` typed on the line, and `--` before the question.
    @Test(arguments: [
        (["archkb", "ask", "circ", "later"], 2, 4, ["circuit"]),
        (["archkb", "ask", "--index", "INDEX", "circ"], 4, 4, ["circuit"]),
        (["archkb", "ask", "--index=INDEX", "circ"], 3, 4, ["circuit"]),
        (["archkb", "ask", "--", "circuit", "br"], 4, 2, ["breaker", "breakers"]),
        (["archkb", "ask", "--kind", "pattern", "circuit", ""], 5, 0, ["breaker", "breakers"]),
    ])
    func hookReadsTheCommandLine(_ words: [String], _ index: Int, _ cursor: Int, _ expected: [String]) throws {
        let home = try ShellHome.shared.get()
        let line = words.map { $0.replacingOccurrences(of: "INDEX", with: home.index) }
        var env = home.environment
        env["ARCHKB_INDEX"] = words.contains { $0.contains("INDEX") } ? "" : home.index
        let exe = try #require(ProcessRunner.executable)
        let r = try ProcessRunner.run(exe, ["---completion", "ask", "--", "positional@0", String(index), String(cursor)] + line,
                                      environment: env, directory: home.dir, timeout: 60)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.split(separator: "\n").map(String.init) == expected)
    }

    static func check(_ got: [String], _ expected: [String], exact: Bool, _ label: String) {
        if exact {
            #expect(got.sorted() == expected.sorted(), "\(label)")
        } else {
            for e in expected { #expect(got.contains(e), "\(label): \(e) missing from \(got)") }
        }
    }
}

/// A home for the shells: the fixture corpus plus a card whose name and alias need escaping
/// (`JSON:API`, `Brewer's envelope`), indexed once; the three scripts; an environment in which
/// no daemon, config or rc file of the machine takes part.
struct ShellHome: @unchecked Sendable {
    enum Shell: String, CaseIterable { case bash, zsh, fish }

    let dir: URL
    let index: String
    let binDir: URL

    static let shared: Result<ShellHome, Error> = Result { try ShellHome.make() }

    static let extraCard = """
        ---
        name: JSON:API
        aliases: [Brewer's envelope]
        kind: technology
        area: API Design
        ---
        # JSON:API

        ## What it is
        A specification for JSON APIs with a prescriptive envelope for resources, relationships and errors.

        """

    struct SetupError: Error, CustomStringConvertible { var description: String }

    static func make() throws -> ShellHome {
        guard let exe = ProcessRunner.executable else { throw ProcessRunner.RunnerError.noExecutable }
        let dir = try TempDir("archkb-shell")
        SharedCleanup.register(dir.path)
        let corpus = try dir.copyFixtureCorpus()
        try extraCard.write(to: corpus.appendingPathComponent("cards/json-api.md"), atomically: true, encoding: .utf8)
        let home = ShellHome(dir: dir.url, index: dir.url.appendingPathComponent("i.sqlite").path, binDir: exe.deletingLastPathComponent())
        let built = try ProcessRunner.archkb(["index", "--index", home.index, "--corpus", corpus.path], home: dir.url)
        guard built.status == 0 else { throw SetupError(description: "index: \(built.stderr)") }
        for shell in Shell.allCases {
            let r = try ProcessRunner.archkb(["completion", shell.rawValue], home: dir.url)
            guard r.status == 0, !r.stdout.isEmpty else { throw SetupError(description: "completion \(shell): \(r.stderr)") }
            try r.stdout.write(to: home.script(shell), atomically: true, encoding: .utf8)
        }
        // zsh finds completion functions by file name in fpath; fish autoloads from its config directory.
        let fpath = dir.url.appendingPathComponent("zfunc")
        try FileManager.default.createDirectory(at: fpath, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: home.script(.zsh), to: fpath.appendingPathComponent("_archkb"))
        let fishDir = dir.url.appendingPathComponent(".config/fish/completions")
        try FileManager.default.createDirectory(at: fishDir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: home.script(.fish), to: fishDir.appendingPathComponent("archkb.fish"))
        return home
    }

    func script(_ shell: Shell) -> URL { dir.appendingPathComponent("archkb.\(shell.rawValue)") }

    /// `archkb` first on PATH, the fixture index, a socket no daemon listens on, and HOME and the
    /// XDG directories inside the home.
    var environment: [String: String] {
        var env = ProcessRunner.environment(home: dir)
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        env["PATH"] = binDir.path + ":" + path
        env["ARCHKB_INDEX"] = index
        env["ARCHKB_SOCKET"] = dir.appendingPathComponent("no-daemon.sock").path
        env["HOME"] = dir.path
        env["XDG_DATA_HOME"] = dir.appendingPathComponent(".local/share").path
        env["XDG_CACHE_HOME"] = dir.appendingPathComponent(".cache").path
        env["XDG_RUNTIME_DIR"] = dir.path
        env["BASH_COMPLETION_USER_DIR"] = nil
        env["TERM"] = "xterm"
        env["INPUTRC"] = "/dev/null"
        return env
    }

    /// The shell's executable on PATH, or nil.
    static func find(_ shell: Shell) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(shell.rawValue) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `shell` with `arguments`; a missing shell is an error that says how to install it.
    func run(_ shell: Shell, _ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessResult {
        guard let exe = Self.find(shell) else {
            throw SetupError(description: "\(shell.rawValue) not found on PATH: run scripts/setup (installs bash, zsh and fish)")
        }
        return try ProcessRunner.run(exe, arguments, environment: environment.merging(extra) { $1 }, directory: dir, timeout: 60)
    }

    /// Runs `body` in `bash --norc --noprofile -c` after sourcing the bash script.
    static func bash(_ body: String, environment extra: [String: String] = [:]) throws -> ProcessResult {
        let home = try shared.get()
        return try home.run(.bash, ["--norc", "--noprofile", "-c", "source \(home.script(.bash).shellQuoted) || exit 3\n" + body], environment: extra)
    }

    /// Calls the function `complete -p archkb` names as bash would for `words` with the cursor at
    /// the end of the last one (`current` is that word as bash passes it, unquoted); COMPREPLY.
    static func bashComplete(_ words: [String], current: String, environment extra: [String: String] = [:]) throws -> [String] {
        let body = """
            spec=$(complete -p archkb) || exit 3
            fn=${spec##*-F }; fn=${fn%% *}
            COMP_WORDS=(\(words.map(\.shellQuoted).joined(separator: " ")))
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="${COMP_WORDS[*]}"
            COMP_POINT=${#COMP_LINE}
            COMPREPLY=()
            "$fn" archkb \(current.shellQuoted) "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let r = try bash(body, environment: extra)
        guard r.status == 0 else { throw SetupError(description: "bash exited \(r.status): \(r.stderr)") }
        return r.stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// What an interactive shell shows after TAB: the edited line, and for zsh every match added.
    struct TabResult {
        var line: String
        var matches: [String]
        /// Why nothing came back, when it did not (stderr of the driver).
        var failure: String
    }

    /// Types `typed` and TAB into an interactive shell in a zsh/zpty pseudo-terminal, then a key
    /// (Ctrl-X) whose binding writes the line (`lineVariable`) to a file. `setup` lines run first;
    /// `dumpBinding` replaces the bash `bind -x` used by default. In both, `@OUT@` is the line's
    /// file and `@MATCHES@` a file for matches.
    func pressTab(in command: [String], setup: [String], typed: String, lineVariable: String, dumpBinding: String? = nil) throws -> TabResult {
        let tag = UUID().uuidString.prefix(8)
        let out = dir.appendingPathComponent("tab-\(tag).line").path
        let matches = dir.appendingPathComponent("tab-\(tag).matches").path
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: matches)
        }
        let binding = dumpBinding ?? "bind -x '\"\\C-x\": printf \"%s\" \"\(lineVariable)\" > @OUT@.tmp && mv @OUT@.tmp @OUT@'"
        let lines = (setup + [binding]).map { $0.replacingOccurrences(of: "@MATCHES@", with: matches).replacingOccurrences(of: "@OUT@", with: out) }
        let r = try run(.zsh, ["-f", "-c", Self.zptyDriver, "driver", command.map(\.shellQuoted).joined(separator: " "), out, typed + "\t\u{18}"] + lines)
        let line = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let found = ((try? String(contentsOfFile: matches, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        return TabResult(line: line, matches: found, failure: r.status == 0 ? "" : "driver exited \(r.status): \(r.stderr)")
    }

    /// TAB in an interactive `zsh -f` with `_archkb` autoloaded from fpath (the README's install);
    /// `extra` lines run after the set-up (e.g. to change PATH).
    func zshTab(_ typed: String, extra: [String] = []) throws -> TabResult {
        let fpath = dir.appendingPathComponent("zfunc").path
        let setup = [
            "PS1='> '; fpath=(\(fpath.shellQuoted) $fpath); autoload -Uz compinit; compinit -u -D",
            "zstyle ':completion:*' list-prompt ''",
            // Record every match the completion functions add, then add them as asked.
            "compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"$@\"; return; fi;"
                + " local -a hits; builtin compadd -A hits \"$@\"; print -rl -- \"${hits[@]}\" >> @MATCHES@; builtin compadd \"$@\" }",
        ] + extra
        let dump = "dump() { print -rn -- \"$BUFFER\" > @OUT@.tmp && mv @OUT@.tmp @OUT@ }; zle -N dump; bindkey '^X' dump"
        return try pressTab(in: ["zsh", "-f", "-i"], setup: setup, typed: typed, lineVariable: "$BUFFER", dumpBinding: dump)
    }

    /// Runs `$1` in a zpty pseudo-terminal, sends the lines `$4...`, then the keys `$3`, and waits
    /// (20 s at most) for the file `$2`; the terminal's output is read and dropped meanwhile.
    static let zptyDriver = """
        zmodload zsh/zpty || { print -u2 "zsh/zpty is not available"; exit 3 }
        command=$1 done=$2 keys=$3
        shift 3
        zpty -b session "$command" || { print -u2 "zpty could not start $command"; exit 4 }
        for line in "$@"; do zpty -w session "$line"; done
        zpty -w -n session "$keys"
        for i in {1..400}; do
            [[ -e $done ]] && break
            while zpty -r -t session chunk; do :; done
            sleep 0.05
        done
        zpty -d session
        [[ -e $done ]] || { print -u2 "the shell wrote no line within 20 s"; exit 5 }
        """
}

extension String {
    /// The string in single quotes for sh, bash, zsh and fish.
    var shellQuoted: String { "'" + replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

extension URL {
    var shellQuoted: String { path.shellQuoted }
}
