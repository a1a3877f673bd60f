import ArchKBCorpus
import ArchKBIndex

/// One problem `archkb doctor` reports: where it is, what is wrong and what to write instead.
public struct Finding: Sendable {
    public var category: String
    public var path: String
    public var line: Int
    public var message: String
    /// What to write instead (empty when the message says it).
    public var fix: String = ""
    /// False for notes that are no problem (such as the date order chosen for a collection).
    public var isProblem = true

    public init(category: String, path: String, line: Int, message: String, fix: String = "", isProblem: Bool = true) {
        self.category = category
        self.path = path
        self.line = line
        self.message = message
        self.fix = fix
        self.isProblem = isProblem
    }
}

/// Checks an index for the mess real decision logs have.
///
/// Reports files skipped (and why), files that look like ADRs but were indexed as notes (and
/// why), ADRs without a status, with a status it could not normalise (raw text shown) or without
/// a date, supersession links that point nowhere or go in a circle, duplicate numbers and titles,
/// titles whose number disagrees with the file name, dates written in the other day/month order,
/// and which date order it chose per collection. Each finding names the file and line and what to
/// write instead.
public struct Doctor {
    public let reader: IndexReader

    public init(reader: IndexReader) { self.reader = reader }

    public func findings() throws -> [Finding] {
        var out = try indexProblems()
        out += notIndexedAsADRs()
        out += recordFindings()
        out += cycles()
        out += duplicates()
        out += dateOrders()
        return out.sorted { ($0.category, $0.path, $0.line) < ($1.category, $1.path, $1.line) }
    }

    /// Problems recorded while indexing: skipped files, guide rows naming nothing, date-order clashes.
    func indexProblems() throws -> [Finding] {
        try reader.problems().map { p in
            if p.message.hasPrefix("skipped") {
                return Finding(category: "skipped", path: p.path, line: p.line, message: "not indexed: " + p.message.dropFirst("skipped: ".count),
                               fix: Doctor.fix(forSkip: p.message))
            }
            if p.message.hasPrefix("date-order: ") {
                return Finding(category: "date-order", path: p.path, line: p.line, message: String(p.message.dropFirst("date-order: ".count)),
                               fix: "write dates as YYYY-MM-DD")
            }
            return Finding(category: p.message.contains("guide row") ? "guide" : "index", path: p.path, line: p.line, message: p.message)
        }
    }

    static func fix(forSkip message: String) -> String {
        if message.contains("symbolic link") { return "index the link's target directory with --corpus, or replace the link with the file" }
        if message.contains("not UTF-8 text") { return "save the file as UTF-8" }
        if message.contains("file name is not UTF-8") { return "rename the file with a UTF-8 name" }
        if message.contains("not readable") || message.contains("unreadable") { return "make it readable by the user running archkb (chmod a+r, a+x for directories)" }
        return ""
    }

    /// Checks of each decision record: status, date, links, number.
    func recordFindings() -> [Finding] {
        var out: [Finding] = []
        let statusLines = StatusLocator(reader: reader)
        for d in reader.decisions {
            let (path, line) = place(d)
            let statusLine = statusLines.line(of: d) ?? line
            if d.status == .unknown {
                if let raw = d.rawStatus, !raw.trimmed.isEmpty {
                    out.append(Finding(category: "unknown-status", path: path, line: statusLine,
                                       message: "status \"\(raw.prefix(80))\" is not one archkb knows",
                                       fix: "write one word first: Accepted, Proposed, Rejected, Deprecated or Superseded (by …)"))
                } else {
                    out.append(Finding(category: "no-status", path: path, line: line, message: "ADR has no status",
                                       fix: "add a `## Status` section after the title with one word: Accepted, Proposed, Rejected, Deprecated or Superseded"))
                }
            }
            if d.date == nil {
                out.append(Finding(category: "no-date", path: path, line: line, message: "ADR has no date archkb could read",
                                   fix: "add `Date: YYYY-MM-DD` under the title"))
            }
            for u in d.unresolved {
                out.append(Finding(category: "broken-link", path: path, line: statusLine, message: "supersession/amendment link to \(u) points to no ADR in the index",
                                   fix: "link the record's file, e.g. `Superseded by [Title](0015-title.md)`"))
            }
            if let t = d.titleNumber, let n = d.number {
                out.append(Finding(category: "number-mismatch", path: path, line: line, message: "title says \(t) but the file name says \(n)",
                                   fix: "make the title start with \(n). or rename the file"))
            }
            if d.status == .superseded && d.supersededBy.isEmpty {
                out.append(Finding(category: "broken-link", path: path, line: statusLine, message: "status is superseded but no successor is named",
                                   fix: "write `Superseded by [Title](file.md)` in the status"))
            }
        }
        return out
    }

    /// ADR numbers and titles used twice in one folder.
    func duplicates() -> [Finding] {
        var out: [Finding] = []
        var byNumber: [String: [StoredDecision]] = [:]
        var byTitle: [String: [StoredDecision]] = [:]
        for d in reader.decisions {
            let dir = directory(reader.documents[d.document].path)
            if let n = d.number { byNumber["\(dir)#\(n)", default: []].append(d) }
            byTitle["\(dir)#\(normalizedPhrase(d.title))", default: []].append(d)
        }
        for (_, group) in byNumber where group.count > 1 {
            for d in group.dropFirst() {
                let (path, line) = place(d)
                out.append(Finding(category: "duplicate-number", path: path, line: line, message: "ADR number \(d.number ?? 0) is also used by \(place(group[0]).0)",
                                   fix: "renumber one of them (the next free number)"))
            }
        }
        for (_, group) in byTitle where group.count > 1 {
            for d in group.dropFirst() {
                let (path, line) = place(d)
                out.append(Finding(category: "duplicate-title", path: path, line: line, message: "title \"\(d.title)\" is also used by \(place(group[0]).0)",
                                   fix: "give this record a title that says what it decides"))
            }
        }
        return out
    }

    /// The day/month order chosen for each collection's numeric dates (a note, not a problem).
    func dateOrders() -> [Finding] {
        DateOrderResolver.parse(reader.meta[DateOrderResolver.metaKey]).map { c in
            let why: String
            if c.dayFirst == 0 && c.monthFirst == 0 {
                why = "are read \(c.order.rawValue) (none of them tells day from month)"
            } else {
                why = "are read \(c.order.rawValue): \(c.dayFirst) can only be day-first, \(c.monthFirst) only month-first"
            }
            return Finding(category: "date-order-chosen", path: reader.documents.first { $0.path.hasPrefix(c.root) }.map { display(root: c.root, sample: $0) } ?? c.root,
                           line: 0, message: "numeric dates " + why, fix: c.dayFirst > 0 && c.monthFirst > 0 ? "write dates as YYYY-MM-DD" : "", isProblem: false)
        }
    }

    func place(_ d: StoredDecision) -> (String, Int) { (reader.documents[d.document].displayPath, d.line) }

    /// The collection root as the user sees it: the display path's prefix matching `root`.
    func display(root: String, sample d: StoredDocument) -> String {
        let relative = d.path.dropFirst(root.count)
        guard d.displayPath.hasSuffix(relative) else { return root }
        let shown = String(d.displayPath.dropLast(relative.count))
        return shown.isEmpty ? "." : shown
    }

    func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
