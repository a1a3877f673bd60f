import ArchKBCorpus
import ArchKBIndex
@testable import ArchKBQuery
import Testing

/// Each ranking stage on its own, on the fixture index and hand-built candidates, with pinned values.
@Suite("Ranking stages")
struct RankingStageTests {
    static func searcher() throws -> Searcher { try FixtureIndex.get().searcher() }

    static func entity(_ s: Searcher, _ name: String) -> Int {
        s.reader.entities.first { $0.name == name }?.id ?? -1
    }

    static func question(_ s: Searcher, _ text: String) -> Question { Question(text, thesaurus: s.reader.thesaurus) }

    /// (question, compared entity names in question order)
    static let comparisons: [(String, [String])] = [
        ("kafka vs rabbitmq", ["Apache Kafka", "RabbitMQ"]),
        ("rabbitmq or kafka for order events", ["RabbitMQ", "Apache Kafka"]),
        ("difference between redis and kafka", ["Redis", "Apache Kafka"]),
        ("kafka compared to rabbit", ["Apache Kafka", "RabbitMQ"]),
        ("kafka and rabbitmq in one system", []),
        ("use a circuit breaker with retries and a bulkhead", []),
    ]

    @Test("comparisons are read from the words between two names", arguments: comparisons)
    func comparedNames(_ text: String, _ expected: [String]) throws {
        let s = try Self.searcher()
        let a = try s.analyse(Self.question(s, text))
        #expect(a.compared.map { s.reader.entities[$0].name } == expected)
    }

    @Test func facetsSplitAtStopWordsAndNames() throws {
        let s = try Self.searcher()
        let a = try s.analyse(Self.question(s, "cache aside for redis"))
        #expect(a.facets.count == 2, "\(a.facets)")
        #expect(a.facets.last == ["redi"], "\(a.facets)")
        #expect(a.named.map { s.reader.entities[$0].name }.sorted() == ["Cache-Aside", "Redis"])
    }

    @Test func longQuestionsKeepTheirNamesAmongTheSalientTerms() throws {
        let s = try Self.searcher()
        let text = "our payments team calls a slow provider and we already use Kafka for events but every deploy the "
            + "threads pile up waiting and the checkout stops responding to customers for minutes at a time"
        let a = try s.analyse(Self.question(s, text))
        #expect(a.isLong)
        #expect(a.salientWords.contains("kafka"), "\(a.salientWords)")
        #expect(a.salientWords.count <= max(s.model.salientTerms, 1))
        #expect(a.facets.isEmpty)
    }

    @Test func coverageShareWeighsTheFacetsOwnWords() {
        var plan = CoveragePlan()
        plan.terms = [CoveragePlan.Term(stem: "cach", weight: 3, synonyms: [], domain: true),
                      CoveragePlan.Term(stem: "graphql", weight: 4.5, synonyms: [], domain: true),
                      CoveragePlan.Term(stem: "invalid", weight: 1.5, synonyms: [["purg"]], domain: true)]
        plan.totalWeight = 9
        #expect(plan.share(of: ["cach", "invalid"], coveredBy: StemSets(sets: [["cach"]])) == 3.0 / 4.5)
        #expect(plan.share(of: ["cach", "invalid"], coveredBy: StemSets(sets: [["cach"], ["purg"]])) == 1)
        #expect(plan.share(of: ["graphql"], coveredBy: StemSets(sets: [["cach"]])) == 0)
        #expect(plan.share(of: ["absent"], coveredBy: StemSets(sets: [["absent"]])) == 0)
        #expect(plan.coverage(of: StemSets(sets: [["graphql", "cach"]])).ratio == 7.5 / 9)
    }

    /// Hand-built candidates: scores 5, 4, 3, 2, 1, 0.5 for six entities of the fixture.
    static func candidates(_ s: Searcher) -> [Candidate] {
        let names = ["Circuit Breaker", "Bulkhead", "Cache-Aside", "Redis", "Retry with Exponential Backoff", "Apache Kafka"]
        return zip(names, [5.0, 4, 3, 2, 1, 0.5]).map { name, score in
            var c = Candidate(entity: entity(s, name))
            c.score = score
            c.explanation.terms = [ScoreTerm(name: "fixture", value: score, weight: 1)]
            return c
        }
    }

    @Test func comparedEntitiesTakeTheFirstRowsJustAboveTheBest() throws {
        let s = try Self.searcher()
        var cs = Self.candidates(s)
        var a = QuestionAnalysis()
        a.compared = [Self.entity(s, "Redis"), Self.entity(s, "Apache Kafka")]
        s.applyConstraints(&cs, analysis: a, limit: 3)
        #expect(cs.prefix(2).map { s.reader.entities[$0.entity].name } == ["Redis", "Apache Kafka"])
        #expect(cs[0].score == 5 + 2 * Searcher.placementStep)
        #expect(cs[1].score == 5 + Searcher.placementStep)
        for c in cs { #expect(abs(c.explanation.terms.reduce(0) { $0 + $1.contribution } - c.score) < 1e-12) }
    }

    @Test func namedEntitiesAreKeptWithinTheLimitAndEachOtherStays() throws {
        let s = try Self.searcher()
        var cs = Self.candidates(s)
        var a = QuestionAnalysis()
        a.named = [Self.entity(s, "Retry with Exponential Backoff"), Self.entity(s, "Apache Kafka")]
        s.applyConstraints(&cs, analysis: a, limit: 3)
        let top = cs.prefix(3).map { s.reader.entities[$0.entity].name }
        #expect(top == ["Circuit Breaker", "Apache Kafka", "Retry with Exponential Backoff"], "\(top)")
        // Each placed row is raised to half a step above the row it displaces.
        #expect(cs[1].explanation.terms.contains { $0.name == "named_in_question" })
        for c in cs { #expect(abs(c.explanation.terms.reduce(0) { $0 + $1.contribution } - c.score) < 1e-12) }
    }

    @Test func aCandidateCoveringEveryFacetTakesTheSecondRow() throws {
        let s = try Self.searcher()
        var cs = Self.candidates(s)
        var a = QuestionAnalysis()
        a.facets = [["cach"], ["redi"]]
        let all = RankingFeature.facetAll.rawValue
        for i in cs.indices {
            cs[i].features = [Double](repeating: 0, count: RankingFeature.allCases.count)
            cs[i].facetShares = [1, 0]
        }
        cs[3].features[all] = 1  // Redis, score 2 ≥ 0.25 · 5
        cs[3].facetShares = [1, 1]
        s.applyConstraints(&cs, analysis: a, limit: 3)
        #expect(s.reader.entities[cs[1].entity].name == "Redis")
        #expect(cs[1].score == 4 + Searcher.placementStep / 2)
        #expect(cs[1].explanation.terms.last?.name == "covers_all_facets")
    }
}
