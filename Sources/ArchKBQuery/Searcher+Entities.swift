import ArchKBCorpus
import ArchKBIndex

/// An entity being ranked, with the evidence behind its score.
struct Candidate {
    var entity: Int
    var score = 0.0
    var explanation = Explanation()
    /// The entity's hit sections with their contribution, best first (set by `Searcher.coordinate`
    /// for the candidates that can reach the answer).
    var sections: [(id: Int, weight: Double)] = []
    var nameCoverage = 0.0
    var precedents: [Int] = []
    /// How much of the question the entity's evidence covers (set by `Searcher.coordinate`).
    var coverage: Coverage?
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
    /// How strongly question coverage rescales a candidate's score in `coordinate`.
    static let coordinationWeight = 0.6

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

    /// Aggregates section and unit hits to entities and scores them.
    ///
    ///     agg_list(e)  = h₁ + ½·h₂ + ¼·h₃           (h: e's best hits in that list, each normalised by the list's best hit)
    ///     part_list(e) = agg_list(e) / maxₑ agg_list  (so each list contributes at most 1)
    ///     fused(e)     = 0.4·part_bm25(e) + 0.6·part_cos(e)   (hybrid; one part alone for --ranker bm25|tfidf)
    ///     name(e)      = c² + 0.3·[c = 1]             (c: share of the question's content words that e's name or alias covers)
    ///     score(e)     = (fused(e) + name(e)) · prior(e)     (prior 0.85 for catalog-only capabilities, else 1)
    ///
    /// Returns the candidates and every (entity, section, weight) hit, from which `coordinate`
    /// ranks the sections of the few candidates that need citations.
    func scoreEntities(_ q: Question, evidence ev: Evidence, options: AskOptions) -> (candidates: [Candidate], hits: [EntityHit]) {
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
        let contentCount = Double(max(q.contentWords.count, 1))
        for m in nameMatcher.matches(in: q.words.joined(separator: " ")) {
            let phrase = Array(q.words[m.start..<(m.start + m.length)])
            let content = phrase.filter { !Stopwords.contains($0) }
            if content.isEmpty { continue }
            if phrase.count == 1 && phrase[0].count <= 2 && q.contentWords.count > 1 { continue }
            names[m.entity] = max(names[m.entity] ?? 0, min(1, Double(content.count) / contentCount))
        }

        var out: [Candidate] = []
        for id in 0..<entityCount where bmTop[id].first > 0 || cosTop[id].first > 0 || names[id] != nil {
            let entity = reader.entities[id]
            guard passes(id, options: options) else { continue }
            var c = Candidate(entity: id)
            let bmPart = bmMax > 0 ? bmTop[id].aggregate / bmMax : 0
            let cosPart = cosMax > 0 ? cosTop[id].aggregate / cosMax : 0
            let fused: Double
            switch options.ranker {
            case .bm25: fused = bmPart
            case .tfidf: fused = cosPart
            case .hybrid: fused = Searcher.bm25Weight * bmPart + Searcher.cosineWeight * cosPart
            }
            let cov = names[id] ?? 0
            let nameBoost = cov * cov + (cov >= 0.999 ? 0.3 : 0)
            let prior = entity.source == "catalog" ? 0.85 : 1.0
            c.score = (fused + nameBoost) * prior
            c.nameCoverage = cov
            c.explanation.bm25 = bmTop[id].first * ev.bm25Max
            c.explanation.bm25Part = bmPart
            c.explanation.cosine = cosTop[id].first * ev.cosineMax
            c.explanation.cosinePart = cosPart
            c.explanation.fused = fused
            c.explanation.nameBoost = nameBoost
            c.explanation.prior = prior
            out.append(c)
        }
        return (out, hits)
    }

    /// Gives the first `n` candidates that have none their hit sections, with the combined
    /// contribution from both lists, best first.
    static func rankSections(_ candidates: inout [Candidate], upTo n: Int, hits: [EntityHit]) {
        for i in 0..<min(n, candidates.count) where candidates[i].sections.isEmpty {
            var weights: [Int: Double] = [:]
            for h in hits where h.entity == candidates[i].entity { weights[h.section, default: 0] += h.weight }
            candidates[i].sections = weights.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .map { ($0.key, $0.value) }
        }
    }

    /// Rescales the best candidates by how much of the question their evidence covers
    /// (a coordination factor, as in Lucene's classic scorer):
    ///
    ///     score(e) ← score(e) · (1 − c + c · coverage(e))     (c = `coordinationWeight`, 0.6)
    ///
    /// It also ranks the hit sections of those candidates (their citations and evidence).
    func coordinate(_ candidates: inout [Candidate], hits: [EntityHit], plan: CoveragePlan, depth: Int) throws {
        let n = min(depth, candidates.count)
        Searcher.rankSections(&candidates, upTo: n, hits: hits)
        for i in 0..<n {
            let coverage = plan.coverage(of: StemSets(sets: try evidenceStems(candidates[i])))
            candidates[i].coverage = coverage
            candidates[i].score *= (1 - Searcher.coordinationWeight) + Searcher.coordinationWeight * coverage.ratio
        }
        candidates[0..<n].sort { $0.score > $1.score || ($0.score == $1.score && $0.entity < $1.entity) }
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
