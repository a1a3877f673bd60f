import Yams

/// The YAML block between `---` lines at the top of a Markdown file.
///
/// The YAML parser (libyaml through Yams) recurses once per nesting level and expands every alias
/// in full, so a 10 KB file nested 5,000 deep overflows the stack and a 600-byte "billion laughs"
/// file exhausts memory. `FrontMatter.Limits` is checked on the raw text first; a block over a
/// limit never reaches the parser.
public struct FrontMatter: Sendable {
    /// Scalar values by lowercased key; lists are kept in `lists`.
    public var values: [String: String] = [:]
    public var lists: [String: [String]] = [:]
    /// Number of lines the block takes, including both `---` lines (0 when absent).
    public var lineCount = 0
    /// Set when the YAML could not be parsed and a line-based reading was used instead.
    public var fellBack = false
    /// Why the block was not given to the YAML parser (over a limit), or nil.
    public var rejection: String?

    public init() {}

    public subscript(key: String) -> String? { values[key] }

    /// The value of `key` as a list: a YAML sequence, or a comma-separated scalar.
    public func list(_ key: String) -> [String] {
        if let list = lists[key] { return list }
        guard let value = values[key]?.trimmed, !value.isEmpty else { return [] }
        return value.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// Reads front matter like `read(lines:)`, but throws for a block over `Limits` (the file is
    /// then skipped with the reason) instead of reading it line by line.
    public static func checked(lines: [String], path: String) throws -> FrontMatter {
        let fm = read(lines: lines)
        if let reason = fm.rejection { throw CorpusError.invalidFrontMatter(path: path, reason: reason) }
        return fm
    }

    /// Reads front matter from the first lines of a file, if they open with `---`.
    ///
    /// A block over `Limits` is read line by line (never by the YAML parser) and `rejection` says why.
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
        fm.rejection = Limits.standard.violation(in: yaml)
        // Composed, not loaded: Yams's constructor traps on a mapping key that is not a scalar
        // (`[a]: b`, found by the fuzzer), so values are read from the node tree here.
        if fm.rejection == nil, let node = try? Yams.compose(yaml: yaml), let map = node.mapping {
            for (key, value) in map {
                guard let k = key.scalar?.string.lowercased(), k != "<<" else { continue }
                if let items = value.sequence {
                    fm.lists[k] = items.compactMap { $0.scalar?.string.trimmed }.filter { !$0.isEmpty }
                } else if let scalar = value.scalar {
                    fm.values[k] = FrontMatter.isNull(scalar) ? "" : scalar.string.trimmed
                }
            }
        } else {
            fm.fellBack = true
            fm.readLineByLine(lines[1..<end])
        }
        return fm
    }

    /// Whether a scalar is YAML's null (`key:`, `~`, `null` unquoted).
    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The fallback reading: `key: value` and `key: [a, b]` lines at the left margin.
    mutating func readLineByLine(_ lines: ArraySlice<String>) {
        for line in lines where line.utf8.count <= Limits.standard.maxBytes {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else { continue }
            let key = line[..<colon].trimmed.lowercased()
            var value = line[line.index(after: colon)...].trimmed
            if value.hasPrefix("["), value.hasSuffix("]") {
                value = String(value.dropFirst().dropLast())
                lists[key] = value.split(separator: ",").map { String($0).trimmed.trimmingQuotes }.filter { !$0.isEmpty }
            } else {
                values[key] = value.trimmingQuotes
            }
        }
    }
}

extension FrontMatter {
    /// What a front-matter block may hold before it is given to the YAML parser.
    public struct Limits: Sendable {
        /// Bytes of YAML between the `---` lines.
        public var maxBytes: Int
        /// Nesting: open flow brackets plus block indentation levels plus `- ` item markers on a line.
        public var maxDepth: Int
        /// Alias uses (`*name`); each may copy a whole anchored subtree, so a few dozen can
        /// multiply into billions of nodes.
        public var maxAliases: Int

        public static let standard = Limits(maxBytes: 32 * 1024, maxDepth: 32, maxAliases: 8)

        /// Why `yaml` is over a limit, or nil when the parser may read it.
        public func violation(in yaml: String) -> String? {
            let bytes = Array(yaml.utf8)
            if bytes.count > maxBytes {
                return "front matter is \(bytes.count) bytes; at most \(maxBytes) are read"
            }
            var scan = Scan(limits: self)
            scan.run(bytes)
            if scan.deepest > maxDepth {
                return "front matter nests \(scan.deepest) levels deep at line \(scan.deepestLine + 1); at most \(maxDepth) are read"
            }
            if scan.aliases > maxAliases {
                return "front matter uses \(scan.aliases) YAML aliases (*name); at most \(maxAliases) are expanded"
            }
            return nil
        }
    }

    /// One pass over the YAML bytes that measures nesting and counts aliases, outside quoted
    /// scalars and comments. It over-counts rather than under-counts (a bracket in a block scalar
    /// counts), which is safe: real front matter is far from the limits.
    struct Scan {
        let limits: Limits
        var deepest = 0
        var deepestLine = 0
        var aliases = 0
        private var flow = 0
        private var indents: [Int] = []
        private var line = 0

        init(limits: Limits) { self.limits = limits }

        mutating func run(_ bytes: [UInt8]) {
            var i = 0
            var quote: UInt8 = 0
            var atLineStart = true
            var previous: UInt8 = 10
            while i < bytes.count {
                let b = bytes[i]
                if quote != 0 {
                    if b == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { i += 2; continue }
                    if b == quote { quote = 0 }
                    if b == 10 { line += 1 }
                    previous = b
                    i += 1
                    continue
                }
                if atLineStart {
                    i = lineStart(bytes, i)
                    atLineStart = false
                    previous = 32
                    continue
                }
                switch b {
                case 10: line += 1; atLineStart = true
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if Scan.isTokenStart(previous) { quote = b }
                case UInt8(ascii: "#") where previous == 32 || previous == 9:
                    while i < bytes.count && bytes[i] != 10 { i += 1 }
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flow += 1
                    note(flow + indents.count)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flow = max(0, flow - 1)
                case UInt8(ascii: "*"):
                    if Scan.isTokenStart(previous), i + 1 < bytes.count, bytes[i + 1] > 32 { aliases += 1 }
                default: break
                }
                previous = b
                i += 1
            }
        }

        /// Measures a line's indentation and leading `- ` markers; returns where its content starts.
        private mutating func lineStart(_ bytes: [UInt8], _ start: Int) -> Int {
            var i = start
            while i < bytes.count && bytes[i] == 32 { i += 1 }
            guard i < bytes.count, bytes[i] != 10, bytes[i] != UInt8(ascii: "#") else { return i }
            var column = i - start
            if flow == 0 {
                while let last = indents.last, last >= column { indents.removeLast() }
                indents.append(column)
            }
            // `- - - x` opens one sequence per marker on a single line.
            while i + 1 < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "?"), bytes[i + 1] == 32 {
                i += 2
                while i < bytes.count && bytes[i] == 32 { i += 1 }
                column = i - start
                if flow == 0 { indents.append(column) }
            }
            note(flow + indents.count)
            return i
        }

        private mutating func note(_ depth: Int) {
            if depth > deepest { deepest = depth; deepestLine = line }
        }

        static func isTokenStart(_ b: UInt8) -> Bool {
            b == 32 || b == 9 || b == 10 || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") || b == UInt8(ascii: ",") || b == UInt8(ascii: ":")
        }
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
