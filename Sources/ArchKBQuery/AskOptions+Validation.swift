import ArchKBCorpus

extension AskOptions {
    /// The kinds `--kind` (CLI, daemon) and the MCP `kind` argument accept: the entity kinds' names.
    public static let kinds = EntityKind.allCases.map(\.rawValue)

    /// The kind spelled as `kinds` spells it (case-insensitive), or `QueryError.unknownKind`.
    public static func checkedKind(_ text: String) throws -> String {
        guard let match = kinds.first(where: { $0.lowercased() == text.lowercased() }) else {
            throw QueryError.unknownKind(given: text, valid: kinds)
        }
        return match
    }
}

extension Searcher {
    /// The distinct areas of the index's entities, sorted.
    public var areas: [String] {
        Array(Set(reader.entities.map(\.area).filter { !$0.isEmpty })).sorted()
    }

    /// `options` with the kind spelled canonically; throws when the kind is unknown or no entity's
    /// area contains the area text, so a typo is an error instead of an empty answer.
    public func validated(_ options: AskOptions) throws -> AskOptions {
        var checked = options
        if let kind = options.kind { checked.kind = try AskOptions.checkedKind(kind) }
        if let area = options.area?.lowercased(), !reader.entities.contains(where: { $0.area.lowercased().contains(area) }) {
            throw QueryError.unknownArea(given: options.area ?? "", valid: areas)
        }
        return checked
    }
}
