import ArchKBCorpus
import ArchKBIndex

extension DraftCheck {
    /// Conflicts with the team's precedent, for each entity the draft chooses:
    ///
    /// - an accepted decision in force (its effective status: no live successor) of the draft's
    ///   log chose another option for the same concern (`sameConcern`, `exclusive`) and the same
    ///   subject (`sameSubject`) that the draft does not choose as well;
    /// - a superseded, rejected or deprecated decision on the same subject chose the same entity,
    ///   and no decision in force chooses it.
    ///
    /// Records the draft supersedes or amends (or that supersede it), and the draft's own indexed
    /// record, are left out: replacing a decision is what a successor is for.
    func precedentFindings(_ draft: DraftText, chosen: [Int], excluded: Set<Int>, log: [StoredDecision]) -> [CheckFinding] {
        var out: [CheckFinding] = []
        let considered = log.filter { !excluded.contains($0.id) }
        let inForce = considered.filter { searcher.effectiveStatus($0).isPrecedent }
        for c in chosen {
            let line = draftLine(naming: c, in: draft)
            let entity = reader.entities[c]
            for d in inForce {
                let theirs = d.entities.filter(\.chosen).map(\.id)
                guard !theirs.contains(c) else { continue }
                for e in theirs where !chosen.contains(e) && exclusive(c, e) && sameSubject(draft.record.title, d.title, names: [c, e]) {
                    guard let why = sameConcern(c, e) else { continue }
                    let other = reader.entities[e]
                    var citations = [decisionCitation(d, naming: e)]
                    citations.append(why)
                    out.append(CheckFinding(kind: .precedentConflict, severity: .error,
                        message: "chooses \(entity.name), but \(label(d)) (\(searcher.effectiveStatus(d).rawValue)\(d.date.map { ", \($0)" } ?? "")) chose \(other.name) for the same concern (\(other.kind), \(other.area)) and is still in force; supersede it or say why both hold",
                        path: draft.displayPath, line: line, citations: citations))
                    break
                }
            }
            guard !inForce.contains(where: { $0.entities.contains { $0.id == c && $0.chosen } }) else { continue }
            for d in considered where searcher.effectiveStatus(d).isWithdrawn && d.entities.contains(where: { $0.id == c && $0.chosen })
                && sameSubject(draft.record.title, d.title, names: [c]) {
                out.append(withdrawnFinding(draft, entity: c, line: line, decision: d))
            }
        }
        return out
    }

    /// "Repeats an option a withdrawn decision chose", citing its status line and its successor.
    func withdrawnFinding(_ draft: DraftText, entity c: Int, line: Int, decision d: StoredDecision) -> CheckFinding {
        let status = searcher.effectiveStatus(d)
        var citations = [decisionCitation(d, naming: c)]
        if let statusLine = StatusLocator(reader: reader).line(of: d), statusLine > 0 {
            citations.append(cite(document: d.document, line: statusLine, section: "Status"))
        }
        var why = d.rawStatus.map { "status \"\($0.trimmed.prefix(100))\"" } ?? "status \(status.rawValue)"
        let successors = d.supersededBy.filter { $0 < reader.decisions.count }.map { reader.decisions[$0] }
        if let s = successors.first {
            why += "; replaced by \(label(s))"
            let named = s.entities.first(where: \.chosen)?.id
            citations.append(named.map { decisionCitation(s, naming: $0) } ?? cite(document: s.document, line: s.line, section: s.title))
        }
        return CheckFinding(kind: .repeatsWithdrawn, severity: .error,
                            message: "chooses \(reader.entities[c].name) again, which \(label(d)) chose and which is \(status.rawValue) (\(why)); say what changed since",
                            path: draft.displayPath, line: line, citations: citations)
    }

    /// Whether two records' titles share a subject: at least `subjectSharedStems` stems once the
    /// options' own names and the words of every title ("use", "adopt", "replace") are removed.
    /// "Keep sessions in Memcached" and "Keep sessions in Redis" do; "Postgres on Puppetmaster"
    /// and "Centralise MySQL databases" do not (a team runs several databases for several things).
    func sameSubject(_ a: String, _ b: String, names: [Int]) -> Bool {
        var noise = Searcher.genericTitleStems.union(Searcher.replacementCues).union(CheckThresholds.ignoredStems)
        // The name and one-word aliases: "GraphQL API" as an alias must not make "API" a name.
        for e in names {
            let words = [reader.entities[e].name] + reader.entities[e].aliases.filter { Tokenizer.words($0).count == 1 }
            noise.formUnion(words.flatMap(Tokenizer.stems))
        }
        let shared = Set(Tokenizer.stems(a)).intersection(Tokenizer.stems(b)).subtracting(noise)
        return shared.count >= CheckThresholds.subjectSharedStems
    }

    /// Whether choosing one of two options for a concern excludes the other: when one of them is
    /// a technology (one broker, one database, one API style). Two patterns often combine (a
    /// retry inside a circuit breaker), so they never conflict.
    func exclusive(_ a: Int, _ b: Int) -> Bool {
        let technology = EntityKind.technology.rawValue
        return reader.entities[a].kind == technology || reader.entities[b].kind == technology
    }

    /// Whether two entities answer the same concern, with the *Alternatives* line that says so:
    /// entities of one kind one of whose cards lists the other, or entities of one area whose
    /// cards list each other (REST and GraphQL are filed as pattern and technology). Anti-patterns
    /// are never options.
    func sameConcern(_ a: Int, _ b: Int) -> Citation? {
        guard a != b else { return nil }
        let (x, y) = (reader.entities[a], reader.entities[b])
        let anti = EntityKind.antiPattern.rawValue
        guard x.kind != anti, y.kind != anti, x.kind == y.kind || x.area == y.area else { return nil }
        let forward = alternativeItems(of: a).first { $0.entities.contains(b) }?.citation
        let backward = alternativeItems(of: b).first { $0.entities.contains(a) }?.citation
        if x.kind == y.kind { return forward ?? backward }
        return forward != nil && backward != nil ? forward : nil
    }

    /// Where decision `d` names entity `e`: the first line of its Decision (or chosen option) that
    /// names it, else its title line.
    func decisionCitation(_ d: StoredDecision, naming e: Int) -> Citation {
        let lines = lines(ofDocument: d.document)
        let sections = reader.sections.filter { $0.decision == d.id && DraftText.matches($0.heading, DraftText.decisionHeadings) }
        for s in sections {
            for n in max(1, s.startLine)...max(1, min(s.endLine, lines.count)) where n <= lines.count {
                if finder.anyMention(in: InlineMarkup.plain(lines[n - 1])).contains(e) {
                    return cite(document: d.document, line: n, section: s.trail.isEmpty ? s.heading : s.trail)
                }
            }
        }
        for (i, line) in lines.enumerated() where line.contains("Chosen option") && finder.anyMention(in: InlineMarkup.plain(line)).contains(e) {
            return cite(document: d.document, line: i + 1, section: d.title)
        }
        return cite(document: d.document, line: d.line, section: d.title)
    }
}
