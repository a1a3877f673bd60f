/// Turns the text of one corpus file into a `ParsedDocument`.
public struct DocumentParser: Sendable {
    public init() {}

    /// Parses `text` read from `path`; `displayPath` is what citations show.
    ///
    /// Throws only for a card whose front matter is unusable; anything else that looks odd is
    /// parsed as far as possible and reported in `warnings`.
    public func parse(text: String, path: String, displayPath: String) throws -> ParsedDocument {
        let lines = text.lineArray
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let isRST = fileName.lowercased().hasSuffix(".rst")
        if isRST { return parseRST(lines: lines, path: path, displayPath: displayPath, fileName: fileName) }

        let fm = try FrontMatter.checked(lines: lines, path: displayPath)
        let outline = MarkdownOutline(lines: lines, skip: fm.lineCount)
        let titleHeading = outline.title
        var title = fm["title"] ?? fm["name"] ?? titleHeading?.text ?? ADRParser.humanize(fileName)
        let declared = fm["kind"].map(normalizedPhrase)
        var doc = ParsedDocument(path: path, displayPath: displayPath, kind: .note, title: title, lineCount: lines.count, sections: outline.sections)
        if fm.fellBack { doc.warnings.append("front matter is not valid YAML; read line by line") }

        if let declared, let kind = EntityKind(card: declared) {
            doc.kind = .card
            doc.card = try card(fm, kind: kind, titleLine: titleHeading?.line ?? 1, displayPath: displayPath)
            doc.title = doc.card?.name ?? title
        } else if declared == "guide" || declared == "decision guide" {
            doc.kind = .guide
            doc.guideRows = guideRows(lines: lines, inCode: outline.inCode)
        } else if declared == "catalog" {
            doc.kind = .catalog
            doc.catalogEntries = CatalogParser(lines: lines, inCode: outline.inCode, headings: outline.headings).entries()
        } else if declared == "adr" || declared == "decision" || (declared == nil && ADRParser.looksLikeADR(path: path, sections: outline.sections, title: titleHeading?.text ?? "", frontMatter: fm, text: text)) {
            doc.kind = .adr
            let record = ADRParser(lines: lines, inCode: outline.inCode, sections: outline.sections, title: titleHeading,
                                   frontMatter: fm, fileName: fileName, isRST: false).parse()
            doc.decision = record
            title = record.title
            doc.title = title
        } else if declared == nil && CatalogParser.boldEntryCount(lines, inCode: outline.inCode) >= 5 {
            doc.kind = .catalog
            doc.catalogEntries = CatalogParser(lines: lines, inCode: outline.inCode, headings: outline.headings).entries()
        } else if let declared {
            doc.warnings.append("unknown kind '\(declared)'; indexed as a note")
        }
        return doc
    }

    func parseRST(lines: [String], path: String, displayPath: String, fileName: String) -> ParsedDocument {
        let outline = RSTOutline(lines: lines)
        var doc = ParsedDocument(path: path, displayPath: displayPath, kind: .note, title: outline.title?.text ?? ADRParser.humanize(fileName),
                                 lineCount: lines.count, sections: outline.sections)
        let text = lines.joined(separator: "\n")
        if ADRParser.looksLikeADR(path: path, sections: outline.sections, title: outline.title?.text ?? "", frontMatter: FrontMatter(), text: text) {
            doc.kind = .adr
            let record = ADRParser(lines: lines, inCode: outline.inCode, sections: outline.sections, title: outline.title,
                                   frontMatter: FrontMatter(), fileName: fileName, isRST: true).parse()
            doc.decision = record
            doc.title = record.title
        }
        return doc
    }

    func card(_ fm: FrontMatter, kind: EntityKind, titleLine: Int, displayPath: String) throws -> EntityCard {
        guard let name = fm["name"]?.trimmed, !name.isEmpty else {
            throw CorpusError.invalidCard(path: displayPath, line: 1, reason: "card has no 'name' in its front matter")
        }
        return EntityCard(name: name, aliases: fm.list("aliases"), kind: kind, area: fm["area"] ?? "General",
                          related: fm.list("related"), line: titleLine)
    }

    func guideRows(lines: [String], inCode: [Bool]) -> [GuideRow] {
        var rows: [GuideRow] = []
        for table in MarkdownTable.all(in: lines, inCode: inCode) {
            for row in table.rows {
                guard let option = row.cells.first, !option.isEmpty else { continue }
                var parts: [String] = []
                for (i, cell) in row.cells.enumerated().dropFirst() where !cell.isEmpty {
                    let label = i < table.header.count ? table.header[i] : ""
                    parts.append(label.isEmpty ? cell : "\(label): \(cell)")
                }
                rows.append(GuideRow(option: option, text: parts.joined(separator: ". "), line: row.line))
            }
        }
        return rows
    }
}
