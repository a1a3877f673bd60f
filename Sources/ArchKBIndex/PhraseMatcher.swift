import ArchKBCorpus

/// Finds entity names and aliases inside text, longest phrase first.
///
/// Short one-word names (≤ 3 letters, such as Go or SSE) only match when written with the same
/// capitalisation as the card, so "we go with Kafka" does not cite the Go language.
public struct PhraseMatcher: Sendable {
    struct Entry: Sendable {
        var words: [String]
        var original: String
        var entity: Int
        var caseSensitive: Bool
    }

    private var byFirstWord: [String: [Entry]] = [:]

    public init() {}

    /// Registers `phrase` as a name of `entity`.
    public mutating func add(_ phrase: String, entity: Int, exactCaseForShortNames: Bool = true) {
        let words = Tokenizer.words(phrase).map(Tokenizer.stem)
        guard !words.isEmpty else { return }
        let short = exactCaseForShortNames && words.count == 1 && Tokenizer.words(phrase)[0].count <= 3
        let entry = Entry(words: words, original: phrase.trimmed, entity: entity, caseSensitive: short)
        byFirstWord[words[0], default: []].append(entry)
        byFirstWord[words[0]]?.sort { $0.words.count > $1.words.count }
    }

    /// Entity ids named in `text`, in order of first mention, each once.
    public func entities(in text: String) -> [Int] {
        matches(in: text).map(\.entity)
    }

    /// Matches with the phrase's word span, in order, non-overlapping, longest first at each position.
    public func matches(in text: String) -> [(entity: Int, start: Int, length: Int)] {
        // Compared stem by stem, so "circuit breakers" names Circuit Breaker.
        let words = Tokenizer.words(text).map(Tokenizer.stem)
        let originals = PhraseMatcher.originalWords(text)
        var out: [(Int, Int, Int)] = []
        var seen = Set<Int>()
        var i = 0
        while i < words.count {
            var advanced = false
            if let candidates = byFirstWord[words[i]] {
                for c in candidates where i + c.words.count <= words.count && Array(words[i..<(i + c.words.count)]) == c.words {
                    if c.caseSensitive, i < originals.count, originals[i] != c.original { continue }
                    if seen.insert(c.entity).inserted { out.append((c.entity, i, c.words.count)) }
                    i += c.words.count
                    advanced = true
                    break
                }
            }
            if !advanced { i += 1 }
        }
        return out
    }

    /// Words with their original capitalisation, aligned with `Tokenizer.words`.
    static func originalWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ((scalar == "+" || scalar == "#") && !current.isEmpty) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { w in
            if w.lowercased() == "c++" || w.lowercased() == "c#" { return w }
            var t = w
            while let l = t.last, l == "+" || l == "#" { t.removeLast() }
            return t
        }.filter { !$0.isEmpty && $0.utf8.count <= 40 }
    }
}
