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

    /// Cosine similarity of a weighted query vector against every unit, through the inverted index.
    ///
    /// `query` maps terms to raw weights (1 for typed terms, less for expansions). The query
    /// vector is q(t) = weight(t) · idf(t) / ‖·‖₂, and cosine(q, u) = Σₜ q(t) · w(t,u).
    public func vectorSearch(query: [String: Double], limit: Int) throws -> [(unit: Int, cosine: Double)] {
        var postings: [(Double, [(Int32, Float)])] = []
        var norm = 0.0
        for (term, weight) in query {
            termStatement.bind([.text(term)])
            guard try termStatement.step() else { continue }
            let q = weight * termStatement.double(0)
            norm += q * q
            postings.append((q, VectorIndexBuilder.unpack(termStatement.blob(1))))
        }
        guard norm > 0 else { return [] }
        norm = norm.squareRoot()
        var scores: [Int32: Double] = [:]
        for (q, list) in postings {
            let qn = q / norm
            for (u, w) in list { scores[u, default: 0] += qn * Double(w) }
        }
        return scores.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(limit).map { (Int($0.key), $0.value) }
    }

    /// The idf of a term, if the index has it.
    public func inverseDocumentFrequency(_ term: String) throws -> Double? {
        termStatement.bind([.text(term)])
        guard try termStatement.step() else { return nil }
        return termStatement.double(0)
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
