/// A pipe table found in Markdown: header cells and rows with their 1-based lines.
public struct MarkdownTable: Sendable {
    public var header: [String]
    public var rows: [(cells: [String], line: Int)]

    /// Every table in `lines` outside code blocks.
    public static func all(in lines: [String], inCode: [Bool]) -> [MarkdownTable] {
        var tables: [MarkdownTable] = []
        var i = 0
        while i + 1 < lines.count {
            guard !inCode[i], lines[i].trimmed.hasPrefix("|"), isSeparator(lines[i + 1]) else { i += 1; continue }
            var table = MarkdownTable(header: cells(lines[i]), rows: [])
            var j = i + 2
            while j < lines.count, !inCode[j], lines[j].trimmed.hasPrefix("|") {
                let row = cells(lines[j])
                if row.contains(where: { !$0.isEmpty }) { table.rows.append((row, j + 1)) }
                j += 1
            }
            tables.append(table)
            i = j
        }
        return tables
    }

    static func isSeparator(_ line: String) -> Bool {
        let t = line.trimmed
        guard t.hasPrefix("|"), t.contains("-") else { return false }
        return t.allSatisfy { $0 == "|" || $0 == "-" || $0 == ":" || $0 == " " }
    }

    /// Splits a row on unescaped pipes and strips inline markup from each cell.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var previous: Character = " "
        for c in line.trimmed {
            if c == "|" && previous != "\\" {
                cells.append(current)
                current = ""
            } else {
                current.append(c)
            }
            previous = c
        }
        cells.append(current)
        if cells.first?.trimmed.isEmpty == true { cells.removeFirst() }
        if cells.last?.trimmed.isEmpty == true { cells.removeLast() }
        // Escaped pipes survive markup stripping through a placeholder.
        return cells.map { InlineMarkup.plain($0.replacingAll("\\|", with: "\u{E000}").trimmed).replacingAll("\u{E000}", with: "|") }
    }
}
