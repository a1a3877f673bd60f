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
    public var indexPath = ""
    public var roots: [String] = []
}

/// Builds an index file from corpus roots: scan, parse, assemble, write to a temporary file, rename.
///
/// The rename is atomic, so a crash or Ctrl-C mid-build leaves the previous index usable. When
/// every file's content hash matches the existing index (same roots, same schema), nothing is
/// rewritten.
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

        // Read every file once: hash first, parse only if the corpus changed.
        var contents: [(CorpusFile, Data)] = []
        for f in files {
            if let data = FileManager.default.contents(atPath: f.path) {
                contents.append((f, data))
            } else {
                report.skipped.append((f.displayPath, "unreadable"))
                scanProblems.append(.init(path: f.displayPath, line: 0, severity: "error", message: "skipped: unreadable"))
            }
        }
        let thesaurusLines = roots.flatMap { root -> [String] in
            let p = root + "/thesaurus.txt"
            guard let t = try? String(contentsOfFile: p, encoding: .utf8) else { return [] }
            return t.lineArray
        }
        let hashes = contents.map { ContentHash.hex($0.1) }
        let fingerprint = IndexBuilder.fingerprint(zip(contents, hashes).map { ($0.0.0.path, $0.1) }, roots: roots, thesaurus: thesaurusLines)
        if !force, let existing = try? IndexReader(path: indexPath), existing.meta["fingerprint"] == fingerprint {
            report.unchanged = true
            report.documentsByKind = existing.documentCountsByKind()
            report.decisionsByStatus = existing.decisionCountsByStatus()
            report.entities = existing.entities.count
            report.sections = existing.sectionCount
            report.seconds = Date().timeIntervalSince(start)
            return report
        }

        var documents: [IndexModel.Document] = []
        var parseProblems: [IndexModel.Problem] = scanProblems
        for (i, outcome) in IndexBuilder.parseAll(contents).enumerated() {
            let f = contents[i].0
            switch outcome {
            case .parsed(let doc):
                for w in doc.warnings { parseProblems.append(.init(path: f.displayPath, line: 1, severity: "warning", message: w)) }
                documents.append(.init(parsed: doc, hash: hashes[i], modified: f.modified, size: f.size))
            case .skipped(let reason):
                report.skipped.append((f.displayPath, reason))
                parseProblems.append(.init(path: f.displayPath, line: 0, severity: "error", message: "skipped: \(reason)"))
            }
        }
        contents = []
        var assembler = EntityAssembler(documents: documents, roots: roots)
        var model = assembler.assemble()
        model.sections = SectionSplitter.split(model.sections)
        model.problems = parseProblems + model.problems
        model.thesaurusLines = thesaurusLines

        let meta: [String: String] = [
            "roots": IndexSchema.joinList(roots),
            "project_root": projectRoot,
            "built_at": String(Date().timeIntervalSince1970),
            "fingerprint": fingerprint,
            "archkb_version": ArchKBVersion.current,
            "builder_revision": String(IndexSchema.builderRevision),
        ]
        try IndexBuilder.writeAtomically(model, meta: meta, to: indexPath)

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

    /// Writes to `<path>.tmp-<pid>` then renames over `path`.
    static func writeAtomically(_ model: IndexModel, meta: [String: String], to path: String) throws {
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
        do {
            let db = try SQLiteDatabase(path: tmp, readOnly: false, create: true)
            try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            try IndexWriter(database: db).write(model, meta: meta)
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
