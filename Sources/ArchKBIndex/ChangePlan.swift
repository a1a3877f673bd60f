import ArchKBCorpus
import Foundation

/// What an index build does with each corpus file: take its parse from the previous index, or
/// read and parse it.
///
/// A file whose size and modification time match the previous index's row is not even read; one
/// whose stat differs is read and hashed, and re-parsed only when its content hash differs (or it
/// is new). Files the previous index had and the scan no longer finds are removed.
struct ChangePlan {
    /// Where a file's document comes from.
    enum Source {
        /// The previous index's stored parse of document `id`.
        case stored(id: Int)
        /// The file's bytes, to parse.
        case text(Data)
    }

    struct Item {
        var file: CorpusFile
        var hash: String
        var source: Source
    }

    var items: [Item] = []
    var changed = 0
    var added = 0
    var removed = 0

    /// Classifies `files` against `previous` (nil: every file is parsed); unreadable files are
    /// reported as skipped.
    init(files: [CorpusFile], previous: PreviousIndex?, report: inout IndexBuildReport, problems: inout [IndexModel.Problem]) {
        var seen = Set<String>()
        for f in files {
            let old = previous?.entries[f.path]
            if let old, old.displayPath == f.displayPath, old.size == f.size, old.modified == f.modified {
                items.append(Item(file: f, hash: old.hash, source: .stored(id: old.id)))
                seen.insert(f.path)
                continue
            }
            guard let data = FileManager.default.contents(atPath: f.path) else {
                report.skipped.append((f.displayPath, "unreadable"))
                problems.append(.init(path: f.displayPath, line: 0, severity: "error", message: "skipped: unreadable"))
                continue
            }
            let hash = ContentHash.hex(data)
            if let old {
                seen.insert(f.path)
                if old.displayPath == f.displayPath && old.hash == hash {
                    items.append(Item(file: f, hash: hash, source: .stored(id: old.id)))
                    continue
                }
                changed += 1
            } else if let previous, !previous.skipped.contains(f.displayPath) {
                added += 1
            }
            items.append(Item(file: f, hash: hash, source: .text(data)))
        }
        removed = (previous?.entries.keys.filter { !seen.contains($0) }.count) ?? 0
    }

    /// The number of files this plan parses.
    var parsedCount: Int {
        items.reduce(0) { n, item in if case .text = item.source { n + 1 } else { n } }
    }

    /// The documents in file order, each one's parse inserted into `doc_parses` of `output` under
    /// its document id; files that do not parse are reported as skipped. The files' bytes are
    /// released once parsed (a full build would otherwise hold the whole corpus to the end).
    mutating func documents(previous: PreviousIndex?, output: SQLiteDatabase, report: inout IndexBuildReport,
                            problems: inout [IndexModel.Problem]) throws -> [IndexModel.Document] {
        var toParse: [(CorpusFile, Data)] = []
        for i in items.indices {
            guard case .text(let data) = items[i].source else { continue }
            toParse.append((items[i].file, data))
            items[i].source = .text(Data())
        }
        var outcomes = IndexBuilder.parseAll(toParse).makeIterator()
        toParse = []
        let insert = try output.prepare("INSERT INTO doc_parses(doc_id, parsed) VALUES (?, ?)")
        var documents: [IndexModel.Document] = []
        for item in items {
            let f = item.file
            var outcome: IndexBuilder.ParseOutcome
            var bytes: [UInt8]?
            var stored = false
            if case .stored(let id) = item.source, let storedBytes = previous?.storedParse(id), let doc = ParsedDocument.decoded(storedBytes) {
                outcome = .parsed(doc)
                bytes = storedBytes
                stored = true
            } else if case .stored = item.source {
                // A stored parse that is missing or unreadable: parse the file again.
                guard let data = FileManager.default.contents(atPath: f.path) else {
                    report.skipped.append((f.displayPath, "unreadable"))
                    problems.append(.init(path: f.displayPath, line: 0, severity: "error", message: "skipped: unreadable"))
                    continue
                }
                outcome = IndexBuilder.parseAll([(f, data)])[0]
            } else {
                outcome = outcomes.next() ?? .skipped("not parsed")
            }
            switch outcome {
            case .parsed(let doc):
                for w in doc.warnings { problems.append(.init(path: f.displayPath, line: 1, severity: "warning", message: w)) }
                try insert.run([.int(Int64(documents.count)), .blob(bytes ?? doc.encoded())])
                documents.append(.init(parsed: doc, hash: item.hash, modified: f.modified, size: f.size, fromPreviousIndex: stored))
            case .skipped(let reason):
                report.skipped.append((f.displayPath, reason))
                problems.append(.init(path: f.displayPath, line: 0, severity: "error", message: "skipped: \(reason)"))
            }
        }
        return documents
    }
}
