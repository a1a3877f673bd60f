import ArchKBCorpus
import ArchKBIndex

/// Named weights of decision ranking; `--explain` prints them beside each decision's parts.
public enum DecisionScoring {
    /// Weights of the record-level bm25 and cosine parts (`--ranker hybrid`).
    public static let bm25Weight = 0.5
    public static let cosineWeight = 0.5
    /// Weight of the share of the question that the title, chosen option and file name cover.
    public static let titleWeight = 0.35
    /// Decisions scoring below this share of the best one are not listed (the best is always kept).
    public static let floor = 0.3
    /// Record coverage (share of the question's weight the whole record covers) for high / medium confidence.
    public static let highCoverage = 0.7
    public static let mediumCoverage = 0.45
    /// Score given to a record the question names ("ADR 12", "0012-use-kafka.md"): above any retrieval score.
    public static let directReference = 10.0
    /// How many decisions an answer lists at least.
    public static let listed = 6
    /// A listed decision counts as precedent for the entities it chose when it scores at least this
    /// share of the best decision and its title plus best section cover this share of the question.
    public static let precedentScore = 0.5
    public static let precedentCoverage = 0.5
}

/// One decision's score, part by part (see `Searcher.matchDecisions`).
struct DecisionMatch {
    var decision: Int
    var score: Double
    var bm25Part = 0.0
    var cosinePart = 0.0
    var titleCoverage = 0.0
    var recordCoverage = 0.0
    /// Share of the question the title plus the best section cover: the bar for counting as precedent.
    var precedentCoverage = 0.0
    var direct = false
    var section: Int?
}

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

    /// Every decision record ranked on its own retrieval over the whole record, best first.
    ///
    ///     score(d) = w_b · bm25rec(d)/max bm25rec + w_c · cosrec(d)/max cosrec + w_t · titlecov(d)
    /// (`DecisionEvidence` defines bm25rec and cosrec; titlecov is the share of the question's weight
    /// that d's title, chosen option and file name cover). Decisions below `floor`·best are left
    /// out; nothing else filters, so the best-ranked record is always listed. Records the question
    /// names directly come first.
    ///
    /// Only what the answer uses is computed exactly (at 100k sections every record matches some
    /// word): the title coverage of records that can still reach the first `listed` places or
    /// the precedent bar, and record and precedent coverage of the records listed or above that
    /// bar. A record left out could not have changed the list or the precedents, since its score
    /// is at most its retrieval parts plus the title weight.
    func matchDecisions(_ q: Question, plan: CoveragePlan, ranker: Ranker, listed: Int = Int.max) throws -> [DecisionMatch] {
        let ev = try reader.decisionEvidence(phrases: q.ftsPhrases, query: q.terms,
                                             useBM25: ranker != .tfidf, useCosine: ranker != .bm25)
        let bm25Max = ev.records.map { ev.bm25[$0] }.max() ?? 0
        let cosineMax = ev.records.map { ev.cosine[$0] }.max() ?? 0
        let (wb, wc): (Double, Double) = switch ranker {
        case .bm25: (1, 0)
        case .tfidf: (0, 1)
        case .hybrid: (DecisionScoring.bm25Weight, DecisionScoring.cosineWeight)
        }
        var parts: [DecisionMatch] = []
        parts.reserveCapacity(ev.records.count)
        for d in ev.records {
            var m = DecisionMatch(decision: d, score: 0, section: ev.section(of: d))
            if bm25Max > 0 { m.bm25Part = wb * ev.bm25[d] / bm25Max }
            if cosineMax > 0 { m.cosinePart = wc * ev.cosine[d] / cosineMax }
            m.score = m.bm25Part + m.cosinePart
            parts.append(m)
        }
        // Scores without the title are lower bounds; plus the title weight, upper bounds. A record
        // needs its title read only when its upper bound can reach the first `listed` places, or the
        // precedent bar when it chose an entity and is in force (`applyPrecedent` reads nothing else).
        // The k-th best lower bound and half the best one bound both from below, so most records
        // are dropped before sorting; the rest are taken best first until none can reach either.
        var lowerTop = TopScores(k: listed)
        for m in parts { lowerTop.add(m.score) }
        let bestLower = lowerTop.scores.first ?? 0
        parts.removeAll { m in
            let upper = m.score + DecisionScoring.titleWeight
            return upper < lowerTop.kth && (upper < bestLower * DecisionScoring.precedentScore || !mayBePrecedent(m.decision))
        }
        parts.sort { $0.score > $1.score || ($0.score == $1.score && $0.decision < $1.decision) }
        var top = TopScores(k: listed)
        var bestSoFar = -Double.infinity
        var out: [DecisionMatch] = []
        for var m in parts {
            let upper = m.score + DecisionScoring.titleWeight
            if upper < top.kth {
                if upper < bestSoFar * DecisionScoring.precedentScore { break }
                guard mayBePrecedent(m.decision) else { continue }
            }
            m.titleCoverage = plan.coverage(of: StemSets(sets: [titleStems(ofDecision: m.decision)])).ratio
            m.score += DecisionScoring.titleWeight * m.titleCoverage
            top.add(m.score)
            bestSoFar = max(bestSoFar, m.score)
            out.append(m)
        }
        let best = out.map(\.score).max() ?? 0
        out = out.filter { $0.score >= best * DecisionScoring.floor }
        // Direct references: "ADR-0012", "adr 12", "0012-use-kafka.md".
        var direct: [DecisionMatch] = []
        for n in q.adrNumbers {
            for d in reader.decisions where d.number == n || d.titleNumber == n {
                direct.append(DecisionMatch(decision: d.id, score: DecisionScoring.directReference + (d.status.isPrecedent ? 0.1 : 0), direct: true))
            }
        }
        for f in q.adrFiles {
            for d in reader.decisions where reader.documents[d.document].path.lowercased().hasSuffix("/" + f) {
                direct.append(DecisionMatch(decision: d.id, score: DecisionScoring.directReference + 1, direct: true))
            }
        }
        var seen = Set<Int>()
        direct = direct.filter { seen.insert($0.decision).inserted }
        let named = Set(direct.map(\.decision))
        out.removeAll { named.contains($0.decision) }
        out += direct
        out.sort { $0.score > $1.score || ($0.score == $1.score && $0.decision < $1.decision) }
        // Coverage for the records listed and those that may count as precedent (`applyPrecedent`).
        let bestRetrieved = out.filter { !$0.direct }.map(\.score).max() ?? 0
        // Record coverage is read for listed records only, precedent coverage only for records that
        // chose an entity (`applyPrecedent` reads nothing else).
        for i in out.indices where i < listed || out[i].direct || out[i].score >= bestRetrieved * DecisionScoring.precedentScore {
            let title = titleStems(ofDecision: out[i].decision)
            if i < listed || out[i].direct {
                out[i].recordCoverage = plan.coverage(of: StemSets(sets: [title, try recordStems(ofDecision: out[i].decision)])).ratio
            }
            guard mayBePrecedent(out[i].decision) else { continue }
            let best = try out[i].section.map { try stemSet(ofSection: $0) } ?? []
            out[i].precedentCoverage = plan.coverage(of: StemSets(sets: [title, best])).ratio
        }
        return out
    }

    /// Whether a retrieved decision can count as precedent: it is in force and chose an entity.
    func mayBePrecedent(_ id: Int) -> Bool {
        let d = reader.decisions[id]
        return d.entities.contains(where: \.chosen) && effectiveStatus(d).isPrecedent
    }

    /// Stems of a decision's title, chosen option and file name, computed once per searcher.
    func titleStems(ofDecision d: StoredDecision) -> Set<String> {
        titleStems(ofDecision: d.id)
    }

    /// Stems of decision `id`'s title, chosen option and file name (the record is only read when not cached).
    func titleStems(ofDecision id: Int) -> Set<String> {
        if let cached = decisionStems[id] { return cached }
        let d = reader.decisions[id]
        let file = reader.documents[d.document].path.split(separator: "/").last.map(String.init) ?? ""
        let stems = Set(Tokenizer.stems(d.title + " " + (d.chosen ?? "") + " " + file.replacingDashes()))
        decisionStems[d.id] = stems
        return stems
    }

    /// Stems of every section of a decision record, computed once per searcher.
    func recordStems(ofDecision d: Int) throws -> Set<String> {
        if let cached = decisionRecordStems[d] { return cached }
        var stems = Set<String>()
        for sid in reader.tables.sections(ofDecision: d) { stems.formUnion(try stemSet(ofSection: Int(sid))) }
        decisionRecordStems[d] = stems
        return stems
    }

    /// Lifts entities chosen by matching ADRs that are in force, and records them as precedent.
    ///
    ///     score(e) ← score(e) · 1.2 + 0.05   for each entity an in-force matching ADR chose
    /// Only decisions that match the question well count (`precedentScore`, `precedentCoverage`):
    /// a record that barely matches is listed, but is no precedent for it.
    func applyPrecedent(_ candidates: inout [Candidate], decisions: [DecisionMatch]) {
        let best = candidates.map(\.score).max() ?? 0
        let bestDecision = decisions.filter { !$0.direct }.map(\.score).max() ?? 0
        for m in decisions where m.direct
            || (m.score >= bestDecision * DecisionScoring.precedentScore && m.precedentCoverage >= DecisionScoring.precedentCoverage) {
            let decision = reader.decisions[m.decision]
            guard effectiveStatus(decision).isPrecedent else { continue }
            for (e, chosen) in decision.entities where chosen {
                if let i = candidates.firstIndex(where: { $0.entity == e }) {
                    if candidates[i].precedents.isEmpty {
                        // score ← score · precedentFactor + precedentBonus
                        let before = candidates[i].score
                        candidates[i].score = before * model.precedentFactor + model.precedentBonus
                        candidates[i].explanation.precedentBoost = candidates[i].score - before
                        candidates[i].explanation.terms.append(ScoreTerm(name: "team_precedent", value: candidates[i].score - before, weight: 1))
                    }
                    candidates[i].precedents.append(m.decision)
                } else {
                    // An entity only the precedent names starts at precedentFloor · best.
                    var c = Candidate(entity: e)
                    c.score = best * model.precedentFloor
                    c.explanation.precedentBoost = c.score
                    c.explanation.terms.append(ScoreTerm(name: "team_precedent", value: c.score, weight: 1))
                    c.precedents = [m.decision]
                    candidates.append(c)
                }
            }
        }
    }

    /// The answer's view of one matched decision, with its confidence and successors.
    func decisionHit(_ m: DecisionMatch, explain: Bool) -> DecisionHit {
        let decision = reader.decisions[m.decision]
        let doc = reader.documents[decision.document]
        let successors = decision.supersededBy.compactMap { i -> String? in
            guard i < reader.decisions.count else { return nil }
            return label(reader.decisions[i])
        }
        let confidence: Confidence = m.direct || m.recordCoverage >= DecisionScoring.highCoverage ? .high
            : m.recordCoverage >= DecisionScoring.mediumCoverage ? .medium : .low
        var hit = DecisionHit(decision: m.decision, number: decision.number, title: decision.title, status: effectiveStatus(decision),
                              rawStatus: decision.rawStatus, date: decision.date, path: doc.displayPath, line: decision.line,
                              supersededBy: successors, chosen: decision.chosen, score: (m.score * 1000).rounded() / 1000)
        hit.confidence = confidence
        if let sid = m.section { hit.evidence = citation(for: reader.sections[sid]) }
        if explain {
            hit.explanation = "bm25 part \(r3(m.bm25Part)) + cosine part \(r3(m.cosinePart)) + title \(r3(m.titleCoverage))·\(DecisionScoring.titleWeight)"
                + (m.direct ? " (named in the question: \(DecisionScoring.directReference))" : "")
                + "; record coverage \(r3(m.recordCoverage)) → \(confidence.rawValue)"
        }
        return hit
    }

    /// "ADR 12: Title", or the title alone for records without a number.
    func label(_ d: StoredDecision) -> String { d.number.map { "ADR \($0): \(d.title)" } ?? d.title }

    private func r3(_ x: Double) -> String { String((x * 1000).rounded() / 1000) }
}

extension String {
    /// File-name separators as spaces, so "0012-use-kafka.md" tokenises to its words.
    func replacingDashes() -> String { String(map { $0 == "-" || $0 == "_" || $0 == "." ? " " : $0 }) }
}
