import ArchKBCorpus

/// Finds entity names and aliases inside text, longest phrase first.
///
/// Short one-word names (≤ 3 letters, such as Go or SSE) only match when written with the same
/// capitalisation as the card, so "we go with Kafka" does not cite the Go language.
public struct PhraseMatcher: Sendable {
    struct Entry: Sendable {
        var words: [String]
        /// The phrase's words before stemming, to prefer an exact spelling among equal stems.
        var plain: [String]
        var original: String
        var entity: Int
        var caseSensitive: Bool
        /// Registration order: the tie-break among phrases of equal length.
        var order: Int
    }

    var byFirstWord: [String: [Entry]] = [:]
    var added = 0
    /// Every stem of every registered phrase.
    public internal(set) var stems = Set<String>()

    public init() {}

    /// Registers `phrase` as a name of `entity`.
    public mutating func add(_ phrase: String, entity: Int, exactCaseForShortNames: Bool = true) {
        let plain = Tokenizer.words(phrase)
        let words = plain.map(Tokenizer.stem)
        guard !words.isEmpty else { return }
        let short = exactCaseForShortNames && words.count == 1 && plain[0].count <= 3
        let entry = Entry(words: words, plain: plain, original: phrase.trimmed, entity: entity, caseSensitive: short, order: added)
        added += 1
        stems.formUnion(words)
        byFirstWord[words[0], default: []].append(entry)
        byFirstWord[words[0]]?.sort { $0.words.count > $1.words.count || ($0.words.count == $1.words.count && $0.order < $1.order) }
    }

    /// Stem → how many distinct entities have a registered name containing it, derived from the
    /// phrases already stemmed for matching.
    public func entityCountsByStem() -> [String: Int] {
        var entities: [String: Set<Int>] = [:]
        for entries in byFirstWord.values {
            for e in entries { for w in e.words { entities[w, default: []].insert(e.entity) } }
        }
        return entities.mapValues(\.count)
    }

    /// Entity ids named in `text`, in order of first mention, each once.
    public func entities(in text: String) -> [Int] {
        matches(in: text).map(\.entity)
    }

    /// Matches with the phrase's word span, in order, non-overlapping, longest first at each position.
    public func matches(in text: String) -> [(entity: Int, start: Int, length: Int)] {
        // Compared stem by stem, so "circuit breakers" names Circuit Breaker.
        let plain = Tokenizer.words(text)
        return matches(plain: plain, stems: plain.map(Tokenizer.stem), originals: Tokenizer.words(text, keepingCase: true))
    }

    /// `matches(in:)` over a text already split: its lowercase words, their stems and its words as written.
    func matches(plain: [String], stems words: [String], originals: [String]) -> [(entity: Int, start: Int, length: Int)] {
        var out: [(Int, Int, Int)] = []
        var seen = Set<Int>()
        var i = 0
        while i < words.count {
            var advanced = false
            if let candidates = byFirstWord[words[i]] {
                let fitting = candidates.filter { c in
                    i + c.words.count <= words.count && Array(words[i..<(i + c.words.count)]) == c.words
                        && !(c.caseSensitive && i < originals.count && originals[i] != c.original)
                }
                if let longest = fitting.first {
                    // Equal stems, different names ("docker" vs "dockerizing"): the exact spelling wins.
                    let n = longest.words.count
                    let c = fitting.prefix { $0.words.count == n }.first { Array(plain[i..<(i + n)]) == $0.plain } ?? longest
                    if seen.insert(c.entity).inserted { out.append((c.entity, i, n)) }
                    i += n
                    advanced = true
                }
            }
            if !advanced { i += 1 }
        }
        return out
    }
}
