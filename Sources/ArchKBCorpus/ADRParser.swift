/// Extracts a `DecisionRecord` from an ADR in any of the formats teams use.
///
/// Nothing here fails: a field that cannot be found is left empty or `unknown`.
public struct ADRParser {
    let lines: [String]
    let inCode: [Bool]
    let sections: [DocSection]
    let titleHeading: MarkdownOutline.Heading?
    let frontMatter: FrontMatter
    let fileName: String
    let isRST: Bool

    public init(lines: [String], inCode: [Bool], sections: [DocSection], title: MarkdownOutline.Heading?,
                frontMatter: FrontMatter, fileName: String, isRST: Bool) {
        self.lines = lines
        self.inCode = inCode
        self.sections = sections
        self.titleHeading = title
        self.frontMatter = frontMatter
        self.fileName = fileName
        self.isRST = isRST
    }

    /// Whether a file that declares no kind reads as an ADR (by title, sections or path).
    public static func looksLikeADR(path: String, sections: [DocSection], title: String, frontMatter: FrontMatter, text: String) -> Bool {
        let lowerPath = path.lowercased()
        let folders = ["/adr/", "/adrs/", "/decisions/", "/decision-records/", "/architecture-decisions/", "/architecture/decisions/"]
        if folders.contains(where: { lowerPath.contains($0) }) { return true }
        if ADRParser.splitTitle(title).isADRStyle { return true }
        if frontMatter["status"] != nil && frontMatter["kind"] == nil { return true }
        let headings = Set(sections.map { normalizedPhrase($0.heading) })
        if headings.contains("status") && (headings.contains("context") || headings.contains("decision") || headings.contains("consequences")) { return true }
        if headings.contains("considered options") || headings.contains("decision outcome") { return true }
        if text.contains("Chosen option:") { return true }
        let file = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        return file.hasPrefix("adr-") || file.hasPrefix("adr_")
    }

    public func parse() -> DecisionRecord {
        let rawTitle = titleHeading?.text ?? frontMatter["title"] ?? ADRParser.humanize(fileName)
        let split = ADRParser.splitTitle(rawTitle)
        let fileNumber = ADRParser.fileNumber(fileName)
        let number = fileNumber ?? split.number
        let (rawStatus, statusLines) = findStatus()
        var record = DecisionRecord(number: number, title: split.title.isEmpty ? rawTitle : split.title,
                                    status: DecisionStatus(raw: rawStatus ?? ""), rawStatus: rawStatus,
                                    format: detectFormat(split), line: titleHeading?.line ?? 1)
        if let t = split.number, let f = fileNumber, t != f { record.titleNumber = t }
        record.date = findDate(statusLines: statusLines)
        collectLinks(into: &record, statusLines: statusLines)
        if record.status != .superseded, !record.supersededBy.isEmpty,
           statusLines.contains(where: { normalizedPhrase(lines[$0]).hasPrefix("superseded") }) {
            record.status = .superseded
        }
        record.chosenOption = findChosenOption()
        record.decisionText = decisionText(chosen: record.chosenOption)
        return record
    }

    func detectFormat(_ split: (number: Int?, title: String, isADRStyle: Bool)) -> DecisionRecord.Format {
        if isRST { return .rst }
        if split.isADRStyle { return .adrNumbered }
        let headings = Set(sections.map { normalizedPhrase($0.heading) })
        if headings.contains("considered options") || headings.contains("decision outcome") || frontMatter["status"] != nil { return .madr }
        if headings.contains("status") || split.number != nil { return .nygard }
        return .unknown
    }

    /// The status text and the line indexes (0-based) of the status block.
    func findStatus() -> (String?, [Int]) {
        if let s = frontMatter["status"], !s.isEmpty { return (s, []) }
        if let section = sections.first(where: { normalizedPhrase($0.heading) == "status" || normalizedPhrase($0.heading).hasPrefix("status ") }) {
            var block: [Int] = []
            var first: String?
            let lo = max(section.startLine, 1)
            let hi = min(section.endLine, lines.count)
            if lo + 1 <= hi {
                for idx in lo..<hi where !inCode[idx] {
                    let plain = InlineMarkup.plain(lines[idx].trimmed)
                    if plain.isEmpty || plain.allSatisfy({ $0 == "-" || $0 == "=" || $0 == "*" || $0 == "#" }) { continue }
                    block.append(idx)
                    if first == nil { first = plain }
                }
            }
            if let f = first { return (ADRParser.cleanStatus(f), block) }
            return (nil, [])
        }
        // MADR 2.x bullets ("* Status: accepted") and adr-tools' early inline "Status: Accepted".
        for (idx, line) in lines.enumerated().prefix(60) where !inCode[idx] {
            var t = line.trimmed
            if t.hasPrefix("* ") || t.hasPrefix("- ") { t = String(t.dropFirst(2)).trimmed }
            let plain = InlineMarkup.plain(t)
            if plain.lowercased().hasPrefix("status:") {
                return (ADRParser.cleanStatus(String(plain.dropFirst(7))), [idx])
            }
        }
        return (nil, [])
    }

