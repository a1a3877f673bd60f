import ArchKBCore
import ArchKBCorpus
import Foundation

/// What `archkb index` did: counts by kind and status, skipped files, timing.
public struct IndexBuildReport: Sendable {
    public var documentsByKind: [String: Int] = [:]
    public var decisionsByStatus: [String: Int] = [:]
    public var entities = 0
    public var sections = 0
    public var skipped: [(path: String, reason: String)] = []
    public var warnings = 0
    public var seconds = 0.0
    /// True when the corpus had not changed and the index was left as it was.
    public var unchanged = false
    /// True when the previous index served the build: only changed and added files were parsed.
    public var incremental = false
    /// Files whose content changed, files new to the index, files gone from the corpus.
    public var changed = 0
    public var added = 0
    public var removed = 0
    /// Files parsed by this build (every file in a full build).
    public var parsed = 0
    /// Rows inserted into FTS5: every section, unless the previous index's table was patched.
    public var ftsRowsWritten = 0
    /// Sections tokenized and stemmed: every section, unless their stored terms were reused.
    public var sectionsAnalysed = 0
    public var indexPath = ""
    public var roots: [String] = []
}

/// Builds an index file from corpus roots: scan, parse, assemble, write to a temporary file, rename.
///
/// The rename is atomic, so a crash or Ctrl-C mid-build leaves the previous index usable. When
/// every file's content hash matches the existing index (same roots, same schema), nothing is
/// rewritten. Otherwise the build is incremental when the existing index was written by the same
/// schema, builder revision and release: only changed and added files are parsed, the rest come
/// from the parses the index stores (`ChangePlan`), and everything after parsing (entities,
/// decision links, idf, vectors, FTS5, preload tables) is derived again from all documents, so the
/// result is the index a full build (`force`) writes.
public struct IndexBuilder {
    public var roots: [String]
    public var projectRoot: String
    public var indexPath: String
    public var force = false

    public init(roots: [String], projectRoot: String, indexPath: String, force: Bool = false) {
        self.roots = roots.map { IndexBuilder.absolute($0) }
        self.projectRoot = projectRoot
        self.indexPath = indexPath
        self.force = force
    }

    public static func absolute(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        var p = url.standardizedFileURL.path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }

