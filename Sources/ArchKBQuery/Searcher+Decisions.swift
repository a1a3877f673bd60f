import ArchKBCorpus
import ArchKBIndex

extension Searcher {
    /// The status a decision has in effect: an ADR whose successor is in force counts as superseded
    /// even when its own status line was never updated.
    public func effectiveStatus(_ d: StoredDecision) -> DecisionStatus {
        if d.status == .superseded || d.status == .rejected || d.status == .deprecated { return d.status }
        let live = d.supersededBy.contains { i in
            i < reader.decisions.count && !reader.decisions[i].status.isWithdrawn
        }
        return live ? .superseded : d.status
    }

    /// ADRs that match the question: named directly (score ≥ 10), or found by retrieval.
    ///
    ///     score(d) = maxₛ (0.5·bm25(s)/bm25max + 0.5·cos(s)/cosmax)   over d's sections s
    /// kept when score ≥ ½·best and the ADR covers at least half of the question's weight.
    func matchDecisions(_ q: Question, plan: CoveragePlan, evidence ev: Evidence) throws -> [(decision: Int, score: Double)] {
        var scores: [Int: Double] = [:]
        var bestSection: [Int: Int] = [:]
        func add(_ sid: Int, _ v: Double) {
            guard let d = reader.sections[sid].decision else { return }
            if v > (scores[d] ?? 0) { scores[d] = v; bestSection[d] = sid }
        }
        var perSection: [Int: Double] = [:]
        if ev.bm25Max > 0 { for (sid, s) in ev.bm25 where reader.sections[sid].decision != nil { perSection[sid, default: 0] += 0.5 * s / ev.bm25Max } }
        if ev.cosineMax > 0 {
            for (uid, c) in ev.cosine {
                if let sid = reader.units[uid].section, reader.sections[sid].decision != nil { perSection[sid, default: 0] += 0.5 * c / ev.cosineMax }
            }
        }
        for (sid, v) in perSection { add(sid, v) }
        let best = scores.values.max() ?? 0
        var out: [(Int, Double)] = []
        for (d, s) in scores where s >= best * 0.5 {
            let decision = reader.decisions[d]
            var sets = [titleStems(ofDecision: decision)]
            if let sid = bestSection[d] { sets.append(try stemSet(ofSection: sid)) }
            if plan.coverage(of: StemSets(sets: sets)).ratio >= 0.5 { out.append((d, s)) }
        }
        // Direct references: "ADR-0012", "adr 12", "0012-use-kafka.md".
        for n in q.adrNumbers {
            for d in reader.decisions where d.number == n || d.titleNumber == n {
                out.removeAll { $0.0 == d.id }
                out.append((d.id, 10 + s(d)))
            }
        }
        for f in q.adrFiles {
            for d in reader.decisions where reader.documents[d.document].path.lowercased().hasSuffix("/" + f) {
                out.removeAll { $0.0 == d.id }
                out.append((d.id, 11))
            }
        }
        return out.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    }

    /// Stems of a decision's title and chosen option, computed once per searcher.
    func titleStems(ofDecision d: StoredDecision) -> Set<String> {
        if let cached = decisionStems[d.id] { return cached }
        let stems = Set(Tokenizer.stems(d.title + " " + (d.chosen ?? "")))
        decisionStems[d.id] = stems
        return stems
    }

    private func s(_ d: StoredDecision) -> Double { d.status.isPrecedent ? 0.1 : 0 }

    /// Lifts entities chosen by matching ADRs that are in force, and records them as precedent.
    ///
    ///     score(e) ← score(e) · 1.2 + 0.05   for each entity an in-force matching ADR chose
    func applyPrecedent(_ candidates: inout [Candidate], decisions: [(decision: Int, score: Double)]) {
        let best = candidates.map(\.score).max() ?? 0
        for (d, _) in decisions {
            let decision = reader.decisions[d]
            guard effectiveStatus(decision).isPrecedent else { continue }
            for (e, chosen) in decision.entities where chosen {
                if let i = candidates.firstIndex(where: { $0.entity == e }) {
                    if candidates[i].precedents.isEmpty {
                        let before = candidates[i].score
                        candidates[i].score = before * 1.2 + 0.05
                        candidates[i].explanation.precedentBoost = candidates[i].score - before
                    }
                    candidates[i].precedents.append(d)
                } else {
                    var c = Candidate(entity: e)
                    c.score = best * 0.3
                    c.explanation.precedentBoost = c.score
                    c.precedents = [d]
                    candidates.append(c)
                }
            }
        }
    }

    func decisionHit(_ d: Int, score: Double) -> DecisionHit {
        let decision = reader.decisions[d]
        let doc = reader.documents[decision.document]
        let successors = decision.supersededBy.compactMap { i -> String? in
            guard i < reader.decisions.count else { return nil }
            let s = reader.decisions[i]
            return s.number.map { "ADR \($0): \(s.title)" } ?? s.title
        }
        return DecisionHit(decision: d, number: decision.number, title: decision.title, status: effectiveStatus(decision),
                           rawStatus: decision.rawStatus, date: decision.date, path: doc.displayPath, line: decision.line,
                           supersededBy: successors, chosen: decision.chosen, score: score)
    }
}
