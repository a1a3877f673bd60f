import ArchKBCorpus
import ArchKBIndex

/// A user's question, reduced to the words and terms the indexes are searched with.
public struct Question: Sendable {
    /// At most this many words are used; longer input is cut (and the answer says so).
    public static let maxWords = 64

    public var raw: String
    public var words: [String]
    public var contentWords: [String]
    /// Query vector terms with weights: typed terms 1, thesaurus expansions `Thesaurus.expansionWeight`.
    public var terms: [String: Double]
    /// Thesaurus phrases added to the question.
    public var expansions: [[String]]
    /// ADRs the question names directly: numbers ("ADR-0012", "adr 12", "0012") and file names.
    public var adrNumbers: [Int]
    public var adrFiles: [String]
    public var truncated: Bool

    /// - Parameter compounds: words to read as two ("realtime" → "real time"; see `Searcher.compoundSplits`).
    public init(_ raw: String, thesaurus: Thesaurus, compounds: [String: [String]] = [:]) {
        self.raw = raw
        var ws = Tokenizer.words(raw)
        if !compounds.isEmpty { ws = ws.flatMap { compounds[$0] ?? [$0] } }
        truncated = ws.count > Question.maxWords
        if truncated { ws = Array(ws.prefix(Question.maxWords)) }
        words = ws
        contentWords = ws.filter { !Stopwords.contains($0) }
        expansions = thesaurus.expansions(of: ws)
        var terms: [String: Double] = [:]
        for t in Tokenizer.termCounts(ws.joined(separator: " ")).keys { terms[t] = 1 }
        for phrase in expansions {
            for t in Tokenizer.termCounts(phrase.joined(separator: " ")).keys where terms[t] == nil {
                terms[t] = Thesaurus.expansionWeight
            }
        }
        self.terms = terms
        (adrNumbers, adrFiles) = Question.adrReferences(raw: raw, words: ws)
    }

    /// The FTS5 phrases searched for: every content word and expansion phrase, quoted.
    ///
    /// Words come from the tokenizer (letters and digits only), so quoting them is safe; no part
    /// of the user's text reaches FTS5 syntax.
    public var ftsPhrases: [String] {
        var parts: [String] = []
        var seen = Set<String>()
        func quoted(_ ws: [String]) -> String? {
            let clean = ws.map { $0.filter { $0.isLetter || $0.isNumber } }.filter { !$0.isEmpty }
            guard !clean.isEmpty else { return nil }
            return "\"" + clean.joined(separator: " ") + "\""
        }
        for w in contentWords { if let q = quoted([w]), seen.insert(q).inserted { parts.append(q) } }
        for p in expansions {
            let content = p.filter { !Stopwords.contains($0) }
            if let q = quoted(content), seen.insert(q).inserted { parts.append(q) }
        }
        return parts
    }

    static func adrReferences(raw: String, words: [String]) -> ([Int], [String]) {
        var numbers: [Int] = []
        var files: [String] = []
        for (i, w) in words.enumerated() {
            if w == "adr" || w == "adrs", i + 1 < words.count, let n = Int(words[i + 1]), n < 1_000_000 {
                numbers.append(n)
            } else if w.hasPrefix("adr"), let n = Int(w.dropFirst(3)), n < 1_000_000 {
                numbers.append(n)
            } else if w.count >= 3, w.count <= 6, w.allSatisfy(\.isNumber), w.hasPrefix("0"), let n = Int(w) {
                numbers.append(n)
            }
        }
        for token in raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let t = token.lowercased()
            if t.hasSuffix(".md") || t.hasSuffix(".rst") {
                files.append(t.split(separator: "/").last.map(String.init) ?? t)
            }
        }
        return (numbers, files)
    }
}
