import ArchKBCorpus
import ArchKBIndex

/// Section- and unit-level hits from both retrieval lists, before aggregation.
struct Evidence {
    /// section id → bm25 as a positive score (−bm25).
    var bm25: [Int: Double] = [:]
    var bm25Max = 0.0
    /// unit id → cosine.
    var cosine: [Int: Double] = [:]
    var cosineMax = 0.0
}

extension Searcher {
    func retrieve(_ q: Question, ranker: Ranker) throws -> Evidence {
        var ev = Evidence()
        if ranker != .tfidf {
            for hit in try reader.fullTextSearch(phrases: q.ftsPhrases, limit: model.retrievalDepth) {
                let s = -hit.bm25
                ev.bm25[hit.section] = s
                ev.bm25Max = max(ev.bm25Max, s)
            }
        }
        if ranker != .bm25 {
            for hit in try reader.vectorSearch(query: q.terms, limit: model.retrievalDepth) {
                ev.cosine[hit.unit] = hit.cosine
                ev.cosineMax = max(ev.cosineMax, hit.cosine)
            }
        }
        return ev
    }
}

extension PhraseMatcher {
    /// Registers a name that matches whatever its capitalisation (for matching questions).
    public mutating func addCaseInsensitive(_ phrase: String, entity: Int) {
        add(phrase, entity: entity, exactCaseForShortNames: false)
    }
}
