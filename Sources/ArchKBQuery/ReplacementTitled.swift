import ArchKBIndex

/// The decisions whose title says they replace something, looked up by what they could replace.
///
/// `Searcher.replacementReason` accepts a successor n for a record d only when (a) n's title, less
/// its cue and generic words, shares a stem with d's title, or (b) n lists an entity d chose
/// without choosing it. So a record's possible successors are those filed under one of its title
/// stems or under one of its chosen entities: found by lookup instead of a pass over every titled
/// record for every listed decision.
struct ReplacementTitled {
    /// Title stem (cue and generic words left out) → titled decisions, in id order.
    var byConcern: [String: [Int]] = [:]
    /// Entity id → titled decisions that list it without choosing it, in id order.
    var byOption: [Int: [Int]] = [:]
    var count = 0

    /// Files `d` (added in id order) under its concern stems and the entities it did not choose.
    mutating func add(_ d: StoredDecision, concern: Set<String>) {
        for stem in concern { byConcern[stem, default: []].append(d.id) }
        for e in d.entities where !e.chosen { byOption[e.id, default: []].append(d.id) }
        count += 1
    }

    /// The titled decisions that may replace `d` (whose title stems are `titleStems`), in id order.
    func candidates(for d: StoredDecision, titleStems: Set<String>) -> [Int] {
        var ids = Set<Int>()
        for stem in titleStems { ids.formUnion(byConcern[stem] ?? []) }
        for e in d.entities where e.chosen { ids.formUnion(byOption[e.id] ?? []) }
        return ids.sorted()
    }
}
