import ArchKBCorpus
import ArchKBIndex
import Foundation

/// `archkb check`: a cited checklist for a draft or changed decision record, against the cards
/// and the team's records in one index.
///
/// The draft's chosen option is found as the index finds a record's (`DecisionEntityFinder`: its
/// chosen option, else its Decision's first sentence, or its title when the Decision names the
/// same entity). For each chosen entity it reports an accepted decision in force on the same
/// concern that chose another option, a withdrawn decision that chose the same one, "When not to
/// use" lines of the entity's card that match the draft's Context, and alternatives the card
/// lists that the draft never mentions; for the whole draft, anti-patterns it chooses, names or
/// describes in its Decision; and the doctor's rules for one file (status, date, links). A
/// withdrawn draft (rejected, deprecated, superseded) gets the doctor's rules only. Precision
/// comes first: every match needs the thresholds in `CheckThresholds`.
public final class DraftCheck {
    public let searcher: Searcher
    var reader: IndexReader { searcher.reader }
    let finder: DecisionEntityFinder
    /// File lines by document id, read once per check run.
    var fileLines: [Int: [String]] = [:]

    public init(searcher: Searcher) {
        self.searcher = searcher
        finder = DecisionEntityFinder(entities: searcher.reader.entities)
    }

    /// Checks the draft `text` read from `path` (absolute, or "" for text with no file), cited as `displayPath`.
    public func check(text: String, path: String, displayPath: String) throws -> CheckReport {
        let draft = try DraftText(text: text, path: path, displayPath: displayPath)
        let own = ownDecisions(path)
        let linked = linkedDecisions(draft, own: own)
        var findings = recordFindings(draft)
        let chosen = draft.record.status.isWithdrawn ? [] : chosenEntities(draft)
        if !draft.record.status.isWithdrawn {
            let excluded = own.union(linked)
            let log = logDecisions(path)
            findings += precedentFindings(draft, chosen: chosen, excluded: excluded, log: log)
            findings += whenNotFindings(draft, chosen: chosen)
            findings += alternativeFindings(draft, chosen: chosen)
            findings += antiPatternFindings(draft, chosen: chosen)
        }
        findings.sort { ($0.line, $0.kind.rawValue, $0.message) < ($1.line, $1.kind.rawValue, $1.message) }
        return CheckReport(path: displayPath, title: draft.record.title, number: draft.record.number,
                           status: draft.record.status.rawValue, chosen: chosen.map { reader.entities[$0].name }, findings: findings)
    }

    /// The entities the draft chooses, in the order it names them, without those its lead (the
    /// chosen option, else the Decision's first sentence) refuses: "Billing will not use a shared
    /// database" chooses no Shared Database.
    func chosenEntities(_ draft: DraftText) -> [Int] {
        let lead = draft.record.chosenOption ?? draft.record.decisionText.sentences(1)
        return finder.entities(of: draft.record).filter(\.chosen).map(\.id)
            .filter { !finder.refuses($0, in: lead, refusals: CheckThresholds.negationWords) }
    }

    /// Decisions of the index read from the draft's own file (a changed record already indexed).
    func ownDecisions(_ path: String) -> Set<Int> {
        guard !path.isEmpty else { return [] }
        let target = URL(fileURLWithPath: path).standardizedFileURL.path
        return Set(reader.decisions.filter { URL(fileURLWithPath: reader.documents[$0.document].path).standardizedFileURL.path == target }.map(\.id))
    }

    /// The decisions of the draft's log: those under the longest corpus root holding the draft,
    /// or every decision when the draft lies under no root of the index.
    func logDecisions(_ path: String) -> [StoredDecision] {
        guard !path.isEmpty else { return reader.decisions }
        let target = URL(fileURLWithPath: path).standardizedFileURL.path
        let roots = reader.roots.filter { target.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        guard let root = roots.max(by: { $0.count < $1.count }) else { return reader.decisions }
        return reader.decisions.filter { searcher.root(ofDocument: $0.document) == reader.roots.firstIndex(of: root) }
    }

    /// The lines of an indexed document's file (empty when it cannot be read any more).
    func lines(ofDocument id: Int) -> [String] {
        if let cached = fileLines[id] { return cached }
        let path = reader.documents[id].path
        let lines = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }?.lineArray ?? []
        fileLines[id] = lines
        return lines
    }

    /// "ADR 7 \"Title\"" or "\"Title\"" for a record without a number.
    func label(_ d: StoredDecision) -> String { (d.number.map { "ADR \($0) " } ?? "") + "\"\(d.title)\"" }

    /// A citation of line `line` of document `doc` in section `section`.
    func cite(document doc: Int, line: Int, section: String) -> Citation {
        Citation(path: reader.documents[doc].displayPath, line: line, section: section)
    }

    /// The draft line that names entity `e` in its decision: the chosen option's line, a Decision
    /// line, the title, else the record's first line.
    func draftLine(naming e: Int, in draft: DraftText) -> Int {
        let decisionLines = draft.lineNumbers(headings: DraftText.decisionHeadings)
        var fallback: Int?
        for (i, line) in draft.lines.enumerated() where finder.anyMention(in: InlineMarkup.plain(line)).contains(e) {
            if line.contains("Chosen option") || line.contains("Chosen Option") || decisionLines.contains(i + 1) { return i + 1 }
            if fallback == nil { fallback = i + 1 }
        }
        return fallback ?? draft.record.line
    }
}
