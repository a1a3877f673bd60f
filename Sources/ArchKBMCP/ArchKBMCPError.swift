/// Errors of the MCP server: bad tool arguments, unknown entities, daemon and index failures.
///
/// Every case carries what a model (or a person reading the log) needs to correct the call; a tool
/// call that fails with one of these becomes an `isError` result whose text is `description`.
public enum ArchKBMCPError: Error, CustomStringConvertible, Equatable {
    /// A required argument is absent.
    case missingArgument(tool: String, name: String)
    /// An argument has the wrong JSON type.
    case wrongType(tool: String, name: String, expected: String, got: String)
    /// A string argument is empty or only white space.
    case emptyArgument(tool: String, name: String)
    /// An integer argument is outside its range.
    case outOfRange(tool: String, name: String, value: Int, range: ClosedRange<Int>)
    /// A string argument is not one of the allowed values.
    case notAllowed(tool: String, name: String, value: String, allowed: [String])
    /// The call names an argument the tool does not take.
    case unknownArgument(tool: String, name: String, known: [String])
    /// `show` found no entity of that name; `suggestions` are the nearest names.
    case unknownEntity(name: String, suggestions: [String])
    /// The daemon refused a request with a protocol error code (see docs/PROTOCOL.md).
    case daemonRefused(code: String, message: String)
    /// The daemon answered something that is not a protocol response.
    case daemonGarbled(op: String, detail: String)
    /// JSON text that should have been an answer did not parse.
    case unreadableJSON(detail: String)
    /// The index could not be opened or searched in process.
    case index(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingArgument(let tool, let name):
            return "\(tool): missing required argument \"\(name)\""
        case .wrongType(let tool, let name, let expected, let got):
            return "\(tool): argument \"\(name)\" must be \(expected), not \(got)"
        case .emptyArgument(let tool, let name):
            return "\(tool): argument \"\(name)\" must not be empty"
        case .outOfRange(let tool, let name, let value, let range):
            return "\(tool): argument \"\(name)\" must be between \(range.lowerBound) and \(range.upperBound), not \(value)"
        case .notAllowed(let tool, let name, let value, let allowed):
            return "\(tool): argument \"\(name)\" must be one of \(allowed.joined(separator: ", ")), not \"\(value)\""
        case .unknownArgument(let tool, let name, let known):
            return "\(tool): unknown argument \"\(name)\" (this tool takes \(known.joined(separator: ", ")))"
        case .unknownEntity(let name, let suggestions):
            return "no entity named \"\(name)\"" + (suggestions.isEmpty ? "" : "; did you mean: " + suggestions.joined(separator: ", "))
        case .daemonRefused(let code, let message):
            return "the archkb daemon refused the request (\(code)): \(message)"
        case .daemonGarbled(let op, let detail):
            return "the archkb daemon sent an unreadable answer to \(op): \(detail)"
        case .unreadableJSON(let detail):
            return "an answer was not readable JSON: \(detail)"
        case .index(let path, let reason):
            return "cannot use the index \(path): \(reason)"
        }
    }
}
