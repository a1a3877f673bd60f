import ArchKBIndex

extension Searcher {
    /// Words of the question the index has never seen that read as two words it has seen together:
    /// "realtime" → "real time", "loadbalancer" → "load balancer", "ratelimit" → "rate limit".
    ///
    /// A split is taken only when both halves (at least `minimumCompoundPart` letters each) are indexed
    /// and the index holds them as a bigram, so a word is split only into a phrase the knowledge uses.
    func compoundSplits(_ text: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for w in Set(Tokenizer.words(text)) where w.count >= 2 * Searcher.minimumCompoundPart && !Stopwords.contains(w) && w.allSatisfy(\.isLetter) {
            guard !indexed(Tokenizer.stem(w)) else { continue }
            let letters = Array(w)
            for cut in Searcher.minimumCompoundPart...(letters.count - Searcher.minimumCompoundPart) {
                let head = String(letters[..<cut]), tail = String(letters[cut...])
                let (a, b) = (Tokenizer.stem(head), Tokenizer.stem(tail))
                if indexed(a) && indexed(b) && indexed(a + "_" + b) {
                    out[w] = [head, tail]
                    break
                }
            }
        }
        return out
    }

    /// Shortest half of a compound word `compoundSplits` reads as two.
    static let minimumCompoundPart = 3

    private func indexed(_ term: String) -> Bool {
        ((try? reader.inverseDocumentFrequency(term)) ?? nil) != nil
    }
}
