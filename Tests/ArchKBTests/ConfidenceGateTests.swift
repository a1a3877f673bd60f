import ArchKBCorpus
import ArchKBIndex
@testable import ArchKBQuery
import Foundation
import Testing

/// The confidence gate and the question reading it relies on, on the bundled corpus: questions typed
/// the way people type in chat are answered, and compounds, quantities and chat filler are read right
/// (everyday questions being refused is `RankingModelTests.offTopicIsRefused`).
@Suite("Confidence gate", .enabled(if: FileManager.default.fileExists(atPath: Paths.bundledCorpus.path), "Corpus/ not found"))
struct ConfidenceGateTests {
    static func searcher() throws -> Searcher { Searcher(reader: try BundledCorpusTests.reader()) }

    /// On-topic questions in chat style the previous gate refused, with an entity that belongs in the top 3.
    static let chatQuestions: [(String, Set<String>)] = [
        ("users getting logged out randomly after we added a second server", ["Session Management", "Sticky Sessions", "Stateless Services", "Encrypted Cookie Sessions"]),
        ("api p99 went from 200ms to 3s after last deploy, where do i even start", ["Canary Releases", "Distributed Tracing", "Performance Monitoring", "Profiling", "API Performance"]),
        ("how do i stop ppl hammering our login endpoint", ["Rate Limiting", "Credential Stuffing Protection"]),
        ("need realtime updates in the dashboard, websockets or what", ["WebSockets", "Server-Sent Events"]),
    ]

    @Test("chat-style on-topic questions are answered", arguments: chatQuestions)
    func chatQuestionsAreAnswered(_ question: String, _ acceptable: Set<String>) throws {
        let answer = try Self.searcher().ask(question)
        #expect(answer.confident, "\(answer.message ?? "") \(answer.nearestTopics)")
        #expect(answer.recommendations.prefix(3).contains { acceptable.contains($0.name) }, "\(answer.recommendations.prefix(3).map(\.name))")
    }

    @Test func aWordTheIndexNeverSawSplitsIntoAnIndexedBigram() throws {
        let s = try Self.searcher()
        #expect(s.compoundSplits("need realtime updates") == ["realtime": ["real", "time"]])
        #expect(s.compoundSplits("kafka consumer lag").isEmpty, "known words stay whole")
        #expect(s.compoundSplits("zzqqxxyyzz").isEmpty, "nonsense has no split")
        let q = Question("need realtime updates", thesaurus: s.reader.thesaurus, compounds: s.compoundSplits("need realtime updates"))
        #expect(q.contentWords == ["real", "time", "updates"])
    }

    @Test func quantitiesTheIndexNeverSawAreNotCoverage() throws {
        let s = try Self.searcher()
        let plain = try s.coveragePlan(Question("api latency after deploy", thesaurus: s.reader.thesaurus))
        let numbered = try s.coveragePlan(Question("api latency 3217ms after deploy", thesaurus: s.reader.thesaurus))
        #expect(numbered.terms.map(\.stem) == plain.terms.map(\.stem))
    }

    @Test func unitsAfterANumberAreNotCoverage() throws {
        #expect(CoveragePlan.unitsOfQuantities(["build", "takes", "40", "min", "and", "2", "hours"]) == ["min", "hours"])
        #expect(CoveragePlan.unitsOfQuantities(["ttl", "of", "hours", "after", "2", "hours"]).isEmpty, "a unit also used as a word stays")
        let s = try Self.searcher()
        let plan = try s.coveragePlan(Question("our monolith takes 40 minutes to deploy", thesaurus: s.reader.thesaurus))
        #expect(!plan.terms.contains { $0.stem == Tokenizer.stem("minutes") })
    }

    @Test func chatFillerIsNotContent() throws {
        let s = try Self.searcher()
        let q = Question("whats the deal with service meshes lol, ppl say we need one", thesaurus: s.reader.thesaurus)
        #expect(!q.contentWords.contains("whats") && !q.contentWords.contains("lol") && !q.contentWords.contains("ppl"))
    }

    @Test func wordsTheIndexNeverSawLowerTheGate() throws {
        let s = try Self.searcher()
        var c = Candidate(entity: 0)
        var known = Coverage(), unknown = Coverage()
        known.ratio = 0.6; known.totalWeight = 10; known.domainWeight = 5
        unknown.ratio = 0.6; unknown.totalWeight = 10; unknown.domainWeight = 5; unknown.unknownWeight = 4
        c.features = [Double](repeating: 0, count: RankingFeature.allCases.count)
        #expect(s.confidenceProbability(c, coverage: unknown, longQuestion: false) < s.confidenceProbability(c, coverage: known, longQuestion: false))
        #expect(RankingModel.standard.gateWeights.count == ConfidenceFeature.allCases.count)
    }
}
