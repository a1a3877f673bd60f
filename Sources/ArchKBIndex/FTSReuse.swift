/// An incremental build's FTS5 table: the previous index's, with only the rows that changed
/// deleted and inserted again.
///
/// Inserting every section into FTS5 is the raw-FTS5 floor of a build (most of the SQLite time in
/// a perf profile of an incremental build at 100k sections), so an incremental build copies the
/// table's shadow tables from the previous index and compares each stored row with the section of
/// the same id. FTS5 keeps its statistics (row count, token totals, per-row sizes) exact through
/// deletes and inserts, so bm25 and every match are those of a full build; only the segment
/// layout of the inverted index differs. When many rows differ (sections shifted by an insertion
/// early in the corpus), deleting and re-inserting would cost more than a fresh table, so the
/// table is rebuilt from scratch instead.
enum FTSReuse {
    /// Rebuild from scratch when more than this share of the rows would be deleted or inserted.
    static let maxChangedShare = 0.25

    /// Copies the FTS5 shadow tables of the index at `previous` into `db`, whose schema exists.
    /// Run on a connection of its own that is closed before the build's connection opens, so FTS5
    /// reads the copied structure fresh.
    static func copy(into db: SQLiteDatabase, from previous: String) throws {
        try db.execute("ATTACH DATABASE '\(previous.replacingOccurrences(of: "'", with: "''"))' AS prev")
        for table in IndexSchema.ftsShadowTables {
            try db.execute("DELETE FROM main.\(table); INSERT INTO main.\(table) SELECT * FROM prev.\(table)")
        }
        try db.execute("DETACH DATABASE prev")
    }

    /// Deletes the copied rows that differ from `sections` (or are past their end) and returns,
    /// per section, whether its row is already right; nil when the table was rebuilt empty instead.
    static func patch(_ db: SQLiteDatabase, sections: [IndexModel.Section]) throws -> [Bool]? {
        var same = [Bool](repeating: false, count: sections.count)
        var stale: [Int64] = []
        let rows = try db.prepare("SELECT id, c0, c1, c2 FROM section_fts_content ORDER BY id")
        while try rows.step() {
            let id = Int(rows.int(0))
            if id >= 0, id < sections.count, rows.textEquals(1, sections[id].titleText), rows.textEquals(2, sections[id].namesText),
               rows.textEquals(3, sections[id].body) {
                same[id] = true
            } else {
                stale.append(rows.int(0))
            }
        }
        let inserts = sections.count - same.lazy.filter { $0 }.count
        if Double(stale.count + inserts) > maxChangedShare * Double(max(sections.count, 1)) {
            try db.execute("DROP TABLE section_fts; \(IndexSchema.ftsTable)")
            return nil
        }
        let delete = try db.prepare("DELETE FROM section_fts WHERE rowid = ?")
        for id in stale { try delete.run([.int(id)]) }
        return same
    }
}
