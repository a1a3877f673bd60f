import ArchKBClient
import MCP

/// Turns JSON text (a renderer's or the daemon's) into an MCP value, the same way for both.
///
/// Reads with ArchKBClient's `MiniJSON`: decoding `Value` with `JSONDecoder` tries every type on
/// every node and took about 5 ms of a 9 ms `ask`. Whole numbers become `.int`, others `.double`.
enum StructuredValue {
    static func parse(_ json: String) throws -> Value {
        guard let parsed = MiniJSON.parse(json) else { throw ArchKBMCPError.unreadableJSON(detail: String(json.prefix(80))) }
        return value(parsed)
    }

    static func value(_ m: MiniJSON) -> Value {
        switch m {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d): return d.rounded() == d && abs(d) < 9e15 ? .int(Int(d)) : .double(d)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(value))
        case .object(let fields): return .object(fields.mapValues(value))
        }
    }
}
