extension IndexTables {
    /// The search tables stored at index time, or nil when the index has none (an older builder
    /// revision) or the blob cannot be read; the reader then builds them itself.
    static func storedSearchTables(_ db: SQLiteDatabase) -> SearchTables? {
        guard let stmt = try? db.prepare("SELECT data FROM preload WHERE name = ?") else { return nil }
        stmt.bind([.text(SearchTables.blobName)])
        guard (try? stmt.step()) == true else { return nil }
        return SearchTables.decode(stmt.blob(0))
    }
}

extension IndexWriter {
    /// Stores what searchers derive at start-up (`SearchTables`) as one blob in the `preload` table.
    func writePreload(_ model: IndexModel) throws {
        let names = model.entities.sorted { $0.id < $1.id }.map {
            SearchTables.EntityNames(id: $0.id, names: [$0.name] + $0.aliases, area: $0.area, related: $0.related)
        }
        let tables = SearchTables.build(entities: names, sectionEntities: model.sections.map(\.entity))
        try database.prepare("INSERT INTO preload(name, data) VALUES (?, ?)").run([.text(SearchTables.blobName), .blob(tables.encoded())])
    }
}
