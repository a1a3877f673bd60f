import ArchKBCorpus
import ArchKBIndex

/// An entity being ranked, with the evidence behind its score.
struct Candidate {
    var entity: Int
    var score = 0.0
    var explanation = Explanation()
    /// The entity's hit sections with their contribution, best first (set for the candidates that
    /// can reach the answer).
    var sections: [(id: Int, weight: Double)] = []
    var nameCoverage = 0.0
    var precedents: [Int] = []
    /// How much of the question the entity's evidence covers (set by `Searcher.scoreFeatures`).
    var coverage: Coverage?
    /// Feature values by `RankingFeature.rawValue` (empty before `scoreFeatures`).
    var features: [Double] = []
    /// Covered share of each of the question's facets (see `QuestionAnalysis.facets`).
    var facetShares: [Double] = []
}

/// One section-level hit credited to an entity, weighted by list normalisation and section role.
struct EntityHit {
    var entity: Int
    var section: Int
    var weight: Double
}

/// The three largest values added, for the ½-decaying aggregate of an entity's best hits.
struct TopThree {
    var first = 0.0, second = 0.0, third = 0.0

    mutating func add(_ v: Double) {
        if v > first { (first, second, third) = (v, first, second) }
        else if v > second { (second, third) = (v, second) }
        else if v > third { third = v }
    }

    /// h₁ + ½·h₂ + ¼·h₃
    var aggregate: Double { first + 0.5 * second + 0.25 * third }
}

extension Searcher {
    /// How much a hit in a section of this role counts as evidence *for* its entity.
    ///
    /// A card's "When not to use" and "Alternatives" sections mostly describe where other
    /// entities fit, so a match there is weak evidence for the card's own entity.
    static func roleWeight(_ role: String) -> Double {
        switch role {
        case SectionRole.summary.rawValue, SectionRole.whenToUse.rawValue, "guide": return 1.0
        case SectionRole.tradeoffs.rawValue, SectionRole.recognise.rawValue, SectionRole.instead.rawValue, "catalog": return 0.8
        case SectionRole.implementations.rawValue, SectionRole.other.rawValue: return 0.7
        case SectionRole.alternatives.rawValue: return 0.6
        case SectionRole.whenNot.rawValue, SectionRole.related.rawValue: return 0.5
        default: return 0.8
        }
    }

    /// Aggregates section and unit hits to entities: the first pass, which picks the candidates
    /// whose features are computed.
    ///
    ///     agg_list(e)  = h₁ + ½·h₂ + ¼·h₃           (h: e's best hits in that list, each normalised by the list's best hit and weighted by section role)
    ///     part_list(e) = agg_list(e) / maxₑ agg_list  (so each list contributes at most 1)
    ///     first(e)     = 0.4·part_bm25(e) + 0.6·part_cos(e) + c²   (hybrid; one part alone for --ranker bm25|tfidf)
    ///                    (c: share of the question's content words that e's name or alias covers)
    ///
    /// Returns the candidates and every (entity, section, weight) hit, from which the sections of
    /// the candidates that need citations are ranked.
    func scoreEntities(_ q: Question, analysis: QuestionAnalysis, evidence ev: Evidence, options: AskOptions) -> (candidates: [Candidate], hits: [EntityHit]) {
        let entityCount = reader.entities.count
        var bmTop = [TopThree](repeating: TopThree(), count: entityCount)
        var cosTop = [TopThree](repeating: TopThree(), count: entityCount)
        var hits: [EntityHit] = []
        hits.reserveCapacity(ev.bm25.count + ev.cosine.count)
        if ev.bm25Max > 0 {
            for (sid, s) in ev.bm25 {
                let section = reader.sections[sid]
                guard let e = section.entity else { continue }
                let v = s / ev.bm25Max * Searcher.roleWeight(section.role)
                bmTop[e].add(v)
                hits.append(EntityHit(entity: e, section: sid, weight: v))
            }
        }
        if ev.cosineMax > 0 {
            for (uid, c) in ev.cosine {
                let unit = reader.units[uid]
                guard let e = unit.entity ?? unit.section.flatMap({ reader.sections[$0].entity }) else { continue }
                let weight = unit.section.map { Searcher.roleWeight(reader.sections[$0].role) } ?? 1
                let v = c / ev.cosineMax * weight
                cosTop[e].add(v)
                if let sid = unit.section { hits.append(EntityHit(entity: e, section: sid, weight: v)) }
            }
        }
        let bmMax = bmTop.map(\.aggregate).max() ?? 0
        let cosMax = cosTop.map(\.aggregate).max() ?? 0

        var names: [Int: Double] = [:]
        for m in analysis.mentions { names[m.entity] = max(names[m.entity] ?? 0, m.share) }

        var out: [Candidate] = []
        for id in 0..<entityCount where bmTop[id].first > 0 || cosTop[id].first > 0 || names[id] != nil {
            guard passes(id, options: options) else { continue }
            var c = Candidate(entity: id)
            let bmPart = bmMax > 0 ? bmTop[id].aggregate / bmMax : 0
            let cosPart = cosMax > 0 ? cosTop[id].aggregate / cosMax : 0
            let fused: Double
            switch options.ranker {
            case .bm25: fused = bmPart
            case .tfidf: fused = cosPart
            case .hybrid: fused = model.firstPassBM25 * bmPart + model.firstPassCosine * cosPart
            }
            let share = names[id] ?? 0
            c.score = fused + share * share
            c.nameCoverage = share
            c.explanation.bm25 = bmTop[id].first * ev.bm25Max
            c.explanation.bm25Part = bmPart
            c.explanation.cosine = cosTop[id].first * ev.cosineMax
            c.explanation.cosinePart = cosPart
            c.explanation.fused = fused
            out.append(c)
        }
        return (out, hits)
    }

    /// Gives the first `n` candidates that have none their hit sections, with the combined
    /// contribution from both lists, best first.
    static func rankSections(_ candidates: inout [Candidate], upTo n: Int, hits: [EntityHit]) {
        let needed = Set(candidates.prefix(n).filter { $0.sections.isEmpty }.map(\.entity))
        guard !needed.isEmpty else { return }
        // One pass over the hits, grouped by the entities that need sections.
        var byEntity: [Int: [Int: Double]] = [:]
        for h in hits where needed.contains(h.entity) { byEntity[h.entity, default: [:]][h.section, default: 0] += h.weight }
        for i in 0..<min(n, candidates.count) where candidates[i].sections.isEmpty {
            let weights = byEntity[candidates[i].entity] ?? [:]
            candidates[i].sections = weights.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .map { ($0.key, $0.value) }
        }
    }

    /// Stems of an entity's header (name, aliases, summary, when to use) and its top three hit sections.
    func evidenceStems(_ c: Candidate) throws -> [Set<String>] {
        var sets: [Set<String>] = []
        if let cached = entityStems[c.entity] {
            sets.append(cached)
        } else {
            let stems = Set(try reader.stems(ofEntity: c.entity).map(String.init))
            entityStems[c.entity] = stems
            sets.append(stems)
        }
        for (sid, _) in c.sections.prefix(3) { sets.append(try stemSet(ofSection: sid)) }
        return sets
    }

    func stemSet(ofSection sid: Int) throws -> Set<String> {
        if let cached = sectionStems[sid] { return cached }
        let set = Set(try reader.stems(ofSection: sid).map(String.init))
        sectionStems[sid] = set
        return set
    }
}
