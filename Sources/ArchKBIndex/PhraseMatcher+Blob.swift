extension PhraseMatcher {
    /// Appends the matcher's phrases (already stemmed and ordered) to a preload blob.
    func encode(into w: inout PreloadBlob.Writer) {
        w.int(added)
        w.strings(stems.sorted())
        let keys = byFirstWord.keys.sorted()
        w.int(keys.count)
        for key in keys {
            let entries = byFirstWord[key] ?? []
            w.string(key)
            w.int(entries.count)
            for e in entries {
                w.strings(e.words)
                w.strings(e.plain)
                w.string(e.original)
                w.int(e.entity)
                w.int(e.caseSensitive ? 1 : 0)
                w.int(e.order)
            }
        }
    }

    /// Reads a matcher written by `encode(into:)`; nil when the blob is malformed.
    static func decode(from r: inout PreloadBlob.Reader) -> PhraseMatcher? {
        var m = PhraseMatcher()
        guard let added = r.int(), let stems = r.strings(), let keyCount = r.count() else { return nil }
        m.added = added
        m.stems = Set(stems)
        m.byFirstWord.reserveCapacity(keyCount)
        for _ in 0..<keyCount {
            guard let key = r.string(), let n = r.count() else { return nil }
            var entries: [Entry] = []
            entries.reserveCapacity(n)
            for _ in 0..<n {
                guard let words = r.strings(), let plain = r.strings(), let original = r.string(),
                      let entity = r.int(), let caseSensitive = r.int(), let order = r.int() else { return nil }
                entries.append(Entry(words: words, plain: plain, original: original, entity: entity, caseSensitive: caseSensitive != 0, order: order))
            }
            m.byFirstWord[key] = entries
        }
        return m
    }
}
