#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArchKBCorpus

/// A term of the vector index: its idf and its postings (unit, weight).
struct TermEntry {
    var idf: Double
    var postings: [(Int32, Float)]
}

/// Read access to an index file. Small tables are loaded into memory when it opens.
public final class IndexReader {
    public let database: SQLiteDatabase
    public private(set) var meta: [String: String] = [:]
    public private(set) var entities: [StoredEntity] = []
    public private(set) var sections: [StoredSection] = []
    public private(set) var documents: [StoredDocument] = []
    public private(set) var decisions: [StoredDecision] = []
    /// Vector unit → (section, entity).
    public private(set) var units: [(section: Int?, entity: Int?)] = []
    public private(set) var thesaurus = Thesaurus.builtin
    /// Name matcher, sections by entity, related ids and domain stems: stored at index time, read once.
    public private(set) var searchTables = SearchTables.empty
    public var sectionCount: Int { sections.count }
    public var path: String { database.path }

    /// Section id → its decision id, or -1 (built on first use, for record-level retrieval).
    lazy var sectionDecisions: [Int32] = sections.map { Int32($0.decision ?? -1) }
    /// Vector unit → the decision of its section, or -1.
    lazy var unitDecisions: [Int32] = units.map { u in
        guard let s = u.section, s >= 0, s < sections.count, let d = sections[s].decision else { return -1 }
        return Int32(d)
    }

    /// Terms already read from `vec_terms` (absent terms cached as nil).
    var termCache: [String: TermEntry?] = [:]
    /// Phrase → its full FTS5 hit list (section, bm25); emptied when it would pass
    /// `phraseCacheLimit` phrases or `phraseCacheHitLimit` hits in all (16 bytes each: 6.4 MB).
    var phraseCache: [String: [(Int32, Double)]] = [:]
    var phraseCacheHits = 0
    static let phraseCacheLimit = 8192
    static let phraseCacheHitLimit = 400_000
    /// Terms kept in `termCache` before it is emptied (the index's own vocabulary is ~50k terms).
    static let termCacheLimit = 100_000

    let ftsStatement: Statement
    let termStatement: Statement
    let bodyStatement: Statement
    let stemsStatement: Statement
    let entityStemsStatement: Statement

    /// Opens the index at `path`, checking that it is an archkb index of this schema version.
    public convenience init(path: String) throws {
        guard IndexReader.fileExists(path) else { throw IndexError.missing(path: path) }
        try IndexFileGuard.checkReadable(path)
        let db: SQLiteDatabase
        do { db = try SQLiteDatabase(path: path, readOnly: true) } catch { throw IndexError.corrupt(path: path, detail: "\(error)") }
        try self.init(database: db)
    }

    /// Reads an already-open database (used by tests with in-memory indexes).
    public init(database: SQLiteDatabase) throws {
        self.database = database
        let path = database.path
        do {
            let m = try database.prepare("SELECT key, value FROM meta")
            while try m.step() { meta[m.text(0)] = m.text(1) }
        } catch {
            throw IndexError.corrupt(path: path, detail: "no metadata table")
        }
        let found = Int(meta["schema_version"] ?? "") ?? -1
        guard found == IndexSchema.version else { throw IndexError.versionMismatch(path: path, found: found, expected: IndexSchema.version) }
        do {
            ftsStatement = try database.prepare("SELECT rowid, bm25(section_fts, 2.0, 2.0, 1.0) FROM section_fts WHERE section_fts MATCH ? ORDER BY 2 LIMIT ?")
            termStatement = try database.prepare("SELECT idf, postings FROM vec_terms WHERE term = ?")
            bodyStatement = try database.prepare("SELECT body FROM sections WHERE id = ?")
            stemsStatement = try database.prepare("SELECT stems FROM sections WHERE id = ?")
            entityStemsStatement = try database.prepare("SELECT stems FROM entities WHERE id = ?")
            try load()
            searchTables = IndexReader.storedSearchTables(database) ?? SearchTables.build(entities: entityNames, sectionEntities: sections.map(\.entity))
            try validate()
        } catch let e as IndexError {
            if case .invalidTable = e { throw e }
            throw IndexError.corrupt(path: path, detail: "\(e)")
        }
        for line in IndexSchema.splitList(meta["thesaurus"] ?? "").flatMap({ $0.lineArray }) { thesaurus.add(line: line) }
    }

    static func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    func load() throws {
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
            try check(di, decisions.count, "decision_entities", di, "decision_id", "decision")
            decisions[di].entities.append((Int(de.int(1)), de.int(2) != 0))
        }
        let u = try database.prepare("SELECT id, section_id, entity_id FROM vec_units ORDER BY id")
        while try u.step() {
            if Int(u.int(0)) != units.count { throw invalid("vec_units", "row \(units.count) (in id order) has id \(u.int(0)); ids must run 0, 1, 2… without gaps") }
            units.append((u.isNull(1) ? nil : Int(u.int(1)), u.isNull(2) ? nil : Int(u.int(2))))
        }
    }

    /// The corpus roots this index was built from.
    public var roots: [String] { IndexSchema.splitList(meta["roots"] ?? "") }

    /// Seconds since 1970 when the index was built.
    public var builtAt: Double { Double(meta["built_at"] ?? "") ?? 0 }

    public func documentCountsByKind() -> [String: Int] {
        var out: [String: Int] = [:]
        for d in documents { out[d.kind, default: 0] += 1 }
        return out
    }

    public func decisionCountsByStatus() -> [String: Int] {
        var out: [String: Int] = [:]
        for d in decisions { out[d.status.rawValue, default: 0] += 1 }
        return out
    }

    public func entityCountsByKind() -> [String: Int] {
        var out: [String: Int] = [:]
        for e in entities { out[e.kind, default: 0] += 1 }
        return out
    }

    /// Problems recorded at index time.
    public func problems() throws -> [StoredProblem] {
        let p = try database.prepare("SELECT \(StoredProblem.columns) FROM problems ORDER BY path, line")
        var out: [StoredProblem] = []
        while try p.step() { out.append(StoredProblem(p)) }
        return out
    }
}
