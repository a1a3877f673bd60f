import ArchKBCorpus
import ArchKBIndex

/// One problem `archkb doctor` reports.
public struct Finding: Sendable {
    public var category: String
    public var path: String
    public var line: Int
    public var message: String
}

/// Checks an index for the mess real decision logs have.
///
/// Reports files skipped or not classified, ADRs without a status or date, supersession links
/// that point nowhere or go in a circle, duplicate ADR numbers and titles, titles whose number
/// disagrees with the file name, and problems recorded while indexing (unmatched guide rows…).
public struct Doctor {
    public let reader: IndexReader

    public init(reader: IndexReader) { self.reader = reader }

    public func findings() throws -> [Finding] {
        var out: [Finding] = []
        for p in try reader.problems() {
            let category = p.message.hasPrefix("skipped") ? "unparsed" : (p.message.contains("guide row") ? "guide" : "index")
            out.append(Finding(category: category, path: p.path, line: p.line, message: p.message))
        }
        for d in reader.documents where d.kind == "note" {
            out.append(Finding(category: "unclassified", path: d.displayPath, line: 1, message: "not recognised as a card, guide, catalog or ADR; indexed as a plain note"))
        }
        let decisions = reader.decisions
        func where_(_ d: StoredDecision) -> (String, Int) { (reader.documents[d.document].displayPath, d.line) }
        for d in decisions {
            let (path, line) = where_(d)
            if d.status == .unknown {
                let raw = d.rawStatus.map { " (status text: \"\($0.prefix(60))\")" } ?? ""
                out.append(Finding(category: "no-status", path: path, line: line, message: "ADR has no recognisable status\(raw)"))
            }
            if d.date == nil { out.append(Finding(category: "no-date", path: path, line: line, message: "ADR has no date")) }
            for u in d.unresolved { out.append(Finding(category: "broken-link", path: path, line: line, message: "supersession/amendment link to \(u) points to no ADR in the index")) }
            if let t = d.titleNumber, let n = d.number {
                out.append(Finding(category: "number-mismatch", path: path, line: line, message: "title says \(t) but the file name says \(n)"))
            }
            if d.status == .superseded && d.supersededBy.isEmpty {
                out.append(Finding(category: "broken-link", path: path, line: line, message: "status is superseded but no successor is named"))
            }
        }
        out += cycles()
        var byNumber: [String: [StoredDecision]] = [:]
        var byTitle: [String: [StoredDecision]] = [:]
        for d in decisions {
            let dir = directory(reader.documents[d.document].path)
            if let n = d.number { byNumber["\(dir)#\(n)", default: []].append(d) }
            byTitle["\(dir)#\(normalizedPhrase(d.title))", default: []].append(d)
        }
        for (_, group) in byNumber where group.count > 1 {
            for d in group.dropFirst() {
                let (path, line) = where_(d)
                out.append(Finding(category: "duplicate-number", path: path, line: line, message: "ADR number \(d.number ?? 0) is also used by \(where_(group[0]).0)"))
            }
        }
        for (_, group) in byTitle where group.count > 1 {
            for d in group.dropFirst() {
                let (path, line) = where_(d)
                out.append(Finding(category: "duplicate-title", path: path, line: line, message: "title \"\(d.title)\" is also used by \(where_(group[0]).0)"))
            }
        }
        return out.sorted { ($0.category, $0.path, $0.line) < ($1.category, $1.path, $1.line) }
    }

    /// Supersession chains that loop back on themselves.
    func cycles() -> [Finding] {
        var out: [Finding] = []
        var reported = Set<Int>()
        for start in reader.decisions.indices {
            var seen: [Int] = [start]
            var current = start
            while let next = reader.decisions[current].supersededBy.first, next < reader.decisions.count {
                if next == start {
                    if reported.insert(start).inserted {
                        let d = reader.decisions[start]
                        let names = seen.map { reader.documents[reader.decisions[$0].document].displayPath }
                        out.append(Finding(category: "circular-supersession", path: reader.documents[d.document].displayPath, line: d.line,
                                           message: "supersession goes in a circle: " + names.joined(separator: " → ")))
                        seen.forEach { reported.insert($0) }
                    }
                    break
                }
                if seen.contains(next) || seen.count > 100 { break }
                seen.append(next)
                current = next
            }
        }
        return out
    }

    func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
