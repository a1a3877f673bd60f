import ArchKBQuery

/// Renders an answer as a Slack Block Kit message (`{"blocks": [...]}`), within Slack's limits.
///
/// Limits respected: at most 50 blocks per message, 3000 characters per section text, 150 per
/// header, 10 elements per context block. Longer answers are cut with a note saying so.
public enum SlackBlocks {
    public static let maxBlocks = 50
    public static let maxSectionText = 3000
    public static let maxHeaderText = 150

    public static func render(_ a: Answer, sourceBaseURL: String? = nil) -> String {
        value(a, sourceBaseURL: sourceBaseURL).serialized()
    }

    public static func value(_ a: Answer, sourceBaseURL: String? = nil) -> JSONValue {
        var blocks: [JSONValue] = []
        blocks.append(header("archkb: " + a.query))
        if a.recommendations.isEmpty {
            var text = a.message ?? "No confident recommendation."
            if !a.nearestTopics.isEmpty { text += "\nNearest topics: " + a.nearestTopics.joined(separator: ", ") }
            blocks.append(section(text))
        }
        var cut = false
        for r in a.recommendations {
            guard blocks.count + 3 <= maxBlocks - 2 else { cut = true; break }
            var text = "*\(r.rank). \(escape(r.name))*  _\(r.kind), \(r.confidence.rawValue) confidence_"
            if !r.precedents.isEmpty { text += "  :star: team precedent" }
            text += "\n" + escape(clip(r.rationale, 600))
            if let instead = r.instead { text += "\n*Instead:* " + escape(clip(instead, 300)) }
            if !r.tradeoffs.isEmpty { text += "\n*Trade-offs:* " + escape(clip(r.tradeoffs, 400)) }
            blocks.append(section(text))
            let links = r.citations.prefix(5).map { c -> JSONValue in
                let label = "\(c.path):\(c.line)"
                let t = sourceBaseURL.map { "<\($0)/\(c.path)#L\(c.line)|\(escape(label))>" } ?? "`\(escape(label))`"
                return .object([("type", .string("mrkdwn")), ("text", .string(clip(t, 300)))])
            }
            if !links.isEmpty { blocks.append(.object([("type", .string("context")), ("elements", .array(links))])) }
        }
        if !a.decisions.isEmpty && blocks.count + 2 <= maxBlocks - 1 {
            blocks.append(.object([("type", .string("divider"))]))
            let lines = a.decisions.prefix(8).map { d -> String in
                var s = "• " + (d.number.map { "ADR \($0): " } ?? "") + escape(d.title) + " — *\(d.status.rawValue)*"
                if let date = d.date { s += " (\(date))" }
                if !d.supersededBy.isEmpty { s += " → superseded by " + escape(d.supersededBy.joined(separator: ", ")) }
                return s + "  `\(escape(d.path)):\(d.line)`"
            }
            blocks.append(section("*Team decisions*\n" + lines.joined(separator: "\n")))
        }
        if cut {
            blocks.append(.object([("type", .string("context")), ("elements", .array([.object([
                ("type", .string("mrkdwn")), ("text", .string("_Answer cut to fit Slack's limits; ask `archkb` for the full table._")),
            ])]))]))
        }
        return .object([("blocks", .array(Array(blocks.prefix(maxBlocks))))])
    }

    static func header(_ text: String) -> JSONValue {
        .object([("type", .string("header")), ("text", .object([("type", .string("plain_text")), ("text", .string(clip(text, maxHeaderText))), ("emoji", .bool(true))]))])
    }

    static func section(_ text: String) -> JSONValue {
        .object([("type", .string("section")), ("text", .object([("type", .string("mrkdwn")), ("text", .string(clip(text, maxSectionText)))]))])
    }

    /// Cuts text to `n` characters, ending with an ellipsis when cut.
    static func clip(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }

    /// Escapes the three characters Slack's mrkdwn treats as control characters.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
