/// Reads capability entries from a catalog in the agent-definition format.
///
/// Recognises `- **Name**: item, item` and `1. **Name**: a → b, c` bullets, short plain bullets
/// under `###` headings ("- Circuit breaker, retry with backoff") and tables whose first column
/// names an option (`| Pattern | When | Trade-offs |`) or whose "Recommended" column does.
public struct CatalogParser {
    let lines: [String]
    let inCode: [Bool]
    let headings: [MarkdownOutline.Heading]

    public init(lines: [String], inCode: [Bool], headings: [MarkdownOutline.Heading]) {
        self.lines = lines
        self.inCode = inCode
        self.headings = headings
    }

    /// How many bold-name bullets the file has: the signal that it is a catalog.
    public static func boldEntryCount(_ lines: [String], inCode: [Bool]) -> Int {
        lines.indices.filter { !inCode[$0] && boldEntry(lines[$0]) != nil }.count
    }

    public func entries() -> [CatalogEntry] {
        var entries: [CatalogEntry] = []
        var area = ""
        var level = 0
        var headingAt: [Int: MarkdownOutline.Heading] = [:]
        for h in headings { headingAt[h.line] = h }
        var tableLines = Set<Int>()
        for table in MarkdownTable.all(in: lines, inCode: inCode) {
            for row in table.rows { tableLines.insert(row.line) }
        }
        for (idx, line) in lines.enumerated() {
            if let h = headingAt[idx + 1] { area = h.text; level = h.level; continue }
            guard !inCode[idx], !tableLines.contains(idx + 1) else { continue }
            if let (name, rest) = CatalogParser.boldEntry(line) {
                entries.append(CatalogEntry(area: area, name: name, items: CatalogParser.items(rest), line: idx + 1))
            } else if level >= 3, let plain = CatalogParser.plainBullet(line) {
                for part in CatalogParser.split(plain) {
                    let (name, paren) = CatalogParser.parenthetical(part)
                    guard !name.isEmpty, name.split(separator: " ").count <= 5 else { continue }
                    let arrow = name.components(separatedByArrow: ())
                    entries.append(CatalogEntry(area: area, name: arrow.first ?? name, items: paren + arrow.dropFirst(), line: idx + 1))
                }
            }
        }
        for table in MarkdownTable.all(in: lines, inCode: inCode) {
            let tableArea = headingAbove(line: table.rows.first?.line ?? 0)
            let header = table.header.map(normalizedPhrase)
            let optionColumn = header.firstIndex { ["recommended", "technology", "option", "choice", "tool", "recommendation"].contains($0) }
            for row in table.rows {
                if let col = optionColumn, col > 0, col < row.cells.count {
                    for name in CatalogParser.split(row.cells[col]) where !name.isEmpty {
                        entries.append(CatalogEntry(area: tableArea, name: name, items: [row.cells[0]], line: row.line))
                    }
                } else if let first = row.cells.first, !first.isEmpty, first.split(separator: " ").count <= 6 {
                    let rest = row.cells.dropFirst().flatMap(CatalogParser.split)
                    entries.append(CatalogEntry(area: tableArea, name: first, items: rest, line: row.line))
                }
            }
        }
        return entries.sorted { $0.line < $1.line }
    }

    func headingAbove(line: Int) -> String {
        headings.last { $0.line < line }?.text ?? ""
    }

    /// Bold bullet names that are a record's metadata (`- **Status:** accepted`), never a catalog entry.
    static let metadataKeys: Set<String> = [
        "status", "date", "last modified", "last updated", "updated", "created", "related issue", "related issues", "related",
        "author", "authors", "deciders", "decision makers", "decision maker", "consulted", "informed", "owner", "owners",
        "reviewers", "reviewer", "technical story", "tags", "category", "supersedes", "superseded by", "amends", "amended by",
        "ticket", "issue", "pr", "pull request", "stakeholders", "approvers", "approved by", "decision", "context",
    ]

    /// `- **Name**: rest` or `1. **Name**: rest` → (Name, rest).
    static func boldEntry(_ line: String) -> (String, String)? {
        var t = Substring(line.trimmed)
        if t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("+ ") {
            t = t.dropFirst(2)
        } else if let f = t.first, f.isNumber {
            let digits = t.prefix { $0.isNumber }
            let after = t.dropFirst(digits.count)
            guard after.hasPrefix(". ") || after.hasPrefix(") ") else { return nil }
            t = after.dropFirst(2)
        } else {
            return nil
        }
        t = t.drop { $0 == " " }
        guard t.hasPrefix("**") else { return nil }
        let inner = t.dropFirst(2)
        guard let close = inner.range(of: "**") else { return nil }
        var name = String(inner[..<close.lowerBound]).trimmed
        var rest = inner[close.upperBound...].trimmed
        if name.hasSuffix(":") { name.removeLast() } else if rest.hasPrefix(":") { rest.removeFirst() } else { return nil }
        guard !name.isEmpty, name.count <= 80, !metadataKeys.contains(normalizedPhrase(name)) else { return nil }
        return (InlineMarkup.plain(name), InlineMarkup.plain(rest.trimmed))
    }

    static func plainBullet(_ line: String) -> String? {
        let t = line.trimmed
        guard t.hasPrefix("- ") || t.hasPrefix("* ") else { return nil }
        let body = InlineMarkup.plain(String(t.dropFirst(2)))
        guard !body.hasSuffix("?"), !body.hasSuffix(":"), !body.contains("\""), body.split(separator: " ").count <= 10 else { return nil }
        return body
    }

    /// Splits "a, b → c or d" into items, keeping parentheses together.
    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for c in text {
            if c == "(" { depth += 1 }
            if c == ")" { depth = max(0, depth - 1) }
            if depth == 0 && (c == "," || c == "→" || c == ";") {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts.flatMap { $0.components(separatedByArrow: ()) }
            .flatMap { p -> [String] in p.contains(" or ") && p.split(separator: " ").count <= 5 ? p.components(separatedBy: " or ") : [p] }
            .map { $0.trimmed }.filter { !$0.isEmpty }
    }

    static func items(_ rest: String) -> [String] { split(rest) }

    /// "Bulkhead pattern (isolated thread pools)" → ("Bulkhead pattern", ["isolated thread pools"]).
    public static func parenthetical(_ text: String) -> (String, [String]) {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else { return (text.trimmed, []) }
        let inner = String(text[text.index(after: open)..<close])
        let name = String(text[..<open]).trimmed
        return (name, split(inner))
    }
}

extension String {
    /// Splits on "→" and "->".
    func components(separatedByArrow: ()) -> [String] {
        replacingAll("->", with: "→").split(separator: "→").map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// Splits on a multi-character separator (Foundation-free).
    public func components(separatedBy sep: String) -> [String] {
        split(separator: Substring(sep), omittingEmptySubsequences: false).map(String.init)
    }
}
