import ArchKBQuery

/// The JSON answer contract that integrations and the evaluation rely on.
///
/// `{"query", "recommendations": [{"rank", "name", "aliases", "kind", "area", "score", "confidence",
/// "rationale", "tradeoffs", "citations": [{"path", "line", "section"}]}], "decisions": [{"title",
/// "status", "date", "path", "line"}]}` plus informational fields (`confident`, `message`, …).
public enum AnswerJSON {
    public static func value(_ a: Answer) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("query", .string(a.query)),
            ("recommendations", .array(a.recommendations.map(recommendation))),
            ("decisions", .array(a.decisions.map(decision))),
            ("confident", .bool(a.confident)),
            ("message", .opt(a.message)),
            ("nearest_topics", .strings(a.nearestTopics)),
            ("stale", .bool(a.stale)),
            ("ranker", .string(a.ranker.rawValue)),
            ("intent", .string(a.intent.rawValue)),
            ("decisions_first", .bool(a.decisionsFirst)),
        ]
        let u = a.understanding
        fields.append(("understanding", .object([
            ("named", .strings(u.named)), ("compared", .strings(u.compared)), ("facets", .strings(u.facets)), ("salient", .strings(u.salient)),
        ])))
        if !a.comparison.isEmpty { fields.append(("comparison", .array(a.comparison.map(side)))) }
        if a.elapsedMilliseconds > 0 { fields.append(("elapsed_ms", .double(a.elapsedMilliseconds))) }
        return .object(fields)
    }

    public static func render(_ a: Answer) -> String { value(a).serialized() }

    static func recommendation(_ r: Recommendation) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("rank", .int(r.rank)), ("name", .string(r.name)), ("aliases", .strings(r.aliases)), ("kind", .string(r.kind)),
            ("area", .string(r.area)), ("score", .double(r.score)), ("confidence", .string(r.confidence.rawValue)),
            ("rationale", .string(r.rationale)), ("tradeoffs", .string(r.tradeoffs)),
            ("citations", .array(r.citations.map { .object([("path", .string($0.path)), ("line", .int($0.line)), ("section", .string($0.section))]) })),
        ]
        if let instead = r.instead { fields.append(("instead", .string(instead))) }
        if let ring = r.ring { fields.append(("ring", .string(ring.rawValue))) }
        if let x = r.explanation {
            fields.append(("explanation", .object([
                ("bm25", .double(x.bm25)), ("bm25_part", .double(x.bm25Part)), ("cosine", .double(x.cosine)),
                ("cosine_part", .double(x.cosinePart)), ("fused", .double(x.fused)), ("name_boost", .double(x.nameBoost)),
                ("precedent_boost", .double(x.precedentBoost)), ("related_boost", .double(x.relatedBoost)), ("prior", .double(x.prior)), ("coverage", .double(x.coverage)),
                ("evidence", .strings(x.evidence)),
                ("terms", .array(x.terms.map { t in
                    .object([("name", .string(t.name)), ("value", .double(t.value)), ("weight", .double(t.weight)), ("contribution", .double(t.contribution))])
                })),
            ])))
        }
        return .object(fields)
    }

    static func citation(_ c: Citation) -> JSONValue {
        .object([("path", .string(c.path)), ("line", .int(c.line)), ("section", .string(c.section))])
    }

    static func side(_ s: ComparisonSide) -> JSONValue {
        .object([
            ("name", .string(s.name)), ("kind", .string(s.kind)), ("when_to_use", .string(s.whenToUse)), ("when_not", .string(s.whenNot)),
            ("tradeoffs", .string(s.tradeoffs)), ("guide_rows", .strings(s.guideRows)), ("citations", .array(s.citations.map(citation))),
        ])
    }

    static func decision(_ d: DecisionHit) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("title", .string(d.title)), ("status", .string(d.status.rawValue)), ("date", .opt(d.date)), ("path", .string(d.path)),
            ("line", .int(d.line)), ("number", .opt(d.number)), ("raw_status", .opt(d.rawStatus)),
            ("superseded_by", .strings(d.supersededBy)), ("chosen", .opt(d.chosen)),
            ("confidence", .string(d.confidence.rawValue)), ("replaced_by", .strings(d.replacedBy)), ("note", .opt(d.note)),
        ]
        if let c = d.evidence {
            fields.append(("evidence", .object([("path", .string(c.path)), ("line", .int(c.line)), ("section", .string(c.section))])))
        }
        if let x = d.explanation { fields.append(("explanation", .string(x))) }
        return .object(fields)
    }
}
