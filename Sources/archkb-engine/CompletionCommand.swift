import ArgumentParser
import ArchKBClient
import ArchKBDaemon
import ArchKBIndex
import ArchKBQuery
import Foundation

extension CompletionShell: @retroactive ExpressibleByArgument {}

struct Completion: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a shell completion script (bash, zsh or fish) that also completes question words.")

    @Argument(help: "bash, zsh or fish.")
    var shell: CompletionShell

    func run() throws {
        print(CompletionScript.text(for: shell))
    }
}

/// The argument parser's completion scripts, with fixes for what they get wrong.
enum CompletionScript {
    /// The script for `shell`; each fix is checked by the shell completion tests.
    static func text(for shell: CompletionShell) -> String {
        let script = ArchKB.completionScript(for: shell)
        switch shell {
        case .bash:
            // Options already given (`--limit 3`) were looked up among the flags, so bash offered them again.
            return fixRepeatedOptions(script)
        case .fish:
            // fish 3 cannot read the cursor position inside `complete -C`, so question words never
            // completed there; the current token up to the cursor gives the same number.
            return script.replacingOccurrences(of: "(__archkb_tokens -tC)", with: "(__archkb_cursor_index)") + fishCursorIndex
        default:
            return script
        }
    }

    /// Looks up given options among the options, not the flags, in the loop that runs when a
    /// word was not a flag.
    static func fixRepeatedOptions(_ script: String) -> String {
        guard let start = script.range(of: "if \"${not_found}\"; then"),
              let end = script.range(of: "done", range: start.upperBound..<script.endIndex) else { return script }
        let loop = script[start.lowerBound..<end.upperBound].replacingOccurrences(of: "non_repeating_flags", with: "non_repeating_options")
        return script.replacingCharacters(in: start.lowerBound..<end.upperBound, with: loop)
    }

    static let fishCursorIndex = """

        function __archkb_cursor_index
            set -l token (commandline -ct)
            string length -- "$token"
        end
        """
}

/// Question-word candidates for shell completion: from the daemon when it runs, else in process.
///
/// Two forms complete: separate words (`archkb ask cache inv<TAB>` offers `invalidation`) and a
/// quoted phrase (`archkb ask "cache inv<TAB>` offers `cache invalidation`, which the shell
/// closes). Case is ignored; a lowercase word is completed in lowercase.
enum QuestionWords {
    /// The most phrases asked of the completion index; enough that every distinct next word shows.
    static let phraseLimit = 200

    /// Candidates for the shell word at `index` of `words` (the whole command line, verbatim,
    /// quotes included), of which `prefix` is the part before the cursor.
    static func candidates(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let typed = TypedQuestion(words: words, index: index, prefix: prefix, unquoted: shellUnquotes)
        guard !typed.text.isEmpty else { return [] }
        let found = phrases(typed.text, index: typed.indexFlag, socket: typed.socketFlag, useDaemon: typed.useDaemon)
        return typed.shellWords(found).map { escaped($0, for: CompletionShell.requesting) }
    }

    /// True when the requesting shell passes words already unquoted (fish before 4); the other
    /// shells pass them as typed.
    static var shellUnquotes: Bool {
        guard CompletionShell.requesting == .fish,
              let major = CompletionShell.requestingVersion?.split(separator: ".").first.flatMap({ Int($0) }) else { return false }
        return major < 4
    }

    /// Completion phrases for `text`: the daemon's when one answers (and no `--index` or
    /// `--no-daemon` was typed), else from the index, which is never built here.
    static func phrases(_ text: String, index: String?, socket: String?, useDaemon: Bool) -> [String] {
        if useDaemon, let conn = DaemonConnection(path: SocketPath.resolve(flag: socket), timeoutSeconds: 2),
           let line = conn.request("{\"id\":1,\"op\":\"complete\",\"limit\":\(phraseLimit),\"prefix\":\(MiniJSON.quote(text))}"),
           let list = MiniJSON.parse(line)?["result"]?["candidates"]?.array {
            return list.compactMap(\.string)
        }
        guard let session = try? IndexSession.open(Workspace.resolve(indexFlag: index), autoBuild: false, log: { _ in }) else { return [] }
        return CompletionIndex(reader: session.reader).complete(text, limit: phraseLimit)
    }

