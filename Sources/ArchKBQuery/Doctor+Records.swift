import ArchKBCorpus
import ArchKBIndex
import Foundation

extension Doctor {
    /// Notes that look like ADRs (in an ADR folder, or with ADR sections) but were not read as one,
    /// with the reason and the fix; other notes are reported as unclassified.
    func notIndexedAsADRs() -> [Finding] {
        var headings: [Int: [String]] = [:]
        for s in reader.sections where reader.documents[s.document].kind == "note" { headings[s.document, default: []].append(s.heading) }
        return reader.documents.filter { $0.kind == "note" }.map { d in
            if let why = ADRParser.whyNotADR(path: d.path, headings: headings[d.id] ?? [], title: d.title) {
                return Finding(category: "not-an-adr", path: d.displayPath, line: 1, message: "looks like an ADR but was indexed as a note: it \(why.reason)", fix: why.fix)
            }
            return Finding(category: "unclassified", path: d.displayPath, line: 1, message: "not recognised as a card, guide, catalog or ADR; indexed as a plain note",
                           fix: "give it front matter `kind: pattern|technology|practice|guide|catalog|adr` if it is one")
        }
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
                                           message: "supersession goes in a circle: " + names.joined(separator: " → "),
                                           fix: "only the later record says `Supersedes`; the earlier says `Superseded by`"))
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
}

/// Finds the line a decision's status is written on by reading its file again (the index keeps
/// only the title line); nil when the file is gone or has no status line.
struct StatusLocator {
    let reader: IndexReader

    func line(of d: StoredDecision) -> Int? {
        let doc = reader.documents[d.document]
        guard let data = FileManager.default.contents(atPath: doc.path), let text = String(data: data, encoding: .utf8),
              let parsed = try? DocumentParser().parse(text: text, path: doc.path, displayPath: doc.displayPath),
              let line = parsed.decision?.statusLine, line > 0 else { return nil }
        return line
    }
}
