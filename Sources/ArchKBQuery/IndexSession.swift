import ArchKBCorpus
import ArchKBIndex

/// Opens the index for a command, building or refreshing it first when that is the right thing.
///
/// A missing index is built. A stale default index (the bundled corpus) is rebuilt; a stale index the
/// user chose is used as it is, and answers say it is stale.
public struct IndexSession {
    public let reader: IndexReader
    public let searcher: Searcher
    public let stale: Bool

    public static func open(_ ws: Workspace, autoBuild: Bool = true, log: (String) -> Void) throws -> IndexSession {
        var reader: IndexReader
        do {
            reader = try IndexReader(path: ws.indexPath)
        } catch IndexError.missing {
            guard autoBuild else { throw IndexError.missing(path: ws.indexPath) }
            let roots = ws.roots(flags: [], recorded: [])
            log("archkb: no index yet; indexing \(roots.joined(separator: ", ")) …")
            let report = try IndexBuilder(roots: roots, projectRoot: ws.projectRoot, indexPath: ws.indexPath).build()
            log("archkb: indexed \(report.documentsByKind.values.reduce(0, +)) documents, \(report.entities) entities in \(Int(report.seconds * 1000)) ms")
            reader = try IndexReader(path: ws.indexPath)
        }
        var stale = false
        if autoBuild && reader.corpusChanged() {
            if ws.isDefaultIndex {
                log("archkb: the corpus or archkb's indexing changed; re-indexing …")
                let roots = ws.roots(flags: [], recorded: reader.roots)
                _ = try IndexBuilder(roots: roots, projectRoot: ws.projectRoot, indexPath: ws.indexPath).build()
                reader = try IndexReader(path: ws.indexPath)
            } else {
                stale = true
            }
        }
        return IndexSession(reader: reader, searcher: Searcher(reader: reader), stale: stale)
    }
}
