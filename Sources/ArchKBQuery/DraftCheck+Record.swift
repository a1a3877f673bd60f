import ArchKBCorpus
import ArchKBIndex
import Foundation

extension DraftCheck {
    /// The doctor's rules for one file: a status, a date, and supersession and amendment links
    /// that reach a record (a file next to the draft, or a record of the index).
    func recordFindings(_ draft: DraftText) -> [CheckFinding] {
        let r = draft.record
        let path = draft.displayPath
        let statusLine = r.statusLine.flatMap { $0 > 0 ? $0 : nil } ?? r.line
        var out: [CheckFinding] = []
        if r.status == .unknown {
            if let raw = r.rawStatus, !raw.trimmed.isEmpty {
                out.append(CheckFinding(kind: .unknownStatus, severity: .warning, message: "status \"\(raw.prefix(80))\" is not one archkb knows; write one word first: Accepted, Proposed, Rejected, Deprecated or Superseded (by …)",
                                        path: path, line: statusLine))
            } else {
                out.append(CheckFinding(kind: .noStatus, severity: .warning, message: "the record has no status; add a `Status` section (or `status:` field) with one word: Proposed, Accepted, Rejected, Deprecated or Superseded",
                                        path: path, line: r.line))
            }
        }
        if r.date == nil {
            out.append(CheckFinding(kind: .noDate, severity: .warning, message: "the record has no date archkb could read; add `Date: YYYY-MM-DD` under the title",
                                    path: path, line: r.line))
        }
        for (links, what) in [(r.supersedes, "supersedes"), (r.supersededBy, "is superseded by"), (r.amends, "amends"), (r.amendedBy, "is amended by")] {
            for link in links where resolve(link, draft: draft) == nil {
                let name = link.file ?? link.number.map { "ADR \($0)" } ?? "?"
                out.append(CheckFinding(kind: .brokenLink, severity: .error,
                                        message: "the record \(what) \(name), which is neither a file next to it nor a record in the index; link the record's file, e.g. `[ADR 7](0007-title.md)`",
                                        path: path, line: line(mentioning: link, in: draft) ?? statusLine))
            }
        }
        if r.status == .superseded && r.supersededBy.isEmpty {
            out.append(CheckFinding(kind: .brokenLink, severity: .error, message: "the status is superseded but no successor is named; write `Superseded by [Title](file.md)`",
                                    path: path, line: statusLine))
        }
        return out
    }

    /// What a link reaches: `.file` for a file next to the draft, `.decision(id)` for a record of
    /// the index (by file name, else by number in the draft's folder, else by a number only one
    /// record has); nil when it reaches nothing.
    enum LinkTarget: Equatable {
        case file
        case decision(Int)
    }

    func resolve(_ link: DecisionLink, draft: DraftText) -> LinkTarget? {
        let folder = draft.path.isEmpty ? nil : URL(fileURLWithPath: draft.path).deletingLastPathComponent().standardizedFileURL.path
        if let file = link.file {
            let name = file.lowercased()
            let named = reader.decisions.filter { reader.documents[$0.document].path.split(separator: "/").last.map { $0.lowercased() } == name }
            if let folder, let d = named.first(where: { directory(reader.documents[$0.document].path) == folder }) { return .decision(d.id) }
            if let folder, FileManager.default.fileExists(atPath: folder + "/" + file) { return .file }
            if let d = named.first { return .decision(d.id) }
        }
        if let n = link.number {
            let numbered = reader.decisions.filter { $0.number == n }
            if let folder, let d = numbered.first(where: { directory(reader.documents[$0.document].path) == folder }) { return .decision(d.id) }
            if let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder),
               names.contains(where: { DraftCheck.fileNumber($0) == n && $0 != URL(fileURLWithPath: draft.path).lastPathComponent }) {
                return .file
            }
            let inFolder = folder.map { f in reader.decisions.contains { directory(reader.documents[$0.document].path) == f } } ?? false
            if !inFolder, numbered.count == 1 { return .decision(numbered[0].id) }
        }
        return nil
    }

    /// Index decisions the draft links to or from (supersession, amendment), and those the
    /// index links to the draft's own indexed record: a draft may differ from what it replaces.
    func linkedDecisions(_ draft: DraftText, own: Set<Int>) -> Set<Int> {
        let r = draft.record
        var out = Set<Int>()
        for link in r.supersedes + r.supersededBy + r.amends + r.amendedBy {
            if case .decision(let id) = resolve(link, draft: draft) { out.insert(id) }
        }
        for id in own {
            let d = reader.decisions[id]
            out.formUnion(d.supersedes + d.supersededBy + d.amends + d.amendedBy)
        }
        return out.subtracting(own)
    }

    /// The first draft line that writes the link's file name or number.
    func line(mentioning link: DecisionLink, in draft: DraftText) -> Int? {
        for (i, line) in draft.lines.enumerated() {
            if let file = link.file, line.contains(file) { return i + 1 }
            if link.file == nil, let n = link.number, line.lowercased().contains("adr") && line.contains(String(n)) { return i + 1 }
        }
        return nil
    }

    /// The number at the start of a record's file name ("0007-x.md", "adr-105-y.md"), if any.
    static func fileNumber(_ name: String) -> Int? {
        var s = Substring(name.lowercased())
        if s.hasPrefix("adr") { s = s.dropFirst(3).drop { $0 == "-" || $0 == "_" } }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 6, s.dropFirst(digits.count).first.map({ "-_. ".contains($0) }) ?? false else { return nil }
        return Int(digits)
    }

    func directory(_ path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
    }
}
