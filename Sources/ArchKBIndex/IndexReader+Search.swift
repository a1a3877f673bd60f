import ArchKBCorpus

extension IndexReader {
    /// Runs an FTS5 query built by the caller from tokens (never raw user text).
    /// Returns (section id, bm25) with bm25 as FTS5 gives it (more negative is better).
    public func fullTextSearch(pattern: String, limit: Int) throws -> [(section: Int, bm25: Double)] {
        guard !pattern.isEmpty else { return [] }
        ftsStatement.bind([.text(pattern), .int(Int64(limit))])
        var out: [(Int, Double)] = []
        while try ftsStatement.step() { out.append((Int(ftsStatement.int(0)), ftsStatement.double(1))) }
        return out
    }

    /// Full-text search for OR-ed phrases, ranked by FTS5's bm25 and assembled from per-phrase results.
    ///
    /// FTS5's bm25 is a sum over the query's phrases (checked against FTS5 itself in the tests):
    ///
    ///     bm25(p₁ OR … OR pₙ, s) = Σᵢ bm25(pᵢ, s)
    /// so each phrase's result list is read from FTS5 once, kept, and summed here. A long-lived
    /// reader (the daemon's) then pays FTS5 only for phrases it has not seen. A phrase's list holds
    /// its best `phraseHitCap` sections in FTS5's bm25 order, so a common word costs the same at
    /// 100k sections as at 5k; the sum equals FTS5's own while no phrase matches more sections
    /// than that (the bundled corpus has fewer sections in all).
    /// `phrases` are FTS5 phrase strings built by the caller from tokens (never raw user text).
    public func fullTextSearch(phrases: [String], limit: Int) throws -> [(section: Int, bm25: Double)] {
        // Summed in a dense array by section, then only the best `limit` are ordered.
        var totals = [Double](repeating: 0, count: sections.count)
        var seen = [Bool](repeating: false, count: sections.count)
        var touched: [Int] = []
        for phrase in IndexReader.distinct(phrases) {
            for (section, score) in try phraseHits(phrase) {
                let s = Int(section)
                if !seen[s] { seen[s] = true; touched.append(s) }
                totals[s] += score
            }
        }
        return TopK.smallest(touched, k: limit) { totals[$0] }.map { ($0, totals[$0]) }
    }

    /// Each phrase once, in first-mention order: summing in a fixed order gives the same scores to
    /// the last bit on every run (a `Set`'s order changes from one instance to the next).
    static func distinct(_ phrases: [String]) -> [String] {
        var seen = Set<String>()
        return phrases.filter { seen.insert($0).inserted }
    }

    /// The best `phraseHitCap` sections matching one phrase with their bm25, best first (FTS5's
    /// order), from the cache or FTS5.
    func phraseHits(_ phrase: String) throws -> [(Int32, Double)] {
        if let cached = phraseCache[phrase] { return cached }
        ftsStatement.bind([.text(phrase), .int(Int64(phraseHitCap))])
        var hits: [(Int32, Double)] = []
        while try ftsStatement.step() {
            let id = ftsStatement.int(0)
            try checkHit(Int(id), sections.count, "section_fts", "section")
            hits.append((Int32(id), ftsStatement.double(1)))
        }
        if phraseCache.count >= IndexReader.phraseCacheLimit || phraseCacheHits + hits.count > IndexReader.phraseCacheHitLimit {
            phraseCache.removeAll(keepingCapacity: true)
            phraseCacheHits = 0
        }
        phraseCache[phrase] = hits
        phraseCacheHits += hits.count
        return hits
    }

    /// Cosine similarity of a weighted query vector against every unit, through the inverted index.
    ///
    /// `query` maps terms to raw weights (1 for typed terms, less for expansions). The query
    /// vector is q(t) = weight(t) · idf(t) / ‖·‖₂, and cosine(q, u) = Σₜ q(t) · w(t,u).
    public func vectorSearch(query: [String: Double], limit: Int) throws -> [(unit: Int, cosine: Double)] {
        var scores = [Double](repeating: 0, count: units.count)
        var seen = [Bool](repeating: false, count: units.count)
        var touched: [Int] = []
        for (qn, list) in try normalizedQuery(query) {
            for (u, w) in list {
                let i = Int(u)
                guard i >= 0, i < scores.count else { continue }
                if !seen[i] { seen[i] = true; touched.append(i) }
                scores[i] += qn * Double(w)
            }
        }
        return TopK.smallest(touched, k: limit) { -scores[$0] }.map { ($0, scores[$0]) }
    }

    /// The query vector's known terms with their postings: q(t) = weight(t) · idf(t) / ‖·‖₂.
    /// Empty when the index knows none of the terms.
    func normalizedQuery(_ query: [String: Double]) throws -> [(weight: Double, postings: [(Int32, Float)])] {
        var terms: [(Double, [(Int32, Float)])] = []
        var norm = 0.0
        // In term order, so that the sums (and their last bits) do not depend on hashing.
        for (term, weight) in query.sorted(by: { $0.key < $1.key }) {
            guard let entry = try termEntry(term) else { continue }
            let q = weight * entry.idf
            norm += q * q
            terms.append((q, entry.postings))
        }
        guard norm > 0 else { return [] }
        norm = norm.squareRoot()
        return terms.map { ($0.0 / norm, $0.1) }
    }

    /// The idf of a term, if the index has it.
    public func inverseDocumentFrequency(_ term: String) throws -> Double? {
        try termEntry(term)?.idf
    }

    /// A term's idf and decoded postings, read once and then kept (the index file never changes
    /// under an open reader: rebuilds swap in a new file).
    func termEntry(_ term: String) throws -> TermEntry? {
        if let cached = termCache[term] { return cached }
        termStatement.bind([.text(term)])
        let entry: TermEntry? = try termStatement.step()
            ? TermEntry(idf: termStatement.double(0), postings: VectorIndexBuilder.unpack(termStatement.blob(1)))
            : nil
        for (unit, _) in entry?.postings ?? [] { try checkHit(Int(unit), units.count, "vec_terms", "unit") }
        // Unknown words are cached too, so a stream of random words must not grow it forever.
        if termCache.count >= IndexReader.termCacheLimit { termCache.removeAll(keepingCapacity: true) }
        termCache[term] = entry
        return entry
    }

    /// A section's plain-text body.
    public func body(ofSection id: Int) throws -> String {
        bodyStatement.bind([.int(Int64(id))])
        guard try bodyStatement.step() else { return "" }
        return bodyStatement.text(0)
    }

    /// The distinct stems of a section (heading and body), computed at index time.
    public func stems(ofSection id: Int) throws -> [Substring] {
        stemsStatement.bind([.int(Int64(id))])
        guard try stemsStatement.step() else { return [] }
        return stemsStatement.text(0).split(separator: " ")
    }

    /// The distinct stems of an entity's name, aliases, summary and when-to-use text.
    public func stems(ofEntity id: Int) throws -> [Substring] {
        entityStemsStatement.bind([.int(Int64(id))])
        guard try entityStemsStatement.step() else { return [] }
        return entityStemsStatement.text(0).split(separator: " ")
    }
}
