extension ADRParser {
    /// Field names whose value is the record's date, in order of preference.
    static let dateFields = ["date", "created", "decision date", "accepted", "date accepted", "decided"]
    /// Field names whose value is a later date, used when the record has no date field.
    static let modifiedFields = ["last modified", "last updated", "updated", "modified", "last reviewed"]

    /// Where the record's date is written: a date field (front matter, `Date:` line, `Date 09/04/2018`,
    /// `* **Last Modified:** …`), the status line (`**Accepted** 2023-05-11`), the changelog (its
    /// earliest entry), or the file name (`2023-06-26-use-x.md`).
    func findDateSource(statusLines: [Int]) -> DateSource {
        var source = DateSource()
        source.fileNameDate = DateText.fileNameDate(fileName)
        if let d = frontMatter["date"], DateText.find(in: d) != nil {
            source.kind = .field
            source.texts = [d]
            source.line = 0
            source.lines = [0]
            return source
        }
        var modified: (String, Int)?
        for (idx, line) in lines.enumerated().prefix(80) where !inCode[idx] {
            guard let (key, value) = ADRParser.field(line), DateText.find(in: value) != nil else { continue }
            if ADRParser.dateFields.contains(key) {
                source.kind = .field
                source.texts = [value]
                source.line = idx + 1
                source.lines = [idx + 1]
                return source
            }
            if ADRParser.modifiedFields.contains(key), modified == nil { modified = (value, idx + 1) }
        }
        if let (value, line) = modified {
            source.kind = .field
            source.texts = [value]
            source.line = line
            source.lines = [line]
            return source
        }
        for idx in statusLines where DateText.find(in: lines[idx]) != nil {
            source.kind = .status
            source.texts = [lines[idx]]
            source.line = idx + 1
            source.lines = [idx + 1]
            return source
        }
        if let log = sections.first(where: { ["changelog", "change log", "change history", "history", "revision history"].contains(normalizedPhrase($0.heading)) }) {
            // The changelog runs until the next heading at its level or above (its dated sub-headings included).
            let end = sections.first { $0.startLine > log.startLine && $0.level <= log.level }?.startLine ?? (lines.count + 1)
            var texts: [String] = []
            var at: [Int] = []
            for idx in max(log.startLine, 1)..<min(end - 1, lines.count) where !inCode[idx] {
                if DateText.find(in: lines[idx]) != nil {
                    texts.append(lines[idx])
                    at.append(idx + 1)
                }
            }
            if !texts.isEmpty {
                source.kind = .changelog
                source.texts = texts
                source.line = at.first
                source.lines = at
                return source
            }
        }
        if source.fileNameDate != nil { source.kind = .fileName }
        return source
    }

    /// A metadata line: `Key: value` (bulleted, bold, or an RST field `:Key: value`), a two-cell
    /// table row `| Key | value |`, or `Date 09/04/2018` without a colon → (normalised key, value).
    static func field(_ line: String) -> (String, String)? {
        var t = line.trimmed
        if t.hasPrefix("|") {
            let cells = t.split(separator: "|").map { InlineMarkup.plain(String($0)).trimmed }.filter { !$0.isEmpty }
            guard cells.count == 2 else { return nil }
            let key = normalizedPhrase(cells[0])
            return key.split(separator: " ").count <= 3 ? (key, cells[1]) : nil
        }
        if t.hasPrefix("* ") || t.hasPrefix("- ") || t.hasPrefix("+ ") { t = String(t.dropFirst(2)).trimmed }
        if t.hasPrefix(":"), let close = t.dropFirst().firstIndex(of: ":") {
            // RST field list: ":Status: Accepted".
            t = String(t[t.index(after: t.startIndex)..<close]) + ":" + t[t.index(after: close)...]
        }
        let plain = InlineMarkup.plain(t)
        if let colon = plain.firstIndex(of: ":") {
            let key = normalizedPhrase(String(plain[..<colon]))
            if key.split(separator: " ").count <= 3 { return (key, String(plain[plain.index(after: colon)...]).trimmed) }
        }
        // "Date 09/04/2018": the word date, then a digit.
        let lower = plain.lowercased()
        if lower.hasPrefix("date "), let f = plain.dropFirst(5).trimmed.first, f.isNumber {
            return ("date", String(plain.dropFirst(5)).trimmed)
        }
        return nil
    }
}
