import ArchKBCorpus
import ArchKBIndex

extension Searcher {
    /// Computes the features of the candidates that can reach the answer and scores them with the
    /// model's linear weights:
    ///
    ///     score(e) = Σᵢ wᵢ · fᵢ(e)        (fᵢ: `RankingFeature`s, wᵢ: `RankingModel.weights`)
    ///
    /// The candidates are the best `featureDepth` by first-pass score plus every entity the question
    /// names and their options, and the entities the best of those list as related; the rest are
    /// dropped (they cannot reach the answer). Each feature is an explanation term.
    func scoreFeatures(_ candidates: inout [Candidate], hits: [EntityHit], plan: CoveragePlan,
                       analysis: QuestionAnalysis, depth: Int, filter: AskOptions) throws {
        // Order indices, not the (large) candidates themselves.
        let order = candidates.indices.sorted { Searcher.byScore(candidates[$0], candidates[$1]) }
        var keep = order.prefix(depth).map { candidates[$0] }
        var kept = Set(keep.map(\.entity))
        let options = optionsOfNamed(analysis)
        let wanted = Set(analysis.named + analysis.compared + options.all.keys)
        keep += order.dropFirst(depth).filter { wanted.contains(candidates[$0].entity) && !kept.contains(candidates[$0].entity) }.map { candidates[$0] }
        kept = Set(keep.map(\.entity))
        Searcher.rankSections(&keep, upTo: keep.count, hits: hits)
        for i in keep.indices { try computeFeatures(&keep[i], plan: plan, analysis: analysis, options: options) }
        // The related lift spreads from the best candidates by their score without it; entities it
        // reaches that were not kept join (with no retrieval evidence when they were not retrieved).
        keep.sort(by: Searcher.byScore)
        let lift = relatedLift(Array(keep.prefix(model.relatedSources)), filter: filter)
        var joining: [Candidate] = []
        let byEntity = Dictionary(candidates.map { ($0.entity, $0) }, uniquingKeysWith: { a, _ in a })
        for r in lift.keys.sorted() where !kept.contains(r) { joining.append(byEntity[r] ?? Candidate(entity: r)) }
        Searcher.rankSections(&joining, upTo: joining.count, hits: hits)
        for i in joining.indices { try computeFeatures(&joining[i], plan: plan, analysis: analysis, options: options) }
        keep += joining
        for i in keep.indices { score(&keep[i], relatedLift: lift[keep[i].entity] ?? 0) }
        keep.sort(by: Searcher.byScore)
        candidates = keep
    }

