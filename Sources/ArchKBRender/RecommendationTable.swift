import ArchKBQuery

/// The terminal table of recommendations, laid out from its content and the terminal width.
///
/// Names wrap at word boundaries and are never cut; a citation (`path:line`) is never split: it
/// goes in a Sources column when every citation fits there, else on full-width lines under its
/// row, and a citation longer than the whole line stands alone on its own line. Below about 60
/// columns the rows are stacked (one labelled block per recommendation) instead of side by side.
/// Blocks that follow the table (team decisions, `--explain`, notes) are rendered by `AnswerText`.
struct RecommendationTable {
    let rows: [Recommendation]
    let width: Int
    var style: TextStyle = .plain

    /// Space between columns.
    static let gap = 3
    /// The narrowest Why and Trade-offs columns worth drawing side by side (together).
    static let minimumTextWidth = 40
    /// The text width the Why and Trade-offs columns keep when a Sources column is added.
    static let textWidthBesideSources = 100

    func render() -> String {
        guard !rows.isEmpty else { return "" }
        let numberWidth = rows.map { TextWrap.width(String($0.rank)) }.max() ?? 1
        let labelWidth = self.labelWidth()
        let textWidth = width - numberWidth - labelWidth - 2 * Self.gap - Self.gap
        guard textWidth >= Self.minimumTextWidth else { return stacked(numberWidth: numberWidth) }
        let sourceWidth = rows.flatMap { citations($0) }.map(TextWrap.width).max() ?? 0
        if sourceWidth > 0, textWidth - sourceWidth - Self.gap >= Self.textWidthBesideSources {
            return table(numberWidth: numberWidth, labelWidth: labelWidth, textWidth: textWidth - sourceWidth - Self.gap, sourceWidth: sourceWidth)
        }
        return table(numberWidth: numberWidth, labelWidth: labelWidth, textWidth: textWidth, sourceWidth: nil)
    }

    /// The Recommendation column: as wide as its longest line up to about a quarter of the width,
    /// never narrower than its longest word.
    func labelWidth() -> Int {
        let natural = rows.map { label($0).split(separator: "\n").map(TextWrap.width).max() ?? 0 }.max() ?? 0
        let longestWord = rows.map { TextWrap.longestWord(label($0)) }.max() ?? 0
        let cap = min(max(width / 4, 16), 32)
        return max(longestWord, min(natural, cap), TextWrap.width("Recommendation"))
    }

    /// Name, kind, confidence and team precedent, one per line (the name may wrap).
    func label(_ r: Recommendation) -> String {
        var s = r.name + "\n(\(r.kind))\n\(r.confidence.rawValue) confidence"
        if !r.precedents.isEmpty { s += "\n★ team precedent" }
        if let ring = r.ring { s += "\nradar: \(ring.rawValue)" }
        return s
    }

    func citations(_ r: Recommendation) -> [String] {
        r.citations.prefix(3).map { "\($0.path):\($0.line)" }
    }

    /// Splits the text width between Why and Trade-offs (6:4), giving what one does not need to the other.
    func textColumns(_ total: Int) -> (why: Int, tradeoffs: Int) {
        let whyNatural = rows.map { AnswerText.why($0).split(separator: "\n").map(TextWrap.width).max() ?? 0 }.max() ?? 0
        let tradeNatural = max(rows.map { TextWrap.width($0.tradeoffs) }.max() ?? 0, TextWrap.width("Trade-offs"))
        var why = total * 6 / 10
        var trade = total - why
        if tradeNatural < trade { why += trade - tradeNatural; trade = tradeNatural }
        if whyNatural < why { trade += why - whyNatural; why = whyNatural }
        return (max(why, 3), max(trade, 10))
    }

