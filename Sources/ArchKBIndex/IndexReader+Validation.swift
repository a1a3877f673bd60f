extension IndexReader {
    /// The error for a row of `table` that breaks what the reader relies on.
    func invalid(_ table: String, _ detail: String) -> IndexError {
        .invalidTable(path: database.path, table: table, detail: detail)
    }

    /// Checks the loaded tables: every id equals its row's position (the reader indexes arrays by
    /// id) and every id a row refers to is in range, so that a damaged or hand-edited index fails
    /// to open with the table named instead of trapping on a subscript later.
    func validate() throws {
        try checkPositions(documents.map(\.id), "documents")
        try checkPositions(entities.map(\.id), "entities")
        try checkPositions(sections.map(\.id), "sections")
        try checkPositions(decisions.map(\.id), "decisions")
        for e in entities { try check(e.document, documents.count, "entities", e.id, "doc_id", "document") }
        for s in sections {
            try check(s.document, documents.count, "sections", s.id, "doc_id", "document")
            try check(s.entity, entities.count, "sections", s.id, "entity_id", "entity")
            try check(s.decision, decisions.count, "sections", s.id, "decision_id", "decision")
        }
        for d in decisions {
            try check(d.document, documents.count, "decisions", d.id, "doc_id", "document")
            for (column, ids) in [("supersedes", d.supersedes), ("superseded_by", d.supersededBy), ("amends", d.amends), ("amended_by", d.amendedBy)] {
                for id in ids { try check(id, decisions.count, "decisions", d.id, column, "decision") }
            }
            for e in d.entities { try check(e.id, entities.count, "decision_entities", d.id, "entity_id", "entity") }
        }
        for (i, u) in units.enumerated() {
            try check(u.section, sections.count, "vec_units", i, "section_id", "section")
            try check(u.entity, entities.count, "vec_units", i, "entity_id", "entity")
        }
        try validate(searchTables)
    }

    /// The stored search tables refer to entities and sections of this index.
    func validate(_ tables: SearchTables) throws {
        guard tables.relatedEntities.count == entities.count else {
            throw invalid("preload", "related entities for \(tables.relatedEntities.count) entities, but there are \(entities.count)")
        }
        for (entity, related) in tables.relatedEntities.enumerated() {
            for id in related { try check(id, entities.count, "preload", entity, "related entity", "entity") }
        }
        for (entity, ids) in tables.sectionsByEntity {
            try check(entity, entities.count, "preload", entity, "sections by entity", "entity")
            for id in ids { try check(id, sections.count, "preload", entity, "section of entity", "section") }
        }
        for entries in tables.nameMatcher.byFirstWord.values {
            for e in entries { try check(e.entity, entities.count, "preload", e.order, "name matcher entity", "entity") }
        }
    }

    /// Ids must run 0, 1, 2… in row order.
    func checkPositions(_ ids: [Int], _ table: String) throws {
        for (position, id) in ids.enumerated() where id != position {
            throw invalid(table, "row \(position) (in id order) has id \(id); ids must run 0, 1, 2… without gaps")
        }
    }

    /// `value` (nil is allowed: no reference) must be an id of a table with `count` rows.
    func check(_ value: Int?, _ count: Int, _ table: String, _ row: Int, _ column: String, _ target: String) throws {
        guard let value, !(0..<count).contains(value) else { return }
        throw invalid(table, "row \(row): \(column) \(value) is not a \(target) id (there are \(count) \(target)s)")
    }

    /// A section id from the FTS5 table or a unit id from a posting list, checked before use.
    func checkHit(_ id: Int, _ count: Int, _ table: String, _ target: String) throws {
        guard !(0..<count).contains(id) else { return }
        throw invalid(table, "refers to \(target) \(id), but there are \(count) \(target)s")
    }
}
