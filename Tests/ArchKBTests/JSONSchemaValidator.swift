import Foundation
import MCP

/// A JSON Schema (draft 2020-12) validator for exactly the keywords archkb's schemas use.
///
/// Assertions: `type`, `enum`, `required`, `properties`, `additionalProperties`, `items`,
/// `minItems`, `maxItems`, `minLength`, `maxLength` (in code points), `minimum`, `maximum`,
/// `anyOf`, `$ref` (local JSON pointers such as `#/$defs/decision`). Annotations (`$schema`,
/// `$defs`, `title`, `description`, `default`) carry no assertion. A schema that uses any other
/// keyword is refused when the validator is made, so no rule can be skipped silently.
struct JSONSchemaValidator {
    let root: Value

    static let assertions: Set<String> = ["type", "enum", "required", "properties", "additionalProperties", "items", "minItems", "maxItems",
                                          "minLength", "maxLength", "minimum", "maximum", "anyOf", "$ref"]
    static let annotations: Set<String> = ["$schema", "$defs", "title", "description", "default"]

    struct UnsupportedKeyword: Error, CustomStringConvertible {
        var keyword: String
        var path: String
        var description: String { "the validator does not support \"\(keyword)\" (at \(path))" }
    }

    init(schema: Value) throws {
        root = schema
        try JSONSchemaValidator.checkKeywords(schema, path: "#")
    }

    /// Parses schema text (e.g. docs/answer.schema.json).
    init(schemaText: String) throws {
        try self.init(schema: try JSONDecoder().decode(Value.self, from: Data(schemaText.utf8)))
    }

    /// Every violation in `instance`, as "path: problem"; empty when it is valid.
    func errors(_ instance: Value) -> [String] {
        var out: [String] = []
        check(instance, against: root, at: "", into: &out)
        return out
    }

    func isValid(_ instance: Value) -> Bool { errors(instance).isEmpty }

    static func checkKeywords(_ schema: Value, path: String) throws {
        if case .bool = schema { return }
        guard let fields = schema.objectValue else { throw UnsupportedKeyword(keyword: "non-object schema", path: path) }
        for (key, value) in fields {
            guard assertions.contains(key) || annotations.contains(key) else { throw UnsupportedKeyword(keyword: key, path: path) }
            switch key {
            case "properties", "$defs":
                for (name, sub) in value.objectValue ?? [:] { try checkKeywords(sub, path: "\(path)/\(key)/\(name)") }
            case "items", "additionalProperties":
                try checkKeywords(value, path: "\(path)/\(key)")
            case "anyOf":
                for (i, sub) in (value.arrayValue ?? []).enumerated() { try checkKeywords(sub, path: "\(path)/anyOf/\(i)") }
            default:
                break
            }
        }
    }

    func check(_ v: Value, against schema: Value, at path: String, into out: inout [String]) {
        if case .bool(let allowed) = schema {
            if !allowed { out.append("\(path): not allowed here") }
            return
        }
        guard let s = schema.objectValue else { return }
        let here = path.isEmpty ? "/" : path
        if let ref = s["$ref"]?.stringValue {
            guard let target = resolve(ref) else { out.append("\(here): unresolvable $ref \(ref)"); return }
            check(v, against: target, at: path, into: &out)
        }
        if let type = s["type"] {
            let names = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            if !names.contains(where: { Self.has(type: $0, v) }) { out.append("\(here): \(Self.describe(v)) is not of type \(names.joined(separator: "|"))") }
        }
        if let allowed = s["enum"]?.arrayValue, !allowed.contains(v) {
            out.append("\(here): \(Self.describe(v)) is not one of \(allowed.map(Self.describe).joined(separator: ", "))")
        }
        if let anyOf = s["anyOf"]?.arrayValue {
            let matches = anyOf.contains { sub in var scratch: [String] = []; check(v, against: sub, at: path, into: &scratch); return scratch.isEmpty }
            if !matches { out.append("\(here): \(Self.describe(v)) matches none of the anyOf schemas") }
        }
        checkNumber(v, s, here, &out)
        checkString(v, s, here, &out)
        checkArray(v, s, path, &out)
        checkObject(v, s, path, &out)
    }

    func checkNumber(_ v: Value, _ s: [String: Value], _ here: String, _ out: inout [String]) {
        guard let n = Self.number(v) else { return }
        if let min = s["minimum"].flatMap(Self.number), n < min { out.append("\(here): \(n) is below the minimum \(min)") }
        if let max = s["maximum"].flatMap(Self.number), n > max { out.append("\(here): \(n) is above the maximum \(max)") }
    }

    func checkString(_ v: Value, _ s: [String: Value], _ here: String, _ out: inout [String]) {
        guard case .string(let text) = v else { return }
        let length = text.unicodeScalars.count
        if let min = s["minLength"]?.intValue, length < min { out.append("\(here): string of \(length) characters is shorter than \(min)") }
        if let max = s["maxLength"]?.intValue, length > max { out.append("\(here): string of \(length) characters is longer than \(max)") }
    }

    func checkArray(_ v: Value, _ s: [String: Value], _ path: String, _ out: inout [String]) {
        guard let items = v.arrayValue else { return }
        let here = path.isEmpty ? "/" : path
        if let min = s["minItems"]?.intValue, items.count < min { out.append("\(here): \(items.count) items, fewer than \(min)") }
        if let max = s["maxItems"]?.intValue, items.count > max { out.append("\(here): \(items.count) items, more than \(max)") }
        if let itemSchema = s["items"] {
            for (i, item) in items.enumerated() { check(item, against: itemSchema, at: "\(path)/\(i)", into: &out) }
        }
    }

    func checkObject(_ v: Value, _ s: [String: Value], _ path: String, _ out: inout [String]) {
        guard let fields = v.objectValue else { return }
        let here = path.isEmpty ? "/" : path
        for name in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where fields[name] == nil {
            out.append("\(here): missing required property \"\(name)\"")
        }
        let properties = s["properties"]?.objectValue ?? [:]
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            if let sub = properties[name] {
                check(value, against: sub, at: "\(path)/\(name)", into: &out)
            } else if let extra = s["additionalProperties"] {
                if case .bool(false) = extra {
                    out.append("\(here): property \"\(name)\" is not allowed")
                } else {
                    check(value, against: extra, at: "\(path)/\(name)", into: &out)
                }
            }
        }
    }

    /// Follows a local JSON pointer (`#/$defs/decision`).
    func resolve(_ ref: String) -> Value? {
        guard ref.hasPrefix("#") else { return nil }
        var node = root
        for part in ref.dropFirst().split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node.objectValue?[key] else { return nil }
            node = next
        }
        return node
    }

    static func has(type: String, _ v: Value) -> Bool {
        switch (type, v) {
        case ("null", .null), ("boolean", .bool), ("object", .object), ("array", .array), ("string", .string), ("string", .data): return true
        case ("number", .int), ("number", .double), ("integer", .int): return true
        case ("integer", .double(let d)): return d.rounded() == d
        default: return false
        }
    }

    static func number(_ v: Value) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    static func describe(_ v: Value) -> String {
        switch v {
        case .string(let s): return "\"\(s.prefix(40))\""
        case .object: return "an object"
        case .array: return "an array"
        case .null: return "null"
        default: return "\(v)"
        }
    }
}
