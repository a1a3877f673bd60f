import ArchKBCorpus
import MCP

/// The arguments of one tool call, read strictly: unknown names, wrong types, empty strings and
/// out-of-range numbers are errors that name the tool and the argument, never silent defaults.
///
/// An explicit JSON `null` counts as an absent optional argument (some clients send one for
/// every parameter they leave out); for a required argument it counts as missing.
struct ToolArguments {
    let tool: String
    let values: [String: Value]

    /// Checks that every given argument is one of `known`.
    init(tool: String, values: [String: Value]?, known: [String]) throws {
        self.tool = tool
        self.values = values ?? [:]
        for name in self.values.keys.sorted() where !known.contains(name) {
            throw ArchKBMCPError.unknownArgument(tool: tool, name: name, known: known)
        }
    }

    /// The argument, or nil when it is absent or null.
    func present(_ name: String) -> Value? {
        guard let v = values[name], !v.isNull else { return nil }
        return v
    }

    /// A required string, trimmed, which must not be empty.
    func requiredText(_ name: String) throws -> String {
        guard let text = try optionalText(name) else { throw ArchKBMCPError.missingArgument(tool: tool, name: name) }
        return text
    }

    /// An optional string, trimmed; present but empty is an error.
    func optionalText(_ name: String) throws -> String? {
        guard let v = present(name) else { return nil }
        guard case .string(let s) = v else { throw wrongType(name, expected: "a string", v) }
        let trimmed = s.trimmed
        guard !trimmed.isEmpty else { throw ArchKBMCPError.emptyArgument(tool: tool, name: name) }
        return trimmed
    }

    /// An optional whole number in `range`, else `fallback`. `5.0` counts as 5; `5.5` and `"5"` do not.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let v = present(name) else { return fallback }
        let n: Int
        switch v {
        case .int(let i): n = i
        case .double(let d) where d.rounded() == d && abs(d) < 1e15: n = Int(d)
        default: throw wrongType(name, expected: "an integer", v)
        }
        guard range.contains(n) else { throw ArchKBMCPError.outOfRange(tool: tool, name: name, value: n, range: range) }
        return n
    }

    /// An optional string that must be one of `allowed` (compared case-insensitively; returns the allowed spelling).
    func choice(_ name: String, from allowed: [String]) throws -> String? {
        guard let text = try optionalText(name) else { return nil }
        guard let match = allowed.first(where: { $0.lowercased() == text.lowercased() }) else {
            throw ArchKBMCPError.notAllowed(tool: tool, name: name, value: text, allowed: allowed)
        }
        return match
    }

    func wrongType(_ name: String, expected: String, _ v: Value) -> ArchKBMCPError {
        .wrongType(tool: tool, name: name, expected: expected, got: ToolArguments.typeName(v))
    }

    /// "a string", "an integer", … for error messages.
    static func typeName(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a number"
        case .string, .data: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
