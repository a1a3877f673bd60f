import ArchKBCorpus
import ArchKBIndex

/// Completion candidates for question words: entity names, aliases, areas and ADR titles,
/// in a sorted array searched by binary search on a lowercased prefix.
///
/// Multi-word prefixes ("cache inv") work because candidates are whole phrases; a candidate also
/// matches at any later word ("inv" finds "cache invalidation"), ranked after whole-phrase matches.
public struct CompletionIndex: Sendable {
    struct Entry: Sendable {
        var key: String
        var text: String
        var weight: Int
    }

    private var entries: [Entry] = []

    public init(reader: IndexReader) {
        var seen = Set<String>()
        var raw: [(String, Int)] = []
        func add(_ text: String, _ weight: Int) {
            let t = text.trimmed
            guard !t.isEmpty, t.count <= 120 else { return }
            raw.append((t, weight))
        }
        for e in reader.entities {
            add(e.name, e.source == "card" ? 3 : 1)
            for a in e.aliases { add(a, 2) }
        }
        for area in Set(reader.entities.map(\.area)) { add(area, 2) }
        for d in reader.decisions { add(d.title, 1) }
        for (text, weight) in raw {
            let lower = text.lowercased()
            // Whole phrase, then each later word start, so "inv" finds "cache invalidation".
            let words = lower.split(separator: " ")
            for i in words.indices {
                let key = words[i...].joined(separator: " ")
                let id = key + "\u{0}" + text
                if seen.insert(id).inserted { entries.append(Entry(key: key, text: text, weight: i == 0 ? weight + 10 : weight)) }
            }
        }
        entries.sort { $0.key < $1.key }
    }

    /// Up to `limit` candidates starting with `prefix` (case-insensitive), best first.
    public func complete(_ prefix: String, limit: Int = 20) -> [String] {
        let p = prefix.lowercased().split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") + (prefix.hasSuffix(" ") ? " " : "")
        guard !p.trimmed.isEmpty else { return [] }
        var lo = 0
        var hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].key < p { lo = mid + 1 } else { hi = mid }
        }
        var hits: [Entry] = []
        var i = lo
        while i < entries.count, entries[i].key.hasPrefix(p), hits.count < 2000 {
            hits.append(entries[i])
            i += 1
        }
        hits.sort { $0.weight > $1.weight || ($0.weight == $1.weight && ($0.text.count < $1.text.count || ($0.text.count == $1.text.count && $0.text < $1.text))) }
        var out: [String] = []
        var seen = Set<String>()
        for h in hits where seen.insert(h.text.lowercased()).inserted {
            out.append(h.text)
            if out.count >= limit { break }
        }
        return out
    }
}
