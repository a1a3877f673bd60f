import ArchKBCorpus
import ArchKBIndex

extension Searcher {
    /// Title words that say a decision replaces an earlier one ("Mongo Replacement by DocumentDB").
    static let replacementCues: Set<String> = Set([
        "replace", "replaces", "replacement", "replacing", "migrate", "migration", "move", "moving", "switch",
        "instead", "remove", "removal", "retire", "deprecate", "drop", "sunset", "decommission", "undo", "revert",
        "away", "supersede", "successor",
    ].map(Tokenizer.stem))

    /// Marks listed decisions that a later decision in force replaced although their own status was
    /// never updated, and lists the replacement right above the record it replaced.
    ///
    /// A later record N (by date, else by number) replaces an earlier in-force record D when N is
    /// itself in force, belongs to the same log (corpus root), is not already linked to D, and either
    /// (a) N's title carries a replacement cue (replace, migrate, remove, …), shares a word of
    ///     substance with D's title, and both records name a subject word of the question, or
    /// (b) N chooses an entity in an area where D chose another, and N's record names D's choice.
    /// The inference is shown with its reason; the statuses themselves are left as written.
    func inferReplacements(_ hits: inout [DecisionHit], plan: CoveragePlan) throws {
        // The question's stems and its one-word synonyms ("mongo" for "mongodb"), never parts of phrases.
        let subject = Set(plan.terms.flatMap { [$0.stem] + $0.synonyms.filter { $0.count == 1 }.flatMap { $0 } })
        // Successors may be listed, or be records whose title says they replace something.
        let listed = Set(hits.map(\.decision))
        let titled = replacementTitled
        var i = 0
        while i < hits.count {
            let d = reader.decisions[hits[i].decision]
            var inserted = false
            if effectiveStatus(d).isPrecedent || effectiveStatus(d) == .unknown {
                // Unlisted records in id order, only those whose title shares a word with d's or that
                // list d's choice (no other can pass `replacementReason`): at 100k sections thousands
                // of titles carry a cue.
                let candidates = hits.map(\.decision) + titled.candidates(for: d, titleStems: titleStems(ofDecision: d)).filter { !listed.contains($0) }
                for c in candidates where c != d.id {
                    let n = reader.decisions[c]
                    guard !effectiveStatus(n).isWithdrawn, sameLog(n, d), comesAfter(n, d),
                          !d.supersededBy.contains(n.id), !n.supersedes.contains(d.id),
                          let reason = try replacementReason(n, replacing: d, subject: subject) else { continue }
                    hits[i].replacedBy.append(label(n))
                    hits[i].note = "inferred: a later decision in force (\(effectiveStatus(n).rawValue)\(n.date.map { ", \($0)" } ?? "")) \(reason); this record's status was never updated"
                    // The replacement goes right above the record it replaced.
                    if let j = hits.firstIndex(where: { $0.decision == n.id }) {
                        if j > i { hits.insert(hits.remove(at: j), at: i); inserted = true }
                    } else {
                        var m = DecisionMatch(decision: n.id, score: hits[i].score)
                        m.recordCoverage = plan.coverage(of: StemSets(sets: [titleStems(ofDecision: n), try recordStems(ofDecision: n.id)])).ratio
                        hits.insert(decisionHit(m, explain: false), at: i)
                        inserted = true
                    }
                    break
                }
            }
            i += inserted ? 2 : 1
        }
    }

    /// Decisions whose title carries a replacement cue (the only unlisted records `inferReplacements`
    /// considers), found once per searcher.
    var replacementTitled: ReplacementTitled {
        if let cached = replacementTitledCache { return cached }
        let cues = ["replac", "migrat", "move", "moving", "switch", "instead", "remov", "retir", "deprecat", "drop", "sunset",
                    "decommission", "undo", "revert", "supersed", "successor"]
        var out = ReplacementTitled()
        for d in reader.decisions {
            // Byte searches: Foundation's `contains` over every title took a third of a one-shot
            // ask at 20k decisions.
            let t = d.title.lowercased()
            guard cues.contains(where: { t.containsASCII($0) }) else { continue }
            out.add(d, concern: titleStems(ofDecision: d).subtracting(Searcher.replacementCues).subtracting(Searcher.genericTitleStems))
        }
        replacementTitledCache = out
        return out
    }

    /// Title words that name no concern ("Use X", "Adopt Y", "md" of the file name).
    static let genericTitleStems: Set<String> = Set(["use", "using", "adopt", "new", "decision", "record", "adr", "md", "rst",
                                                     "approach", "strategy", "introduce", "add"].map(Tokenizer.stem))

    /// Why `n` replaces `d`, or nil when nothing says it does (rules (a) and (b) of `inferReplacements`).
    private func replacementReason(_ n: StoredDecision, replacing d: StoredDecision, subject: Set<String>) throws -> String? {
        let nTitle = titleStems(ofDecision: n)
        let sameConcern = !nTitle.subtracting(Searcher.replacementCues).subtracting(Searcher.genericTitleStems)
            .isDisjoint(with: titleStems(ofDecision: d))
        if sameConcern && !nTitle.isDisjoint(with: Searcher.replacementCues) {
            let shared = subject.intersection(try recordStems(ofDecision: n.id)).intersection(try recordStems(ofDecision: d.id))
            if !shared.isEmpty { return "whose title says it replaces this subject" }
        }
        let dChose = d.entities.filter(\.chosen).map(\.id)
        for (e, chosen) in n.entities where chosen && !dChose.contains(e) {
            for old in dChose where reader.entities[old].area == reader.entities[e].area
                && n.entities.contains(where: { $0.id == old && !$0.chosen }) {
                return "that chooses \(reader.entities[e].name) over \(reader.entities[old].name)"
            }
        }
        return nil
    }

    /// Whether two records belong to the same decision log (the same corpus root): one team's
    /// later decision never replaces another team's.
    func sameLog(_ a: StoredDecision, _ b: StoredDecision) -> Bool { root(ofDocument: a.document) == root(ofDocument: b.document) }

    /// Index of the longest corpus root (as recorded in the index) that holds the document, or -1.
    func root(ofDocument id: Int) -> Int {
        if let cached = rootOfDocument[id] { return cached }
        let roots = reader.roots
        let path = reader.documents[id].path
        var best = -1
        for (i, r) in roots.enumerated() where path.hasPrefix(r.hasSuffix("/") ? r : r + "/") {
            if best < 0 || r.count > roots[best].count { best = i }
        }
        rootOfDocument[id] = best
        return best
    }

    /// Whether `a` was decided after `b`: by date when both have one, else by number.
    private func comesAfter(_ a: StoredDecision, _ b: StoredDecision) -> Bool {
        if let da = a.date, let db = b.date, da != db { return da > db }
        if let na = a.number, let nb = b.number, na != nb { return na > nb }
        return false
    }
}
