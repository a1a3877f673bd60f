extension IndexTables {
    /// Checks loaded tables: every id equals its row's position (readers index arrays by id) and
    /// every id a row refers to is in range, so that a damaged or hand-edited index fails to open
    /// with the table named instead of trapping on a subscript later.
    static func validate(path: String, documents: [StoredDocument], entities: [StoredEntity], sections: [StoredSection],
                         decisions: [StoredDecision], units: [(section: Int?, entity: Int?)], tables: SearchTables) throws {
        try checkPositions(documents.map(\.id), path, "documents")
        try checkPositions(entities.map(\.id), path, "entities")
        try checkPositions(sections.map(\.id), path, "sections")
        try checkPositions(decisions.map(\.id), path, "decisions")
        for e in entities { try check(e.document, documents.count, path, "entities", e.id, "doc_id", "document") }
        for s in sections {
            try check(s.document, documents.count, path, "sections", s.id, "doc_id", "document")
            try check(s.entity, entities.count, path, "sections", s.id, "entity_id", "entity")
            try check(s.decision, decisions.count, path, "sections", s.id, "decision_id", "decision")
        }
        for d in decisions {
            try check(d.document, documents.count, path, "decisions", d.id, "doc_id", "document")
            for (column, ids) in [("supersedes", d.supersedes), ("superseded_by", d.supersededBy), ("amends", d.amends), ("amended_by", d.amendedBy)] {
                for id in ids { try check(id, decisions.count, path, "decisions", d.id, column, "decision") }
            }
            for e in d.entities { try check(e.id, entities.count, path, "decision_entities", d.id, "entity_id", "entity") }
        }
        for (i, u) in units.enumerated() {
            try check(u.section, sections.count, path, "vec_units", i, "section_id", "section")
            try check(u.entity, entities.count, path, "vec_units", i, "entity_id", "entity")
        }
        try validate(tables, path: path, entities: entities.count, sections: sections.count)
    }

    /// The stored search tables refer to entities and sections of this index.
    static func validate(_ tables: SearchTables, path: String, entities: Int, sections: Int) throws {
        guard tables.relatedEntities.count == entities else {
            throw IndexError.invalidTable(path: path, table: "preload", detail: "related entities for \(tables.relatedEntities.count) entities, but there are \(entities)")
        }
        for (entity, related) in tables.relatedEntities.enumerated() {
            for id in related { try check(id, entities, path, "preload", entity, "related entity", "entity") }
        }
        for (entity, ids) in tables.sectionsByEntity {
            try check(entity, entities, path, "preload", entity, "sections by entity", "entity")
            for id in ids { try check(id, sections, path, "preload", entity, "section of entity", "section") }
        }
        for entries in tables.nameMatcher.byFirstWord.values {
            for e in entries { try check(e.entity, entities, path, "preload", e.order, "name matcher entity", "entity") }
        }
    }

    /// Ids must run 0, 1, 2… in row order.
    static func checkPositions(_ ids: [Int], _ path: String, _ table: String) throws {
        for (position, id) in ids.enumerated() where id != position {
            throw IndexError.invalidTable(path: path, table: table, detail: "row \(position) (in id order) has id \(id); ids must run 0, 1, 2… without gaps")
        }
    }

    /// `value` (nil is allowed: no reference) must be an id of a table with `count` rows.
    static func check(_ value: Int?, _ count: Int, _ path: String, _ table: String, _ row: Int, _ column: String, _ target: String) throws {
        guard let value, !(0..<count).contains(value) else { return }
        throw IndexError.invalidTable(path: path, table: table, detail: "row \(row): \(column) \(value) is not a \(target) id (there are \(count) \(target)s)")
    }
}

extension IndexReader {
    /// A section id from the FTS5 table or a unit id from a posting list, checked before use.
    func checkHit(_ id: Int, _ count: Int, _ table: String, _ target: String) throws {
        guard !(0..<count).contains(id) else { return }
        throw IndexError.invalidTable(path: database.path, table: table, detail: "refers to \(target) \(id), but there are \(count) \(target)s")
    }
}
