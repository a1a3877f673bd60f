/// Errors of a question's options: values that cannot match anything in the index.
public enum QueryError: Error, CustomStringConvertible, Equatable {
    /// `--kind` (or the MCP `kind` argument) is not one of the entity kinds.
    case unknownKind(given: String, valid: [String])
    /// `--area` is contained in no entity's area.
    case unknownArea(given: String, valid: [String])

    public var description: String {
        switch self {
        case .unknownKind(let given, let valid):
            return "unknown kind \"\(given)\"; valid kinds: " + valid.joined(separator: ", ")
        case .unknownArea(let given, let valid):
            return "no area contains \"\(given)\"; valid areas: " + valid.joined(separator: ", ")
        }
    }
}
