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

    public func parse() -> DecisionRecord {
        let rawTitle = titleHeading?.text ?? frontMatter["title"] ?? ADRParser.humanize(fileName)
        let split = ADRParser.splitTitle(rawTitle)
        let fileNumber = ADRParser.fileNumber(fileName)
        let number = fileNumber ?? split.number
        let status = findStatus()
        var title = split.title.isEmpty ? rawTitle : split.title
        if titleHeading == nil && frontMatter["title"] == nil, let first = title.first { title = first.uppercased() + title.dropFirst() }
        var record = DecisionRecord(number: number, title: title,
                                    status: DecisionStatus(raw: status.text ?? ""), rawStatus: status.text,
                                    format: detectFormat(split), line: titleHeading?.line ?? 1)
        record.statusLine = status.line
        if let t = split.number, let f = fileNumber, t != f { record.titleNumber = t }
        record.dateSource = findDateSource(statusLines: status.lines)
        record.resolveDate(order: .dayFirst)
        collectLinks(into: &record, statusLines: status.lines)
        if record.status != .superseded, !record.supersededBy.isEmpty,
           status.lines.contains(where: { normalizedPhrase(lines[$0]).hasPrefix("superseded") }) {
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

    func findChosenOption() -> String? {
        for (idx, line) in lines.enumerated() where !inCode[idx] {
            guard line.containsASCII("Chosen "), let r = line.range(of: "Chosen option:") ?? line.range(of: "Chosen Option:") else { continue }
            var rest = InlineMarkup.plain(String(line[r.upperBound...]))
            for stop in ["\", because", "\" because", ", because", " because", "\", since", ", since", ", as ", "\"."] {
                if let s = rest.range(of: stop) { rest = String(rest[..<s.lowerBound]) }
            }
            rest = rest.trimmed.trimmingCharacters(in: "\"'“”` ")
            if rest.hasSuffix(".") { rest.removeLast() }
            return rest.isEmpty ? nil : rest
        }
        // "### Decision Outcome: Use Redis" names the chosen option in the heading.
        for s in sections where normalizedPhrase(s.heading).hasPrefix("decision outcome ") {
            guard let colon = s.heading.firstIndex(of: ":") else { continue }
            let option = s.heading[s.heading.index(after: colon)...].trimmed
            if !option.isEmpty { return option }
        }
        return nil
    }

    func decisionText(chosen: String?) -> String {
        var parts: [String] = []
        if let c = chosen { parts.append(c) }
        if let d = sections.first(where: {
            let h = normalizedPhrase($0.heading)
            return h == "decision" || h == "decisions" || h.hasPrefix("decision outcome") || h == "proposal" || h == "the decision"
        }) {
            parts.append(String(d.text.prefix(700)))
        }
        return parts.joined(separator: "\n")
    }

    /// Splits "12. Use Kafka", "ADR 012: PeerTransport", "ADR-102 RPC", "0018: Modules" into number and title.
    static func splitTitle(_ raw: String) -> (number: Int?, title: String, isADRStyle: Bool) {
        var s = Substring(raw.trimmed)
        // "2023-06-26: Use X" starts with a date, not a number.
        if let prefix = DateText.fileNameDatePrefix(String(s)) {
            return (nil, String(s.dropFirst(prefix.length)).trimmingCharacters(in: " :-–—"), false)
        }
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
        // "2023 platform roadmap": a year, not ADR 2023.
        if !adrStyle, digits.count == 4, (1970...2100).contains(n), rest.first == " " { return (nil, raw.trimmed, false) }
        rest = rest.drop { " .:-–—)".contains($0) }
        return (n, String(rest).trimmed, adrStyle)
    }

    /// The number at the start of an ADR file name ("0007-x.md", "adr-105-y.md"), if any.
    ///
    /// A date-prefixed name ("2023-06-26-use-x.md") has no number: the file name identifies it.
    static func fileNumber(_ fileName: String) -> Int? {
        if DateText.fileNameDate(fileName) != nil { return nil }
        var s = Substring(fileName.lowercased())
        if s.hasPrefix("adr") { s = s.dropFirst(3).drop { $0 == "-" || $0 == "_" || $0 == " " } }
        let digits = s.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        return Int(digits)
    }

    /// A title made from a file name: "2023-06-26-use-redis.md" → "Use redis", "0007-x_y.md" → "0007 x y".
    public static func humanize(_ fileName: String) -> String {
        var base = fileName
        if let dot = base.lastIndex(of: ".") { base = String(base[..<dot]) }
        if let prefix = DateText.fileNameDatePrefix(base + ".") { base = String(base.dropFirst(prefix.length)) }
        let words = base.replacingAll("-", with: " ").replacingAll("_", with: " ").trimmed
        guard let first = words.first else { return fileName }
        return first.uppercased() + words.dropFirst()
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
