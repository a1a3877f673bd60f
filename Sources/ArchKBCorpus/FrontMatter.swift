import Yams

/// The YAML block between `---` lines at the top of a Markdown file.
public struct FrontMatter: Sendable {
    /// Scalar values by lowercased key; lists are kept in `lists`.
    public var values: [String: String] = [:]
    public var lists: [String: [String]] = [:]
    /// Number of lines the block takes, including both `---` lines (0 when absent).
    public var lineCount = 0
    /// Set when the YAML could not be parsed and a line-based reading was used instead.
    public var fellBack = false

    public init() {}

    public subscript(key: String) -> String? { values[key] }

    /// The value of `key` as a list: a YAML sequence, or a comma-separated scalar.
    public func list(_ key: String) -> [String] {
        if let list = lists[key] { return list }
        guard let value = values[key]?.trimmed, !value.isEmpty else { return [] }
        return value.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// Reads front matter from the first lines of a file, if they open with `---`.
    public static func read(lines: [String]) -> FrontMatter {
        var fm = FrontMatter()
        guard let first = lines.first, first.trimmed == "---" else { return fm }
        var end = -1
        for i in 1..<min(lines.count, 200) where lines[i].trimmed == "---" || lines[i].trimmed == "..." {
            end = i
            break
        }
        guard end > 0 else { return fm }
        fm.lineCount = end + 1
        let yaml = lines[1..<end].joined(separator: "\n")
        if let node = try? Yams.load(yaml: yaml), let map = node as? [String: Any] {
            for (key, value) in map {
                let k = key.lowercased()
                if let array = value as? [Any] {
                    fm.lists[k] = array.map { "\($0)".trimmed }.filter { !$0.isEmpty }
                } else if value is [String: Any] {
                    continue
                } else {
                    fm.values[k] = "\(value)".trimmed
                }
            }
        } else {
            fm.fellBack = true
            for line in lines[1..<end] {
                guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else { continue }
                let key = line[..<colon].trimmed.lowercased()
                var value = line[line.index(after: colon)...].trimmed
                if value.hasPrefix("["), value.hasSuffix("]") {
                    value = String(value.dropFirst().dropLast())
                    fm.lists[key] = value.split(separator: ",").map { String($0).trimmed.trimmingQuotes }.filter { !$0.isEmpty }
                } else {
                    fm.values[key] = value.trimmingQuotes
                }
            }
        }
        return fm
    }
}

extension String {
    /// The string without one pair of surrounding quotes, if it has them.
    var trimmingQuotes: String {
        if count >= 2, let f = first, let l = last, (f == "\"" && l == "\"") || (f == "'" && l == "'") {
            return String(dropFirst().dropLast())
        }
        return self
    }
}
