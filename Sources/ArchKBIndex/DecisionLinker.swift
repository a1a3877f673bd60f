import ArchKBCorpus
import Foundation

/// Resolves links between ADRs and finds the catalog entities each ADR names.
enum DecisionLinker {
    /// Meta key of the fingerprint of what linking compares decisions with (`fingerprint`).
    static let fingerprintKey = "link_fingerprint"

    /// The entities the previous index found in each decision, by the decision's file, and the
    /// fingerprint of the names it matched: an unchanged decision matched against the same names
    /// names the same entities, so an incremental build takes them instead of matching again.
    struct Cache {
        var fingerprint: String
        var entitiesByPath: [String: [(Int, Bool)]]
    }

    /// A hash of every entity's id, name and aliases and every phrase the matcher holds, in order.
    static func fingerprint(_ entities: [IndexModel.Entity], matcher: PhraseMatcher) -> String {
        var text = ""
        for e in entities { text += "\(e.id)\t\(e.name)\t\(IndexSchema.joinList(e.aliases))\n" }
        for entry in matcher.byFirstWord.values.flatMap({ $0 }).sorted(by: { $0.order < $1.order }) {
            text += "\(entry.order)\t\(entry.original)\t\(entry.entity)\t\(entry.caseSensitive)\t\(entry.words.joined(separator: " "))\n"
        }
        return ContentHash.hex(Data(text.utf8))
    }

    static func link(_ model: inout IndexModel, matcher: PhraseMatcher, cache: Cache? = nil) {
        // Index decisions by directory + number and by file name.
        var byDirNumber: [String: [Int]] = [:]
        var byNumber: [Int: [Int]] = [:]
        var byFile: [String: [Int]] = [:]
        for d in model.decisions {
            let path = model.documents[d.document].parsed.path
            let dir = directory(path)
            let file = path.split(separator: "/").last.map { String($0).lowercased() } ?? path
            byFile[file, default: []].append(d.id)
            if let n = d.record.number {
                byDirNumber["\(dir)#\(n)", default: []].append(d.id)
                byNumber[n, default: []].append(d.id)
            }
        }
        func resolve(_ link: DecisionLink, from d: IndexModel.Decision) -> Int? {
            let dir = directory(model.documents[d.document].parsed.path)
            if let file = link.file?.lowercased() {
                if let hits = byFile[file] {
                    return hits.first { directory(model.documents[model.decisions[$0].document].parsed.path) == dir } ?? hits.first
                }
            }
            if let n = link.number {
                if let hits = byDirNumber["\(dir)#\(n)"], let h = hits.first { return h }
                if let hits = byNumber[n], hits.count == 1 { return hits[0] }
            }
            return nil
        }
        func describe(_ link: DecisionLink) -> String { link.file ?? link.number.map { "ADR \($0)" } ?? "?" }

        for i in model.decisions.indices {
            let d = model.decisions[i]
            for (links, keyPath) in [(d.record.supersedes, \IndexModel.Decision.supersedes), (d.record.supersededBy, \.supersededBy),
                                     (d.record.amends, \.amends), (d.record.amendedBy, \.amendedBy)] {
                for link in links {
                    if let target = resolve(link, from: d), target != i {
                        if !model.decisions[i][keyPath: keyPath].contains(target) { model.decisions[i][keyPath: keyPath].append(target) }
                    } else {
                        model.decisions[i].unresolved.append(describe(link))
                    }
                }
            }
        }
        // Make links symmetric: A supersedes B ⇔ B superseded by A.
        for i in model.decisions.indices {
            for t in model.decisions[i].supersedes where !model.decisions[t].supersededBy.contains(i) { model.decisions[t].supersededBy.append(i) }
            for t in model.decisions[i].supersededBy where !model.decisions[t].supersedes.contains(i) { model.decisions[t].supersedes.append(i) }
            for t in model.decisions[i].amends where !model.decisions[t].amendedBy.contains(i) { model.decisions[t].amendedBy.append(i) }
            for t in model.decisions[i].amendedBy where !model.decisions[t].amends.contains(i) { model.decisions[t].amends.append(i) }
        }
        // Entities each decision names, on evidence from its decision section (or chosen option):
        // decisions are independent, so they are read on all cores.
        let names = EntityNames(model.entities)
        let fingerprint = fingerprint(model.entities, matcher: matcher)
        model.meta[fingerprintKey] = fingerprint
        // Decisions whose parse came from the previous index keep its links when the names match.
        var pending: [Int] = []
        for i in model.decisions.indices {
            let doc = model.documents[model.decisions[i].document]
            if let cache, cache.fingerprint == fingerprint, doc.fromPreviousIndex {
                model.decisions[i].entities = cache.entitiesByPath[doc.parsed.path] ?? []
            } else {
                pending.append(i)
            }
        }
        let records = pending.map { model.decisions[$0].record }
        let chunks = min(records.count, ParallelWork.cores * 4)
        let found = ParallelWork.map(count: chunks) { c in
            var stems = StemMemo()
            return ParallelWork.slice(c, of: chunks, total: records.count).map {
                entities(of: records[$0], names: names, matcher: matcher, stems: &stems)
            }
        }.flatMap { $0 }
        for (k, i) in pending.enumerated() { model.decisions[i].entities = found[k] }
    }

    /// Each entity's name and aliases as words, and its name's stems: what `evidence` compares with.
    struct EntityNames: Sendable {
        var words: [[[String]]]
        var nameStems: [[String]]

