/// The SQLite schema of an archkb index. Bump `version` on any incompatible change.
public enum IndexSchema {
    public static let version = 2
    /// Bumped whenever indexing logic changes what an index holds, so existing indexes are rebuilt.
    public static let builderRevision = 15
    /// Separator for list-valued columns (aliases, related, links).
    public static let listSeparator: Character = "\u{1F}"

    /// The FTS5 table (its shadow tables hold the text and the inverted index).
    static let ftsTable = "CREATE VIRTUAL TABLE section_fts USING fts5(title, names, body, tokenize = 'porter unicode61');"
    /// FTS5's shadow tables of `section_fts`: copied whole from the previous index by an incremental build.
    static let ftsShadowTables = ["section_fts_data", "section_fts_idx", "section_fts_content", "section_fts_docsize", "section_fts_config"]

    static let statements = """
    PRAGMA page_size = 4096;
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents(id INTEGER PRIMARY KEY, path TEXT NOT NULL, display_path TEXT NOT NULL, kind TEXT NOT NULL,
        title TEXT NOT NULL, hash TEXT NOT NULL, mtime REAL NOT NULL, size INTEGER NOT NULL, line_count INTEGER NOT NULL);
    CREATE TABLE entities(id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL UNIQUE, aliases TEXT NOT NULL,
        kind TEXT NOT NULL, area TEXT NOT NULL, summary TEXT NOT NULL, when_to_use TEXT NOT NULL, tradeoffs TEXT NOT NULL,
        instead TEXT NOT NULL, related TEXT NOT NULL, doc_id INTEGER NOT NULL, line INTEGER NOT NULL, source TEXT NOT NULL,
        stems TEXT NOT NULL);
    CREATE TABLE sections(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, entity_id INTEGER, decision_id INTEGER,
        heading TEXT NOT NULL, trail TEXT NOT NULL, role TEXT NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL,
        body TEXT NOT NULL, stems TEXT NOT NULL);
    CREATE INDEX sections_entity ON sections(entity_id);
    CREATE TABLE decisions(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, number INTEGER, title_number INTEGER,
        title TEXT NOT NULL, date TEXT, status TEXT NOT NULL, raw_status TEXT, format TEXT NOT NULL, chosen TEXT,
        line INTEGER NOT NULL, supersedes TEXT NOT NULL, superseded_by TEXT NOT NULL, amends TEXT NOT NULL,
        amended_by TEXT NOT NULL, unresolved TEXT NOT NULL);
    CREATE TABLE decision_entities(decision_id INTEGER NOT NULL, entity_id INTEGER NOT NULL, chosen INTEGER NOT NULL,
        PRIMARY KEY(decision_id, entity_id));
    CREATE TABLE problems(path TEXT NOT NULL, line INTEGER NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL);
    \(ftsTable)
    CREATE TABLE vec_units(id INTEGER PRIMARY KEY, section_id INTEGER, entity_id INTEGER, norm_terms INTEGER NOT NULL);
    CREATE TABLE vec_terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL, idf REAL NOT NULL, postings BLOB NOT NULL) WITHOUT ROWID;
    CREATE TABLE preload(name TEXT PRIMARY KEY, data BLOB NOT NULL);
    CREATE TABLE doc_parses(doc_id INTEGER PRIMARY KEY, parsed BLOB NOT NULL);
    CREATE TABLE section_terms(id INTEGER PRIMARY KEY, terms BLOB NOT NULL);
    CREATE TABLE build_cache(name TEXT PRIMARY KEY, data BLOB NOT NULL);
    """

    static func joinList(_ items: [String]) -> String { items.joined(separator: String(listSeparator)) }

    static func splitList(_ text: String) -> [String] {
        // Split on the separator's byte (ASCII), not on Characters: grapheme breaking made this the
        // costliest part of opening an index.
        text.isEmpty ? [] : text.utf8.split(separator: 0x1F, omittingEmptySubsequences: true).map { String(Substring($0)) }
    }
}
