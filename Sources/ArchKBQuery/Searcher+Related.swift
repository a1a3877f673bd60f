import ArchKBCorpus
import ArchKBIndex

extension Searcher {
    /// Lifts what the best candidates list as related: one step of spreading activation over the
    /// cards' curated `related` lists, so an umbrella answer ("Rate Limiting") brings its concrete
    /// options ("Token Bucket", "Sliding Window") into the table instead of lexical look-alikes.
    ///
    ///     lift(r)  = Σ over the top `relatedSources` candidates p listing r at position j of n:
    ///                α · score(p) · (1 − ½ · j / n)                  (α = `RankingModel.relatedWeight`; earlier entries count more)
    ///     score(r) ← score(r) + lift(r)
    /// Entities not retrieved at all join the candidates with their lift as score.
    func propagateRelated(_ candidates: inout [Candidate], options: AskOptions) {
        let sources = candidates.prefix(model.relatedSources).filter { $0.score > 0 }
        guard !sources.isEmpty else { return }
        var lift: [Int: Double] = [:]
        for p in sources {
            let related = relatedEntities[p.entity]
            for (j, r) in related.enumerated() {
                lift[r, default: 0] += model.relatedWeight * p.score * (1 - 0.5 * Double(j) / Double(related.count))
            }
        }
        var index: [Int: Int] = [:]
        for (i, c) in candidates.enumerated() { index[c.entity] = i }
        for (r, v) in lift.sorted(by: { $0.key < $1.key }) {
            if let i = index[r] {
                candidates[i].score += v
                candidates[i].explanation.relatedBoost = v
                candidates[i].explanation.terms.append(ScoreTerm(name: "related_lift", value: v, weight: 1))
            } else if passes(r, options: options) {
                var c = Candidate(entity: r)
                c.score = v
                c.explanation.relatedBoost = v
                c.explanation.terms.append(ScoreTerm(name: "related_lift", value: v, weight: 1))
                candidates.append(c)
            }
        }
        candidates.sort(by: Searcher.byScore)
    }

    /// Whether an entity passes the question's kind and area filters.
    func passes(_ entity: Int, options: AskOptions) -> Bool {
        let e = reader.entities[entity]
        if let kind = options.kind?.lowercased(), e.kind != kind { return false }
        if let area = options.area?.lowercased(), !e.area.lowercased().contains(area) { return false }
        return true
    }
}
