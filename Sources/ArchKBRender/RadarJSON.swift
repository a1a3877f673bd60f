import ArchKBCorpus
import ArchKBQuery

/// The radar as JSON: what `archkb radar --format json` prints and the MCP `radar` tool returns
/// (schema: docs/radar.schema.json, documented in docs/RADAR.md).
public enum RadarJSON {
    public static func value(_ r: Radar) -> JSONValue {
        .object([
            ("window_days", .int(r.windowDays)),
            ("logs", .array(r.logs.map { .object([("root", .string($0.root)), ("records", .int($0.records)), ("newest_date", .opt($0.newestDate))]) })),
            ("overrides", .opt(r.overridesPath)),
            ("counts", .object(r.counts.map { ($0.ring.rawValue, .int($0.count)) })),
            ("quadrants", .array(RadarQuadrant.allCases.map { .object([("id", .string($0.rawValue)), ("title", .string($0.title))]) })),
            ("blips", .array(r.blips.map(blip))),
        ])
    }

    public static func render(_ r: Radar) -> String { value(r).serialized() + "\n" }

    static func blip(_ b: RadarBlip) -> JSONValue {
        .object([
            ("name", .string(b.name)), ("kind", .string(b.kind)), ("area", .string(b.area)),
            ("quadrant", .string(b.quadrant.rawValue)), ("ring", .string(b.ring.rawValue)),
            ("derived_ring", .opt(b.derivedRing?.rawValue)), ("is_new", .bool(b.isNew)),
            ("description", .string(b.description)), ("why", .string(b.why)),
            ("card", .object([("path", .string(b.card.path)), ("line", .int(b.card.line))])),
            ("override", b.override.map { o in
                .object([("ring", .string(o.ring.rawValue)), ("reason", .opt(o.reason)), ("path", .string(o.path)), ("line", .int(o.line))])
            } ?? .null),
            ("history", .array(b.history.enumerated().map { i, m in move(m, deciding: i == b.deciding) })),
        ])
    }

    static func move(_ m: RadarMove, deciding: Bool) -> JSONValue {
        .object([
            ("ring", .string(m.ring.rawValue)), ("cause", .string(m.cause.rawValue)), ("date", .opt(m.record.date)),
            ("decisive", .bool(m.decisive)), ("deciding", .bool(deciding)), ("reason", .string(m.reason)),
            ("record", record(m.record)), ("superseded", m.superseded.map(record) ?? .null),
        ])
    }

    static func record(_ r: RadarRecord) -> JSONValue {
        .object([
            ("number", .opt(r.number)), ("title", .string(r.title)), ("date", .opt(r.date)), ("status", .string(r.status.rawValue)),
            ("path", .string(r.path)), ("line", .int(r.line)),
        ])
    }
}
