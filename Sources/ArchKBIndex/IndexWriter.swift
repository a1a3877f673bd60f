import ArchKBCorpus

/// Writes an assembled `IndexModel` into an empty SQLite database.
public struct IndexWriter {
    public let database: SQLiteDatabase
    /// True when `database` already holds the schema and the previous index's FTS5 rows
    /// (`FTSReuse`): only the rows that changed are written.
    var ftsSeeded = false
    /// The index being replaced, when its sections' stored terms may be reused (`SectionTermsReuse`).
    var previous: SQLiteDatabase?

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Creates the schema and writes every table; `meta` adds key/value rows (roots, build time…).
    public func write(_ model: IndexModel, meta: [String: String]) throws {
        try begin()
        do {
            try writeRows(model, meta: meta)
            try commit()
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Creates the schema (unless seeded), attaches the previous index as `prev` when there is
    /// one, and opens the transaction every row is written in.
    func begin() throws {
        if !ftsSeeded { try database.execute(IndexSchema.statements) }
        if let previous { try database.execute("ATTACH DATABASE '\(previous.path.replacingOccurrences(of: "'", with: "''"))' AS prev") }
        try database.execute("BEGIN")
    }

    func commit() throws {
        try database.execute("COMMIT")
    }

    /// What writing did beyond the rows themselves: FTS5 rows inserted (all, unless seeded) and
    /// sections tokenized (all, unless their terms were reused).
    struct Work {
        var ftsRows = 0
        var sectionsAnalysed = 0
    }

    /// Writes every table.
    @discardableResult
    func writeRows(_ model: IndexModel, meta: [String: String]) throws -> Work {
        let metaStmt = try database.prepare("INSERT INTO meta(key, value) VALUES (?, ?)")
        var allMeta = model.meta.merging(meta) { _, given in given }
        allMeta["schema_version"] = String(IndexSchema.version)
        allMeta["thesaurus"] = model.thesaurusLines.joined(separator: "\n")
        for (k, v) in allMeta { try metaStmt.run([.text(k), .text(v)]) }

        let docStmt = try database.prepare("INSERT INTO documents(\(StoredDocument.columns), hash) VALUES (\(placeholders(9)))")
        for (i, d) in model.documents.enumerated() {
            try docStmt.run(d.row(id: i).values + [.text(d.hash)])
        }
        PhaseClock.mark("w.meta+docs")
        // Every text is tokenized once, on all cores, a chunk of sections at a time (two chunks'
        // analyses are held: the one being written and the next, analysed meanwhile by
        // `AnalysisPipeline`): entity stem texts (coverage) and profiles (vectors) first.
        var vocabulary = TermVocabulary()
        var vectors = VectorIndexBuilder()
        let profiles = model.entities.map { e in
            [e.name, e.name, e.aliases.joined(separator: ", "), e.area, e.summary, e.whenToUse].joined(separator: "\n")
        }
        let entityTexts = model.entities.map { e in ([e.name] + e.aliases + [e.area, e.summary, e.whenToUse]).joined(separator: "\n") }
        let entityAnalyses = vocabulary.analyze(count: profiles.count * 2) { $0 < profiles.count ? profiles[$0] : entityTexts[$0 - profiles.count] }
        let entStmt = try database.prepare("INSERT INTO entities(\(StoredEntity.columns), key, stems) VALUES (\(placeholders(15)))")
        for (k, e) in model.entities.enumerated() {
            try entStmt.run(e.values + [.text(EntityAssembler.key(e.name)), .text(entityAnalyses[profiles.count + k].stemSet)])
        }
        PhaseClock.mark("w.entities")
        let secStmt = try database.prepare("INSERT INTO sections(\(StoredSection.columns), body, stems) VALUES (\(placeholders(11)))")
        // Seeded with the previous index's rows: those still right stay (nil: write every row).
        let keepFTS = ftsSeeded ? try FTSReuse.patch(database, sections: model.sections) : nil
        PhaseClock.mark("w.fts-patch")
        let ftsStmt = try database.prepare("INSERT INTO section_fts(rowid, title, names, body) VALUES (?,?,?,?)")
        var ftsRows = 0
        let chunks = stride(from: 0, to: model.sections.count, by: IndexWriter.analysisChunk).map {
            $0..<min($0 + IndexWriter.analysisChunk, model.sections.count)
        }
        let reuse = previous.map { SectionTermsReuse(database: $0) }
        let pipeline = AnalysisPipeline(vocabulary: vocabulary, sections: model.sections, reuse: reuse)
        // Rows equal to the previous index's are copied by SQLite in runs, without passing through Swift.
        let copyStmt = previous == nil ? nil : try database.prepare("INSERT INTO sections SELECT * FROM prev.sections WHERE id >= ? AND id < ?")
        if let first = chunks.first { pipeline.start(first) }
        for (n, chunk) in chunks.enumerated() {
            let (analyses, sameRows) = pipeline.wait()
            if n + 1 < chunks.count { pipeline.start(chunks[n + 1]) }
            var run = chunk.lowerBound
            for i in chunk.lowerBound...chunk.upperBound where i == chunk.upperBound || !sameRows.contains(i) {
                if let copyStmt, run < i { try copyStmt.run([.int(Int64(run)), .int(Int64(i))]) }
                run = i + 1
                guard i < chunk.upperBound else { break }
                let s = model.sections[i], analysis = analyses[i - chunk.lowerBound]
                try secStmt.run(s.row(id: i).values + [.text(s.body), .text(analysis.stemSet)])
            }
            for i in chunk {
                let s = model.sections[i], analysis = analyses[i - chunk.lowerBound]
                if keepFTS?[i] != true {
                    try ftsStmt.run([.int(Int64(i)), .text(s.titleText), .text(s.namesText), .text(s.body)])
                    ftsRows += 1
                }
                vectors.add(analysis, section: i, entity: s.entity)
            }
        }
        vocabulary = pipeline.finish()
        PhaseClock.mark("w.sections+fts (\(reuse?.reused ?? 0) sections' terms reused)")
        for (k, e) in model.entities.enumerated() {
            vectors.add(entityAnalyses[k], section: nil, entity: e.id)
        }
        let order = vocabulary.canonicalOrder()
        vectors.renumber(sorted: order.sorted, rank: order.rank)
        PhaseClock.mark("w.renumber")
        try writeSectionTerms(vectors, vocabulary: order.sorted)
        let unitStmt = try database.prepare("INSERT INTO vec_units(id, section_id, entity_id, norm_terms) VALUES (?,?,?,?)")
        for (i, u) in vectors.units.enumerated() {
            try unitStmt.run([.int(Int64(i)), .opt(u.section), .opt(u.entity), .int(Int64(u.termCount))])
        }
        let termStmt = try database.prepare("INSERT INTO vec_terms(term, df, idf, postings) VALUES (?,?,?,?)")
        try vectors.forEachTerm { term, df, idf, postings in
            try termStmt.run([.text(term), .int(Int64(df)), .double(idf), .blob(postings)])
        }
        PhaseClock.mark("w.vectors")
        let decStmt = try database.prepare("INSERT INTO decisions(\(StoredDecision.columns)) VALUES (\(placeholders(16)))")
        let deStmt = try database.prepare("INSERT OR IGNORE INTO decision_entities(decision_id, entity_id, chosen) VALUES (?,?,?)")
        for d in model.decisions {
            try decStmt.run(d.row.values)
            for (e, chosen) in d.entities { try deStmt.run([.int(Int64(d.id)), .int(Int64(e)), .int(chosen ? 1 : 0)]) }
        }
        let probStmt = try database.prepare("INSERT INTO problems(\(StoredProblem.columns)) VALUES (\(placeholders(4)))")
        for p in model.problems { try probStmt.run(p.values) }
        PhaseClock.mark("w.decisions")
        try writePreload(model)
        PhaseClock.mark("w.preload")
        // One segment for a table written whole; a patched table keeps the previous one plus the
        // changed rows' (FTS5's automerge bounds the segments), since merging rewrites them all.
        if keepFTS == nil { try database.execute("INSERT INTO section_fts(section_fts) VALUES ('optimize')") }
        PhaseClock.mark("w.optimize")
        return Work(ftsRows: ftsRows, sectionsAnalysed: model.sections.count - (reuse?.reused ?? 0))
    }

    /// Stores the vocabulary and each section's terms for the next incremental build.
    func writeSectionTerms(_ vectors: VectorIndexBuilder, vocabulary: [String]) throws {
        var w = PreloadBlob.Writer()
        w.strings(vocabulary)
        try database.prepare("INSERT INTO build_cache(name, data) VALUES (?, ?)").run([.text(SectionTermsReuse.vocabularyName), .blob(w.bytes)])
        let stmt = try database.prepare("INSERT INTO section_terms(id, terms) VALUES (?, ?)")
        try vectors.forEachSectionUnit { section, ranks, counts in
            try stmt.run([.int(Int64(section)), .blob(SectionTermsReuse.encode(ranks: ranks, counts: counts))])
        }
    }

    /// Sections analysed at once: bounds the analyses held in memory (two chunks: the one written
    /// and the next) while keeping every core busy.
    static let analysisChunk = 4096

    /// The distinct stems of a text, space-separated: what coverage checks at query time.
    static func stemSet(_ text: String) -> String {
        Set(Tokenizer.stems(text)).sorted().joined(separator: " ")
    }
}
