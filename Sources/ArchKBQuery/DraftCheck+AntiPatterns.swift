import ArchKBCorpus
import ArchKBIndex

extension DraftCheck {
    /// Anti-patterns the draft adopts, at most one finding each:
    ///
    /// - it chooses one (its chosen option or Decision names an anti-pattern card);
    /// - a Decision sentence names one by name or alias and holds no refusal word
    ///   (`CheckThresholds.negationWords`: "avoid", "instead", "not"…);
    /// - a Decision sentence without a refusal word describes one: it shares at least
    ///   `antiPatternSharedStems` stems, and `antiPatternShare` of the line's, with a
    ///   *How to recognise it* line of the card.
    ///
    /// The Context may describe an anti-pattern freely: it is usually the problem being solved.
    func antiPatternFindings(_ draft: DraftText, chosen: [Int]) -> [CheckFinding] {
        let antiPatterns = reader.entities.filter { $0.kind == EntityKind.antiPattern.rawValue }.map(\.id)
        guard !antiPatterns.isEmpty else { return [] }
        var out: [CheckFinding] = []
        var reported = Set<Int>()
        func add(_ e: Int, line: Int, _ message: String, _ evidence: [Citation]) {
            guard reported.insert(e).inserted else { return }
            let instead = cardItems(of: e, role: .instead).first.map { [$0.citation] } ?? []
            out.append(CheckFinding(kind: .antiPattern, severity: .error, message: message, path: draft.displayPath, line: line,
                                    citations: evidence + instead))
        }
        for c in chosen where antiPatterns.contains(c) {
            add(c, line: draftLine(naming: c, in: draft), "chooses \(reader.entities[c].name), an anti-pattern", [cardCitation(c)])
        }
        let refusing = CheckThresholds.negationWords
        for sentence in draft.decision where Set(Tokenizer.words(sentence.text)).isDisjoint(with: refusing) {
            for m in finder.mentions(in: sentence.text) where m.strong && antiPatterns.contains(m.entity) {
                add(m.entity, line: sentence.line, "the decision adopts \(reader.entities[m.entity].name), an anti-pattern: \"\(sentence.text.prefix(160))\"",
                    [cardCitation(m.entity), Citation(path: draft.displayPath, line: sentence.line, section: "Decision")])
            }
            for e in antiPatterns where !reported.contains(e) {
                for item in cardItems(of: e, role: .recognise) {
                    let stems = DraftCheck.contentStems(item.text)
                    let shared = sentence.stems.intersection(stems)
                    guard stems.count >= CheckThresholds.antiPatternSharedStems, shared.count >= CheckThresholds.antiPatternSharedStems,
                          Double(shared.count) >= CheckThresholds.antiPatternShare * Double(stems.count) else { continue }
                    add(e, line: sentence.line,
                        "the decision describes \(reader.entities[e].name), an anti-pattern: \"\(item.text.prefix(120))\" (shared: \(shared.sorted().joined(separator: ", ")))",
                        [item.citation, Citation(path: draft.displayPath, line: sentence.line, section: "Decision")])
                    break
                }
            }
        }
        return out
    }

    /// The title line of entity `e`'s card.
    func cardCitation(_ e: Int) -> Citation {
        let entity = reader.entities[e]
        return cite(document: entity.document, line: entity.line, section: entity.name)
    }
}
