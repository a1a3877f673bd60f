import ArchKBCorpus

/// Everything an index holds, assembled in memory from parsed documents before it is written.
public struct IndexModel {
    public struct Document {
        public var parsed: ParsedDocument
        public var hash: String
        public var modified: Double
        public var size: Int
        /// True when the parse is the previous index's for this same path (an incremental build).
        public var fromPreviousIndex = false
    }

    /// An entity: the same row struct the reader loads (`kind` is an `EntityKind` raw value).
    public typealias Entity = StoredEntity

    public struct Section {
        public var document: Int
        public var entity: Int?
        public var decision: Int?
        public var heading: String
        public var trail: String
        public var role: String
        public var startLine: Int
        public var endLine: Int
        public var body: String
        /// Extra words for the FTS title column (document title) and names column (entity names).
        public var titleText: String
        public var namesText: String
    }

    public struct Decision {
        public var id: Int
        public var document: Int
        public var record: DecisionRecord
        public var supersedes: [Int] = []
        public var supersededBy: [Int] = []
        public var amends: [Int] = []
        public var amendedBy: [Int] = []
        public var unresolved: [String] = []
        /// Entities the decision names: (entity, chosen) where chosen means named in its title or chosen option.
        public var entities: [(Int, Bool)] = []
    }

    /// A problem found while indexing: the same row struct the reader loads.
    public typealias Problem = StoredProblem

    public var documents: [Document] = []
    public var entities: [Entity] = []
    public var sections: [Section] = []
    public var decisions: [Decision] = []
    public var problems: [Problem] = []
    public var thesaurusLines: [String] = []
    /// Extra rows for the index meta table (such as the date order chosen per collection).
    public var meta: [String: String] = [:]

    public init() {}

    public mutating func problem(_ path: String, _ line: Int, _ message: String, severity: String = "warning") {
        problems.append(Problem(path: path, line: line, severity: severity, message: message))
    }
}

extension String {
    /// The first `n` sentences of a text (sentences end with ". ", "! ", "? " or a newline).
    /// List markers at the start of a line (`- `, `* `, `+ `, `1. `, `1) `) are dropped, so list
    /// items read as running text instead of leaving dashes inside a sentence.
    public func sentences(_ n: Int, maxLength: Int = 320) -> String {
        var out = ""
        var count = 0
        var previous: Character = " "
        for c in withoutListMarkers() {
            if c == "\n" {
                if previous == "." || previous == ":" || out.count > 60 { count += 1 } else { out.append(" "); previous = " "; continue }
                if count >= n { break }
                out.append(" ")
                previous = " "
                continue
            }
            out.append(c)
            if (previous == "." || previous == "!" || previous == "?") && c == " " {
                count += 1
                if count >= n { break }
            }
            previous = c
        }
        var t = out.trimmed
        if t.count > maxLength {
            t = String(t.prefix(maxLength))
            if let space = t.lastIndex(of: " ") { t = String(t[..<space]) }
            t += "…"
        }
        return t
    }
}

extension String {
    /// The text with the list marker at the start of each line removed.
    func withoutListMarkers() -> String {
        guard contains("\n") || hasPrefix("- ") || hasPrefix("* ") || hasPrefix("+ ") || first?.isNumber == true else { return self }
        return split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let t = line.drop { $0 == " " || $0 == "\t" }
            if t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("+ ") { return t.dropFirst(2) }
            let digits = t.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count <= 3 {
                let rest = t.dropFirst(digits.count)
                if rest.hasPrefix(". ") || rest.hasPrefix(") ") { return rest.dropFirst(2) }
            }
            return line
        }.joined(separator: "\n")
    }
}
