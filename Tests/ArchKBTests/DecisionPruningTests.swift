@testable import ArchKBQuery
import ArchKBIndex
import Foundation
import Testing

/// Decision ranking reads titles and coverage only for records that can reach the answer
/// (`Searcher.matchDecisions` with a `listed` bound): on a log of many similar records it must list
/// exactly what scoring every record lists, with the same precedents.
@Suite struct DecisionPruningTests {
    /// The fixture corpus plus 160 generated MADR records that share most of their words, some
    /// choosing an entity of the fixture cards, in every status.
    static let index: Result<String, Error> = Result {
        let dir = try TempDir("archkb-pruning")
        SharedCleanup.register(dir.path)
        let corpus = try dir.copyFixtureCorpus()
        let log = corpus.appendingPathComponent("generated")
        try FileManager.default.createDirectory(at: log, withIntermediateDirectories: true)
        let subjects = ["order events", "payment calls", "session storage", "product catalog", "reporting queries", "inventory updates"]
        let options = ["Apache Kafka", "RabbitMQ", "Redis", "Circuit Breaker", "Bulkhead", "Cache-Aside"]
        let statuses = ["accepted", "proposed", "superseded", "deprecated", "rejected", "accepted"]
        let words = ["retry", "latency", "throughput", "consumer", "replay", "timeout", "cache", "queue", "failure", "database"]
        for i in 0..<160 {
            let subject = subjects[i % subjects.count], option = options[(i * 7) % options.count]
            let extra = (0..<4).map { words[(i * ($0 + 3)) % words.count] }.joined(separator: " ")
            let chosen = i % 3 == 0 ? "Chosen option: \"\(option)\", because it handles \(extra)." : "We keep the current setup for \(extra)."
            let text = """
            ---
            status: \(statuses[i % statuses.count])
            date: 2023-\(String(format: "%02d", i % 12 + 1))-\(String(format: "%02d", i % 28 + 1))
            ---
            # \(i % 5 == 0 ? "Replace" : "Handle") \(subject) with \(extra)

            ## Context and Problem Statement

            The \(subject) need \(extra); the \(words[i % words.count]) budget matters.

            ## Considered Options

            * \(option)
            * \(options[(i + 1) % options.count])

            ## Decision Outcome

            \(chosen)
            """
            try text.write(to: log.appendingPathComponent(String(format: "%04d-record-%d.md", i + 100, i)), atomically: true, encoding: .utf8)
        }
        let path = dir.url.appendingPathComponent("pruning.sqlite").path
        _ = try IndexBuilder(roots: [corpus.path], projectRoot: dir.path, indexPath: path).build()
        return path
    }

    static let questions = [
        "retry payment calls on timeout", "order events consumer replay", "cache the product catalog",
        "session storage latency", "which queue for order events", "replace reporting queries database",
        "throughput of inventory updates with kafka", "circuit breaker for payment failure",
    ]

    @Test(arguments: [Ranker.hybrid, .bm25, .tfidf])
    func prunedRankingListsWhatFullRankingLists(_ ranker: Ranker) throws {
        let reader = try IndexReader(path: try Self.index.get())
        #expect(reader.decisions.count >= 160)
        var titlesRead = (full: 0, pruned: 0)
        for text in Self.questions {
            let q = Question(asking: text, intent: .none, thesaurus: reader.thesaurus)
            for listed in [6, 10] {
                // Fresh searchers, so that each one's title cache counts the titles its ranking read.
                let (everything, bounded) = (Searcher(reader: reader), Searcher(reader: reader))
                let plan = try everything.coveragePlan(q)
                let full = try everything.matchDecisions(q, plan: plan, ranker: ranker)
                let pruned = try bounded.matchDecisions(q, plan: plan, ranker: ranker, listed: listed)
                titlesRead.full += everything.decisionStems.count
                titlesRead.pruned += bounded.decisionStems.count
                let searcher = bounded
                func row(_ m: DecisionMatch) -> String { "\(m.decision) \(m.score) \(m.recordCoverage) \(m.section ?? -1)" }
                #expect(pruned.prefix(listed).map(row) == full.prefix(listed).map(row), "\(text), \(ranker), listed \(listed)")
                func precedents(_ ms: [DecisionMatch]) -> [Int] {
                    let best = ms.map(\.score).max() ?? 0
                    return ms.filter { $0.score >= best * DecisionScoring.precedentScore && $0.precedentCoverage >= DecisionScoring.precedentCoverage
                        && searcher.mayBePrecedent($0.decision) }.map(\.decision).sorted()
                }
                #expect(precedents(pruned) == precedents(full), "\(text), \(ranker): precedents")
            }
        }
        #expect(titlesRead.pruned * 2 < titlesRead.full, "pruning read \(titlesRead.pruned) titles, scoring all read \(titlesRead.full)")
    }

    /// Every cue-titled record that shares a concern word with a record's title, or lists its chosen
    /// entity without choosing it, is a candidate successor; no other titled record is.
    @Test func replacementCandidatesAreFoundByTitleStemAndOption() throws {
        let searcher = Searcher(reader: try IndexReader(path: try Self.index.get()))
        let titled = searcher.replacementTitled
        #expect(titled.count >= 32, "every fifth generated title says Replace")
        let all = Set(titled.byConcern.values.joined()).union(titled.byOption.values.joined())
        var narrowed = false
        for d in searcher.reader.decisions {
            let title = searcher.titleStems(ofDecision: d)
            let chose = Set(d.entities.filter(\.chosen).map(\.id))
            let expected = all.filter { n in
                let record = searcher.reader.decisions[n]
                let concern = searcher.titleStems(ofDecision: n).subtracting(Searcher.replacementCues).subtracting(Searcher.genericTitleStems)
                return !concern.isDisjoint(with: title) || record.entities.contains { !$0.chosen && chose.contains($0.id) }
            }.sorted()
            #expect(titled.candidates(for: d, titleStems: title) == expected, "\(d.title)")
            if expected.count < all.count { narrowed = true }
        }
        #expect(narrowed)
    }

    @Test func topScoresKeepsTheKLargest() {
        var generator = SystemRandomNumberGenerator()
        for k in [1, 3, 6] {
            var top = TopScores(k: k)
            var all: [Double] = []
            #expect(top.kth == -Double.infinity)
            for _ in 0..<200 {
                let v = Double(Int.random(in: 0..<40, using: &generator)) / 4
                top.add(v)
                all.append(v)
                let sorted = all.sorted(by: >)
                #expect(top.scores == Array(sorted.prefix(k)))
                #expect(top.kth == (sorted.count >= k ? sorted[k - 1] : -Double.infinity))
            }
        }
    }
}
