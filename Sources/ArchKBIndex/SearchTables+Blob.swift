extension SearchTables {
    /// Bumped whenever the blob's layout changes; a blob of another format is ignored (and rebuilt on open).
    static let blobFormat = 1
    /// The blob's name in the `preload` table.
    static let blobName = "search_tables"

    /// The tables as one blob: format, matcher, sections by entity, related lists, domain stems.
    func encoded() -> [UInt8] {
        var w = PreloadBlob.Writer()
        w.int(SearchTables.blobFormat)
        nameMatcher.encode(into: &w)
        let owners = sectionsByEntity.keys.sorted()
        w.int(owners.count)
        for e in owners {
            w.int(e)
            w.ints(sectionsByEntity[e] ?? [])
        }
        w.int(relatedEntities.count)
        for r in relatedEntities { w.ints(r) }
        w.strings(domainStems.sorted())
        return w.bytes
    }

    /// Reads tables written by `encoded()`; nil for another format or a malformed blob.
    static func decode(_ bytes: [UInt8]) -> SearchTables? {
        var r = PreloadBlob.Reader(bytes)
        guard r.int() == blobFormat, let matcher = PhraseMatcher.decode(from: &r), let owners = r.count() else { return nil }
        var byEntity: [Int: [Int]] = [:]
        byEntity.reserveCapacity(owners)
        for _ in 0..<owners {
            guard let e = r.int(), let ids = r.ints() else { return nil }
            byEntity[e] = ids
        }
        guard let n = r.count() else { return nil }
        var related: [[Int]] = []
        related.reserveCapacity(n)
        for _ in 0..<n {
            guard let ids = r.ints() else { return nil }
            related.append(ids)
        }
        guard let domain = r.strings(), r.atEnd else { return nil }
        return SearchTables(nameMatcher: matcher, sectionsByEntity: byEntity, relatedEntities: related, domainStems: Set(domain))
    }
}
