import ArchKBCorpus
import ArchKBIndex

/// One entity of a side-by-side comparison ("kafka vs rabbitmq"): when to use it, when not, its
/// trade-offs and the decision-guide rows that set it against the others, each cited.
public struct ComparisonSide: Sendable {
    public var name: String
    public var kind: String
    public var whenToUse: String
    public var whenNot: String
    public var tradeoffs: String
    /// Guide rows about this entity that name another compared entity ("Option: When: …").
    public var guideRows: [String]
    /// The card, then its "When not to use" section, then the guide rows, in that order.
    public var citations: [Citation]
}

extension Searcher {
    /// The comparison of the entities a question compares, in the answer's order.
    func comparison(of entities: [Int], order: [Int]) throws -> [ComparisonSide] {
        let ordered = order.filter(entities.contains) + entities.filter { !order.contains($0) }
        var sides: [ComparisonSide] = []
        for id in ordered {
            let e = reader.entities[id]
            let others = Set(ordered.filter { $0 != id })
            var citations = [Citation(path: reader.documents[e.document].displayPath, line: e.line, section: e.name)]
            var whenNot = ""
            var rows: [String] = []
            for s in reader.sections where s.entity == id {
                let sid = s.id
                if s.role == SectionRole.whenNot.rawValue, whenNot.isEmpty {
                    whenNot = Searcher.listText(try reader.body(ofSection: sid))
                    citations.append(citation(for: s))
                } else if s.role == "guide" {
                    let body = try reader.body(ofSection: sid)
                    if nameMatcher.entities(in: body).contains(where: others.contains) || !others.isDisjoint(with: nameMatcher.entities(in: s.trail)) {
                        rows.append(Searcher.listText(body))
                        citations.append(citation(for: s))
                    }
                }
            }
            sides.append(ComparisonSide(name: e.name, kind: e.kind, whenToUse: Searcher.listText(e.whenToUse), whenNot: whenNot,
                                        tradeoffs: e.tradeoffs, guideRows: Array(rows.prefix(2)), citations: Array(citations.prefix(4))))
        }
        return sides
    }

    /// A section body as one line of text: list markers dropped, items joined with "; ".
    static func listText(_ body: String) -> String {
        let items = body.split(separator: "\n").map { line -> String in
            var t = line.trimmed
            if t.hasPrefix("- ") || t.hasPrefix("* ") { t = String(t.dropFirst(2)) }
            return t
        }.filter { !$0.isEmpty }
        var text = ""
        for item in items {
            if !text.isEmpty { text += text.last.map { ".;:!?".contains($0) } == true ? " " : "; " }
            text += item
        }
        text = text.replacingOccurrences(of: ". - ", with: ". ")
        return text.count > 400 ? String(text.prefix(397)) + "…" : text
    }
}
