import ArchKBQuery

/// Output formats of `archkb ask`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, markdown, json, plain, slack
}

/// Renders answers for people: a terminal table, Markdown, or plain text.
public enum AnswerText {
    public static func render(_ a: Answer, format: OutputFormat, width: Int = 100) -> String {
        switch format {
        case .json: return AnswerJSON.render(a) + "\n"
        case .markdown: return markdown(a)
        case .plain: return plain(a)
        case .table: return table(a, width: width)
        case .slack: return SlackBlocks.render(a) + "\n"
        }
    }

    static func label(_ r: Recommendation) -> String {
        var s = r.name.count > 22 ? String(r.name.prefix(21)) + "…" : r.name
        s += "\n(\(r.kind))"
        if r.confidence != .high { s += "\n\(r.confidence.rawValue) confidence" }
        if !r.precedents.isEmpty { s += "\n★ team precedent" }
        return s
    }

    static func why(_ r: Recommendation) -> String {
        var s = r.rationale
        if let instead = r.instead { s += "\nInstead: " + instead }
        return s
    }

    /// Up to three citations, shortened to fit a column of `width` characters.
    static func sources(_ r: Recommendation, width: Int = 36) -> String {
        r.citations.prefix(3).map { c -> String in
            let full = "\(c.path):\(c.line)"
            return full.count <= width ? full : "…" + full.suffix(width - 1)
        }.joined(separator: "\n")
    }

    static func notes(_ a: Answer) -> String {
        var out = ""
        if a.stale { out += "note: the corpus changed since the index was built; run `archkb index` to refresh it\n" }
        if let m = a.message { out += (a.confident ? "note: " : "") + m + "\n" }
        if !a.confident && !a.nearestTopics.isEmpty { out += "nearest topics: " + a.nearestTopics.joined(separator: ", ") + "\n" }
        return out
    }

    static func decisionLine(_ d: DecisionHit) -> String {
        var s = (d.number.map { "ADR \($0): " } ?? "") + d.title + " [\(d.status.rawValue)"
        if let date = d.date { s += ", \(date)" }
        s += "]"
        if !d.supersededBy.isEmpty { s += " → superseded by " + d.supersededBy.joined(separator: ", ") }
        if d.status.isWithdrawn { s += " — not a precedent" }
        return s + "  \(d.path):\(d.line)"
    }

    public static func table(_ a: Answer, width: Int) -> String {
        var out = a.decisionsFirst ? decisionBlock(a, width: width) : ""
        if !a.recommendations.isEmpty {
            if !out.isEmpty { out += "\n" }
            if width >= 130 {
                let rows = a.recommendations.map { r in [String(r.rank), label(r), why(r), r.tradeoffs, sources(r, width: 40)] }
                out += TextTable(headers: ["#", "Recommendation", "Why", "Trade-offs", "Sources"], rows: rows, flex: [0, 0, 6, 4, 0]).render(width: width)
            } else {
                // Narrow terminals: sources go under the rationale instead of in their own column.
                let rows = a.recommendations.map { r in
                    [String(r.rank), label(r), why(r) + "\nSources: " + r.citations.prefix(2).map { "\($0.path):\($0.line)" }.joined(separator: ", "), r.tradeoffs]
                }
                out += TextTable(headers: ["#", "Recommendation", "Why", "Trade-offs"], rows: rows, flex: [0, 0, 6, 4]).render(width: width)
            }
        }
        if !a.decisionsFirst && !a.decisions.isEmpty {
            out += (out.isEmpty ? "" : "\n") + decisionBlock(a, width: width)
        }
        if a.recommendations.contains(where: { $0.explanation != nil }) {
            out += "\nHow the scores were made (each score is the sum of its terms: feature × learned weight, then precedent, related lift, placement):\n"
            for r in a.recommendations where r.explanation != nil {
                out += "  \(r.rank). \(r.name)\n" + explainLines(r, indent: "     ")
            }
        }
        if !a.comparison.isEmpty { out += "\n" + comparisonBlock(a, width: width) }
        let n = notes(a)
        if !n.isEmpty { out += (out.isEmpty ? "" : "\n") + n }
        return out
    }

    public static func markdown(_ a: Answer) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrencesOfPipe().split(separator: "\n").joined(separator: "<br>") }
        var out = "## \(a.query)\n\n"
        if a.decisionsFirst { out += decisionMarkdown(a) + "\n" }
        if !a.recommendations.isEmpty {
            out += "| # | Recommendation | Why | Trade-offs | Sources |\n|---|---|---|---|---|\n"
            for r in a.recommendations {
                let name = "**\(r.name)** (\(r.kind)\(r.confidence == .high ? "" : ", \(r.confidence.rawValue) confidence"))"
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
            out += "\(r.rank). \(r.name) [\(r.kind), \(r.area), \(r.confidence.rawValue)] score \(r.score)\n"
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
