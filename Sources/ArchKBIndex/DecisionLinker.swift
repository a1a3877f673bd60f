import ArchKBCorpus

/// Resolves links between ADRs and finds the catalog entities each ADR names.
enum DecisionLinker {
    static func link(_ model: inout IndexModel, matcher: PhraseMatcher) {
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
        // Entities each decision names; the title and chosen option say what was chosen.
        for i in model.decisions.indices {
            let r = model.decisions[i].record
            var chosen = matcher.entities(in: r.title)
            if let option = r.chosenOption {
                chosen = matcher.entities(in: option) + chosen
            } else {
                // Without a chosen option (Nygard), the decision's first sentence says what was chosen.
                chosen += matcher.entities(in: r.decisionText.sentences(1))
            }
            var all: [(Int, Bool)] = []
            var seen = Set<Int>()
            for e in chosen where seen.insert(e).inserted { all.append((e, true)) }
            for e in matcher.entities(in: r.decisionText) where seen.insert(e).inserted { all.append((e, false)) }
            model.decisions[i].entities = Array(all.prefix(12))
        }
    }

    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
