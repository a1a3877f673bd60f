import ArchKBCorpus

/// Record-level retrieval of decision records: an ADR is ranked over all of its sections at once.
///
/// Section-level hits favour whichever record has one short section about one query word; a
/// team member asking "where do our terraform modules live" means the record whose title, context
/// and decision together answer it. So each phrase counts once per record, with the record's best
/// section for that phrase:
///
///     bm25rec(d) = Σₚ maxₛ∈d −bm25ₚ(s)        (p: the question's phrases, s: sections of d)
///     cosrec(d)  = maxᵤ∈d cos(q, u)            (u: vector units of d's sections)
/// Every decision is scored, whatever else the index holds (entity cards never crowd ADRs out).
public struct DecisionEvidence: Sendable {
    /// decision id → bm25rec (positive, larger is better).
    public var bm25: [Int: Double] = [:]
    /// decision id → the section that contributed most to bm25rec, for citations.
    public var bestSection: [Int: Int] = [:]
    /// decision id → cosrec.
    public var cosine: [Int: Double] = [:]
    /// How many of the question's phrases each decision contains.
    public var phrasesMatched: [Int: Int] = [:]

    public init() {}
}

extension IndexReader {
    /// Scores every decision record for `phrases` (FTS5 phrases built from tokens) and `query`
    /// (weighted vector terms), see `DecisionEvidence`.
    public func decisionEvidence(phrases: [String], query: [String: Double], useBM25: Bool, useCosine: Bool) throws -> DecisionEvidence {
        var ev = DecisionEvidence()
        guard !decisions.isEmpty else { return ev }
        var contribution: [Int: [Int: Double]] = [:]  // decision → section → summed phrase score
        if useBM25 {
            for phrase in Set(phrases) {
                var best: [Int: (Double, Int)] = [:]
                for (section, score) in try phraseHits(phrase) {
                    let sid = Int(section)
                    guard sid < sections.count, let d = sections[sid].decision else { continue }
                    if -score > (best[d]?.0 ?? 0) { best[d] = (-score, sid) }
                }
                for (d, (score, sid)) in best {
                    ev.bm25[d, default: 0] += score
                    ev.phrasesMatched[d, default: 0] += 1
                    contribution[d, default: [:]][sid, default: 0] += score
                }
            }
            for (d, bySection) in contribution {
                if let top = bySection.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
                    ev.bestSection[d] = top.key
                }
            }
        }
        if useCosine {
            var byUnit: [Int32: Double] = [:]
            for (qn, list) in try normalizedQuery(query) {
                for (u, w) in list {
                    let ui = Int(u)
                    guard ui < units.count, let sid = units[ui].section, sid < sections.count, sections[sid].decision != nil else { continue }
                    byUnit[u, default: 0] += qn * Double(w)
                }
            }
            var cosineSection: [Int: Int] = [:]
            for (u, c) in byUnit {
                guard let sid = units[Int(u)].section, let d = sections[sid].decision else { continue }
                if c > (ev.cosine[d] ?? 0) || (c == ev.cosine[d] && sid < (cosineSection[d] ?? Int.max)) {
                    ev.cosine[d] = c
                    cosineSection[d] = sid
                }
            }
            for (d, sid) in cosineSection where ev.bestSection[d] == nil { ev.bestSection[d] = sid }
        }
        return ev
    }
}
