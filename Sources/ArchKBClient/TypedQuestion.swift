/// The question typed so far on an `archkb ask` command line (or the name on an `archkb show`
/// line), read from the shell's words.
///
/// Standard library only: `archkb-engine` (through the argument parser's custom completion) and
/// the thin `archkb` (answering the completion scripts' call itself) read the words the same way.
public struct TypedQuestion: Sendable {
    /// Options of `ask` that take a value.
    public static let valueOptions: Set<String> = ["--index", "--socket", "--limit", "--format", "--ranker", "--kind", "--area", "--color", "--model"]

    /// The question before the current word, without quotes, in single-spaced lowercase.
    public var head = ""
    /// The current word up to the cursor, without quotes, as typed.
    public var current = ""
    /// True when bash split the current word off at a colon (`json:a` arrives as `json`, `:`, `a`).
    public var glued = false
    /// True when the current word is a phrase (an open quote, or an escaped or quoted space):
    /// candidates then run to the end of the phrase instead of the end of the next word.
    public var isPhrase = false
    /// The value of `--index` on the line, if any.
    public var indexFlag: String?
    /// The value of `--socket` on the line, if any.
    public var socketFlag: String?
    /// False when `--no-daemon`, or `--index` without `--socket`, asks for the index itself.
    public var useDaemon = true

    /// Reads `words` as typed, or as plain text when the shell already removed quotes (`unquoted`).
    public init(words: [String], index: Int, prefix: String, unquoted: Bool = false) {
        func dequote(_ word: String) -> (text: String, open: Character?) { unquoted ? (word, nil) : Self.dequote(word) }
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
            if !seenAsk { seenAsk = w == "ask" || w == "show"; continue }
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
    public var currentText: String { Self.collapse(current).lowercased() }

    /// What the completion index is asked: the question so far, single-spaced and lowercased;
    /// ends in a space when the current word is empty (so `circuit ` finds `circuit breaker`).
    public var text: String {
        let cur = currentText
        if head.isEmpty { return cur }
        return head + (glued ? "" : " ") + cur
    }

    /// The shell candidates for the current word from completion phrases: the phrase from the
    /// current word to the end of that word (or of the phrase), keeping what was typed as typed.
    public func shellWords(_ phrases: [String]) -> [String] {
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
    public static func remainder(of phrase: String, matching typed: String, from offset: Int) -> String? {
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
    public static func collapse(_ s: String) -> String {
        let words = s.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return "" }
        return words.joined(separator: " ") + (s.last?.isWhitespace == true ? " " : "")
    }

    /// A shell word without quotes and backslash escapes, and the quote left open at its end.
    public static func dequote(_ word: String) -> (text: String, open: Character?) {
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
