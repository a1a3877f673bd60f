import ArchKBCorpus
import ArchKBIndex

/// An entity being ranked, with the evidence behind its score.
struct Candidate {
    var entity: Int
    var score = 0.0
    var explanation = Explanation()
    /// The entity's hit sections with their contribution, best first.
    var sections: [(id: Int, weight: Double)] = []
    var nameCoverage = 0.0
    var precedents: [Int] = []
    /// Share of the question's weight the entity's evidence covers (see `Searcher.coverage`).
    var coverage: Double?
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

    /// Aggregates section and unit hits to entities and scores them.
    ///
    ///     agg_list(e)  = h₁ + ½·h₂ + ¼·h₃           (h: e's best hits in that list, each normalised by the list's best hit)
    ///     part_list(e) = agg_list(e) / maxₑ agg_list  (so each list contributes at most 1)
    ///     fused(e)     = 0.5·part_bm25(e) + 0.5·part_cos(e)   (hybrid; one part alone for --ranker bm25|tfidf)
    ///     name(e)      = c² + 0.3·[c = 1]             (c: share of the question's content words that e's name or alias covers)
    ///     score(e)     = (fused(e) + name(e)) · prior(e)     (prior 0.85 for catalog-only capabilities, else 1)
    func scoreEntities(_ q: Question, evidence ev: Evidence, options: AskOptions) -> [Candidate] {
        var bm25Hits: [Int: [(Int, Double)]] = [:]
        for (sid, s) in ev.bm25 {
            guard let e = reader.sections[sid].entity, ev.bm25Max > 0 else { continue }
            bm25Hits[e, default: []].append((sid, s / ev.bm25Max * Searcher.roleWeight(reader.sections[sid].role)))
        }
        var cosHits: [Int: [(Int?, Double)]] = [:]
        for (uid, c) in ev.cosine {
            let unit = reader.units[uid]
            let e = unit.entity ?? unit.section.flatMap { reader.sections[$0].entity }
            guard let e, ev.cosineMax > 0 else { continue }
            let weight = unit.section.map { Searcher.roleWeight(reader.sections[$0].role) } ?? 1
            cosHits[e, default: []].append((unit.section, c / ev.cosineMax * weight))
        }
        func aggregate(_ values: [Double]) -> Double {
            let sorted = values.sorted(by: >)
            var total = 0.0
            for (i, v) in sorted.prefix(3).enumerated() { total += v * [1.0, 0.5, 0.25][i] }
            return total
        }
        let bmAgg = bm25Hits.mapValues { aggregate($0.map(\.1)) }
        let cosAgg = cosHits.mapValues { aggregate($0.map(\.1)) }
        let bmMax = bmAgg.values.max() ?? 0
        let cosMax = cosAgg.values.max() ?? 0

        var names: [Int: Double] = [:]
        let contentCount = Double(max(q.contentWords.count, 1))
        for m in nameMatcher.matches(in: q.words.joined(separator: " ")) {
            let phrase = Array(q.words[m.start..<(m.start + m.length)])
            let content = phrase.filter { !Stopwords.contains($0) }
            if content.isEmpty { continue }
            if phrase.count == 1 && phrase[0].count <= 2 && q.contentWords.count > 1 { continue }
            names[m.entity] = max(names[m.entity] ?? 0, min(1, Double(content.count) / contentCount))
        }

        var ids = Set(bmAgg.keys).union(cosAgg.keys).union(names.keys)
        if let kind = options.kind?.lowercased() { ids = ids.filter { reader.entities[$0].kind == kind } }
        if let area = options.area?.lowercased() { ids = ids.filter { reader.entities[$0].area.lowercased().contains(area) } }

        var out: [Candidate] = []
        out.reserveCapacity(ids.count)
        for id in ids {
            var c = Candidate(entity: id)
            let bmPart = bmMax > 0 ? (bmAgg[id] ?? 0) / bmMax : 0
            let cosPart = cosMax > 0 ? (cosAgg[id] ?? 0) / cosMax : 0
            let fused: Double
            switch options.ranker {
            case .bm25: fused = bmPart
            case .tfidf: fused = cosPart
            case .hybrid: fused = Searcher.bm25Weight * bmPart + Searcher.cosineWeight * cosPart
            }
            let cov = names[id] ?? 0
            let nameBoost = cov * cov + (cov >= 0.999 ? 0.3 : 0)
            let prior = reader.entities[id].source == "catalog" ? 0.85 : 1.0
            c.score = (fused + nameBoost) * prior
            c.nameCoverage = cov
            c.explanation.bm25 = (bm25Hits[id]?.map(\.1).max() ?? 0) * ev.bm25Max
            c.explanation.bm25Part = bmPart
            c.explanation.cosine = (cosHits[id]?.map(\.1).max() ?? 0) * ev.cosineMax
            c.explanation.cosinePart = cosPart
            c.explanation.fused = fused
            c.explanation.nameBoost = nameBoost
            c.explanation.prior = prior
            // Sections for citations: combined contribution from both lists.
            var weights: [Int: Double] = [:]
            for (sid, v) in bm25Hits[id] ?? [] { weights[sid, default: 0] += v }
            for (sid, v) in cosHits[id] ?? [] { if let sid { weights[sid, default: 0] += v } }
            c.sections = weights.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map { ($0.key, $0.value) }
            out.append(c)
        }
        return out
    }

    /// Rescales the best candidates by how much of the question their evidence covers
    /// (a coordination factor, as in Lucene's classic scorer):
    ///
    ///     score(e) ← score(e) · (0.5 + 0.5 · coverage(e))
    func coordinate(_ candidates: inout [Candidate], question q: Question, depth: Int) throws {
        let n = min(depth, candidates.count)
        for i in 0..<n {
            let cov = try coverageDetail(q, sets: evidenceStems(candidates[i])).ratio
            candidates[i].coverage = cov
            candidates[i].score *= 0.5 + 0.5 * cov
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
