import ArchKBQuery

/// Renders an answer as a Slack Block Kit message (`{"blocks": [...]}`), within Slack's limits.
///
/// Limits respected (docs/slack.schema.json): at most 50 blocks per message, 3000 characters per
/// section text, 150 per header, 10 elements per context block, and 12,000 characters of text in
/// all (Slack refuses messages well under 50 full blocks with `msg_blocks_too_long`). Lengths are
/// counted in UTF-16 units, which is never less than characters or code points. Recommendations
/// that do not fit are left out whole, and a closing note says how many are shown.
public enum SlackBlocks {
    public static let maxBlocks = 50
    public static let maxSectionText = 3000
    public static let maxHeaderText = 150
    public static let maxContextElements = 10
    public static let maxMessageText = 12_000

    public static func render(_ a: Answer, sourceBaseURL: String? = nil) -> String {
        value(a, sourceBaseURL: sourceBaseURL).serialized()
    }

    public static func value(_ a: Answer, sourceBaseURL: String? = nil) -> JSONValue {
        var blocks = [header("archkb: " + a.query.split(whereSeparator: \.isNewline).joined(separator: " "))]
        if a.recommendations.isEmpty {
            var text = a.message ?? "No confident recommendation."
            if !a.nearestTopics.isEmpty { text += "\nNearest topics: " + a.nearestTopics.joined(separator: ", ") }
            blocks.append(section(escape(text)))
        }
        var closing = decisionBlocks(a)
        if !a.comparison.isEmpty {
            let text = "*Side by side*\n" + a.comparison.map { side in
                "*\(escape(side.name))* — use when: \(escape(side.whenToUse))\nnot when: \(escape(side.whenNot))"
            }.joined(separator: "\n")
            closing.insert(section(text), at: 0)
        }
        let noteReserve = note(shown: a.recommendations.count, of: a.recommendations.count)
        var budget = maxMessageText - textLength(blocks + closing + [noteReserve])
        var shown = 0
        for r in a.recommendations {
            let row = recommendationBlocks(r, sourceBaseURL: sourceBaseURL)
            let cost = textLength(row)
            guard blocks.count + row.count + closing.count + 1 <= maxBlocks, cost <= budget else { break }
            blocks += row
            budget -= cost
            shown += 1
        }
        blocks += closing
        if shown < a.recommendations.count { blocks.append(note(shown: shown, of: a.recommendations.count)) }
        return .object([("blocks", .array(blocks))])
    }

    /// A section with the row's name, kind, confidence, rationale and trade-offs, then its citations.
    static func recommendationBlocks(_ r: Recommendation, sourceBaseURL: String?) -> [JSONValue] {
        var text = "*\(r.rank). \(escape(r.name))*  _\(r.kind), \(r.confidence.rawValue) confidence_"
        if !r.precedents.isEmpty { text += "  :star: team precedent" }
        text += "\n" + escape(clip(r.rationale, 600))
        if let instead = r.instead { text += "\n*Instead:* " + escape(clip(instead, 300)) }
        if !r.tradeoffs.isEmpty { text += "\n*Trade-offs:* " + escape(clip(r.tradeoffs, 400)) }
        var blocks = [section(text)]
        let links = r.citations.prefix(min(5, maxContextElements)).map { c -> JSONValue in
            let label = clip("\(c.path):\(c.line)", 280)
            let t = sourceBaseURL.map { "<\($0)/\(c.path)#L\(c.line)|\(escape(label))>" } ?? "`\(escape(label))`"
            return mrkdwn(t)
        }
        if !links.isEmpty { blocks.append(.object([("type", .string("context")), ("elements", .array(links))])) }
        return blocks
    }

    /// A divider and a section listing up to eight of the team's matching decisions, or nothing.
    static func decisionBlocks(_ a: Answer) -> [JSONValue] {
        guard !a.decisions.isEmpty else { return [] }
        let lines = a.decisions.prefix(8).map { d -> String in
            var s = "• " + (d.number.map { "ADR \($0): " } ?? "") + escape(clip(d.title, 200)) + " — *\(d.status.rawValue)*"
            if let date = d.date { s += " (\(escape(date)))" }
            if !d.supersededBy.isEmpty { s += " → superseded by " + escape(clip(d.supersededBy.joined(separator: ", "), 200)) }
            return s + "  `\(escape(clip(d.path, 200))):\(d.line)`"
        }
        return [.object([("type", .string("divider"))]), section("*Team decisions*\n" + lines.joined(separator: "\n"))]
    }

    static func note(shown: Int, of total: Int) -> JSONValue {
        .object([("type", .string("context")), ("elements", .array([
            mrkdwn("_Answer cut to fit Slack's limits: \(shown) of \(total) recommendations shown; ask `archkb` for the full table._"),
        ]))])
    }

    static func header(_ text: String) -> JSONValue {
        .object([("type", .string("header")), ("text", .object([("type", .string("plain_text")), ("text", .string(clip(text, maxHeaderText))), ("emoji", .bool(true))]))])
    }

    static func section(_ text: String) -> JSONValue {
        .object([("type", .string("section")), ("text", mrkdwn(text))])
    }

    static func mrkdwn(_ text: String) -> JSONValue {
        .object([("type", .string("mrkdwn")), ("text", .string(clip(text, maxSectionText)))])
    }

    /// The UTF-16 length of every `text` string in `blocks`.
    static func textLength(_ blocks: [JSONValue]) -> Int {
        blocks.reduce(0) { total, block in
            switch block {
            case .object(let fields):
                return total + fields.reduce(0) { sum, field in
                    if case .string(let s) = field.1, field.0 == "text" { return sum + s.utf16.count }
                    return sum + textLength([field.1])
                }
            case .array(let items): return total + textLength(items)
            default: return total
            }
        }
    }

    /// Cuts text to at most `n` UTF-16 units, on a character boundary, ending with "…" when cut.
    static func clip(_ s: String, _ n: Int) -> String {
        guard s.utf16.count > n else { return s }
        var out = ""
        var length = 0
        for c in s {
            let width = c.utf16.count
            if length + width > n - 1 { break }
            out.append(c)
            length += width
        }
        return out + "…"
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
