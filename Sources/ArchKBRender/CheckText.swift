import ArchKBQuery

/// Renders `archkb check` reports: a checklist for people and the JSON contract for bots.
///
/// JSON: `{"drafts": [{"path", "title", "number", "status", "chosen": [names], "findings": [{"kind",
/// "severity", "message", "path", "line", "citations": [{"path", "line", "section"}]}]}],
/// "summary": {"drafts", "findings", "errors", "warnings"}}` (docs/check.schema.json).
public enum CheckText {
    /// One block per draft: a header line, then each finding as `path:line: severity [kind] message`
    /// with its citations indented under it; a summary line at the end.
    public static func text(_ reports: [CheckReport], style: TextStyle = .plain) -> String {
        var out = ""
        for r in reports {
            let number = r.number.map { "ADR \($0) " } ?? ""
            let chosen = r.chosen.isEmpty ? "no chosen option found" : "chooses " + r.chosen.joined(separator: ", ")
            out += "\(style.name(r.path)): \(number)\"\(r.title)\" · \(r.status) · \(chosen)\n"
            if r.findings.isEmpty { out += "  ok: nothing needs attention\n" }
            for f in r.findings {
                out += "  \(style.link("\(f.path):\(f.line)")): \(f.severity.rawValue) [\(f.kind.rawValue)] \(f.message)\n"
                for c in f.citations { out += "      \(style.link("\(c.path):\(c.line)"))" + (c.section.isEmpty ? "" : " (\(c.section))") + "\n" }
            }
        }
        let s = summary(reports)
        out += "\n\(s.drafts) draft(s) checked: \(s.errors) error(s), \(s.warnings) warning(s)\n"
        return out
    }

    /// The JSON document (one line, then a newline).
    public static func json(_ reports: [CheckReport]) -> String {
        value(reports).serialized() + "\n"
    }

    public static func value(_ reports: [CheckReport]) -> JSONValue {
        let s = summary(reports)
        return .object([
            ("drafts", .array(reports.map(report))),
            ("summary", .object([("drafts", .int(s.drafts)), ("findings", .int(s.errors + s.warnings)),
                                 ("errors", .int(s.errors)), ("warnings", .int(s.warnings))])),
        ])
    }

    static func report(_ r: CheckReport) -> JSONValue {
        .object([("path", .string(r.path)), ("title", .string(r.title)), ("number", .opt(r.number)), ("status", .string(r.status)),
                 ("chosen", .strings(r.chosen)), ("findings", .array(r.findings.map(finding)))])
    }

    static func finding(_ f: CheckFinding) -> JSONValue {
        .object([("kind", .string(f.kind.rawValue)), ("severity", .string(f.severity.rawValue)), ("message", .string(f.message)),
                 ("path", .string(f.path)), ("line", .int(f.line)), ("citations", .array(f.citations.map(AnswerJSON.citation)))])
    }

    static func summary(_ reports: [CheckReport]) -> (drafts: Int, errors: Int, warnings: Int) {
        let all = reports.flatMap(\.findings)
        return (reports.count, all.filter { $0.severity == .error }.count, all.filter { $0.severity == .warning }.count)
    }
}
