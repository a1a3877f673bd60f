import ArchKBCorpus
import ArchKBIndex

extension Searcher {
    func recommendation(for c: Candidate, question q: Question, plan: CoveragePlan, analysis: QuestionAnalysis, explain: Bool) throws -> Recommendation {
        let e = reader.entities[c.entity]
        let topSections = Array(c.sections.prefix(3))
        let hitSections = topSections.map { reader.sections[$0.id] }
        // Candidates `scoreFeatures` scored already carry their coverage; lifted newcomers do not.
        let detail = try c.coverage ?? plan.coverage(of: StemSets(sets: evidenceStems(c)))
        let cov = detail.ratio

        let confidence = self.confidence(c, coverage: detail, longQuestion: analysis.isLong)
        var citations: [Citation] = []
        let cardDoc = reader.documents[e.document]
        citations.append(Citation(path: cardDoc.displayPath, line: e.line, section: e.name))
        // Team precedent is cited before section evidence so the citation limit never drops it.
        for d in c.precedents {
            let decision = reader.decisions[d]
            citations.append(Citation(path: reader.documents[decision.document].displayPath, line: decision.line,
                                      section: decision.number.map { "ADR \($0): \(decision.title)" } ?? decision.title))
        }
        for s in hitSections where !(s.document == e.document && s.startLine == e.line) {
            citations.append(citation(for: s))
        }
        var unique: [Citation] = []
        for cit in citations where !unique.contains(cit) { unique.append(cit) }

        var rationale = e.summary
        // The snippet may be the summary itself, cut at a different length: compare their openings.
        if let snippet = try bestSentence(plan, in: topSections.map(\.id)), !snippet.isEmpty,
           !e.summary.contains(String(snippet.prefix(80))) {
            rationale += rationale.isEmpty ? snippet : " " + snippet
        }
        if e.kind == "anti-pattern" {
            rationale = "Anti-pattern. " + rationale
        }
        if let d = c.precedents.first {
            let decision = reader.decisions[d]
            rationale += " Team precedent: " + (decision.number.map { "ADR \($0)" } ?? "an ADR") + " (\(effectiveStatus(decision).rawValue)) chose it."
        }
        var explanation: Explanation?
        if explain {
            var x = c.explanation
            x.coverage = cov
            x.evidence = hitSections.map { "\(reader.documents[$0.document].displayPath):\($0.startLine) \($0.trail.isEmpty ? $0.heading : $0.trail)" }
            explanation = x
        }
        // The team's ring is an annotation after ranking: it never changes a score.
        return Recommendation(rank: 0, entity: e.id, name: e.name, aliases: e.aliases, kind: e.kind, area: e.area,
                              score: (c.score * 1000).rounded() / 1000, confidence: confidence, rationale: rationale,
                              tradeoffs: e.tradeoffs, citations: Array(unique.prefix(4)),
                              instead: e.kind == "anti-pattern" && !e.instead.isEmpty ? e.instead : nil,
                              precedents: c.precedents, explanation: explanation, ring: try teamRing(of: e.id))
    }

    /// How sure the answer is of one row, from the confidence gate's probability p (see `ConfidenceFeature`):
    ///
    /// - high: p ≥ `gateHigh`, or p ≥ `gateMedium` and the entity's name answers the question
    ///   (c ≥ `highNameCoverage`);
    /// - medium: p ≥ `gateMedium`;
    /// - low otherwise. An answer whose rows are all low is refused ("no confident recommendation").
    func confidence(_ c: Candidate, coverage detail: Coverage, longQuestion: Bool) -> Confidence {
        let p = confidenceProbability(c, coverage: detail, longQuestion: longQuestion)
        if p >= model.gateHigh || (p >= model.gateMedium && c.nameCoverage >= model.highNameCoverage) { return .high }
        return p >= model.gateMedium ? .medium : .low
    }

    func citation(for s: StoredSection) -> Citation {
        let doc = reader.documents[s.document]
        let label = s.trail.isEmpty ? s.heading : s.trail
        return Citation(path: doc.displayPath, line: min(max(s.startLine, 1), max(doc.lineCount, 1)), section: label)
    }

    /// The sentence of these sections sharing the most stems with the question (at least two, or one rare one).
    func bestSentence(_ plan: CoveragePlan, in sections: [Int]) throws -> String? {
        let qStems = Set(plan.terms.map(\.stem))
        guard !qStems.isEmpty else { return nil }
        var best: (String, Int)?
        for sid in sections {
            // A guide row's "Trade-offs: …" cell belongs in the Trade-offs column, not in Why.
            for (sentence, stems) in try sentences(ofSection: sid) where !sentence.lowercased().hasPrefix("trade-offs:") {
                let overlap = stems.intersection(qStems).count
                if overlap > (best?.1 ?? 0) { best = (sentence, overlap) }
            }
        }
        guard let best, best.1 >= min(2, qStems.count) else { return nil }
        var sentence = best.0
        // Guide rows read "Option: When: …"; keep the reader-facing part.
        if let colon = sentence.range(of: ": When: ") { sentence = "Use when: " + sentence[colon.upperBound...] }
        return sentence.count > 260 ? String(sentence.prefix(257)) + "…" : sentence
    }

    /// A section's sentences (30+ characters) with their stems, computed once per searcher.
    func sentences(ofSection sid: Int) throws -> [(text: String, stems: Set<String>)] {
        if let cached = sectionSentences[sid] { return cached }
        var out: [(String, Set<String>)] = []
        for sentence in Searcher.sentences(try reader.body(ofSection: sid)) where sentence.count >= 30 {
            var stems = Set<String>()
            for w in Tokenizer.words(sentence) where !Stopwords.contains(w) {
                if let s = stemMemo[w] { stems.insert(s) } else { let s = Tokenizer.stem(w); stemMemo[w] = s; stems.insert(s) }
            }
            out.append((sentence, stems))
        }
        sectionSentences[sid] = out
        return out
    }

    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var previous: Character = " "
        for ch in text {
            if ch == "\n" {
                if !current.trimmed.isEmpty { out.append(current.trimmed) }
                current = ""
            } else if ch == " " && (previous == "." || previous == "!" || previous == "?") {
                out.append(current.trimmed)
                current = ""
            } else {
                current.append(ch)
            }
            previous = ch
        }
        if !current.trimmed.isEmpty { out.append(current.trimmed) }
        return out.map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
    }
}

