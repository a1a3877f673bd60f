extension ADRParser {
    /// The status an ADR states: its text, the 1-based line it is on, and the 0-based lines of the status block.
    struct FoundStatus {
        var text: String?
        var line: Int?
        var lines: [Int] = []
    }

    /// The first status the record states wins: front matter, a `Status:` line or bullet near the
    /// top (MADR 2, bold metadata bullets, a shield badge), or a top-level `Status` section.
    ///
    /// A `### Status` nested in an option's discussion does not override an earlier status; it is
    /// read only when the record has no other.
    func findStatus() -> FoundStatus {
        if let s = frontMatter["status"], !s.isEmpty { return FoundStatus(text: ADRParser.cleanStatus(s), line: 0) }
        let inline = statusLineNearTop()
        let statusSections = sections.filter { ADRParser.isStatusHeading($0.heading) }
        let topLevel = statusSections.first { $0.level <= 2 }
        let nested = statusSections.first { s in
            !["option", "alternative", "pros", "cons", "consider"].contains { s.trail.lowercased().contains($0) }
        }
        let section = topLevel ?? nested
        // "## Status: Accepted" puts the status in the heading itself.
        if let section, let colon = section.heading.firstIndex(of: ":") ?? section.heading.range(of: " - ")?.lowerBound,
           inline.map({ $0.lines[0] + 1 >= section.startLine }) ?? true {
            let value = String(section.heading[section.heading.index(after: colon)...]).trimmingCharacters(in: " -:")
            if !value.isEmpty { return FoundStatus(text: value, line: section.startLine, lines: [section.startLine - 1]) }
        }
        if let inline, section.map({ inline.lines[0] + 1 < $0.startLine }) ?? true { return inline }
        if let section, let found = statusIn(section) { return found }
        return inline ?? FoundStatus()
    }

    static func isStatusHeading(_ heading: String) -> Bool {
        let h = normalizedPhrase(heading)
        return h == "status" || h.hasPrefix("status ") || h == "current status" || h == "decision status"
    }

    /// The status written in the body of a `Status` section: its first line, the checked box of a
    /// checkbox list, or the message of a shield badge.
    func statusIn(_ section: DocSection) -> FoundStatus? {
        var block: [Int] = []
        var first: (String, Int)?
        var checked: (String, Int)?
        let lo = max(section.startLine, 1)
        let hi = min(section.endLine, lines.count)
        guard lo + 1 <= hi else { return nil }
        for idx in lo..<hi where !inCode[idx] {
            let raw = lines[idx].trimmed
            if let h = MarkdownOutline.atxHeading(raw), h.level > 0 { break }
            if let box = ADRParser.checkbox(raw) {
                block.append(idx)
                if box.checked && checked == nil { checked = (box.text, idx) }
                continue
            }
            let plain = ADRParser.badgeStatus(raw) ?? InlineMarkup.plain(raw)
            if plain.isEmpty || plain.allSatisfy({ $0 == "-" || $0 == "=" || $0 == "*" || $0 == "#" }) { continue }
            block.append(idx)
            if first == nil { first = (plain, idx) }
        }
        guard let (text, idx) = checked ?? first else { return nil }
        return FoundStatus(text: ADRParser.cleanStatus(text), line: idx + 1, lines: block)
    }

    /// `Status: accepted`, `* Status: accepted`, `- **Status:** Accepted` or a status badge in the
    /// record's header: the first 60 lines, before the first `##` section (a metadata section aside).
    func statusLineNearTop() -> FoundStatus? {
        for (idx, line) in lines.enumerated().prefix(60) where !inCode[idx] {
            if let h = MarkdownOutline.atxHeading(line), h.level >= 2, !ADRParser.headerSections.contains(normalizedPhrase(h.text)) { break }
            var t = line.trimmed
            if t.hasPrefix("* ") || t.hasPrefix("- ") || t.hasPrefix("+ ") { t = String(t.dropFirst(2)).trimmed }
            if let badge = ADRParser.badgeStatus(t), line.lowercased().contains("badge/status") {
                return FoundStatus(text: badge, line: idx + 1, lines: [idx])
            }
            if let (key, value) = ADRParser.field(line), key == "status" || key == "current status", !value.isEmpty {
                return FoundStatus(text: ADRParser.cleanStatus(value), line: idx + 1, lines: [idx])
            }
        }
        return nil
    }

    /// Sections that are part of a record's header, where metadata lines are read.
    static let headerSections: Set<String> = ["metadata", "meta", "details", "info", "summary", "header", "status"]

    static func cleanStatus(_ s: String) -> String {
        var t = s.trimmed
        while t.hasPrefix(">") { t = String(t.dropFirst()).trimmed }
        if t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("+ ") { t = String(t.dropFirst(2)).trimmed }
        if t.lowercased().hasPrefix("status:") { t = String(t.dropFirst(7)).trimmed }
        return t
    }

    /// `- [x] Accepted` → (true, "Accepted"); `- [ ] Proposed` → (false, "Proposed").
    static func checkbox(_ line: String) -> (checked: Bool, text: String)? {
        var t = Substring(line)
        guard t.hasPrefix("- [") || t.hasPrefix("* [") || t.hasPrefix("+ [") else { return nil }
        t = t.dropFirst(3)
        guard let mark = t.first, t.dropFirst().first == "]" else { return nil }
        let text = InlineMarkup.plain(String(t.dropFirst(2)))
        return (mark == "x" || mark == "X", text)
    }

    /// The words a shield badge shows: `![Status](https://img.shields.io/badge/status-accepted-green)`
    /// → "accepted"; `…/badge/status-superseded_by_ADR_0001-orange` → "superseded by ADR 0001".
    static func badgeStatus(_ line: String) -> String? {
        guard let r = line.range(of: "img.shields.io/badge/") else { return nil }
        var spec = String(line[r.upperBound...].prefix { $0 != ")" && $0 != "?" && $0 != " " && $0 != "\"" })
        if spec.hasSuffix(".svg") { spec.removeLast(4) }
        // Static badges are label-message-color; "--" is a literal dash and "_" a space.
        let parts = spec.replacingAll("--", with: "\u{1}").split(separator: "-").map { String($0).replacingAll("\u{1}", with: "-").replacingAll("_", with: " ").replacingAll("%20", with: " ") }
        guard parts.count >= 2 else { return nil }
        let message = parts.count >= 3 ? parts[1] : parts[0]
        return message.trimmed.isEmpty ? nil : message.trimmed
    }
}
