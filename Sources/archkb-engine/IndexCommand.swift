import ArgumentParser
import ArchKBIndex
import ArchKBRender

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the index from corpus roots (atomically; unchanged corpora are left alone).")

    @OptionGroup var options: IndexOptions

    @Option(name: .long, help: ArgumentHelp("A corpus root to index (repeatable). Default: the roots recorded in the index, archkb.toml, or the bundled Corpus/.", valueName: "dir"), completion: .directory)
    var corpus: [String] = []

    @Flag(name: [.customLong("full"), .customLong("force")], help: "Rebuild everything, parsing every file again (default: only changed and added files are parsed; nothing is rewritten when nothing changed).")
    var full = false

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let ws = options.workspace
        let recorded = (try? IndexReader(path: ws.indexPath))?.roots ?? []
        let roots = ws.roots(flags: corpus, recorded: recorded)
        do {
            let report = try Progress.while("indexing \(roots.joined(separator: ", "))") {
                try IndexBuilder(roots: roots, projectRoot: ws.projectRoot, indexPath: ws.indexPath, force: full).build()
            }
            print(json ? IndexReportText.json(report) : IndexReportText.render(report))
        } catch {
            printError("\(error)")
            throw Exit.error
        }
    }
}

enum IndexReportText {
    /// The report as one JSON object (`archkb index --json`).
    static func json(_ r: IndexBuildReport) -> String {
        func counts(_ d: [String: Int]) -> JSONValue { .object(d.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }) }
        return JSONValue.object([
            ("index", .string(r.indexPath)), ("unchanged", .bool(r.unchanged)), ("roots", .strings(r.roots)),
            ("documents", .int(r.documentsByKind.values.reduce(0, +))), ("documents_by_kind", counts(r.documentsByKind)),
            ("entities", .int(r.entities)), ("sections", .int(r.sections)), ("decisions_by_status", counts(r.decisionsByStatus)),
            ("skipped", .array(r.skipped.map { .object([("path", .string($0.path)), ("reason", .string($0.reason))]) })),
            ("warnings", .int(r.warnings)), ("milliseconds", .int(Int((r.seconds * 1000).rounded()))),
            ("incremental", .bool(r.incremental)), ("changed", .int(r.changed)), ("added", .int(r.added)),
            ("removed", .int(r.removed)), ("parsed", .int(r.parsed)), ("fts_rows_written", .int(r.ftsRowsWritten)),
            ("sections_analysed", .int(r.sectionsAnalysed)),
        ]).serialized()
    }

    static func render(_ r: IndexBuildReport) -> String {
        var lines: [String] = []
        let total = r.documentsByKind.values.reduce(0, +)
        lines.append(r.unchanged ? "index is up to date: \(r.indexPath)" : "indexed \(total) documents into \(r.indexPath)")
        lines.append("  roots: " + r.roots.joined(separator: ", "))
        lines.append("  " + changes(r))
        lines.append("  documents: " + r.documentsByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        lines.append("  entities: \(r.entities), sections: \(r.sections)")
        if !r.decisionsByStatus.isEmpty {
            lines.append("  decisions: " + r.decisionsByStatus.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        }
        if !r.skipped.isEmpty {
            lines.append("  skipped \(r.skipped.count) file(s):")
            for s in r.skipped { lines.append("    \(s.path): \(s.reason)") }
        }
        if r.warnings > 0 { lines.append("  \(r.warnings) warning(s); see `archkb doctor`") }
        lines.append("  took \(Int((r.seconds * 1000).rounded())) ms")
        return lines.joined(separator: "\n")
    }

    /// What the build did with the files: "3 changed, 1 added, 0 removed; parsed 4 of 120 files".
    static func changes(_ r: IndexBuildReport) -> String {
        let total = r.documentsByKind.values.reduce(0, +)
        guard r.incremental else { return "full build: parsed \(r.parsed) files" }
        let counts = "\(r.changed) changed, \(r.added) added, \(r.removed) removed"
        return r.unchanged ? "\(counts): nothing to do"
            : "\(counts); parsed \(r.parsed) of \(total) files, analysed \(r.sectionsAnalysed) of \(r.sections) sections, wrote \(r.ftsRowsWritten) FTS5 rows"
    }
}
