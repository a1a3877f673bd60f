#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArchKBCorpus

/// An entity as stored in the index.
public struct StoredEntity: Sendable {
    public var id: Int
    public var name: String
    public var aliases: [String]
    public var kind: String
    public var area: String
    public var summary: String
    public var whenToUse: String
    public var tradeoffs: String
    public var instead: String
    public var related: [String]
    public var document: Int
    public var line: Int
    public var source: String
}

/// A section's metadata (its body is read on demand).
public struct StoredSection: Sendable {
    public var id: Int
    public var document: Int
    public var entity: Int?
    public var decision: Int?
    public var heading: String
    public var trail: String
    public var role: String
    public var startLine: Int
    public var endLine: Int
}

/// A document row: where a citation points.
public struct StoredDocument: Sendable {
    public var id: Int
    public var path: String
    public var displayPath: String
    public var kind: String
    public var title: String
    public var lineCount: Int
    public var modified: Double
    public var size: Int
}

/// A decision record as stored, with links resolved to decision ids.
public struct StoredDecision: Sendable {
    public var id: Int
    public var document: Int
    public var number: Int?
    public var titleNumber: Int?
    public var title: String
    public var date: String?
    public var status: DecisionStatus
    public var rawStatus: String?
    public var format: String
    public var chosen: String?
    public var line: Int
    public var supersedes: [Int]
    public var supersededBy: [Int]
    public var amends: [Int]
    public var amendedBy: [Int]
    public var unresolved: [String]
    /// Entities named by the decision, and whether it chose them (title or chosen option).
    public var entities: [(id: Int, chosen: Bool)] = []
}

/// A term of the vector index: its idf and its postings (unit, weight).
struct TermEntry {
    var idf: Double
    var postings: [(Int32, Float)]
}

/// A problem recorded at index time (skipped file, unmatched guide row…).
public struct StoredProblem: Sendable {
    public var path: String
    public var line: Int
    public var severity: String
    public var message: String
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
        } catch let e as IndexError {
            throw IndexError.corrupt(path: path, detail: "\(e)")
        }
        for line in IndexSchema.splitList(meta["thesaurus"] ?? "").flatMap({ $0.lineArray }) { thesaurus.add(line: line) }
    }

    static func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    func load() throws {
        let d = try database.prepare("SELECT id, path, display_path, kind, title, line_count, mtime, size FROM documents ORDER BY id")
        while try d.step() {
            documents.append(StoredDocument(id: Int(d.int(0)), path: d.text(1), displayPath: d.text(2), kind: d.text(3), title: d.text(4),
                                            lineCount: Int(d.int(5)), modified: d.double(6), size: Int(d.int(7))))
        }
        let e = try database.prepare("SELECT id, name, aliases, kind, area, summary, when_to_use, tradeoffs, instead, related, doc_id, line, source FROM entities ORDER BY id")
        while try e.step() {
            entities.append(StoredEntity(id: Int(e.int(0)), name: e.text(1), aliases: IndexSchema.splitList(e.text(2)), kind: e.text(3), area: e.text(4),
                                         summary: e.text(5), whenToUse: e.text(6), tradeoffs: e.text(7), instead: e.text(8),
                                         related: IndexSchema.splitList(e.text(9)), document: Int(e.int(10)), line: Int(e.int(11)), source: e.text(12)))
        }
        let s = try database.prepare("SELECT id, doc_id, entity_id, decision_id, heading, trail, role, start_line, end_line FROM sections ORDER BY id")
        while try s.step() {
            sections.append(StoredSection(id: Int(s.int(0)), document: Int(s.int(1)), entity: s.isNull(2) ? nil : Int(s.int(2)),
                                          decision: s.isNull(3) ? nil : Int(s.int(3)), heading: s.text(4), trail: s.text(5), role: s.text(6),
                                          startLine: Int(s.int(7)), endLine: Int(s.int(8))))
        }
        func ids(_ t: String) -> [Int] { IndexSchema.splitList(t).compactMap { Int($0) } }
        let c = try database.prepare("""
            SELECT id, doc_id, number, title_number, title, date, status, raw_status, format, chosen, line, supersedes, superseded_by,
                   amends, amended_by, unresolved FROM decisions ORDER BY id
            """)
        while try c.step() {
            decisions.append(StoredDecision(id: Int(c.int(0)), document: Int(c.int(1)), number: c.isNull(2) ? nil : Int(c.int(2)),
                                            titleNumber: c.isNull(3) ? nil : Int(c.int(3)), title: c.text(4), date: c.optionalText(5),
                                            status: DecisionStatus(rawValue: c.text(6)) ?? .unknown, rawStatus: c.optionalText(7), format: c.text(8),
                                            chosen: c.optionalText(9), line: Int(c.int(10)), supersedes: ids(c.text(11)), supersededBy: ids(c.text(12)),
                                            amends: ids(c.text(13)), amendedBy: ids(c.text(14)), unresolved: IndexSchema.splitList(c.text(15))))
        }
        let de = try database.prepare("SELECT decision_id, entity_id, chosen FROM decision_entities ORDER BY rowid")
        while try de.step() {
            let di = Int(de.int(0))
            if di < decisions.count { decisions[di].entities.append((Int(de.int(1)), de.int(2) != 0)) }
        }
        let u = try database.prepare("SELECT id, section_id, entity_id FROM vec_units ORDER BY id")
        while try u.step() {
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
        let p = try database.prepare("SELECT path, line, severity, message FROM problems ORDER BY path, line")
        var out: [StoredProblem] = []
        while try p.step() { out.append(StoredProblem(path: p.text(0), line: Int(p.int(1)), severity: p.text(2), message: p.text(3))) }
        return out
    }
}
