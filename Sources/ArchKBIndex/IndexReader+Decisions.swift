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
        // Dense arrays by decision and unit with a list of the touched ones: at 100k sections a
        // phrase hits tens of thousands of sections, too many for dictionary updates per hit.
        let sectionDecision = sectionDecisions
        if useBM25 {
            var bestScore = [Double](repeating: 0, count: decisions.count)
            var bestSid = [Int32](repeating: -1, count: decisions.count)
            var touched: [Int] = []
            var contribution = [[(sid: Int32, score: Double)]](repeating: [], count: decisions.count)
            var matched: [Int] = []
            for phrase in Set(phrases) {
                for (section, score) in try phraseHits(phrase) {
                    let sid = Int(section)
                    guard sid >= 0, sid < sectionDecision.count else { continue }
                    let d = Int(sectionDecision[sid])
                    guard d >= 0 else { continue }
                    // A record's best section for the phrase (the first of equal scores).
                    if -score > bestScore[d] {
                        if bestSid[d] < 0 { touched.append(d) }
                        bestScore[d] = -score
                        bestSid[d] = section
                    }
                }
                for d in touched {
                    ev.bm25[d, default: 0] += bestScore[d]
                    ev.phrasesMatched[d, default: 0] += 1
                    if contribution[d].isEmpty { matched.append(d) }
                    contribution[d].append((bestSid[d], bestScore[d]))
                    bestScore[d] = 0
                    bestSid[d] = -1
                }
                touched.removeAll(keepingCapacity: true)
            }
            for d in matched {
                // The section with the largest summed score, the lowest id among equals.
                var sums: [Int32: Double] = [:]
                for c in contribution[d] { sums[c.sid, default: 0] += c.score }
                if let top = sums.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
                    ev.bestSection[d] = Int(top.key)
                }
            }
        }
        if useCosine {
            let unitDecision = unitDecisions
            var byUnit = [Double](repeating: 0, count: unitDecision.count)
            var touched: [Int] = []
            for (qn, list) in try normalizedQuery(query) {
                for (u, w) in list {
                    let ui = Int(u)
                    guard ui >= 0, ui < unitDecision.count, unitDecision[ui] >= 0 else { continue }
                    if byUnit[ui] == 0 { touched.append(ui) }
                    byUnit[ui] += qn * Double(w)
                }
            }
            var cosineSection: [Int: Int] = [:]
            for ui in Set(touched) {
                let c = byUnit[ui]
                guard let sid = units[ui].section else { continue }
                let d = Int(unitDecision[ui])
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