    func table(numberWidth: Int, labelWidth: Int, textWidth: Int, sourceWidth: Int?) -> String {
        let (whyWidth, tradeWidth) = textColumns(textWidth)
        var widths = [numberWidth, labelWidth, whyWidth, tradeWidth]
        var headers = ["#", "Recommendation", "Why", "Trade-offs"]
        if let sourceWidth { widths.append(sourceWidth); headers.append("Sources") }
        let grid = TextTable(headers: headers, rows: [], flex: widths.map { _ in 0 })
        var out = grid.lines(headers, widths: widths).joined()
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: String(repeating: " ", count: Self.gap)) + "\n"
        let indent = String(repeating: " ", count: numberWidth + Self.gap)
        for (i, r) in rows.enumerated() {
            var cells = [String(r.rank), label(r), AnswerText.why(r), r.tradeoffs]
            if sourceWidth != nil { cells.append(citations(r).joined(separator: "\n")) }
            let nameLines = TextWrap.wrap(r.name, width: labelWidth).count
            out += grid.lines(cells, widths: widths) { column, line, text in
                switch column {
                case 1 where line < nameLines: return style.name(text)
                case 1 where text.hasSuffix(" confidence"): return style.confidence(r.confidence, text)
                case 1 where text.hasPrefix("★"): return style.precedent(text)
                case 4: return style.link(text)
                default: return text
                }
            }.joined()
            if sourceWidth == nil { out += sourceLines(citations(r), indent: indent) }
            if i < rows.count - 1 { out += "\n" }
        }
        return out
    }

    /// "Sources: a.md:8  b.md:13", packed on full-width lines under the row with a hanging indent;
    /// each citation whole, alone on its line (unindented) when it is longer than the line.
    func sourceLines(_ cites: [String], indent: String, hang: String? = nil) -> String {
        guard !cites.isEmpty else { return "" }
        let first = indent + "Sources: "
        let rest = hang ?? String(repeating: " ", count: TextWrap.width(first))
        var out = ""
        var line = first
        /// `line` as shown: the same text with its citations linked.
        var linked = first
        var filled = false
        for c in cites {
            let separator = filled ? "  " : ""
            if TextWrap.width(line + separator + c) <= width { line += separator + c; linked += separator + style.link(c); filled = true; continue }
            if filled { out += linked + "\n"; line = rest; linked = rest; filled = false }
            if TextWrap.width(line + c) <= width {
                line += c
                linked += style.link(c)
                filled = true
            } else {
                if line == first { out += first.trimmingTrailingSpaces() + "\n" }
                out += style.link(c) + "\n"
                line = rest
                linked = rest
            }
        }
        if filled { out += linked + "\n" }
        return out
    }

    /// One labelled block per recommendation, for terminals too narrow for columns.
    func stacked(numberWidth: Int) -> String {
        var out = ""
        let pad = String(repeating: " ", count: numberWidth + 2)
        for (i, r) in rows.enumerated() {
            let number = String(r.rank)
            let head = number + String(repeating: " ", count: numberWidth + 2 - TextWrap.width(number))
            for (n, line) in TextWrap.wrap(r.name, width: max(width - pad.count, 16), splitLongWords: false).enumerated() {
                out += (n == 0 ? head : pad) + style.name(line) + "\n"
            }
            var facts = "\(r.kind) · \(r.confidence.rawValue) confidence"
            if !r.precedents.isEmpty { facts += " · ★ team precedent" }
            if let ring = r.ring { facts += " · radar: \(ring.rawValue)" }
            out += style.confidenceWords(TextWrap.hanging(facts, width: width, first: pad, rest: pad))
            for (n, paragraph) in AnswerText.why(r).split(separator: "\n").enumerated() {
                out += TextWrap.hanging((n == 0 ? "Why: " : "") + paragraph, width: width, first: pad, rest: pad + "  ")
            }
            if !r.tradeoffs.isEmpty { out += TextWrap.hanging("Trade-offs: " + r.tradeoffs, width: width, first: pad, rest: pad + "  ") }
            out += sourceLines(citations(r), indent: pad, hang: pad + "  ")
            if i < rows.count - 1 { out += "\n" }
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
