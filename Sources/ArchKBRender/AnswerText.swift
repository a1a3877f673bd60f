import ArchKBQuery

/// Output formats of `archkb ask`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, markdown, json, plain, slack
}

/// Renders answers for people: a terminal table, Markdown, or plain text.
public enum AnswerText {
    /// `style` decorates the terminal table only (colour, links); the other formats are plain.
    public static func render(_ a: Answer, format: OutputFormat, width: Int = 100, style: TextStyle = .plain) -> String {
        switch format {
        case .json: return AnswerJSON.render(a) + "\n"
        case .markdown: return markdown(a)
        case .plain: return plain(a)
        case .table: return table(a, width: width, style: style)
        case .slack: return SlackBlocks.render(a) + "\n"
        }
    }

    static func why(_ r: Recommendation) -> String {
        var s = r.rationale
        if let instead = r.instead { s += "\nInstead: " + instead }
        return s
    }

    /// Notes under the answer, one paragraph each (unwrapped; `table` wraps them).
    static func notes(_ a: Answer) -> String {
        var out = ""
        if a.stale { out += "note: the corpus changed since the index was built; run `archkb index` to refresh it\n" }
        if let m = a.message { out += (a.confident ? "note: " : "") + m + "\n" }
        if !a.confident && !a.nearestTopics.isEmpty { out += "nearest topics: " + a.nearestTopics.joined(separator: ", ") + "\n" }
        if let order = confidenceOrderNote(a.recommendations) { out += order + "\n" }
        return out
    }

    /// Says why a row is ranked below one of lower confidence, or nil when the labels never read backwards.
    ///
    /// Rows are ordered by relevance score; confidence says how much of the question a row's own
    /// evidence covers, so a card lifted by its name or by a related answer can outrank one that
    /// covers more of the question.
    static func confidenceOrderNote(_ recs: [Recommendation]) -> String? {
        var below: [String] = []
        for (i, r) in recs.enumerated() {
            guard let above = recs[..<i].first(where: { $0.confidence < r.confidence }) else { continue }
            below.append("#\(r.rank) (\(r.confidence.rawValue)) ranks below #\(above.rank) (\(above.confidence.rawValue))")
        }
        guard !below.isEmpty else { return nil }
        return "note: rows are ordered by score; confidence is how much of the question a row's own evidence covers, so "
            + below.joined(separator: ", ") + "; --explain shows both"
    }

    /// The terminal answer: blocks one after another, each laid out for `width` columns
    /// (team decisions first when they answer the question, the recommendation table, the
    /// other decisions, `--explain`, notes). A new block goes in `blocks`.
    public static func table(_ a: Answer, width: Int, style: TextStyle = .plain) -> String {
        let blocks = [
            a.decisionsFirst ? decisionBlock(a, width: width, style: style) : "",
            RecommendationTable(rows: a.recommendations, width: width, style: style).render(),
            a.decisionsFirst ? "" : decisionBlock(a, width: width, style: style),
            comparisonBlock(a, width: width),
            explanationBlock(a, width: width),
            notes(a).split(separator: "\n").map { TextWrap.hanging(String($0), width: width, first: "", rest: "  ") }.joined(),
        ]
        return blocks.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// `--explain`: how each score was made, wrapped with hanging indents.
    static func explanationBlock(_ a: Answer, width: Int) -> String {
        guard a.recommendations.contains(where: { $0.explanation != nil }) else { return "" }
        var out = TextWrap.hanging("How the scores were made (each score is the sum of its terms: feature × learned weight, then precedent, related lift, placement):", width: width, first: "", rest: "  ")
        for r in a.recommendations where r.explanation != nil {
            out += TextWrap.hanging("\(r.rank). \(r.name)", width: width, first: "  ", rest: "     ")
            for line in explainLines(r, indent: "").split(separator: "\n") {
                out += TextWrap.hanging(String(line), width: width, first: "     ", rest: "       ")
            }
        }
        return out
    }

    public static func markdown(_ a: Answer) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrencesOfPipe().split(separator: "\n").joined(separator: "<br>") }
        var out = "## \(a.query)\n\n"
        if a.decisionsFirst { out += decisionMarkdown(a) + "\n" }
        if !a.recommendations.isEmpty {
            out += "| # | Recommendation | Why | Trade-offs | Sources |\n|---|---|---|---|---|\n"
            for r in a.recommendations {
                let name = "**\(r.name)** (\(r.kind)\(r.confidence == .high ? "" : ", \(r.confidence.rawValue) confidence")\(r.ring.map { ", radar: \($0.rawValue)" } ?? ""))"
                let src = r.citations.prefix(3).map { "`\($0.path):\($0.line)`" }.joined(separator: "<br>")
                out += "| \(r.rank) | \(cell(name)) | \(cell(why(r))) | \(cell(r.tradeoffs)) | \(src) |\n"
            }
        }
        out += comparisonMarkdown(a)
        if !a.decisionsFirst && !a.decisions.isEmpty { out += "\n" + decisionMarkdown(a) }
        let n = notes(a)
        if !n.isEmpty { out += "\n" + n.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n") + "\n" }
        return out
    }

    public static func plain(_ a: Answer) -> String {
        var out = a.decisionsFirst ? decisionBlock(a, width: Int.max / 2) : ""
        for r in a.recommendations {
            out += "\(r.rank). \(r.name) [\(r.kind), \(r.area), \(r.confidence.rawValue)\(r.ring.map { ", radar: \($0.rawValue)" } ?? "")] score \(r.score)\n"
            out += "   why: \(why(r).split(separator: "\n").joined(separator: " "))\n"
            if !r.tradeoffs.isEmpty { out += "   trade-offs: \(r.tradeoffs)\n" }
            for c in r.citations { out += "   source: \(c.path):\(c.line) (\(c.section))\n" }
            if r.explanation != nil { out += explainLines(r, indent: "   explain: ") }
        }
        if !a.comparison.isEmpty { out += comparisonBlock(a, width: Int.max / 2) }
        if !a.decisionsFirst && !a.decisions.isEmpty { out += decisionBlock(a, width: Int.max / 2) }
        return out + notes(a)
    }

    static func fmt(_ d: Double) -> String {
        let r = (d * 1000).rounded() / 1000
        return String(r)
    }
}

extension String {
    func replacingOccurrencesOfPipe() -> String {
        var out = ""
        for c in self { if c == "|" { out += "\\|" } else { out.append(c) } }
        return out
    }
}