    /// Protects what the generated scripts would otherwise mangle: zsh's `_describe` splits
    /// candidates at colons (`JSON:API`), and bash's `compgen -W` removes quotes and backslashes
    /// (`Brewer's theorem`).
    static func escaped(_ candidate: String, for shell: CompletionShell?) -> String {
        let special: String
        switch shell {
        case .zsh?: special = "\\:"
        case .bash?: special = "\\'\"`$"
        default: return candidate
        }
        var out = ""
        for ch in candidate {
            if special.contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}

/// The question typed so far on an `archkb ask` command line, read from the shell's words.
struct TypedQuestion {
    /// Options of `ask` that take a value.
    static let valueOptions: Set<String> = ["--index", "--socket", "--limit", "--format", "--ranker", "--kind", "--area"]

    /// The question before the current word, without quotes, in single-spaced lowercase.
    var head = ""
    /// The current word up to the cursor, without quotes, as typed.
    var current = ""
    /// True when bash split the current word off at a colon (`json:a` arrives as `json`, `:`, `a`).
    var glued = false
    /// True when the current word is a phrase (an open quote, or an escaped or quoted space):
    /// candidates then run to the end of the phrase instead of the end of the next word.
    var isPhrase = false
    var indexFlag: String?
    var socketFlag: String?
    var useDaemon = true

    /// Reads `words` as typed, or as plain text when the shell already removed quotes (`unquoted`).
    init(words: [String], index: Int, prefix: String, unquoted: Bool = false) {
        let dequote: (String) -> (text: String, open: Character?) = unquoted ? { ($0, nil) } : Self.dequote
        guard index >= 0, index <= words.count else { return }
        // The argument parser takes the prefix from the last word; it is the current one's only
        // when the cursor is in the last word.
        let raw = index == words.count - 1 ? prefix : (index < words.count ? words[index] : "")
        var seenAsk = false
        var optionsEnded = false
        var pending: String?
        var question: [String] = []
        for word in words[..<index].dropFirst() {
            let w = dequote(word).text
            if !seenAsk { seenAsk = w == "ask"; continue }
            if let option = pending {
                set(option, w)
                pending = nil
            } else if w == ":" || glued {
                // bash's COMP_WORDBREAKS splits words at colons; join them back.
                glued = w == ":"
                if question.isEmpty { question.append(w) } else { question[question.count - 1] += w }
            } else if optionsEnded || !w.hasPrefix("-") || w == "-" {
                question.append(w)
            } else if w == "--" {
                optionsEnded = true
            } else if let eq = w.firstIndex(of: "=") {
                set(String(w[..<eq]), String(w[w.index(after: eq)...]))
            } else if Self.valueOptions.contains(w) {
                pending = w
            } else if w == "--no-daemon" {
                useDaemon = false
            }
        }
        guard seenAsk, pending == nil else { return }
        let word = dequote(raw)
        head = Self.collapse(question.joined(separator: " ")).lowercased()
        current = word.text
        isPhrase = word.open != nil || word.text.contains { $0.isWhitespace }
        if indexFlag != nil && socketFlag == nil { useDaemon = false }
    }

    private mutating func set(_ option: String, _ value: String) {
        if option == "--index" { indexFlag = value }
        if option == "--socket" { socketFlag = value }
        if option == "--no-daemon" { useDaemon = false }
    }

    /// The current word with single spaces, lowercased, keeping one trailing space.
    var currentText: String { Self.collapse(current).lowercased() }

    /// What the completion index is asked: the question so far, single-spaced and lowercased;
    /// ends in a space when the current word is empty (so `circuit ` finds `circuit breaker`).
    var text: String {
        let cur = currentText
        if head.isEmpty { return cur }
        return head + (glued ? "" : " ") + cur
    }

    /// The shell candidates for the current word from completion phrases: the phrase from the
    /// current word to the end of that word (or of the phrase), keeping what was typed as typed.
    func shellWords(_ phrases: [String]) -> [String] {
        let typed = text
        let offset = typed.count - currentText.count
        let lowercase = !current.contains { $0.isUppercase }
        var out: [String] = []
        var seen = Set<String>()
        for phrase in phrases {
            guard let rest = Self.remainder(of: phrase, matching: typed, from: offset) else { continue }
            var word = isPhrase ? rest : String(rest.prefix { $0 != " " })
            if lowercase { word = word.lowercased() }
            // Keep the user's spelling of what was typed; shells filter candidates by it.
            if word.lowercased().hasPrefix(current.lowercased()) { word = current + word.dropFirst(current.count) }
            if !word.isEmpty, seen.insert(word).inserted { out.append(word) }
        }
        return out
    }

    /// `phrase` from character `offset` of its first run of words that starts with `typed`
    /// (case-insensitive), or nil when no run does.
    static func remainder(of phrase: String, matching typed: String, from offset: Int) -> String? {
        let words = phrase.split(separator: " ").map(String.init)
        for start in words.indices {
            let run = words[start...].joined(separator: " ")
            let lower = run.lowercased()
            guard lower.count == run.count, lower.hasPrefix(typed), offset < run.count else { continue }
            return String(run.dropFirst(offset))
        }
        return nil
    }

    /// Whitespace runs as single spaces, without leading space; one trailing space is kept.
    static func collapse(_ s: String) -> String {
        let words = s.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return "" }
        return words.joined(separator: " ") + (s.last?.isWhitespace == true ? " " : "")
    }

    /// A shell word without quotes and backslash escapes, and the quote left open at its end.
    static func dequote(_ word: String) -> (text: String, open: Character?) {
        var text = ""
        var quote: Character?
        var escaping = false
        for ch in word {
            if escaping {
                // Inside double quotes a backslash escapes only these; elsewhere it stays.
                if quote == "\"" && !"\"\\$`".contains(ch) { text.append("\\") }
                text.append(ch)
                escaping = false
            } else if quote == "'" {
                if ch == "'" { quote = nil } else { text.append(ch) }
            } else if ch == "\\" {
                escaping = true
            } else if let q = quote {
                if ch == q { quote = nil } else { text.append(ch) }
            } else if ch == "'" || ch == "\"" {
                quote = ch
            } else {
                text.append(ch)
            }
        }
        return (text, quote)
    }
}
