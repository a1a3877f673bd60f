import ArchKBCorpus
import Foundation

extension ADRDraft {
    /// The card sections a considered option quotes, by label and the headings that hold them.
    static let pointSections: [(label: String, headings: Set<String>)] = [
        ("When to use", ["when to use", "use when", "when to use it"]),
        ("When not to use", ["when not to use", "when not to use it", "avoid when", "when to avoid"]),
        ("Trade-offs", ["trade offs", "tradeoffs", "trade off"]),
    ]

    /// Fills the question, the considered options (archkb's recommendations, each with its cited
    /// when / when not / trade-offs) and the related decisions (the team's records in the answer,
    /// with their status) from `answer`. An answer that is not confident gives no options: the
    /// author lists them.
    public mutating func fill(from answer: Answer, searcher: Searcher, limit: Int = 5) throws {
        question = answer.query
        options = []
        let recommendations = answer.confident ? Array(answer.recommendations.prefix(limit)) : []
        for recommendation in recommendations {
            let view = try searcher.view(entity: recommendation.entity)
            var points: [Point] = []
            for (label, headings) in ADRDraft.pointSections {
                guard let part = view.parts.first(where: { headings.contains(normalizedPhrase($0.heading)) }) else { continue }
                points.append(Point(label: label, text: ADRDraft.gist(part.body), citation: "\(part.citation.path):\(part.citation.line)"))
            }
            if points.isEmpty, let first = recommendation.citations.first {
                points.append(Point(label: "Why", text: ADRDraft.gist(recommendation.rationale), citation: "\(first.path):\(first.line)"))
            }
            options.append(Option(name: recommendation.name, points: points))
        }
        // A record of this log is linked by its file name (the new record sits beside it); any other
        // by its path in the index.
        let own = Set(convention.records.map(\.fileName))
        related = answer.decisions.map {
            let name = $0.path.split(separator: "/").last.map(String.init) ?? $0.path
            return Related(title: $0.title, number: $0.number, status: ADRDraft.gist($0.rawStatus ?? $0.status.rawValue),
                           path: own.contains(name) ? name : $0.path)
        }
        let names = recommendations.map { [$0.name] + $0.aliases }
        for record in convention.records where ADRDraft.mentions(record.record, names) {
            guard !related.contains(where: { $0.path == record.fileName }) else { continue }
            let status = record.record.rawStatus.map(ADRDraft.gist) ?? record.record.status.rawValue
            related.append(Related(title: record.record.title, number: record.record.number, status: status, path: record.fileName))
        }
    }

    /// Whether the record's title or decision names one of the options (by name or alias, whole words).
    static func mentions(_ record: DecisionRecord, _ names: [[String]]) -> Bool {
        let text = " " + normalizedPhrase(record.title + " " + record.decisionText + " " + (record.chosenOption ?? "")) + " "
        return names.contains { option in
            option.contains { name in
                let key = normalizedPhrase(name)
                return key.count > 2 && text.contains(" " + key + " ")
            }
        }
    }

    /// The first item or sentence of a section body, on one line, at most about 220 characters.
    static func gist(_ body: String) -> String {
        let lines = body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard var first = lines.first else { return "" }
        if first.hasPrefix("- ") || first.hasPrefix("* ") { first = String(first.dropFirst(2)) }
        if let end = first.range(of: ". ") { first = String(first[..<end.lowerBound]) + "." }
        if first.count > 220 {
            let cut = first.prefix(220)
            first = String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
        }
        return first
    }
}