    public func build() throws -> IndexBuildReport {
        let start = Date()
        var report = IndexBuildReport()
        report.indexPath = indexPath
        report.roots = roots
        let scanner = CorpusScanner(projectRoot: projectRoot)
        let (files, passedOver) = try scanner.scan(under: roots)
        var scanProblems: [IndexModel.Problem] = []
        for s in passedOver {
            report.skipped.append((s.path, s.reason))
            scanProblems.append(.init(path: s.path, line: 0, severity: "warning", message: "skipped: \(s.reason)"))
        }

        // Files whose stat or content hash match the previous index keep its stored parse.
        PhaseClock.mark("scan")
        let previous = force ? nil : PreviousIndex.open(indexPath)
        PhaseClock.mark("previous")
        var problems = scanProblems
        var plan = ChangePlan(files: files, previous: previous, report: &report, problems: &problems)
        let thesaurusLines = roots.flatMap { root -> [String] in
            let p = root + "/thesaurus.txt"
            guard let t = try? String(contentsOfFile: p, encoding: .utf8) else { return [] }
            return t.lineArray
        }
        let fingerprint = IndexBuilder.fingerprint(plan.items.map { ($0.file.path, $0.hash) }, roots: roots, thesaurus: thesaurusLines)
        PhaseClock.mark("plan+fingerprint")
        report.incremental = previous != nil
        (report.changed, report.added, report.removed) = (plan.changed, plan.added, plan.removed)
        report.parsed = plan.parsedCount
        if let previous, previous.meta["fingerprint"] == fingerprint {
            report.unchanged = true
            report.parsed = 0
            try previous.describe(into: &report)
            report.seconds = Date().timeIntervalSince(start)
            return report
        }

        let meta: [String: String] = [
            "roots": IndexSchema.joinList(roots),
            "project_root": projectRoot,
            "built_at": String(Date().timeIntervalSince1970),
            "fingerprint": fingerprint,
            "archkb_version": ArchKBVersion.current,
            "builder_revision": String(IndexSchema.builderRevision),
        ]
        var model = IndexModel()
        let seed: ((SQLiteDatabase) throws -> Void)? = previous == nil ? nil : { [indexPath] db in
            try db.execute(IndexSchema.statements)
            try FTSReuse.copy(into: db, from: indexPath)
        }
        try IndexBuilder.writeAtomically(to: indexPath, seed: seed) { db, seeded in
            var writer = IndexWriter(database: db)
            writer.ftsSeeded = seeded
            writer.previous = previous?.database
            try writer.begin()
            let documents = try plan.documents(previous: previous, output: db, report: &report, problems: &problems)
            PhaseClock.mark("documents")
            var assembler = EntityAssembler(documents: documents, roots: roots)
            assembler.linkCache = previous?.decisionLinks()
            model = assembler.assemble()
            PhaseClock.mark("assemble")
            model.sections = SectionSplitter.split(model.sections)
            PhaseClock.mark("split")
            model.problems = problems + model.problems
            model.thesaurusLines = thesaurusLines
            let work = try writer.writeRows(model, meta: meta)
            (report.ftsRowsWritten, report.sectionsAnalysed) = (work.ftsRows, work.sectionsAnalysed)
            try writer.commit()
            PhaseClock.mark("commit")
        }
        PhaseClock.mark("rename")

        for d in model.documents { report.documentsByKind[d.parsed.kind.rawValue, default: 0] += 1 }
        for d in model.decisions { report.decisionsByStatus[d.record.status.rawValue, default: 0] += 1 }
        report.entities = model.entities.count
        report.sections = model.sections.count
        report.warnings = model.problems.count
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// What parsing one file gave: a document, or the reason it was skipped.
    enum ParseOutcome: Sendable {
        case parsed(ParsedDocument)
        case skipped(String)
    }

    /// Parses every file on all cores (files are independent); outcomes in file order.
    static func parseAll(_ contents: [(CorpusFile, Data)]) -> [ParseOutcome] {
        let parser = DocumentParser()
        let chunks = min(contents.count, ParallelWork.cores * 8)
        return ParallelWork.map(count: chunks) { c in
            ParallelWork.slice(c, of: chunks, total: contents.count).map { i -> ParseOutcome in
                let (f, data) = contents[i]
                guard let text = String(data: data, encoding: .utf8) else { return .skipped("not UTF-8 text") }
                do {
                    return .parsed(try parser.parse(text: text, path: f.path, displayPath: f.displayPath))
                } catch {
                    return .skipped("\(error)")
                }
            }
        }.flatMap { $0 }
    }

    /// Runs `write` on a new database at `<path>.tmp-<pid>`, then renames it over `path`; the
    /// temporary file is removed when `write` throws. `seed`, when given, first runs on a
    /// connection of its own (closed before `write`'s opens); `write` learns whether it succeeded
    /// (when it throws, the file starts empty instead).
    static func writeAtomically(to path: String, seed: ((SQLiteDatabase) throws -> Void)? = nil,
                                _ write: (SQLiteDatabase, Bool) throws -> Void) throws {
        let fm = FileManager.default
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty && !fm.fileExists(atPath: dir) {
            do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw IndexError.write(path: path, reason: "cannot create \(dir): \(error.localizedDescription)")
            }
        }
        try IndexFileGuard.prepareToReplace(path)
        let tmp = "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: tmp)
        var seeded = false
        if let seed {
            do {
                let db = try SQLiteDatabase(path: tmp, readOnly: false, create: true)
                try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
                try seed(db)
                seeded = true
            } catch {
                try? fm.removeItem(atPath: tmp)
            }
            PhaseClock.mark("seed")
        }
        do {
            let db = try SQLiteDatabase(path: tmp, readOnly: false, create: true)
            try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            try write(db, seeded)
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw error
        }
        guard rename(tmp, path) == 0 else {
            try? fm.removeItem(atPath: tmp)
            throw IndexError.write(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// A hash over roots, paths and content hashes, stored in the index to detect change.
    static func fingerprint(_ files: [(String, String)], roots: [String], thesaurus: [String]) -> String {
        var text = "v\(IndexSchema.version).\(IndexSchema.builderRevision)|\(ArchKBVersion.current)|" + roots.joined(separator: "|") + "|" + thesaurus.joined(separator: "\n")
        for (p, h) in files { text += "\n\(p) \(h)" }
        return ContentHash.hex(Data(text.utf8))
    }
}
