import ArchKBQuery
import ArchKBIndex

/// Renders `archkb show` cards, `stats` counts and `doctor` findings.
public enum CardText {
    /// The card for a terminal `width` columns wide: every line wrapped at word boundaries with
    /// a hanging indent; a citation is never split (it moves to its own line when it does not fit).
    public static func text(_ v: EntityView, width: Int, style: TextStyle = .plain) -> String {
        let body = min(width, 100)
        let title = "\(v.name)  (\(v.kind), \(v.area))"
        var out = TextWrap.width(title) <= width ? title + "\n" : TextWrap.hanging(title, width: width, first: "", rest: "  ")
        if style.color, out.hasPrefix(v.name) { out = style.name(v.name) + out.dropFirst(v.name.count) }
        if !v.aliases.isEmpty { out += TextWrap.hanging("also: " + v.aliases.joined(separator: ", "), width: width, first: "", rest: "      ") }
        for p in v.parts {
            let plainCite = "\(p.citation.path):\(p.citation.line)"
            let cite = "[\(plainCite)]"
            let shown = "[" + style.link(plainCite) + "]"
            let heading = "## \(p.heading)"
            if TextWrap.width(heading + "   " + cite) <= width {
                out += "\n" + style.name(heading) + "   " + shown + "\n"
            } else {
                out += "\n" + TextWrap.hanging(heading, width: width, first: "", rest: "   ") + "   " + shown + "\n"
            }
            out += TextWrap.wrap(p.body, width: body, splitLongWords: false).joined(separator: "\n") + "\n"
        }
        if !v.related.isEmpty { out += "\n" + TextWrap.hanging("related: " + v.related.joined(separator: ", "), width: width, first: "", rest: "         ") }
        if !v.decisions.isEmpty {
            out += "\nTeam decisions:\n"
            for d in v.decisions {
                let head = AnswerText.decisionHead(d)
                let cite = "\(d.path):\(d.line)"
                if TextWrap.width("  " + head + " · " + cite) <= width {
                    out += style.linkSuffix(style.decisionHead("  " + head + " · " + cite), cite) + "\n"
                } else {
                    out += TextWrap.hanging(head, width: width, first: "  ", rest: "      ") + "      " + style.link(cite) + "\n"
                }
                for flag in AnswerText.decisionFlags(d) { out += TextWrap.hanging(flag, width: width, first: "      ", rest: "        ") }
            }
        }
        return out
    }

    public static func json(_ v: EntityView) -> String { value(v).serialized() + "\n" }

    public static func value(_ v: EntityView) -> JSONValue {
        JSONValue.object([
            ("name", .string(v.name)), ("aliases", .strings(v.aliases)), ("kind", .string(v.kind)), ("area", .string(v.area)),
            ("summary", .string(v.summary)), ("related", .strings(v.related)),
            ("sections", .array(v.parts.map { p in .object([("heading", .string(p.heading)), ("body", .string(p.body)),
                                                              ("citation", .object([("path", .string(p.citation.path)), ("line", .int(p.citation.line)), ("section", .string(p.citation.section))]))]) })),
            ("decisions", .array(v.decisions.map(AnswerJSON.decision))),
        ])
    }
}

public enum StatsJSON {
    public static func value(_ r: IndexReader) -> JSONValue {
        func counts(_ d: [String: Int]) -> JSONValue { .object(d.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }) }
        return .object([
            ("documents", .int(r.documents.count)), ("documents_by_kind", counts(r.documentCountsByKind())),
            ("sections", .int(r.sectionCount)), ("entities", .int(r.entities.count)), ("entities_by_kind", counts(r.entityCountsByKind())),
            ("decisions", .int(r.decisions.count)), ("decisions_by_status", counts(r.decisionCountsByStatus())),
            ("index", .string(r.path)), ("built_at", .double(r.builtAt)), ("roots", .strings(r.roots)),
        ])
    }

    public static func text(_ r: IndexReader) -> String {
        func line(_ d: [String: Int]) -> String { d.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") }
        return """
        index:     \(r.path)
        roots:     \(r.roots.joined(separator: ", "))
        documents: \(r.documents.count) (\(line(r.documentCountsByKind())))
        sections:  \(r.sectionCount)
        entities:  \(r.entities.count) (\(line(r.entityCountsByKind())))
        decisions: \(r.decisions.count) (\(line(r.decisionCountsByStatus())))
        """
    }
}

public enum DoctorText {
    /// One line per finding (`path:line: [category] message — write: fix`), notes first, then counts.
    public static func text(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings where !f.isProblem { out += "note: \(f.path): \(f.message)\n" }
        let problems = findings.filter(\.isProblem)
        if problems.isEmpty { return out + "no problems found\n" }
        if !out.isEmpty { out += "\n" }
        var counts: [String: Int] = [:]
        for f in problems {
            counts[f.category, default: 0] += 1
            out += "\(f.path):\(f.line): [\(f.category)] \(f.message)\n"
            if !f.fix.isEmpty { out += "    fix: \(f.fix)\n" }
        }
        out += "\n\(problems.count) problem(s): " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "\n"
        return out
    }

    public static func json(_ findings: [Finding]) -> String {
        JSONValue.array(findings.map {
            .object([("category", .string($0.category)), ("path", .string($0.path)), ("line", .int($0.line)), ("message", .string($0.message)),
                     ("fix", .string($0.fix)), ("problem", .bool($0.isProblem))])
        }).serialized() + "\n"
    }
}
