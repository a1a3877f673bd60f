import ArchKBCorpus
import ArchKBIndex

/// One item of a card section (a list item or a paragraph): its text, citation and what it names.
struct CardItem {
    var text: String
    var citation: Citation
    /// Entities the item names (strong mentions: names, several-word or capitalised aliases); for
    /// an *Alternatives* item only those of its lead, the options it is about (`DraftCheck.lead`).
    var entities: Set<Int>
}

extension DraftCheck {
    /// "When not to use" lines of the chosen entity's card (the first the draft chooses: the
    /// option itself, not what its Decision mentions with it) whose condition (the line up to its
    /// first ": " or "; ", where the advice starts) shares at least `whenNotSharedStems` stems,
    /// and `whenNotShare` of its own, with one sentence of the draft's Context. Both lines are cited.
    func whenNotFindings(_ draft: DraftText, chosen: [Int]) -> [CheckFinding] {
        var out: [CheckFinding] = []
        for c in chosen.prefix(1) {
            let own = Set(([reader.entities[c].name] + reader.entities[c].aliases).flatMap(Tokenizer.stems))
            for item in cardItems(of: c, role: .whenNot) {
                let condition = DraftCheck.condition(item.text)
                let stems = DraftCheck.contentStems(condition).subtracting(own)
                guard stems.count >= CheckThresholds.whenNotSharedStems else { continue }
                let best = draft.context.map { ($0, $0.stems.intersection(stems)) }.max { $0.1.count < $1.1.count }
                guard let (sentence, shared) = best, shared.count >= CheckThresholds.whenNotSharedStems,
                      Double(shared.count) >= CheckThresholds.whenNotShare * Double(stems.count) else { continue }
                out.append(CheckFinding(kind: .whenNotToUse, severity: .warning,
                    message: "the context matches a reason not to use \(reader.entities[c].name): \"\(condition)\" (shared: \(shared.sorted().joined(separator: ", ")))",
                    path: draft.displayPath, line: sentence.line,
                    citations: [item.citation, Citation(path: draft.displayPath, line: sentence.line, section: "Context")]))
            }
        }
        return out
    }

    /// Alternatives the chosen entity's card (the first chosen) lists for the same concern (`sameConcern`) that the draft never mentions by name or alias, one finding.
    func alternativeFindings(_ draft: DraftText, chosen: [Int]) -> [CheckFinding] {
        let text = draft.plainText
        let mentioned = finder.anyMention(in: text)
        let normalized = " " + normalizedPhrase(text) + " "
        var out: [CheckFinding] = []
        for c in chosen.prefix(1) {
            var missing: [(Int, Citation)] = []
            for item in alternativeItems(of: c) {
                for e in item.entities.sorted() where e != c && !chosen.contains(e) && sameConcern(c, e) != nil {
                    let names = [reader.entities[e].name] + reader.entities[e].aliases
                    let said = mentioned.contains(e) || names.contains { !normalizedPhrase($0).isEmpty && normalized.contains(" " + normalizedPhrase($0) + " ") }
                    if !said && !missing.contains(where: { $0.0 == e }) { missing.append((e, item.citation)) }
                }
            }
            guard !missing.isEmpty else { continue }
            out.append(CheckFinding(kind: .unmentionedAlternatives, severity: .warning,
                message: "the draft never mentions \(missing.map { reader.entities[$0.0].name }.joined(separator: ", ")), which the \(reader.entities[c].name) card lists as alternatives; say why not",
                path: draft.displayPath, line: draftLine(naming: c, in: draft), citations: DraftCheck.unique(missing.map(\.1))))
        }
        return out
    }

    /// `citations` without repeats, in order.
    static func unique(_ citations: [Citation]) -> [Citation] {
        var seen = Set<Citation>()
        return citations.filter { seen.insert($0).inserted }
    }

    /// The items of entity `e`'s *Alternatives* sections, with the entities each names.
    func alternativeItems(of e: Int) -> [CardItem] {
        cardItems(of: e, role: .alternatives)
    }

    /// The list items and paragraphs of entity `e`'s card sections of `role`, read from the card file.
    func cardItems(of e: Int, role: SectionRole) -> [CardItem] {
        var out: [CardItem] = []
        for sid in reader.searchTables.sectionsByEntity[e] ?? [] {
            let s = reader.sections[sid]
            guard s.role == role.rawValue, reader.documents[s.document].kind == DocumentKind.card.rawValue else { continue }
            let lines = lines(ofDocument: s.document)
            let label = s.trail.isEmpty ? s.heading : s.trail
            for sentence in DraftCheck.items(lines: lines, from: s.startLine, to: s.endLine) {
                let subject = role == .alternatives ? DraftCheck.lead(sentence.text) : sentence.text
                let named = Set(finder.mentions(in: subject).filter(\.strong).map(\.entity))
                out.append(CardItem(text: sentence.text, citation: cite(document: s.document, line: sentence.line, section: label), entities: named))
            }
        }
        return out
    }

    /// List items and paragraphs of lines `from...to` (1-based; headings skipped), each with its first line.
    static func items(lines: [String], from: Int, to: Int) -> [(text: String, line: Int)] {
        var out: [(text: String, line: Int)] = []
        var current = ""
        var start = 0
        func flush() {
            if !current.trimmed.isEmpty { out.append((current.trimmed, start)) }
            current = ""
        }
        guard from >= 1 else { return out }
        for n in stride(from: from, through: min(to, lines.count), by: 1) {
            let t = lines[n - 1].trimmed
            if t.isEmpty || t.hasPrefix("#") { flush(); continue }
            if DraftText.isListItem(t) { flush() }
            if current.isEmpty { start = n }
            current += " " + InlineMarkup.plain(String(t.drop { "-*+ ".contains($0) }))
        }
        flush()
        return out
    }

    /// An *Alternatives* item's lead: the text before the first clause that says when or why
    /// ("Apache Kafka when you need replay", "Shared Database: acceptable during a Strangler Fig
    /// migration"), so entities named in the explanation are not taken for options.
    static func lead(_ text: String) -> String {
        var cut = text.endIndex
        for stop in [": ", "; ", " (", ". ", " for ", " when ", " if ", " during ", " because ", " since ", " while ", " unless ", " where "] {
            if let r = text.range(of: stop), r.lowerBound < cut { cut = r.lowerBound }
        }
        return String(text[..<cut])
    }

    /// A card line's condition: the text before the first ": " or "; " (where its advice starts).
    static func condition(_ text: String) -> String {
        var cut = text.endIndex
        for stop in [": ", "; ", " — ", " – "] {
            if let r = text.range(of: stop), r.lowerBound < cut { cut = r.lowerBound }
        }
        return String(text[..<cut]).trimmed
    }

    /// Content stems of `text` that count towards a match (`CheckThresholds.ignoredStems` removed).
    static func contentStems(_ text: String) -> Set<String> {
        Set(Tokenizer.stems(text)).subtracting(CheckThresholds.ignoredStems)
    }
}
