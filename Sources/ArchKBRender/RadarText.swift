import ArchKBCorpus
import ArchKBQuery

/// Output formats of `archkb radar`.
public enum RadarFormat: String, Sendable, CaseIterable {
    case text, json, csv, html
}

/// The radar for people (text grouped by ring) and for the public "build your own radar"
/// visualisation (CSV with the columns `name,ring,quadrant,isNew,description`).
public enum RadarText {
    /// Every ring with its blips, innermost first; each blip with why it is there, its history
    /// (date, ring, record, path:line) and its card.
    public static func text(_ r: Radar) -> String {
        var out = summary(r) + "\n"
        for (ring, count) in r.counts {
            out += "\n\(ring.title) (\(count))\n"
            for b in r.blips where b.ring == ring {
                var facts = [b.quadrant.title, b.kind]
                if b.isNew { facts.append("new") }
                if b.override != nil { facts.append("set by hand" + (b.derivedRing.map { $0 == b.ring ? "" : ", derived \($0.rawValue)" } ?? ", no record names it")) }
                out += "  \(b.name) — \(facts.joined(separator: " · "))\n"
                out += "    why: \(b.why)\n"
                for m in b.history {
                    let date = m.record.date ?? "(no date)  "
                    out += "    \(date)  \(m.ring.rawValue.padding(6))  \(m.record.label): \(m.record.title)  \(m.record.path):\(m.record.line)\n"
                }
                out += "    card: \(b.card.path):\(b.card.line)\n"
            }
        }
        return out
    }

    /// "Team radar: 23 blips from 45 records in 1 log; adopt 10 · trial 3 · assess 8 · hold 2" and the window.
    static func summary(_ r: Radar) -> String {
        let records = r.logs.map(\.records).reduce(0, +)
        var out = "Team radar: \(r.blips.count) blip\(r.blips.count == 1 ? "" : "s") from \(records) record\(records == 1 ? "" : "s") in \(r.logs.count) log\(r.logs.count == 1 ? "" : "s"); "
        out += r.counts.map { "\($0.ring.rawValue) \($0.count)" }.joined(separator: " · ") + "\n"
        for log in r.logs {
            out += "  \(log.root.isEmpty ? "(outside the corpus roots)" : log.root): \(log.records) records"
            out += log.newestDate.map { ", newest \($0); recent = within \(r.windowDays) days of it\n" } ?? ", none dated\n"
        }
        if let o = r.overridesPath { out += "  rings set by hand: \(o)\n" }
        if r.blips.isEmpty { out += "  no decision record names an entity of the knowledge base\n" }
        return out
    }

    /// The "build your own radar" CSV: a header and one row per blip, RFC 4180 quoting, LF line ends. `ring` is
    /// adopt/trial/assess/hold, `quadrant` the lower-case quadrant title, `isNew` TRUE or FALSE, and
    /// `description` the entity's summary followed by why it is in its ring.
    public static func csv(_ r: Radar) -> String {
        var out = "name,ring,quadrant,isNew,description\n"
        for b in r.blips {
            let description = b.description.isEmpty ? b.why : b.description + " Ring: " + b.why
            out += [b.name, b.ring.rawValue, b.quadrant.title.lowercased(), b.isNew ? "TRUE" : "FALSE", description]
                .map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (quotes doubled).
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = "\""
        for c in s { if c == "\"" { out += "\"\"" } else { out.append(c) } }
        return out + "\""
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
