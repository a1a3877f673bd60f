import ArchKBCore

/// Shell completion of question words for `archkb ask`, shared by `archkb-engine` and the thin
/// `archkb`.
///
/// Two forms complete: separate words (`archkb ask cache inv<TAB>` offers `invalidation`) and a
/// quoted phrase (`archkb ask "cache inv<TAB>` offers `cache invalidation`, which the shell
/// closes). Case is ignored; a lowercase word is completed in lowercase.
///
/// The scripts `archkb completion bash|zsh|fish` prints call
/// `archkb ---completion ask -- positional@0 <word index> <cursor index in word> <shell words…>`.
/// `archkb-engine` answers through the argument parser's custom completion (from the daemon, else
/// from the index); the thin `archkb` answers the same call itself when the daemon does
/// (`daemonAnswer(to:)`), printing the same bytes, and leaves every other case to the engine.
public enum QuestionCompletion {
    /// The most phrases asked of the completion index; enough that every distinct next word shows.
    public static let phraseLimit = 200

    /// The arguments before the shell words in the scripts' call for the question of `ask`.
    public static let callPrefix = ["---completion", "ask", "--", "positional@0"]

    /// Shell candidates for the shell word at `index` of `words` (the whole command line as the
    /// shell passes it), of which `prefix` is the part before the cursor, for `shell`.
    ///
    /// `phrases` turns the typed question into completion phrases; nil from it gives nil (no
    /// answer here). An empty question has no candidates and asks nothing.
    public static func candidates(_ words: [String], _ index: Int, _ prefix: String, shell: RequestingShell?,
                                  version: String? = RequestingShell.currentVersion,
                                  phrases: (TypedQuestion) -> [String]?) -> [String]? {
        let unquoted = shell?.unquotesWords(version: version) ?? false
        let typed = TypedQuestion(words: words, index: index, prefix: prefix, unquoted: unquoted)
        guard !typed.text.isEmpty else { return [] }
        guard let found = phrases(typed) else { return nil }
        return typed.shellWords(found).map { shell?.escaped($0) ?? $0 }
    }

    /// The daemon's completion phrases for `typed`, or nil when the index must answer instead:
    /// `--no-daemon` or `--index` (without `--socket`) on the line, no daemon listening, or an
    /// error response (a daemon of another release answers `version_mismatch`).
    public static func daemonPhrases(_ typed: TypedQuestion) -> [String]? {
        guard typed.useDaemon,
              let connection = DaemonConnection(path: SocketPath.resolve(flag: typed.socketFlag), timeoutSeconds: 2) else { return nil }
        let request = "{\"id\":1,\"op\":\"complete\",\"client_version\":\(MiniJSON.quote(Release.version)),"
            + "\"limit\":\(phraseLimit),\"prefix\":\(MiniJSON.quote(typed.text))}"
        guard let line = connection.request(request), let response = MiniJSON.parse(line), response["ok"]?.bool == true,
              let list = response["result"]?["candidates"]?.array else { return nil }
        return list.compactMap(\.string)
    }

    /// The shell words, word index and prefix of `arguments` when they are exactly the scripts'
    /// call for the question of `ask` with at least one shell word and a cursor index of 0 or
    /// more; nil for anything else (other arguments, options, malformed calls).
    ///
    /// The prefix is the last word up to the cursor index, as the argument parser takes it.
    public static func call(_ arguments: [String]) -> (words: [String], index: Int, prefix: String)? {
        let head = callPrefix.count
        guard arguments.count > head + 2, Array(arguments[..<head]) == callPrefix,
              let index = Int(arguments[head]), let cursor = Int(arguments[head + 1]), cursor >= 0 else { return nil }
        let words = Array(arguments[(head + 2)...])
        let prefix = words.last.map { String($0.prefix(cursor)) } ?? ""
        return (words, index, prefix)
    }

    /// What `archkb-engine` prints for `arguments`, answered from a running daemon without it;
    /// nil when `arguments` are not the scripts' call for the question of `ask` or the daemon
    /// cannot answer (then the engine must).
    public static func daemonAnswer(to arguments: [String], shell: RequestingShell? = RequestingShell.current,
                                    version: String? = RequestingShell.currentVersion) -> String? {
        guard let call = call(arguments),
              let found = candidates(call.words, call.index, call.prefix, shell: shell, version: version, phrases: daemonPhrases) else { return nil }
        return RequestingShell.output(found, for: shell)
    }
}

/// The shell that asks for completions, as the generated completion scripts name it.
///
/// The scripts `archkb completion bash|zsh|fish` prints export `SAP_SHELL` (`bash`, `zsh` or
/// `fish`) and `SAP_SHELL_VERSION` (`5.2.21`, `5.9`, `3.7.1`) before they call
/// `archkb ---completion …`. swift-argument-parser's `CompletionShell.requesting` and
/// `requestingVersion` read the same two variables; this enum needs only the standard library and
/// the C library, so the thin `archkb` can answer question-word completion without the parser.
public enum RequestingShell: String, Sendable, CaseIterable {
    case bash, zsh, fish

    /// The shell `SAP_SHELL` names, or nil (not called by a completion script, or another shell).
    public static var current: RequestingShell? {
        SocketPath.environment("SAP_SHELL").flatMap(RequestingShell.init(rawValue:))
    }

    /// `SAP_SHELL_VERSION` as the script set it, or nil.
    public static var currentVersion: String? { SocketPath.environment("SAP_SHELL_VERSION") }

    /// True when this shell, at `version`, passes the command line's words already unquoted:
    /// fish before 4 (`commandline -o`). bash, zsh and fish 4 pass them as typed.
    public func unquotesWords(version: String?) -> Bool {
        guard self == .fish, let major = version?.split(separator: ".").first.flatMap({ Int($0) }) else { return false }
        return major < 4
    }

    /// Protects what the generated scripts would otherwise mangle: zsh's `_describe` splits
    /// candidates at colons (`JSON:API`), and bash's `compgen -W` removes quotes and backslashes
    /// (`Brewer's theorem`). fish takes candidates as they are.
    public func escaped(_ candidate: String) -> String {
        let special: String
        switch self {
        case .zsh: special = "\\:"
        case .bash: special = "\\'\"`$"
        case .fish: return candidate
        }
        var out = ""
        for ch in candidate {
            if special.contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// What a custom-completion call prints for `candidates`, byte for byte as
    /// swift-argument-parser prints it: one candidate a line, and for zsh a last line holding a
    /// single space (its scripts drop that line; it keeps a trailing empty candidate alive).
    public static func output(_ candidates: [String], for shell: RequestingShell?) -> String {
        var lines = candidates
        if shell == .zsh { lines.append(" ") }
        return lines.joined(separator: "\n") + "\n"
    }
}