        init(_ entities: [IndexModel.Entity]) {
            words = entities.map { e in ([e.name] + e.aliases).map { Tokenizer.words($0) } }
            nameStems = entities.map { Tokenizer.words($0.name).map(Tokenizer.stem) }
        }
    }

    /// The entities a decision names as `(entity, chosen)`, at most 12.
    ///
    /// Only the decision itself is evidence: the chosen option, or the Decision section. An entity
    /// is chosen when the chosen option (or, without one, the decision's first sentence) names it
    /// by its name or a several-word alias; the title counts only for an entity the decision
    /// section names too. A one-word alias or a match of stems alone ("Documentation" in a record
    /// about documenting, "logs" for Logging) is a mention at most, never a precedent.
    static func entities(of r: DecisionRecord, names: EntityNames, matcher: PhraseMatcher, stems: inout StemMemo) -> [(Int, Bool)] {
        guard !r.decisionText.trimmed.isEmpty else { return [] }
        let inDecision = evidence(in: r.decisionText, names: names, matcher: matcher, stems: &stems)
        let named = Set(inDecision.map(\.entity))
        let lead = r.chosenOption ?? r.decisionText.sentences(1)
        // What the record moves away from ("migrating from MongoDB to …", "Mongo replacement by …",
        // "remove the load balancer tier") is named, not chosen.
        let left = leaving(in: lead, names: names, matcher: matcher, stems: &stems)
            .union(leaving(in: r.title, names: names, matcher: matcher, stems: &stems))
        var chosen = evidence(in: lead, names: names, matcher: matcher, stems: &stems).filter(\.strong).map(\.entity)
        chosen += evidence(in: r.title, names: names, matcher: matcher, stems: &stems)
            .filter { $0.strong && named.contains($0.entity) }.map(\.entity)
        chosen.removeAll { left.contains($0) }
        var all: [(Int, Bool)] = []
        var seen = Set<Int>()
        for e in chosen where seen.insert(e).inserted { all.append((e, true)) }
        for m in inDecision where seen.insert(m.entity).inserted { all.append((m.entity, false)) }
        return Array(all.prefix(12))
    }

    /// Entity mentions in `text` that are real: a one-word phrase must be spelled as on the card
    /// (not merely share its stem). `strong` when the match is the entity's name, a several-word
    /// alias, or a one-word alias written as a proper name ("use Kafka", not "the documentation").
    static func evidence(in text: String, names: EntityNames, matcher: PhraseMatcher, stems memo: inout StemMemo) -> [(entity: Int, strong: Bool)] {
        // The text is split once: its words, their stems (each distinct word stemmed once per
        // worker) and its words as written serve both the matcher and the checks below.
        let words = Tokenizer.words(text)
        let cased = Tokenizer.words(text, keepingCase: true)
        let stems = words.map { memo.stem($0) }
        var out: [(entity: Int, strong: Bool)] = []
        for m in matcher.matches(plain: words, stems: stems, originals: cased) where m.start + m.length <= words.count {
            let span = Array(words[m.start..<(m.start + m.length)])
            // A record calling itself "this ADR" names no practice it chose.
            if span == ["adr"] || span == ["adrs"] { continue }
            if span.count == 1 && !names.words[m.entity].contains(span) { continue }
            let isName = names.nameStems[m.entity][...] == stems[m.start..<(m.start + m.length)]
            let proper = m.start > 0 && m.start < cased.count && cased[m.start].contains { $0.isUppercase }
            out.append((m.entity, isName || span.count > 1 || proper))
        }
        return out
    }

    /// Entities `text` names as what a decision leaves: right after a removing verb ("replace X",
    /// "remove X", "retire X"), after "from" in a sentence about migrating or moving ("migrating from
    /// X to Y"), or right before a leaving noun ("X replacement", "X removal").
    static func leaving(in text: String, names: EntityNames, matcher: PhraseMatcher, stems memo: inout StemMemo) -> Set<Int> {
        let words = Tokenizer.words(text)
        let stems = words.map { memo.stem($0) }
        let cased = Tokenizer.words(text, keepingCase: true)
        var out = Set<Int>()
        for m in matcher.matches(plain: words, stems: stems, originals: cased) where m.start + m.length <= words.count {
            let before = m.start > 0 ? words[m.start - 1] : ""
            let before2 = m.start > 1 ? words[m.start - 2] : ""
            let after = m.start + m.length < words.count ? words[m.start + m.length] : ""
            let removing = leavingVerbs.contains(before) || (before == "the" && leavingVerbs.contains(before2))
            let migratingFrom = before == "from" && words[..<m.start].contains { migrationWords.contains($0) }
            if removing || migratingFrom || leavingNouns.contains(after) { out.insert(m.entity) }
        }
        return out
    }

    static let leavingVerbs: Set<String> = ["replace", "replaces", "replacing", "remove", "removes", "removing", "retire", "retires",
                                            "retiring", "drop", "drops", "dropping", "decommission", "decommissioning", "sunset", "sunsetting"]
    static let migrationWords: Set<String> = ["migrate", "migrates", "migrating", "migration", "move", "moves", "moving", "switch",
                                              "switches", "switching", "away", "transition", "transitioning"]
    static let leavingNouns: Set<String> = ["replacement", "removal", "retirement", "decommissioning", "deprecation"]

    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}

/// Porter stems of words, each distinct word stemmed once: one per worker thread of a build.
struct StemMemo {
    private var cache: [String: String] = [:]

    mutating func stem(_ word: String) -> String {
        if let s = cache[word] { return s }
        let s = Tokenizer.stem(word)
        cache[word] = s
        return s
    }
}
