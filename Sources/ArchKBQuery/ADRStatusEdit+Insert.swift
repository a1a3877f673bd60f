import ArchKBCorpus

extension ADRStatusEdit {
    /// The edit that marks `record` superseded by `link`: its status line rewritten, or, for a
    /// record that states no status at all (the MADR project's own log), a status inserted in the
    /// log's convention (`inserting`). A status archkb read but cannot find again is an error.
    public static func superseding(bytes: [UInt8], record: DecisionRecord, link: String, file: String,
                                   convention: ADRConvention) throws -> ADRStatusEdit {
        guard record.statusLine == nil else { return try ADRStatusEdit(bytes: bytes, record: record, link: link, file: file) }
        return try inserting(bytes: bytes, record: record, link: link, file: file, convention: convention)
    }

    /// A status "Superseded by `link`" added to a record without one, where the log keeps statuses:
    /// a `status:` key first in the record's YAML front matter when it has some; else a
    /// `* Status:` line under the title (MADR) or a Status section under it (Nygard, RST). Only
    /// lines are added: every existing byte stays as it was.
    public static func inserting(bytes original: [UInt8], record: DecisionRecord, link: String, file: String,
                                 convention: ADRConvention) throws -> ADRStatusEdit {
        var lines = splitLines(original)
        let crlf = lines.first?.last == 0x0D
        let word = convention.lowerCaseStatus ? "superseded" : "Superseded"
        let phrase = word + " by " + link
        let added: [String]
        let at: Int
        let text = lines.map { String(decoding: $0.last == 0x0D ? Array($0.dropLast()) : $0, as: UTF8.self) }
        if text.first?.trimmed == "---", text.dropFirst().contains(where: { $0.trimmed == "---" }) {
            added = ["status: \"" + phrase.replacingOccurrences(of: "\"", with: "'") + "\""]
            at = 1
        } else {
            let title = record.line - 1
            guard title >= 0, title < text.count else { throw QueryError.noStatusLine(file: file) }
            // An RST title is underlined: the status goes under the underline.
            let below = convention.format == .rst && title + 1 < text.count && !(text[title + 1].first?.isLetter ?? true) ? title + 2 : title + 1
            at = below
            if convention.format == .rst {
                let mark = String(convention.rstMarks.dropFirst().first ?? "*")
                added = ["", "Status", String(repeating: mark, count: 6), "", phrase]
            } else if convention.format == .madr || convention.statusPlacement == .field {
                added = ["", "* Status: " + phrase]
            } else {
                added = ["", "## Status", "", phrase]
            }
        }
        lines.insert(contentsOf: added.map { Array($0.utf8) + (crlf ? [0x0D] : []) }, at: at)
        let status = added.firstIndex { $0.contains(phrase) } ?? 0
        return ADRStatusEdit(bytes: joinLines(lines), line: at + 1 + status, oldLine: "", newLine: added[status], inserted: added, insertedAt: at + 1)
    }
}