    /// Sets a candidate's feature values (all but the related lift) and its score without the lift.
    func computeFeatures(_ c: inout Candidate, plan: CoveragePlan, analysis: QuestionAnalysis, options: NamedOptions) throws {
        let f = try features(of: c, plan: plan, analysis: analysis, options: options)
        c.features = f.values
        c.coverage = f.coverage
        c.facetShares = f.facetShares
        c.explanation.coverage = f.coverage.ratio
        c.score = zip(model.weights, f.values).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The linear score with the related lift, each non-zero feature an explanation term.
    func score(_ c: inout Candidate, relatedLift: Double) {
        c.features[RankingFeature.relatedLift.rawValue] = relatedLift
        var terms: [ScoreTerm] = []
        var score = 0.0
        for feature in RankingFeature.allCases {
            let w = model.weight(feature)
            let v = c.features[feature.rawValue]
            score += w * v
            if v != 0 { terms.append(ScoreTerm(name: feature.label, value: v, weight: w)) }
        }
        c.score = score
        c.explanation.terms = terms
        c.explanation.relatedBoost = model.weight(.relatedLift) * relatedLift
        c.explanation.nameBoost = [RankingFeature.nameShare, .exactName, .named].reduce(0) { $0 + model.weight($1) * c.features[$1.rawValue] }
    }

    /// Score first, entity id to break ties: the one order every stage sorts by.
    static func byScore(_ a: Candidate, _ b: Candidate) -> Bool {
        a.score > b.score || (a.score == b.score && a.entity < b.entity)
    }

    /// One candidate's feature values (see `RankingFeature` for each one's definition).
    func features(of c: Candidate, plan: CoveragePlan, analysis: QuestionAnalysis, options: NamedOptions) throws -> (values: [Double], coverage: Coverage, facetShares: [Double]) {
        let sets = try evidenceStems(c)
        let evidence = StemSets(sets: sets)
        let coverage = plan.coverage(of: evidence)
        let e = reader.entities[c.entity]
        var v = [Double](repeating: 0, count: RankingFeature.allCases.count)
        let bm = c.explanation.bm25Part, cos = c.explanation.cosinePart
        v[RankingFeature.bm25.rawValue] = bm
        v[RankingFeature.cosine.rawValue] = cos
        v[RankingFeature.bm25Coverage.rawValue] = bm * coverage.ratio
        v[RankingFeature.cosineCoverage.rawValue] = cos * coverage.ratio
        v[RankingFeature.coverage.rawValue] = coverage.ratio
        v[RankingFeature.nameShare.rawValue] = c.nameCoverage * c.nameCoverage
        v[RankingFeature.exactName.rawValue] = c.nameCoverage >= 0.999 ? 1 : 0
        v[RankingFeature.named.rawValue] = analysis.named.contains(c.entity) ? 1 : 0
        v[RankingFeature.compared.rawValue] = analysis.compared.contains(c.entity) ? 1 : 0
        let shares = analysis.facets.map { plan.share(of: $0, coveredBy: evidence) }
        if !shares.isEmpty {
            let least = shares.min() ?? 0
            v[RankingFeature.facetMin.rawValue] = least
            v[RankingFeature.facetAll.rawValue] = analysis.facets.count >= 2 && least >= model.facetCovered ? 1 : 0
        }
        v[RankingFeature.catalogFused.rawValue] = e.source == "catalog" ? c.explanation.fused : 0
        v[RankingFeature.antiPattern.rawValue] = e.kind == "anti-pattern" ? 1 : 0
        v[RankingFeature.areaMatch.rawValue] = plan.share(of: plan.terms.map(\.stem), coveredBy: StemSets(sets: [areaStems(c.entity)]))
        let named = analysis.named.contains(c.entity)
        v[RankingFeature.namedHub.rawValue] = named && relatedEntities[c.entity].count >= model.hubRelated ? 1 : 0
        v[RankingFeature.optionOfNamed.rawValue] = options.all[c.entity] ?? 0
        v[RankingFeature.namedCapability.rawValue] = named && e.kind == EntityKind.capability.rawValue ? 1 : 0
        v[RankingFeature.optionOfCapability.rawValue] = options.ofCapabilities[c.entity] ?? 0
        if let header = sets.first { v[RankingFeature.headerCoverage.rawValue] = plan.coverage(of: StemSets(sets: [header])).ratio }
        v[RankingFeature.sectionCoverage.rawValue] = sets.dropFirst().map { plan.coverage(of: StemSets(sets: [$0])).ratio }.max() ?? 0
        return (v, coverage, shares)
    }

    /// Spreading activation from the best candidates by their score without the lift, best first (see `RankingFeature.relatedLift`).
    func relatedLift(_ ranked: [Candidate], filter: AskOptions) -> [Int: Double] {
        var lift: [Int: Double] = [:]
        for p in ranked where p.score > 0 {
            let related = relatedEntities[p.entity]
            for (j, r) in related.enumerated() where passes(r, options: filter) {
                lift[r, default: 0] += p.score * Searcher.listPositionWeight(j, of: related.count)
            }
        }
        return lift
    }

    /// Weight of the j-th of n entries of a card's `related` list: 1 − ½ · j / n (earlier entries count more).
    static func listPositionWeight(_ j: Int, of n: Int) -> Double {
        1 - 0.5 * Double(j) / Double(n)
    }

    /// The entities that entities named in the question list as related, with 1 − ½ · position / count:
    /// for every named entity, and for the named capabilities only.
    func optionsOfNamed(_ analysis: QuestionAnalysis) -> NamedOptions {
        var out = NamedOptions()
        for n in analysis.named {
            let related = relatedEntities[n]
            let capability = reader.entities[n].kind == EntityKind.capability.rawValue
            for (j, r) in related.enumerated() where !analysis.named.contains(r) {
                let w = Searcher.listPositionWeight(j, of: related.count)
                out.all[r] = max(out.all[r] ?? 0, w)
                if capability { out.ofCapabilities[r] = max(out.ofCapabilities[r] ?? 0, w) }
            }
        }
        return out
    }

    /// Stems of an entity's area ("Caching", "Messaging & Events").
    func areaStems(_ entity: Int) -> Set<String> {
        if let cached = areaStemCache[entity] { return cached }
        let stems = Set(Tokenizer.stems(reader.entities[entity].area))
        areaStemCache[entity] = stems
        return stems
    }
}

/// The options (related entities) of the entities a question names, by entity id, with their list-position weight.
struct NamedOptions {
    var all: [Int: Double] = [:]
    var ofCapabilities: [Int: Double] = [:]
}

extension CoveragePlan {
    /// Share of the weight of `stems` (question stems) that `evidence` covers, synonyms included:
    ///
    ///     share = Σ weight(s) over covered s / Σ weight(s)      (0 when none of the stems is in the plan)
    func share(of stems: [String], coveredBy evidence: StemSets) -> Double {
        var total = 0.0, covered = 0.0
        for t in terms where stems.contains(t.stem) {
            total += t.weight
            if evidence.contains(t.stem) || t.synonyms.contains(where: { $0.allSatisfy(evidence.contains) }) { covered += t.weight }
        }
        return total > 0 ? covered / total : 0
    }
}
