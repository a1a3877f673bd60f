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

/// Read access to an index file. Small tables are loaded into memory when it opens (`IndexTables`),
/// or shared with another reader of the same file.
public final class IndexReader {
    public let database: SQLiteDatabase
    /// The rows kept in memory: loaded by this reader, or shared with the reader it was opened beside.
    public let tables: IndexTables
    public var meta: [String: String] { tables.meta }
    public var entities: [StoredEntity] { tables.entities }
    public var sections: [StoredSection] { tables.sections }
    public var documents: [StoredDocument] { tables.documents }
    public var decisions: [StoredDecision] { tables.decisions }
    /// Vector unit → (section, entity).
    public var units: [(section: Int?, entity: Int?)] { tables.units }
    public var thesaurus: Thesaurus { tables.thesaurus }
    /// Name matcher, sections by entity, related ids and domain stems: stored at index time, read once.
    public var searchTables: SearchTables { tables.searchTables }
    public var sectionCount: Int { tables.sections.count }
    public var path: String { database.path }

    /// Section id → its decision id, or -1 (for record-level retrieval).
    var sectionDecisions: [Int32] { tables.sectionDecisions }
    /// Vector unit → the decision of its section, or -1.
    var unitDecisions: [Int32] { tables.unitDecisions }

    /// Terms already read from `vec_terms` (absent terms cached as nil).
    var termCache: [String: TermEntry?] = [:]
    /// Hits read per phrase at most: its best sections by bm25 (see `fullTextSearch(phrases:limit:)`).
    public static let phraseHitCap = 4096
    /// This reader's cap (tests lower it to see the cut on a small index).
    var phraseHitCap = IndexReader.phraseHitCap
    /// Phrase → its FTS5 hit list (section, bm25); emptied when it would pass
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
    /// With `sharing`, the in-memory tables of another reader of the same file are used instead of
    /// loading them again (they are loaded when the file turns out to be another build).
    public convenience init(path: String, sharing: IndexTables? = nil) throws {
        guard IndexReader.fileExists(path) else { throw IndexError.missing(path: path) }
        try IndexFileGuard.checkReadable(path)
        let db: SQLiteDatabase
        do { db = try SQLiteDatabase(path: path, readOnly: true) } catch { throw IndexError.corrupt(path: path, detail: "\(error)") }
        try self.init(database: db, sharing: sharing)
    }

    /// Reads an already-open database (used by tests with in-memory indexes).
    public init(database: SQLiteDatabase, sharing: IndexTables? = nil) throws {
        self.database = database
        let path = database.path
        var meta: [String: String] = [:]
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
            if let sharing, sharing.sameBuild(meta) {
                tables = sharing
            } else {
                tables = try IndexTables(database: database, meta: meta)
            }
        } catch let e as IndexError {
            if case .invalidTable = e { throw e }
            throw IndexError.corrupt(path: path, detail: "\(e)")
        }
    }

    static func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
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
