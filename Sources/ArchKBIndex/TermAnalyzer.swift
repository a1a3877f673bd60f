/// Tokenizes texts once into what the index stores per unit: the vector terms with their counts
/// (as ids into its own vocabulary) and the distinct stems that coverage checks at query time.
///
/// Each distinct word is stemmed once and remembered with its stopword flag, so a section costs
/// one dictionary lookup per word. An analyzer is not shared between threads: an index build runs
/// one per worker and merges their vocabularies (`TermVocabulary`).
struct TermAnalyzer {
    /// Lowercase word → its unigram term id, or -1 for a stopword.
    private var wordIds: [String: Int32] = [:]
    /// Stem → unigram term id.
    private var stemIds: [String: Int32] = [:]
    /// (first unigram id, second unigram id) → bigram term id.
    private var bigramIds: [UInt64: Int32] = [:]
    /// Term id → term text (a stem, or `stem_stem` for a bigram).
    private(set) var terms: [String] = []
    /// Term id → whether it is a unigram (a stem).
    private var isStem: [Bool] = []
    private var scratch: [Int32] = []

    /// One analysed text: its vector terms and counts (sorted by term id) and its stem set.
    struct Analysis: Sendable {
        var terms: [Int32]
        var counts: [Int32]
        /// The distinct stems, sorted and space-separated (what `IndexWriter.stemSet` returns).
        var stemSet: String
    }

    /// The terms (unigram stems plus bigrams of adjacent content words) of `text` and its stem set,
    /// the same as `Tokenizer.termCounts` and `IndexWriter.stemSet` give.
    mutating func analyze(_ text: String) -> Analysis {
        scratch.removeAll(keepingCapacity: true)
        var previous: Int32 = -1
        for w in Tokenizer.words(text) {
            let id = wordId(w)
            guard id >= 0 else { previous = -1; continue }
            scratch.append(id)
            if previous >= 0 { scratch.append(bigramId(previous, id)) }
            previous = id
        }
        scratch.sort()
        var terms: [Int32] = []
        var counts: [Int32] = []
        var stems: [String] = []
        var i = 0
        while i < scratch.count {
            let t = scratch[i]
            var j = i + 1
            while j < scratch.count && scratch[j] == t { j += 1 }
            terms.append(t)
            counts.append(Int32(j - i))
            if isStem[Int(t)] { stems.append(self.terms[Int(t)]) }
            i = j
        }
        stems.sort()
        return Analysis(terms: terms, counts: counts, stemSet: stems.joined(separator: " "))
    }

    private mutating func wordId(_ w: String) -> Int32 {
        if let id = wordIds[w] { return id }
        let id = Stopwords.contains(w) ? -1 : intern(stem: Tokenizer.stem(w))
        wordIds[w] = id
        return id
    }

    private mutating func intern(stem: String) -> Int32 {
        if let id = stemIds[stem] { return id }
        let id = Int32(terms.count)
        terms.append(stem)
        isStem.append(true)
        stemIds[stem] = id
        return id
    }

    private mutating func bigramId(_ a: Int32, _ b: Int32) -> Int32 {
        let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        if let id = bigramIds[key] { return id }
        let id = Int32(terms.count)
        terms.append(terms[Int(a)] + "_" + terms[Int(b)])
        isStem.append(false)
        bigramIds[key] = id
        return id
    }
}

/// Analyses texts chunk by chunk on all cores into one vocabulary, so that an index build holds
/// one chunk's analyses at a time (peak memory) rather than every section's.
///
/// Term ids are provisional (first seen, first numbered); `canonicalOrder()` gives the ranks of
/// the terms sorted by text, so the stored index does not depend on the core count or chunking.
struct TermVocabulary {
    /// Provisional term id → term text.
    private(set) var terms: [String] = []
    private var ids: [String: Int32] = [:]

    /// The analyses of `count` texts (`text(i)` for i in 0..<count), term ids into `terms`.
    mutating func analyze(count: Int, _ text: @Sendable (Int) -> String) -> [TermAnalyzer.Analysis] {
        let workers = max(1, min(ParallelWork.cores, count / 256))
        let parts = ParallelWork.map(count: workers) { w -> ([String], [TermAnalyzer.Analysis]) in
            var analyzer = TermAnalyzer()
            let out = ParallelWork.slice(w, of: workers, total: count).map { analyzer.analyze(text($0)) }
            return (analyzer.terms, out)
        }
        var analyses: [TermAnalyzer.Analysis] = []
        analyses.reserveCapacity(count)
        for (local, part) in parts {
            let remap = local.map { intern($0) }
            for var a in part {
                a.terms = a.terms.map { remap[Int($0)] }
                analyses.append(a)
            }
        }
        return analyses
    }

    mutating func intern(_ term: String) -> Int32 {
        if let id = ids[term] { return id }
        let id = Int32(terms.count)
        terms.append(term)
        ids[term] = id
        return id
    }

    /// The terms sorted by text, and each provisional id's rank in that order.
    func canonicalOrder() -> (sorted: [String], rank: [Int32]) {
        let order = terms.indices.sorted { terms[$0] < terms[$1] }
        var rank = [Int32](repeating: 0, count: terms.count)
        for (r, id) in order.enumerated() { rank[id] = Int32(r) }
        return (order.map { terms[$0] }, rank)
    }
}
