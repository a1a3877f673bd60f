import ArchKBCorpus

// A parsed document stored in the index (`doc_parses`), so that an incremental build re-parses only
// the files that changed and assembles the rest from what the previous build parsed. The encoding
// is `PreloadBlob`'s: every field in declaration order, optionals behind a 0/1 flag.

extension PreloadBlob.Writer {
    mutating func bool(_ value: Bool) { int(value ? 1 : 0) }

    mutating func optionalInt(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }
}

extension PreloadBlob.Reader {
    mutating func bool() -> Bool? { int().flatMap { $0 == 0 ? false : $0 == 1 ? true : nil } }

    /// `.some(nil)` for a stored nil; nil when the bytes are malformed.
    mutating func optionalInt() -> Int?? {
        guard let present = bool() else { return nil }
        return present ? int().map { .some($0) } : .some(nil)
    }

    mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        return present ? string().map { .some($0) } : .some(nil)
    }

    /// `count()` elements read by `element`; nil when any is malformed.
    mutating func list<T>(_ element: (inout PreloadBlob.Reader) -> T?) -> [T]? {
        guard let n = count() else { return nil }
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let v = element(&self) else { return nil }
            out.append(v)
        }
        return out
    }
}

extension ParsedDocument {
    /// The document as bytes for the `doc_parses` table.
    func encoded() -> [UInt8] {
        var w = PreloadBlob.Writer()
        w.string(path); w.string(displayPath); w.string(kind.rawValue); w.string(title); w.int(lineCount)
        w.int(sections.count)
        for s in sections {
            w.string(s.heading); w.string(s.trail); w.int(s.level); w.int(s.startLine); w.int(s.endLine); w.string(s.text)
        }
        w.bool(card != nil)
        if let c = card {
            w.string(c.name); w.strings(c.aliases); w.string(c.kind.rawValue); w.string(c.area); w.strings(c.related); w.int(c.line)
        }
        w.int(guideRows.count)
        for g in guideRows { w.string(g.option); w.string(g.text); w.int(g.line) }
        w.int(catalogEntries.count)
        for e in catalogEntries { w.string(e.area); w.string(e.name); w.strings(e.items); w.int(e.line) }
        w.bool(decision != nil)
        if let d = decision { d.encode(into: &w) }
        w.strings(warnings)
        return w.bytes
    }

    /// Reads a document written by `encoded()`; nil when the bytes are malformed.
    static func decoded(_ bytes: [UInt8]) -> ParsedDocument? {
        var r = PreloadBlob.Reader(bytes)
        guard let path = r.string(), let displayPath = r.string(), let kind = r.string().flatMap(DocumentKind.init(rawValue:)),
              let title = r.string(), let lineCount = r.int(),
              let sections = r.list({ r -> DocSection? in
                  guard let heading = r.string(), let trail = r.string(), let level = r.int(), let start = r.int(), let end = r.int(),
                        let text = r.string() else { return nil }
                  return DocSection(heading: heading, trail: trail, level: level, startLine: start, endLine: end, text: text)
              }) else { return nil }
        var doc = ParsedDocument(path: path, displayPath: displayPath, kind: kind, title: title, lineCount: lineCount, sections: sections)
        guard let hasCard = r.bool() else { return nil }
        if hasCard {
            guard let name = r.string(), let aliases = r.strings(), let cardKind = r.string().flatMap(EntityKind.init(rawValue:)),
                  let area = r.string(), let related = r.strings(), let line = r.int() else { return nil }
            doc.card = EntityCard(name: name, aliases: aliases, kind: cardKind, area: area, related: related, line: line)
        }
        guard let rows = r.list({ r -> GuideRow? in
                  guard let option = r.string(), let text = r.string(), let line = r.int() else { return nil }
                  return GuideRow(option: option, text: text, line: line)
              }),
              let entries = r.list({ r -> CatalogEntry? in
                  guard let area = r.string(), let name = r.string(), let items = r.strings(), let line = r.int() else { return nil }
                  return CatalogEntry(area: area, name: name, items: items, line: line)
              }),
              let hasDecision = r.bool() else { return nil }
        doc.guideRows = rows
        doc.catalogEntries = entries
        if hasDecision {
            guard let record = DecisionRecord.decode(from: &r) else { return nil }
            doc.decision = record
        }
        guard let warnings = r.strings(), r.atEnd else { return nil }
        doc.warnings = warnings
        return doc
    }
}
