import MCP

/// Writes the `decisions` tool's text: one Markdown bullet per ADR with its status and citation.
///
/// Works on the decision objects of the JSON answer (docs/answer.schema.json, `$defs/decision`),
/// so daemon and in-process answers read the same.
enum DecisionsText {
    static func markdown(question: String, status: String?, decisions: [Value]) -> String {
        let filter = status.map { " (status: \($0))" } ?? ""
        guard !decisions.isEmpty else {
            return "No architecture decision record matches \"\(question)\"\(filter).\n"
        }
        var out = "## Team decisions for \"\(question)\"\(filter)\n\n"
        for d in decisions.compactMap(\.objectValue) { out += bullet(d) }
        return out
    }

    /// `- **ADR 7: Title** — accepted, 2024-03-01 (precedent) · `path:line``, then the choice and successors.
    static func bullet(_ d: [String: Value]) -> String {
        let title = d["title"]?.stringValue ?? "untitled"
        let number = d["number"]?.intValue.map { "ADR \($0): " } ?? ""
        let status = d["status"]?.stringValue ?? "unknown"
        var line = "- **\(number)\(title)** — \(status)"
        if let date = d["date"]?.stringValue { line += ", \(date)" }
        line += " (\(standing(status)))"
        if let path = d["path"]?.stringValue { line += " · `\(path):\(d["line"]?.intValue ?? 1)`" }
        line += "\n"
        if let chosen = d["chosen"]?.stringValue, !chosen.isEmpty { line += "  - chose: \(chosen)\n" }
        let successors = (d["superseded_by"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !successors.isEmpty { line += "  - superseded by: \(successors.joined(separator: ", "))\n" }
        if let raw = d["raw_status"]?.stringValue, raw.lowercased() != status { line += "  - status as written: \(raw)\n" }
        return line
    }

    /// What a status means for using the decision as precedent.
    static func standing(_ status: String) -> String {
        switch status {
        case "accepted", "amended": return "in force: team precedent"
        case "superseded", "rejected", "deprecated": return "not in force"
        case "proposed": return "not decided yet"
        default: return "status unknown"
        }
    }
}
