import ArchKBCorpus
import ArchKBIndex

/// An entity's full card for `archkb show`: every section with its citation, and related ADRs.
public struct EntityView: Sendable {
    public struct Part: Sendable {
        public var heading: String
        public var body: String
        public var citation: Citation
    }

    public var name: String
    public var aliases: [String]
    public var kind: String
    public var area: String
    public var summary: String
    public var related: [String]
    public var parts: [Part]
    public var decisions: [DecisionHit]
}

extension Searcher {
    /// Finds an entity by exact name or alias (any case, any punctuation), else by search.
    public func entity(named text: String) throws -> Int? {
        let key = normalizedPhrase(text)
        guard !key.isEmpty else { return nil }
        if let e = reader.entities.first(where: { normalizedPhrase($0.name) == key }) { return e.id }
        if let e = reader.entities.first(where: { $0.aliases.contains { normalizedPhrase($0) == key } }) { return e.id }
        let answer = try ask(text, options: AskOptions(limit: 1))
        return answer.recommendations.first.flatMap { $0.confidence == .high ? $0.entity : nil }
    }

    /// Every section attached to the entity, in file order, with the decisions that name it.
    public func view(entity id: Int) throws -> EntityView {
        let e = reader.entities[id]
        var parts: [EntityView.Part] = []
        for sid in sectionsByEntity[id] ?? [] {
            let s = reader.sections[sid]
            let body = try reader.body(ofSection: sid)
            if body.isEmpty { continue }
            let heading = s.role == "guide" || s.role == "catalog" ? s.trail : s.heading
            parts.append(.init(heading: heading, body: body, citation: citation(for: s)))
        }
        let decisions = reader.decisions.filter { d in d.entities.contains { $0.id == id } }
            .map { decisionHit(DecisionMatch(decision: $0.id, score: 0, direct: true), explain: false) }
        return EntityView(name: e.name, aliases: e.aliases, kind: e.kind, area: e.area, summary: e.summary, related: e.related,
                          parts: parts, decisions: decisions)
    }
}
