import ArchKBCorpus
import ArchKBIndex

extension Searcher {
    /// Whether an entity passes the question's kind and area filters.
    func passes(_ entity: Int, options: AskOptions) -> Bool {
        let e = reader.entities[entity]
        if let kind = options.kind?.lowercased(), e.kind != kind { return false }
        if let area = options.area?.lowercased(), !e.area.lowercased().contains(area) { return false }
        return true
    }
}
