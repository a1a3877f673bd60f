import ArchKBCorpus

/// The rows of an index that readers keep in memory, loaded and checked once per index file.
///
/// Immutable and `Sendable`, so the daemon's pooled searchers share one copy: each owns an
/// `IndexReader` (its own SQLite connection, statements and caches) over the same `IndexTables`,
/// and memory does not grow with the pool. Built from the small tables, the `preload` blob
/// (`SearchTables`) and the meta table's thesaurus; the dense maps by section, unit and decision
/// are derived here once instead of on each searcher's first question.
public final class IndexTables: Sendable {
    public let meta: [String: String]
    public let entities: [StoredEntity]
    public let sections: [StoredSection]
    public let documents: [StoredDocument]
    public let decisions: [StoredDecision]
    /// Vector unit → (section, entity).
    public let units: [(section: Int?, entity: Int?)]
    public let thesaurus: Thesaurus
    /// Name matcher, sections by entity, related ids and domain stems: stored at index time, read once.
    public let searchTables: SearchTables
    /// Section id → its decision id, or -1.
    let sectionDecisions: [Int32]
    /// Vector unit → the decision of its section, or -1.
    let unitDecisions: [Int32]
    /// Decision d's sections are `decisionSections[decisionSectionStart[d]..<decisionSectionStart[d + 1]]`, in id order.
    let decisionSectionStart: [Int32]
    let decisionSections: [Int32]

    /// Loads the tables of an open index whose `meta` was already read, and checks them
    /// (`IndexError.invalidTable` names a table that breaks what readers rely on).
    init(database: SQLiteDatabase, meta: [String: String]) throws {
        self.meta = meta
        var documents: [StoredDocument] = [], entities: [StoredEntity] = [], sections: [StoredSection] = []
        var decisions: [StoredDecision] = [], units: [(section: Int?, entity: Int?)] = []
        let path = database.path
        let d = try database.prepare("SELECT \(StoredDocument.columns) FROM documents ORDER BY id")
        while try d.step() { documents.append(StoredDocument(d)) }
        let e = try database.prepare("SELECT \(StoredEntity.columns) FROM entities ORDER BY id")
        while try e.step() { entities.append(StoredEntity(e)) }
        let s = try database.prepare("SELECT \(StoredSection.columns) FROM sections ORDER BY id")
        while try s.step() { sections.append(StoredSection(s)) }
        let c = try database.prepare("SELECT \(StoredDecision.columns) FROM decisions ORDER BY id")
        while try c.step() { decisions.append(StoredDecision(c)) }
        let de = try database.prepare("SELECT decision_id, entity_id, chosen FROM decision_entities ORDER BY rowid")
        while try de.step() {
            let di = Int(de.int(0))
            try IndexTables.check(di, decisions.count, path, "decision_entities", di, "decision_id", "decision")
            decisions[di].entities.append((Int(de.int(1)), de.int(2) != 0))
        }
        let u = try database.prepare("SELECT id, section_id, entity_id FROM vec_units ORDER BY id")
        while try u.step() {
            if Int(u.int(0)) != units.count {
                throw IndexError.invalidTable(path: path, table: "vec_units", detail: "row \(units.count) (in id order) has id \(u.int(0)); ids must run 0, 1, 2… without gaps")
            }
            units.append((u.isNull(1) ? nil : Int(u.int(1)), u.isNull(2) ? nil : Int(u.int(2))))
        }
        let names = entities.map { SearchTables.EntityNames(id: $0.id, names: [$0.name] + $0.aliases, area: $0.area, related: $0.related) }
        let tables = IndexTables.storedSearchTables(database) ?? SearchTables.build(entities: names, sectionEntities: sections.map(\.entity))
        try IndexTables.validate(path: path, documents: documents, entities: entities, sections: sections, decisions: decisions, units: units, tables: tables)
        var thesaurus = Thesaurus.builtin
        for line in IndexSchema.splitList(meta["thesaurus"] ?? "").flatMap({ $0.lineArray }) { thesaurus.add(line: line) }
        // Dense maps, valid now that every reference was checked.
        let sectionDecisions = sections.map { Int32($0.decision ?? -1) }
        self.unitDecisions = units.map { u in u.section.map { sectionDecisions[$0] } ?? -1 }
        var start = [Int32](repeating: 0, count: decisions.count + 1)
        for dec in sectionDecisions where dec >= 0 { start[Int(dec) + 1] += 1 }
        for i in 0..<decisions.count { start[i + 1] += start[i] }
        var fill = start
        var ids = [Int32](repeating: 0, count: Int(start[decisions.count]))
        for (sid, dec) in sectionDecisions.enumerated() where dec >= 0 {
            ids[Int(fill[Int(dec)])] = Int32(sid)
            fill[Int(dec)] += 1
        }
        self.sectionDecisions = sectionDecisions
        self.decisionSectionStart = start
        self.decisionSections = ids
        self.documents = documents
        self.entities = entities
        self.sections = sections
        self.decisions = decisions
        self.units = units
        self.thesaurus = thesaurus
        self.searchTables = tables
    }

    /// The sections of decision `d`, in id order.
    public func sections(ofDecision d: Int) -> ArraySlice<Int32> {
        guard d >= 0, d + 1 < decisionSectionStart.count else { return [] }
        return decisionSections[Int(decisionSectionStart[d])..<Int(decisionSectionStart[d + 1])]
    }

    /// Whether these tables were loaded from the same build of an index as `meta` describes.
    func sameBuild(_ meta: [String: String]) -> Bool {
        self.meta == meta
    }
}
