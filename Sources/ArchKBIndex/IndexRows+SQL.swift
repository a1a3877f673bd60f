import ArchKBCorpus

// One column mapping per row struct, used by `IndexWriter` to insert a row and by `IndexReader`
// to load it, so the two cannot disagree about a column's position or encoding. Columns only one
// side uses (a section's body and stems, an entity's key, a document's hash) are added by the
// writer after these and read on demand.

/// "?,?,…" for `n` values.
func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }

extension StoredDocument {
    static let columns = "id, path, display_path, kind, title, line_count, mtime, size"

    init(_ s: Statement) {
        self.init(id: Int(s.int(0)), path: s.text(1), displayPath: s.text(2), kind: s.text(3), title: s.text(4),
                  lineCount: Int(s.int(5)), modified: s.double(6), size: Int(s.int(7)))
    }

    var values: [SQLValue] {
        [.int(Int64(id)), .text(path), .text(displayPath), .text(kind), .text(title), .int(Int64(lineCount)), .double(modified), .int(Int64(size))]
    }
}

extension StoredEntity {
    static let columns = "id, name, aliases, kind, area, summary, when_to_use, tradeoffs, instead, related, doc_id, line, source"

    init(_ s: Statement) {
        self.init(id: Int(s.int(0)), name: s.text(1), aliases: IndexSchema.splitList(s.text(2)), kind: s.text(3), area: s.text(4),
                  summary: s.text(5), whenToUse: s.text(6), tradeoffs: s.text(7), instead: s.text(8),
                  related: IndexSchema.splitList(s.text(9)), document: Int(s.int(10)), line: Int(s.int(11)), source: s.text(12))
    }

    var values: [SQLValue] {
        [.int(Int64(id)), .text(name), .text(IndexSchema.joinList(aliases)), .text(kind), .text(area), .text(summary), .text(whenToUse),
         .text(tradeoffs), .text(instead), .text(IndexSchema.joinList(related)), .int(Int64(document)), .int(Int64(line)), .text(source)]
    }
}

extension StoredSection {
    static let columns = "id, doc_id, entity_id, decision_id, heading, trail, role, start_line, end_line"

    init(_ s: Statement) {
        self.init(id: Int(s.int(0)), document: Int(s.int(1)), entity: s.isNull(2) ? nil : Int(s.int(2)),
                  decision: s.isNull(3) ? nil : Int(s.int(3)), heading: s.text(4), trail: s.text(5), role: s.text(6),
                  startLine: Int(s.int(7)), endLine: Int(s.int(8)))
    }

    var values: [SQLValue] {
        [.int(Int64(id)), .int(Int64(document)), .opt(entity), .opt(decision), .text(heading), .text(trail), .text(role),
         .int(Int64(startLine)), .int(Int64(endLine))]
    }
}

extension StoredDecision {
    static let columns = """
        id, doc_id, number, title_number, title, date, status, raw_status, format, chosen, line, supersedes, superseded_by, \
        amends, amended_by, unresolved
        """

    /// A decision without its entities (they are rows of `decision_entities`).
    init(_ s: Statement) {
        func ids(_ t: String) -> [Int] { IndexSchema.splitList(t).compactMap { Int($0) } }
        self.init(id: Int(s.int(0)), document: Int(s.int(1)), number: s.isNull(2) ? nil : Int(s.int(2)),
                  titleNumber: s.isNull(3) ? nil : Int(s.int(3)), title: s.text(4), date: s.optionalText(5),
                  status: DecisionStatus(rawValue: s.text(6)) ?? .unknown, rawStatus: s.optionalText(7), format: s.text(8),
                  chosen: s.optionalText(9), line: Int(s.int(10)), supersedes: ids(s.text(11)), supersededBy: ids(s.text(12)),
                  amends: ids(s.text(13)), amendedBy: ids(s.text(14)), unresolved: IndexSchema.splitList(s.text(15)))
    }

    var values: [SQLValue] {
        func ids(_ list: [Int]) -> SQLValue { .text(IndexSchema.joinList(list.map(String.init))) }
        return [.int(Int64(id)), .int(Int64(document)), .opt(number), .opt(titleNumber), .text(title), .opt(date), .text(status.rawValue),
                .opt(rawStatus), .text(format), .opt(chosen), .int(Int64(line)), ids(supersedes), ids(supersededBy), ids(amends),
                ids(amendedBy), .text(IndexSchema.joinList(unresolved))]
    }
}

extension StoredProblem {
    static let columns = "path, line, severity, message"

    init(_ s: Statement) {
        self.init(path: s.text(0), line: Int(s.int(1)), severity: s.text(2), message: s.text(3))
    }

    var values: [SQLValue] { [.text(path), .int(Int64(line)), .text(severity), .text(message)] }
}

extension IndexModel.Document {
    /// The row this document is written as.
    func row(id: Int) -> StoredDocument {
        StoredDocument(id: id, path: parsed.path, displayPath: parsed.displayPath, kind: parsed.kind.rawValue, title: parsed.title,
                       lineCount: parsed.lineCount, modified: modified, size: size)
    }
}

extension IndexModel.Section {
    /// The row this section is written as (its body and stems go beside it).
    func row(id: Int) -> StoredSection {
        StoredSection(id: id, document: document, entity: entity, decision: decision, heading: heading, trail: trail, role: role,
                      startLine: startLine, endLine: endLine)
    }
}

extension IndexModel.Decision {
    /// The row this decision is written as, its record's fields flattened.
    var row: StoredDecision {
        StoredDecision(id: id, document: document, number: record.number, titleNumber: record.titleNumber, title: record.title,
                       date: record.date, status: record.status, rawStatus: record.rawStatus, format: record.format.rawValue,
                       chosen: record.chosenOption, line: record.line, supersedes: supersedes, supersededBy: supersededBy,
                       amends: amends, amendedBy: amendedBy, unresolved: unresolved, entities: entities.map { (id: $0.0, chosen: $0.1) })
    }
}
