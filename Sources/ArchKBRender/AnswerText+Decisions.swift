import ArchKBQuery

extension AnswerText {
    /// The team's decisions, one record per line, at most `width` columns:
    ///
    ///     ADR 12 · accepted · 2024-08-27 · Use Redis for sessions and caching · examples/adr/0012-….md:1
    /// Records in force come first in rank order, then withdrawn ones (superseded, rejected,
    /// deprecated), flagged. A citation that does not fit goes on its own line, whole: paths are never split.
    static func decisionBlock(_ a: Answer, width: Int, indent: String = "  ", style: TextStyle = .plain) -> String {
        guard !a.decisions.isEmpty else { return "" }
        let ordered = a.decisions.filter { !$0.status.isWithdrawn } + a.decisions.filter { $0.status.isWithdrawn }
        var out = "Team decisions:\n"
        for d in ordered {
            let head = decisionHead(d)
            let cite = "\(d.path):\(d.line)"
            if TextWrap.width(indent + head + " · " + cite) <= width {
                out += style.linkSuffix(style.decisionHead(indent + head + " · " + cite), cite) + "\n"
            } else {
                let lines = wrapped(head, width: width, first: indent, rest: indent + "    ").split(separator: "\n", omittingEmptySubsequences: false)
                out += lines.enumerated().map { $0.offset == 0 ? style.decisionHead(String($0.element)) : String($0.element) }.joined(separator: "\n")
                out += indent + "    " + style.link(cite) + "\n"
            }
            for flag in decisionFlags(d) { out += wrapped(flag, width: width, first: indent + "    ", rest: indent + "      ") }
        }
        return out
    }

    /// "ADR 12 · accepted · 2024-08-27 · Title", with the raw status when it says more than the normalised one.
    static func decisionHead(_ d: DecisionHit) -> String {
        var parts: [String] = []
        if let n = d.number { parts.append("ADR \(n)") }
        var status = d.status.rawValue
        if let raw = d.rawStatus, !raw.isEmpty, !raw.lowercased().hasPrefix(status) { status += " (\(raw.count > 40 ? String(raw.prefix(39)) + "…" : raw))" }
        parts.append(status)
        if let date = d.date { parts.append(date) }
        parts.append(d.title)
        if d.confidence == .low { parts.append("weak match") }
        return parts.joined(separator: " · ")
    }

    /// What a reader must know before taking a record as precedent.
    static func decisionFlags(_ d: DecisionHit) -> [String] {
        var flags: [String] = []
        if !d.supersededBy.isEmpty { flags.append("↳ superseded by " + d.supersededBy.joined(separator: "; ") + " — not a precedent") }
        else if d.status.isWithdrawn { flags.append("↳ \(d.status.rawValue) — not a precedent") }
        if !d.replacedBy.isEmpty, let note = d.note { flags.append("↳ replaced by " + d.replacedBy.joined(separator: "; ") + " (" + note + ")") }
        if let x = d.explanation { flags.append("score \(d.score): " + x) }
        return flags
    }

    /// `text` wrapped at word boundaries with a first-line and a hanging indent.
    static func wrapped(_ text: String, width: Int, first: String, rest: String) -> String {
        TextWrap.hanging(text, width: width, first: first, rest: rest)
    }

    /// A Markdown bullet per decision, flags as nested bullets.
    static func decisionMarkdown(_ a: Answer) -> String {
        guard !a.decisions.isEmpty else { return "" }
        var out = "### Team decisions\n\n"
        let ordered = a.decisions.filter { !$0.status.isWithdrawn } + a.decisions.filter { $0.status.isWithdrawn }
        for d in ordered {
            out += "- " + decisionHead(d).replacingOccurrencesOfPipe() + " · `\(d.path):\(d.line)`\n"
            for flag in decisionFlags(d) { out += "  - " + flag + "\n" }
        }
        return out
    }
}
