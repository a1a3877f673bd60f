/// Splits a reStructuredText file into sections.
///
/// RST heading levels are defined by the order in which underline styles first appear in a file
/// (`=` may be level 1 in one file and `#` in another), so styles are ranked per file.
public struct RSTOutline {
    public private(set) var headings: [MarkdownOutline.Heading] = []
    public private(set) var sections: [DocSection] = []
    public private(set) var inCode: [Bool] = []

    static let adornment: Set<Character> = ["=", "-", "`", ":", "'", "\"", "~", "^", "_", "*", "+", "#", "<", ">", "."]

    public init(lines: [String]) {
        inCode = Array(repeating: false, count: lines.count)
        markLiteralBlocks(lines)
        var styles: [String] = []
        var i = 0
        while i + 1 < lines.count {
            defer { i += 1 }
            if inCode[i] { continue }
            let text = lines[i]
            let under = lines[i + 1]
            guard !text.trimmed.isEmpty, !text.hasPrefix(" "), !text.hasPrefix("\t"),
                  RSTOutline.isAdornment(under), under.trimmed.count >= max(3, min(text.trimmed.count, 8)),
                  !RSTOutline.isAdornment(text) else { continue }
            let char = under.trimmed.first ?? "="
            let over = i > 0 && RSTOutline.isAdornment(lines[i - 1]) && lines[i - 1].trimmed.first == char
            let style = "\(char)\(over ? "o" : "")"
            if !styles.contains(style) { styles.append(style) }
            let level = (styles.firstIndex(of: style) ?? 0) + 1
            let startLine = over ? i : i + 1
            headings.append(.init(level: level, text: InlineMarkup.plain(text.trimmed), line: startLine, bodyStart: i + 3))
            inCode[i + 1] = true
            if over { inCode[i - 1] = true }
            i += 1
        }
        sections = MarkdownOutline.makeSections(lines: lines, headings: headings, inCode: hidingDirectives(lines), skip: 0)
    }

    public var title: MarkdownOutline.Heading? { headings.first { $0.level == 1 } ?? headings.first }

    static func isAdornment(_ line: String) -> Bool {
        let t = line.trimmed
        guard t.count >= 3, let f = t.first, adornment.contains(f), !line.hasPrefix(" ") else { return false }
        return t.allSatisfy { $0 == f }
    }

    /// Marks literal blocks (after `::`) and directive bodies (`.. code-block::`) as code.
    mutating func markLiteralBlocks(_ lines: [String]) {
        var i = 0
        while i < lines.count {
            let t = lines[i].trimmed
            let opensLiteral = t.hasPrefix("..") ? (t.contains("code") || t.contains("literalinclude")) : t.hasSuffix("::")
            if opensLiteral {
                let baseIndent = lines[i].prefix { $0 == " " }.count
                var j = i + 1
                while j < lines.count {
                    let l = lines[j]
                    if l.trimmed.isEmpty { j += 1; continue }
                    let indent = l.prefix { $0 == " " || $0 == "\t" }.count
                    if indent <= baseIndent { break }
                    inCode[j] = true
                    j += 1
                }
                i = j
                continue
            }
            i += 1
        }
    }

    /// Code flags plus directive and target lines (`.. note::`, `.. _label:`), which carry no prose.
    func hidingDirectives(_ lines: [String]) -> [Bool] {
        var flags = inCode
        for (i, line) in lines.enumerated() where line.trimmed.hasPrefix("..") {
            let t = line.trimmed
            if t.hasPrefix(".. _") || t.hasPrefix(".. code") || t.hasPrefix(".. image") || t.hasPrefix(".. toctree") || t == ".." {
                flags[i] = true
            }
        }
        return flags
    }
}
