import ArchKBCorpus
import ArchKBIndex

extension Searcher {
    /// The score step that places a constrained row just above or below another.
    static let placementStep = 0.001

    /// Makes the answer honour what the question names, after scoring:
    ///
    /// - compared entities ("X vs Y") take the first rows, in the order of their own scores;
    /// - every other entity named specifically appears in the first `limit` rows;
    /// - when no row of the first three covers every facet, each facet left uncovered in the first
    ///   `limit` rows gets its best-scoring candidate that covers it (diversification over explicit
    ///   facets, in the spirit of xQuAD).
    ///
    /// A moved row's score is raised just enough to stand where it is placed, and the raise is an
    /// explanation term, so the score still equals the sum of its terms:
    ///
    ///     compared k of n:  score ← best + ε·(n − k)
    ///     named or facet:   score ← score(displaced row) + ε/2      (ε = `placementStep`; the displaced row is
    ///                       the last of the first `limit` that is not itself named, compared or placed)
    func applyConstraints(_ candidates: inout [Candidate], analysis: QuestionAnalysis, limit: Int) {
        guard !candidates.isEmpty else { return }
        candidates.sort(by: Searcher.byScore)
        // Compared entities first.
        let compared = candidates.filter { analysis.compared.contains($0.entity) }
        if compared.count >= 2 {
            let best = candidates[0].score
            for (k, c) in compared.enumerated() {
                guard let i = candidates.firstIndex(where: { $0.entity == c.entity }) else { continue }
                let target = best + Searcher.placementStep * Double(compared.count - k)
                raise(&candidates[i], to: target, term: "compared_in_question")
            }
            candidates.sort(by: Searcher.byScore)
        }
        // Named entities within the first `limit` rows.
        let protected = Set(analysis.named + analysis.compared)
        // Placing one named row can push another below the cut, so repeat until all fit (or no slot is left).
        for _ in 0..<(3 * analysis.named.count) {
            guard let i = candidates.indices.dropFirst(limit).first(where: { analysis.named.contains(candidates[$0].entity) }) else { break }
            place(i, in: &candidates, limit: limit, protected: protected, term: "named_in_question")
        }
        diversifyFacets(&candidates, analysis: analysis, limit: limit)
    }

    /// Makes a multi-facet question's answer cover its facets: when neither of the first two rows
    /// covers every facet, the best candidate that does (scoring at least `facetAllShare` of the best)
    /// takes the second row ("cache invalidation for GraphQL" → a GraphQL caching entity); when no
    /// row of the first three covers them all, each facet left uncovered in the first `limit` rows
    /// gets its best-scoring candidate that covers it.
    func diversifyFacets(_ candidates: inout [Candidate], analysis: QuestionAnalysis, limit: Int) {
        let facetAll = RankingFeature.facetAll.rawValue
        let coversAll: (Candidate) -> Bool = { $0.features.count > facetAll && $0.features[facetAll] > 0 }
        guard analysis.facets.count >= 2, candidates.count > 2 else { return }
        if !candidates.prefix(2).contains(where: coversAll),
           let i = candidates.indices.dropFirst(2).first(where: { coversAll(candidates[$0]) }),
           candidates[i].score >= model.facetAllShare * candidates[0].score {
            raise(&candidates[i], to: candidates[1].score + Searcher.placementStep / 2, term: "covers_all_facets")
            candidates.sort(by: Searcher.byScore)
        }
        guard candidates.count > limit, !candidates.prefix(3).contains(where: coversAll) else { return }
        var protected = Set(analysis.named + analysis.compared)
        for f in analysis.facets.indices {
            let covers: (Candidate) -> Bool = { c in f < c.facetShares.count && c.facetShares[f] >= self.model.facetCovered }
            if candidates.prefix(limit).contains(where: covers) { continue }
            guard let i = candidates.indices.dropFirst(limit).first(where: { covers(candidates[$0]) }) else { continue }
            protected.insert(candidates[i].entity)
            place(i, in: &candidates, limit: limit, protected: protected, term: "facet_slot")
        }
    }

    /// Moves candidate `i` into the first `limit` rows, just above the last row there that is not protected.
    func place(_ i: Int, in candidates: inout [Candidate], limit: Int, protected: Set<Int>, term: String) {
        guard let slot = candidates.prefix(limit).indices.last(where: { !protected.contains(candidates[$0].entity) }) else { return }
        raise(&candidates[i], to: candidates[slot].score + Searcher.placementStep / 2, term: term)
        candidates.sort(by: Searcher.byScore)
    }

    /// Raises a candidate's score to `target` (never lowers it), recording the difference as a term.
    func raise(_ c: inout Candidate, to target: Double, term: String) {
        guard target > c.score else { return }
        c.explanation.terms.append(ScoreTerm(name: term, value: target - c.score, weight: 1))
        c.score = target
    }
}