    static func cleanStatus(_ s: String) -> String {
        var t = s.trimmed
        while t.hasPrefix(">") { t = String(t.dropFirst()).trimmed }
        return t
    }

    func findDate(statusLines: [Int]) -> String? {
        if let d = frontMatter["date"], let n = DateText.normalize(d) { return n }
        for (idx, line) in lines.enumerated().prefix(80) where !inCode[idx] {
            var t = line.trimmed
            if t.hasPrefix("* ") || t.hasPrefix("- ") { t = String(t.dropFirst(2)).trimmed }
            let plain = InlineMarkup.plain(t)
            let lower = plain.lowercased()
            if lower.hasPrefix("date:") || lower.hasPrefix("date :") || lower.hasPrefix("last updated:") || lower.hasPrefix("updated:") {
                if let n = DateText.normalize(String(plain[plain.index(after: plain.firstIndex(of: ":") ?? plain.startIndex)...])) { return n }
            }
        }
        for idx in statusLines {
            if let n = DateText.find(in: lines[idx]) { return n }
        }
        if let log = sections.first(where: { ["changelog", "change log", "change history", "history"].contains(normalizedPhrase($0.heading)) }) {
            for line in log.text.split(separator: "\n") {
                if let n = DateText.find(in: String(line)) { return n }
            }
        }
        return nil
    }

    func findChosenOption() -> String? {
        for (idx, line) in lines.enumerated() where !inCode[idx] {
            guard let r = line.range(of: "Chosen option:") ?? line.range(of: "Chosen Option:") else { continue }
            var rest = InlineMarkup.plain(String(line[r.upperBound...]))
            for stop in ["\", because", "\" because", ", because", " because", "\", since", ", since", ", as ", "\"."] {
                if let s = rest.range(of: stop) { rest = String(rest[..<s.lowerBound]) }
            }
            rest = rest.trimmed.trimmingCharacters(in: "\"'“”` ")
            if rest.hasSuffix(".") { rest.removeLast() }
            return rest.isEmpty ? nil : rest
        }
        return nil
    }

    func decisionText(chosen: String?) -> String {
        var parts: [String] = []
        if let c = chosen { parts.append(c) }
        if let d = sections.first(where: {
            let h = normalizedPhrase($0.heading)
            return h == "decision" || h == "decisions" || h == "decision outcome" || h == "proposal" || h == "the decision"
        }) {
            parts.append(String(d.text.prefix(700)))
        }
        return parts.joined(separator: "\n")
    }

    /// Splits "12. Use Kafka", "ADR 012: PeerTransport", "ADR-102 RPC", "0018: Modules" into number and title.
    static func splitTitle(_ raw: String) -> (number: Int?, title: String, isADRStyle: Bool) {
        var s = Substring(raw.trimmed)
        var adrStyle = false
        if s.lowercased().hasPrefix("adr") {
            let after = s.dropFirst(3).drop { $0 == " " || $0 == "-" || $0 == "_" || $0 == "#" }
            if let f = after.first, f.isNumber {
                s = after
                adrStyle = true
            }
        }
        let digits = s.prefix { $0.isNumber }
        guard !digits.isEmpty, let n = Int(digits.prefix(9)) else { return (nil, raw.trimmed, false) }
        var rest = s.dropFirst(digits.count)
        let hadSeparator = rest.first.map { ".:-–—)".contains($0) || $0 == " " } ?? true
        guard hadSeparator else { return (nil, raw.trimmed, false) }
        rest = rest.drop { " .:-–—)".contains($0) }
        return (n, String(rest).trimmed, adrStyle)
    }

    /// The number at the start of an ADR file name ("0007-x.md", "adr-105-y.md"), if any.
    static func fileNumber(_ fileName: String) -> Int? {
        var s = Substring(fileName.lowercased())
        if s.hasPrefix("adr") { s = s.dropFirst(3).drop { $0 == "-" || $0 == "_" || $0 == " " } }
        let digits = s.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        return Int(digits)
    }

    static func humanize(_ fileName: String) -> String {
        var base = fileName
        if let dot = base.lastIndex(of: ".") { base = String(base[..<dot]) }
        return base.replacingAll("-", with: " ").replacingAll("_", with: " ")
    }
}

extension String {
    /// The string with every occurrence of `target` replaced (Foundation-free).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return split(separator: Substring(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }

    /// The string with any of `chars` removed from both ends.
    public func trimmingCharacters(in chars: String) -> String {
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s.removeFirst() }
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return String(s)
    }
}
