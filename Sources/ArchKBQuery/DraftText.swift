import ArchKBCorpus
import ArchKBIndex

/// A draft decision record as `archkb check` reads it: the parsed record, its lines, and the
/// sentences of its Context and Decision sections with the line each starts on.
public struct DraftText: Sendable {
    /// One sentence (or list item) of a section, its 1-based first line, and its content stems.
    public struct Sentence: Sendable {
        public var text: String
        public var line: Int
        public var stems: Set<String>
    }

    public let path: String
    public let displayPath: String
    public let lines: [String]
    public let document: ParsedDocument
    /// The record as the index would read it (also when the file would not be recognised as one).
    public let record: DecisionRecord
    public let context: [Sentence]
    public let decision: [Sentence]

    /// Headings (normalised) of the sections that state the problem.
    static let contextHeadings = ["context", "context and problem statement", "problem statement", "problem", "background",
                                  "motivation", "decision drivers", "context and problem", "forces"]
    /// Headings (normalised) of the sections that state the decision.
    static let decisionHeadings = ["decision", "decisions", "the decision", "proposal", "decision outcome"]

    /// Parses `text` read from `path`; a file the parser would not take for a record is read as
    /// one anyway (declared `kind: adr`), since the user says it is a draft ADR.
    public init(text: String, path: String, displayPath: String) throws {
        self.path = path
        self.displayPath = displayPath
        lines = text.lineArray
        let parser = DocumentParser()
        var parsed = try parser.parse(text: text, path: path, displayPath: displayPath)
        if parsed.decision == nil {
            let forced = try parser.parse(text: "---\nkind: adr\n---\n" + text, path: path, displayPath: displayPath)
            if var record = forced.decision {
                record.line = max(1, record.line - 3)
                record.statusLine = record.statusLine.map { $0 > 3 ? $0 - 3 : $0 }
                parsed.kind = .adr
                parsed.decision = record
            }
        }
        document = parsed
        record = parsed.decision ?? DecisionRecord(number: nil, title: parsed.title, status: .unknown, rawStatus: nil, format: .unknown, line: 1)
        context = DraftText.sentences(of: parsed.sections, headings: DraftText.contextHeadings, lines: lines)
        decision = DraftText.sentences(of: parsed.sections, headings: DraftText.decisionHeadings, lines: lines)
    }

    /// The whole draft as plain text (for "does it mention X anywhere").
    public var plainText: String { lines.map(InlineMarkup.plain).joined(separator: "\n") }

    /// The 1-based lines of every section whose heading is one of `headings`.
    func lineNumbers(headings: [String]) -> Set<Int> {
        var out = Set<Int>()
        for s in document.sections where DraftText.matches(s.heading, headings) && s.startLine <= s.endLine { out.formUnion(s.startLine...s.endLine) }
        return out
    }

    /// Whether `heading` (any case, punctuation) is one of `headings`, or starts with one and a space.
    static func matches(_ heading: String, _ headings: [String]) -> Bool {
        let h = normalizedPhrase(heading)
        return headings.contains { h == $0 || h.hasPrefix($0 + " ") }
    }

    /// Sentences of every section whose heading is one of `headings`, read from the file's lines
    /// (headings and code fences skipped): a sentence ends at ". ", "? ", "! ", a blank line or a
    /// new list item.
    static func sentences(of sections: [DocSection], headings: [String], lines: [String]) -> [Sentence] {
        var out: [Sentence] = []
        for s in sections where matches(s.heading, headings) {
            out += sentences(lines: lines, from: s.startLine, to: s.endLine)
        }
        return out
    }

    /// Sentences of lines `from...to` (1-based), with the line each starts on.
    public static func sentences(lines: [String], from: Int, to: Int) -> [Sentence] {
        var out: [Sentence] = []
        var current = ""
        var start = 0
        var inFence = false
        func flush() {
            let t = current.trimmed
            if !t.isEmpty { out.append(Sentence(text: t, line: start, stems: Set(Tokenizer.stems(t)))) }
            current = ""
        }
        guard from >= 1, from <= to else { return out }
        for n in from...min(to, lines.count) {
            let raw = lines[n - 1]
            let t = raw.trimmed
            if t.hasPrefix("```") || t.hasPrefix("~~~") { inFence.toggle(); flush(); continue }
            if inFence { continue }
            if t.isEmpty || t.hasPrefix("#") || isUnderline(t) || t.hasPrefix("|") { flush(); continue }
            if isListItem(t) { flush() }
            var rest = Substring(InlineMarkup.plain(t))
            while !rest.isEmpty {
                if current.isEmpty { start = n }
                if let end = sentenceEnd(in: rest) {
                    current += (current.isEmpty ? "" : " ") + rest[..<end]
                    flush()
                    rest = rest[end...].drop { $0 == " " }
                } else {
                    current += (current.isEmpty ? "" : " ") + rest
                    rest = ""
                }
            }
        }
        flush()
        return out
    }

    /// The index just past a sentence's final punctuation in `text`, when one ends inside it.
    static func sentenceEnd(in text: Substring) -> Substring.Index? {
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if (c == "." || c == "?" || c == "!") && next < text.endIndex && text[next] == " " { return next }
            i = next
        }
        return nil
    }

    static func isListItem(_ t: String) -> Bool {
        if t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("+ ") { return true }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && (t.dropFirst(digits.count).hasPrefix(". ") || t.dropFirst(digits.count).hasPrefix(") "))
    }

    /// An RST section underline such as `=====` or `-----`.
    static func isUnderline(_ t: String) -> Bool {
        t.count >= 3 && Set(t).count == 1 && "=-~^*+#".contains(t.first ?? " ")
    }
}
