extension ADRParser {
    /// Finds supersedes / superseded-by / amends / amended-by links in status lines and prose.
    ///
    /// Links are written as Markdown links to the other file ("Superseded by [DNS](0015-dns.md)"),
    /// as textual references ("Rejected in favour of ADR 111", "supersedes the decisions made in
    /// ADRs 60 and 61"), or in the changelog ("Marked as rejected in favour of ADR-101").
    func collectLinks(into record: inout DecisionRecord, statusLines: [Int]) {
        let statusSet = Set(statusLines)
        let changelog = sections.first { ["changelog", "change log", "change history"].contains(normalizedPhrase($0.heading)) }
        for (idx, line) in lines.enumerated() where !inCode[idx] {
            // A byte test first: lowercasing and searching every line made this a tenth of parsing.
            guard line.containsASCII("supersed", ignoringCase: true) || line.containsASCII("amend", ignoringCase: true)
                || line.containsASCII("in favo", ignoringCase: true) || line.containsASCII("replaced by", ignoringCase: true) else { continue }
            let lower = line.lowercased()
            guard lower.contains("supersed") || lower.contains("amend") || lower.contains("in favo") || lower.contains("replaced by") else { continue }
            let inStatus = statusSet.contains(idx) || (changelog.map { idx + 1 >= $0.startLine && idx + 1 <= $0.endLine } ?? false)
            for (phrase, kind) in ADRParser.linkPhrases {
                guard let r = lower.range(of: phrase) else { continue }
                if kind == .favour && !inStatus { continue }
                // Skip "superseded by" matched inside "partly superseded by": handled by the same phrase.
                let tail = String(line[r.upperBound...].prefix(220))
                let refs = ADRParser.references(in: tail)
                guard !refs.isEmpty else { continue }
                switch kind {
                case .supersededBy, .favour: record.supersededBy.append(contentsOf: refs)
                case .supersedes: record.supersedes.append(contentsOf: refs)
                case .amendedBy: record.amendedBy.append(contentsOf: refs)
                case .amends: record.amends.append(contentsOf: refs)
                }
            }
        }
        let own = ADRParser.fileNumber(fileName)
        func clean(_ links: [DecisionLink]) -> [DecisionLink] {
            var seen = Set<DecisionLink>()
            return links.filter { !($0.number != nil && $0.number == own && $0.file == nil) && seen.insert($0).inserted }
        }
        record.supersededBy = clean(record.supersededBy)
        record.supersedes = clean(record.supersedes)
        record.amendedBy = clean(record.amendedBy)
        record.amends = clean(record.amends)
    }

    enum LinkKind { case supersededBy, supersedes, amendedBy, amends, favour }

    static let linkPhrases: [(String, LinkKind)] = [
        ("superseded by", .supersededBy), ("replaced by", .supersededBy),
        ("supersedes", .supersedes), ("amended by", .amendedBy), ("amends", .amends),
        ("in favour of", .favour), ("in favor of", .favour),
    ]

    /// References to other ADRs at the start of `text`: Markdown links to files and "ADR 12" forms.
    static func references(in text: String) -> [DecisionLink] {
        var refs: [DecisionLink] = []
        // Markdown link targets: (0015-dns-infrastructure.md) or (./adr-111-nop.md#x)
        var rest = Substring(text)
        let sentenceEnd = text.firstIndex(where: { $0 == "\n" }) ?? text.endIndex
        rest = text[..<sentenceEnd]
        var search = rest
        while let open = search.range(of: "](") {
            let after = search[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            var target = String(after[..<close])
            if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
            let file = target.split(separator: "/").last.map(String.init) ?? target
            if file.lowercased().hasSuffix(".md") || file.lowercased().hasSuffix(".rst") || file.lowercased().hasSuffix(".html") {
                refs.append(DecisionLink(number: fileNumber(file), file: file))
            }
            search = after[close...]
        }
        if !refs.isEmpty { return refs }
        // Textual: "ADR 111", "ADR-101", "ADR #0033", "ADRs 60 and 61", "[0003]".
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" || $0 == "[" || $0 == "]" })
        var i = 0
        var afterADR = false
        while i < words.count && refs.count < 4 {
            var w = words[i].lowercased()
            w = w.trimmingCharacters(in: ".:;*`#")
            if w.hasPrefix("adr") {
                let tail = w.dropFirst(3).drop { $0 == "-" || $0 == "s" || $0 == "#" || $0 == "_" }
                if let n = Int(tail.prefix { $0.isNumber }), !tail.isEmpty { refs.append(DecisionLink(number: n, file: nil)) }
                afterADR = true
            } else if afterADR, let n = Int(w.drop { $0 == "#" }), n < 100_000 {
                refs.append(DecisionLink(number: n, file: nil))
            } else if w == "and" || w == "&" || w == "or" || w.isEmpty {
                // keep collecting numbers in a list
            } else {
                if !refs.isEmpty { break }
                afterADR = false
                if i > 6 { break }
            }
            i += 1
        }
        return refs
    }
}
