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
    /// The decisions with any evidence, in the order first found.
    public var records: [Int] = []
    /// By decision id: bm25rec (positive, larger is better; 0 without a hit).
    public var bm25: [Double] = []
    /// By decision id: the section that contributed most to bm25rec, else the one of cosrec; -1 for none.
    public var bestSection: [Int32] = []
    /// By decision id: cosrec (0 without a unit).
    public var cosine: [Double] = []

    public init(decisions: Int = 0) {
        bm25 = [Double](repeating: 0, count: decisions)
        bestSection = [Int32](repeating: -1, count: decisions)
        cosine = [Double](repeating: 0, count: decisions)
    }

    /// The section to cite for decision `d`, if it has one.
    public func section(of d: Int) -> Int? { bestSection[d] >= 0 ? Int(bestSection[d]) : nil }
}

extension IndexReader {
    /// Scores every decision record for `phrases` (FTS5 phrases built from tokens) and `query`
    /// (weighted vector terms), see `DecisionEvidence`.
    public func decisionEvidence(phrases: [String], query: [String: Double], useBM25: Bool, useCosine: Bool) throws -> DecisionEvidence {
        var ev = DecisionEvidence(decisions: decisions.count)
        guard !decisions.isEmpty else { return ev }
        // Dense arrays by decision and unit with lists of the touched ones: at 100k sections a
        // phrase hits tens of thousands of sections, too many for dictionary updates per hit.
        var found = [Bool](repeating: false, count: decisions.count)
        if useBM25 { try addPhraseEvidence(&ev, found: &found, phrases: phrases) }
        if useCosine { try addCosineEvidence(&ev, found: &found, query: query) }
        return ev
    }

    /// bm25rec of every record a phrase hits, and the section that contributed most to it.
    private func addPhraseEvidence(_ ev: inout DecisionEvidence, found: inout [Bool], phrases: [String]) throws {
        let sectionDecision = sectionDecisions
        var bestScore = [Double](repeating: 0, count: decisions.count)
        var bestSid = [Int32](repeating: -1, count: decisions.count)
        var touched: [Int] = []
        // Each record's (section, score) per phrase, chained by record: head[d] → next[i] → …
        var head = [Int32](repeating: -1, count: decisions.count)
        var next: [Int32] = [], contributions: [(sid: Int32, score: Double)] = []
        for phrase in IndexReader.distinct(phrases) {
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
                ev.bm25[d] += bestScore[d]
                if !found[d] { found[d] = true; ev.records.append(d) }
                next.append(head[d])
                head[d] = Int32(contributions.count)
                contributions.append((bestSid[d], bestScore[d]))
                bestScore[d] = 0
                bestSid[d] = -1
            }
            touched.removeAll(keepingCapacity: true)
        }
        var sums: [(sid: Int32, score: Double)] = []
        for d in ev.records {
            // The section with the largest summed score, the lowest id among equals (few phrases: a short list).
            sums.removeAll(keepingCapacity: true)
            var i = head[d]
            while i >= 0 {
                let c = contributions[Int(i)]
                if let j = sums.firstIndex(where: { $0.sid == c.sid }) { sums[j].score += c.score } else { sums.append(c) }
                i = next[Int(i)]
            }
            if let top = sums.max(by: { $0.score < $1.score || ($0.score == $1.score && $0.sid > $1.sid) }) { ev.bestSection[d] = top.sid }
        }
    }

    /// cosrec of every record a query term reaches; its best unit's section is cited when no phrase hit it.
    private func addCosineEvidence(_ ev: inout DecisionEvidence, found: inout [Bool], query: [String: Double]) throws {
        let unitDecision = unitDecisions
        var byUnit = [Double](repeating: 0, count: unitDecision.count)
        var seen = [Bool](repeating: false, count: unitDecision.count)
        var touched: [Int] = []
        for (qn, list) in try normalizedQuery(query) {
            for (u, w) in list {
                let ui = Int(u)
                guard ui >= 0, ui < unitDecision.count, unitDecision[ui] >= 0 else { continue }
                if !seen[ui] { seen[ui] = true; touched.append(ui) }
                byUnit[ui] += qn * Double(w)
            }
        }
        var cosineSection = [Int](repeating: Int.max, count: decisions.count)
        var reached: [Int] = []
        for ui in touched {
            let c = byUnit[ui]
            guard c > 0, let sid = units[ui].section else { continue }
            let d = Int(unitDecision[ui])
            if cosineSection[d] == Int.max { reached.append(d) }
            if c > ev.cosine[d] || (c == ev.cosine[d] && sid < cosineSection[d]) {
                ev.cosine[d] = c
                cosineSection[d] = sid
            }
        }
        for d in reached {
            if !found[d] { found[d] = true; ev.records.append(d) }
            if ev.bestSection[d] < 0 { ev.bestSection[d] = Int32(cosineSection[d]) }
        }
    }
}
