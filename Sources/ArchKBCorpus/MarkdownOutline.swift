/// Splits a Markdown file into sections by heading, ignoring anything inside fenced code blocks.
public struct MarkdownOutline {
    /// A heading found outside code: level 1–6, text, 1-based line.
    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var text: String
        public var line: Int
        /// First line of the section body (the line after the heading or its underline).
        public var bodyStart: Int
    }

    public private(set) var headings: [Heading] = []
    public private(set) var sections: [DocSection] = []
    /// For each line (0-based), whether it is inside a fenced code block (fence lines included).
    public private(set) var inCode: [Bool] = []

    /// Outlines `lines`, skipping the first `skip` lines (front matter).
    public init(lines: [String], skip: Int = 0, title fallback: String = "") {
        inCode = Array(repeating: false, count: lines.count)
        var fence: (char: Character, count: Int)?
        for i in 0..<lines.count {
            if i < skip { inCode[i] = true; continue }
            let line = lines[i]
            let stripped = line.drop { $0 == " " }
            if line.count - stripped.count <= 3, let f = stripped.first, f == "`" || f == "~" {
                let run = stripped.prefix { $0 == f }.count
                if run >= 3 {
                    if let open = fence {
                        if open.char == f && run >= open.count && stripped.dropFirst(run).trimmed.isEmpty {
                            fence = nil
                        }
                    } else {
                        fence = (f, run)
                    }
                    inCode[i] = true
                    continue
                }
            }
            if fence != nil { inCode[i] = true; continue }
            if let h = MarkdownOutline.atxHeading(line) {
                headings.append(Heading(level: h.level, text: h.text, line: i + 1, bodyStart: i + 2))
            } else if i > skip, !inCode[i - 1], MarkdownOutline.isSetextUnderline(line), MarkdownOutline.canBeSetextText(lines, i - 1, skip: skip) {
                let level = line.trimmed.first == "=" ? 1 : 2
                headings.append(Heading(level: level, text: InlineMarkup.plain(lines[i - 1].trimmed), line: i, bodyStart: i + 2))
            }
        }
        sections = MarkdownOutline.makeSections(lines: lines, headings: headings, inCode: inCode, skip: skip)
    }

    /// The first level-1 heading; a file without one has no title heading (its file name names it).
    public var title: Heading? {
        headings.first { $0.level == 1 }
    }

    static func atxHeading(_ line: String) -> (level: Int, text: String)? {
        guard line.hasPrefix("#") else { return nil }
        let level = line.prefix { $0 == "#" }.count
        guard level <= 6 else { return nil }
        let rest = line.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmed
        while text.hasSuffix("#") { text.removeLast() }
        return (level, InlineMarkup.plain(text.trimmed))
    }

    static func isSetextUnderline(_ line: String) -> Bool {
        let t = line.trimmed
        guard t.count >= 3, let f = t.first, f == "=" || f == "-" else { return false }
        return t.allSatisfy { $0 == f }
    }

    /// A setext heading's text is a single non-blank paragraph line that is not a list item or table row.
    static func canBeSetextText(_ lines: [String], _ i: Int, skip: Int) -> Bool {
        let t = lines[i].trimmed
        guard !t.isEmpty, !t.hasPrefix("-"), !t.hasPrefix("*"), !t.hasPrefix("|"), !t.hasPrefix("#"), !t.hasPrefix(">") else { return false }
        if lines[i].hasPrefix("    ") { return false }
        if i - 1 >= skip && !lines[i - 1].trimmed.isEmpty { return false }
        return true
    }

    static func makeSections(lines: [String], headings: [Heading], inCode: [Bool], skip: Int) -> [DocSection] {
        var sections: [DocSection] = []
        var trail: [(level: Int, text: String)] = []
        let firstLine = skip + 1
        let firstHeading = headings.first?.line ?? (lines.count + 1)
        if firstHeading > firstLine {
            let text = plainBody(lines, inCode, firstLine, firstHeading - 1)
            if !text.isEmpty {
                sections.append(DocSection(heading: "", trail: "", level: 0, startLine: firstLine, endLine: firstHeading - 1, text: text))
            }
        }
        for (n, h) in headings.enumerated() {
            let end = n + 1 < headings.count ? headings[n + 1].line - 1 : lines.count
            while let last = trail.last, last.level >= h.level { trail.removeLast() }
            trail.append((h.level, h.text))
            let path = trail.map(\.text).joined(separator: " > ")
            sections.append(DocSection(heading: h.text, trail: path, level: h.level, startLine: h.line,
                                       endLine: max(h.line, end), text: plainBody(lines, inCode, h.bodyStart, end)))
        }
        return sections
    }

    /// The plain text of lines `from...to` (1-based), without code, rules and table separators.
    static func plainBody(_ lines: [String], _ inCode: [Bool], _ from: Int, _ to: Int) -> String {
        guard from <= to else { return "" }
        var parts: [String] = []
        for n in from...to {
            let idx = n - 1
            guard idx >= 0, idx < lines.count, !inCode[idx] else { continue }
            let t = InlineMarkup.plain(lines[idx].trimmed)
            if !t.isEmpty && !t.allSatisfy({ $0 == "-" || $0 == ":" || $0 == " " || $0 == "=" }) { parts.append(t) }
        }
        return parts.joined(separator: "\n")
    }
}
