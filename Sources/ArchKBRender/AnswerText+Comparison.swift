import ArchKBQuery

extension AnswerText {
    /// The side-by-side comparison of a "X vs Y" question, as wrapped text with hanging indents.
    static func comparisonBlock(_ a: Answer, width: Int) -> String {
        guard !a.comparison.isEmpty else { return "" }
        let w = max(width, 40)
        var out = "Side by side: " + a.comparison.map(\.name).joined(separator: " vs ") + "\n"
        for s in a.comparison {
            out += "\n\(s.name) (\(s.kind))\n"
            for (label, text) in comparisonRows(s) {
                let rest = String(repeating: " ", count: TextWrap.width(label) + 4)
                out += TextWrap.hanging(label + ": " + text, width: w, first: "  ", rest: rest)
            }
            for c in s.citations { out += "    \(c.path):\(c.line)\n" }
        }
        return out
    }

    static func comparisonRows(_ s: ComparisonSide) -> [(String, String)] {
        var rows: [(String, String)] = []
        if !s.whenToUse.isEmpty { rows.append(("Use when", s.whenToUse)) }
        if !s.whenNot.isEmpty { rows.append(("Not when", s.whenNot)) }
        if !s.tradeoffs.isEmpty { rows.append(("Trade-offs", s.tradeoffs)) }
        for g in s.guideRows { rows.append(("Guide", g)) }
        return rows
    }

    /// The comparison as a Markdown table (one column per entity).
    static func comparisonMarkdown(_ a: Answer) -> String {
        guard !a.comparison.isEmpty else { return "" }
        func cell(_ s: String) -> String { s.replacingOccurrencesOfPipe().split(separator: "\n").joined(separator: "<br>") }
        var out = "\n### Side by side\n\n| | " + a.comparison.map { "**\(cell($0.name))** (\($0.kind))" }.joined(separator: " | ") + " |\n"
        out += "|---|" + a.comparison.map { _ in "---|" }.joined() + "\n"
        out += "| Use when | " + a.comparison.map { cell($0.whenToUse) }.joined(separator: " | ") + " |\n"
        out += "| Not when | " + a.comparison.map { cell($0.whenNot) }.joined(separator: " | ") + " |\n"
        out += "| Trade-offs | " + a.comparison.map { cell($0.tradeoffs) }.joined(separator: " | ") + " |\n"
        out += "| Guide | " + a.comparison.map { cell($0.guideRows.joined(separator: "\n")) }.joined(separator: " | ") + " |\n"
        out += "| Sources | " + a.comparison.map { $0.citations.map { "`\($0.path):\($0.line)`" }.joined(separator: "<br>") }.joined(separator: " | ") + " |\n"
        return out
    }

    /// `--explain`: each row's score as the sum of its terms (feature value × weight, then the stages' adjustments).
    static func explainLines(_ r: Recommendation, indent: String) -> String {
        guard let x = r.explanation else { return "" }
        let sum = x.terms.reduce(0) { $0 + $1.contribution }
        var out = "\(indent)score \(fmt(r.score)) = " + x.terms.map { t in
            t.weight == 1 ? "\(t.name) \(fmt(t.value))" : "\(t.name) \(fmt(t.value))×\(fmt(t.weight))"
        }.joined(separator: " + ") + " (= \(fmt(sum)))\n"
        out += "\(indent)bm25 \(fmt(x.bm25)), cosine \(fmt(x.cosine)), coverage \(fmt(x.coverage)) → \(r.confidence.rawValue) confidence\n"
        for e in x.evidence { out += "\(indent)  \(e)\n" }
        return out
    }
}
