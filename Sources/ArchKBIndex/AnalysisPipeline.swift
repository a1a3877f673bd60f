import Dispatch

/// Analyses the next chunk of texts on other threads while the caller writes the current one.
///
/// An index build alternated before: all cores tokenized a chunk of sections, then one core wrote
/// it to SQLite while the other waited. A profile of the 100k-section build (ARCHKB_BUILD_PHASES)
/// gave the two halves about equal time, so they now overlap. The vocabulary is only touched by
/// the one analysis in flight, and `wait()` hands its result back before another starts, so the
/// term ids (first seen, first numbered, chunk after chunk) are the same as analysing in turn.
final class AnalysisPipeline: @unchecked Sendable {
    private var vocabulary: TermVocabulary
    private var result: [TermAnalyzer.Analysis] = []
    /// Ids of the range last analysed whose row equals the previous index's (see `SectionTermsReuse`).
    private var sameRows = Set<Int>()
    private let group = DispatchGroup()
    private var inFlight = false

    private let sections: [IndexModel.Section]
    private let headings: [String]
    private let bodies: [String]
    private let reuse: SectionTermsReuse?

    /// Analyses each section's heading and body, taking unchanged sections' terms from `reuse`.
    init(vocabulary: TermVocabulary, sections: [IndexModel.Section], reuse: SectionTermsReuse?) {
        self.vocabulary = vocabulary
        self.sections = sections
        headings = sections.map(\.heading)
        bodies = sections.map(\.body)
        self.reuse = reuse
    }

    /// Starts analysing the sections in `range`; the previous result must have been taken.
    func start(_ range: Range<Int>) {
        precondition(!inFlight, "AnalysisPipeline.start while an analysis is in flight")
        inFlight = true
        group.enter()
        DispatchQueue.global().async {
            self.result = self.analyze(range)
            self.group.leave()
        }
    }

    private func analyze(_ range: Range<Int>) -> [TermAnalyzer.Analysis] {
        let (headings, bodies) = (self.headings, self.bodies)
        guard let reuse else { return vocabulary.analyze(count: range.count) { headings[range.lowerBound + $0] + "\n" + bodies[range.lowerBound + $0] } }
        sameRows = []
        var reused = reuse.analyses(range, sections: sections, headings: headings, bodies: bodies, into: &vocabulary, sameRows: &sameRows)
        let missing = range.filter { reused[$0] == nil }
        var fresh = vocabulary.analyze(count: missing.count) { headings[missing[$0]] + "\n" + bodies[missing[$0]] }.makeIterator()
        return range.compactMap { reused.removeValue(forKey: $0) ?? fresh.next() }
    }

    /// The analyses of the range last started, once they are done, and the ids among them whose
    /// row equals the previous index's.
    func wait() -> ([TermAnalyzer.Analysis], Set<Int>) {
        group.wait()
        inFlight = false
        defer { (result, sameRows) = ([], []) }
        return (result, sameRows)
    }

    /// The vocabulary with every analysed term, after the last `wait()`.
    func finish() -> TermVocabulary {
        group.wait()
        return vocabulary
    }
}
