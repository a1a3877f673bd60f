extension ADRParser {
    /// Folder names that hold decision records, at any depth.
    public static let adrFolders: Set<String> = [
        "adr", "adrs", "decisions", "decision-records", "decision-record", "architecture-decisions", "architecture-decision-records",
        "architecture-decision-record", "architectural-decisions", "architectural-decision-records", "decision-log",
    ]

    /// Headings of the body of a decision record (besides `Status`).
    static let recordHeadings = ["context", "decision", "decisions", "proposal", "reasoning", "discussion", "consequences",
                                 "problem statement", "context and problem statement", "decision outcome", "rationale",
                                 "background", "problem", "motivation", "options", "considered options", "alternatives",
                                 "alternatives considered", "outcome", "implications", "decision drivers"]

    /// Whether `path` lies in a folder named like an ADR folder (`docs/adr/`, `decision-records/`…).
    public static func isInADRFolder(_ path: String) -> Bool {
        path.lowercased().split(separator: "/").dropLast().contains { adrFolders.contains(String($0)) }
            || path.lowercased().contains("/architecture/decisions/")
    }

    /// Whether a file that declares no kind reads as an ADR (by title, sections, metadata or path).
    ///
    /// Anywhere: a status plus a record section (context, decision, proposal…), an `ADR 12` title,
    /// MADR headings (`Considered Options`, `Decision Outcome: X`), MADR 2 metadata bullets or an
    /// `adr-` file name. Inside an ADR folder also: a numbered record (`# 28 Title`, `0028-x.md`)
    /// with a date or a record section, even with no status.
    public static func looksLikeADR(path: String, sections: [DocSection], title: String, frontMatter: FrontMatter, text: String) -> Bool {
        let headings = sections.map { normalizedPhrase($0.heading) }
        let hasRecordSection = headings.contains { h in recordHeadings.contains { h == $0 || h.hasPrefix($0 + " ") } }
        let meta = metadataNearTop(text)
        let hasStatus = frontMatter["status"] != nil || headings.contains { isStatusHeading($0) } || meta.status
        if hasStatus && hasRecordSection { return true }
        if ADRParser.splitTitle(title).isADRStyle { return true }
        if frontMatter["status"] != nil && frontMatter["kind"] == nil { return true }
        if headings.contains(where: { $0 == "considered options" || $0.hasPrefix("decision outcome") }) { return true }
        if text.contains("Chosen option:") || text.contains("Chosen Option:") { return true }
        if meta.status && (meta.deciders || meta.date) { return true }
        let file = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        if file.hasPrefix("adr-") || file.hasPrefix("adr_") { return true }
        guard isInADRFolder(path) else { return false }
        let numbered = fileNumber(file) != nil || splitTitle(title).number != nil
        let dated = meta.date || frontMatter["date"] != nil || DateText.fileNameDate(file) != nil
        return (numbered || DateText.fileNameDate(file) != nil) && (dated || hasRecordSection) || (hasStatus && !headings.isEmpty)
    }

    /// Which metadata lines (`Status:`, `Deciders:`, `Date:`, plain, bulleted or bold) the first 40 lines hold.
    static func metadataNearTop(_ text: String) -> (status: Bool, deciders: Bool, date: Bool) {
        var status = false, deciders = false, date = false
        var n = 0
        for line in firstLines(of: text, 41) {
            n += 1
            if n > 40 || (line.hasPrefix("## ") && !headerSections.contains(normalizedPhrase(String(line.dropFirst(3))))) { break }
            if line.contains("badge/status") { status = true }
            guard let (key, value) = field(String(line)), !value.isEmpty else { continue }
            if key == "status" { status = true }
            if key == "deciders" || key == "decision makers" || key == "decision maker s" || key == "author" || key == "authors" { deciders = true }
            if (dateFields.contains(key) || modifiedFields.contains(key)) && DateText.find(in: value) != nil { date = true }
        }
        return (status, deciders, date)
    }
}

extension ADRParser {
    /// The first `count` lines of `text` split on "\n" as Characters (so "\r\n", one Character,
    /// splits nothing), without splitting the rest of the file.
    static func firstLines(of text: String, _ count: Int) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        while lines.count < count, start < text.endIndex {
            guard let nl = text[start...].firstIndex(of: "\n") else { break }
            lines.append(text[start..<nl])
            start = text.index(after: nl)
        }
        if lines.count < count { lines.append(text[start...]) }
        return lines
    }

    /// Why a file that was not read as an ADR looks like one, and what to write so it is; nil when
    /// it does not look like an ADR at all. `headings` are its section headings.
    public static func whyNotADR(path: String, headings: [String], title: String) -> (reason: String, fix: String)? {
        let normalized = headings.map(normalizedPhrase)
        let hasStatus = normalized.contains { isStatusHeading($0) }
        let records = normalized.filter { h in recordHeadings.contains { h == $0 || h.hasPrefix($0 + " ") } }
        let file = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let numbered = fileNumber(file) != nil || splitTitle(title).number != nil
        if hasStatus && records.isEmpty {
            return ("has a Status section but no Context, Decision or Proposal section", "add `## Context` and `## Decision` sections")
        }
        if !hasStatus && records.count >= 2 {
            return ("has \(records.joined(separator: " and ")) sections but no status", "add `## Status` with one word (Accepted, Proposed, …) after the title")
        }
        guard isInADRFolder(path) else { return nil }
        if numbered {
            return ("is numbered and in an ADR folder but has no status, date or decision section",
                    "add `Date: YYYY-MM-DD` under the title and a `## Status` section")
        }
        return ("is in an ADR folder but has no status, number or decision section",
                "add `## Status` and `## Decision` sections, or move the file out of the ADR folder")
    }
}
