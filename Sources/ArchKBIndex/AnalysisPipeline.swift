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
    private let group = DispatchGroup()
    private var inFlight = false

    init(vocabulary: TermVocabulary) {
        self.vocabulary = vocabulary
    }

    /// Starts analysing `text(i)` for each i in `range`; the previous result must have been taken.
    func start(_ range: Range<Int>, _ text: @escaping @Sendable (Int) -> String) {
        precondition(!inFlight, "AnalysisPipeline.start while an analysis is in flight")
        inFlight = true
        group.enter()
        DispatchQueue.global().async {
            self.result = self.vocabulary.analyze(count: range.count) { text(range.lowerBound + $0) }
            self.group.leave()
        }
    }

    /// The analyses of the range last started, once they are done.
    func wait() -> [TermAnalyzer.Analysis] {
        group.wait()
        inFlight = false
        defer { result = [] }
        return result
    }

    /// The vocabulary with every analysed term, after the last `wait()`.
    func finish() -> TermVocabulary {
        group.wait()
        return vocabulary
    }
}
