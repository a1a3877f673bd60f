import ArchKBIndex
import ArchKBQuery
import ArchKBRender
import Foundation
import Testing

/// A team's own decision log, indexed alone (no cards): decisions are answers on their own merits.
struct TeamLog: @unchecked Sendable {
    let dir: TempDir
    let indexPath: String

    static let records: [(String, String)] = [
        ("0001-use-mongodb-for-the-order-store.md", """
        # 1. Use MongoDB for the order store

        Date: 2019-01-10

        ## Status

        Accepted

        ## Context

        Orders are nested documents with line items; the team knows MongoDB well.

        ## Decision

        We will store orders in a MongoDB replica set.

        ## Consequences

        Reporting needs an export job.
        """),
        ("0002-ship-logs-to-elasticsearch.md", """
        # 2. Ship application logs to Elasticsearch

        Date: 2019-05-01

        ## Status

        Accepted

        ## Context

        Logging is scattered over hosts; nobody can search logs during an incident.

        ## Decision

        Every service writes JSON log lines to stdout; Fluent Bit ships them to an Elasticsearch cluster with Kibana.

        ## Consequences

        Log retention costs money: 14 days hot.
        """),
        ("0003-replace-mongodb-with-postgresql-for-orders.md", """
        # 3. Replace MongoDB with PostgreSQL for orders

        Date: 2022-03-01

        ## Status

        Accepted

        ## Context

        MongoDB transactions across collections were painful and reporting joins were slow.

        ## Decision

        Orders move to PostgreSQL with JSONB line items; the MongoDB replica set is retired after the migration.

        ## Consequences

        One migration weekend.
        """),
        ("0004-use-github-actions-for-ci.md", """
        # 4. Use GitHub Actions for continuous integration

        Date: 2021-06-15

        ## Status

        Accepted

        ## Context

        Jenkins agents are hand-maintained; builds queue for twenty minutes.

        ## Decision

        All repositories build and test on GitHub Actions with hosted runners.

        ## Consequences

        Jenkins is switched off.
        """),
        ("0005-adopt-kafka-for-domain-events.md", """
        # 5. Adopt Kafka for domain events

        Date: 2023-02-01

        ## Status

        Proposed

        ## Context

        Services poll each other for order changes.

        ## Decision

        Publish domain events to Kafka topics.

        ## Consequences

        A cluster to run.
        """),
    ]

    static let shared: Result<TeamLog, Error> = Result {
        let dir = try TempDir("archkb-team-log")
        let adr = dir.url.appendingPathComponent("docs/adr")
        try FileManager.default.createDirectory(at: adr, withIntermediateDirectories: true)
        for (name, text) in records { try text.write(to: adr.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let indexPath = dir.url.appendingPathComponent("team.sqlite").path
        _ = try IndexBuilder(roots: [adr.path], projectRoot: dir.path, indexPath: indexPath).build()
        SharedCleanup.register(dir.path)
        return TeamLog(dir: dir, indexPath: indexPath)
    }

    static func ask(_ q: String, _ options: AskOptions = AskOptions()) throws -> Answer {
        try Searcher(reader: IndexReader(path: shared.get().indexPath)).ask(q, options: options)
    }
}

@Suite("Team decisions as answers")
struct DecisionAnswerTests {
    @Test("a question's intent toward the team's decisions", arguments: [
        ("what did we decide about logging", DecisionIntent.decided),
        ("which CI do we use", .inUse),
        ("are we still on MongoDB", .stillOn),
        ("why did we pick Kafka", .why),
        ("how do I add a circuit breaker", .none),
        ("cache invalidation for GraphQL", .none),
    ])
    func intent(_ question: String, _ expected: DecisionIntent) {
        #expect(DecisionIntent.of(question.lowercased().split(separator: " ").map(String.init)) == expected)
    }

    @Test("question → the team's record first, with no cards indexed", arguments: [
        ("what did we decide about logging", 2),
        ("which CI do we use", 4),
        ("what did we decide for the order store", 3),
        ("why did we pick Kafka", 5),
        ("ADR 2", 2),
        ("adr-0004", 4),
    ])
    func recordFirst(_ question: String, _ number: Int) throws {
        let answer = try TeamLog.ask(question)
        #expect(answer.decisions.first?.number == number, "\(answer.decisions.map(\.number))")
        #expect(answer.confident, "a team decision is an answer")
        #expect(answer.decisionsFirst)
    }

    @Test("every ranker returns decisions", arguments: Ranker.allCases)
    func everyRanker(_ ranker: Ranker) throws {
        let answer = try TeamLog.ask("search application logs during an incident", AskOptions(ranker: ranker))
        #expect(answer.decisions.first?.number == 2)
    }

    @Test("a question naming a record answers with that record and nothing unrelated")
    func namedRecordOnly() throws {
        let answer = try TeamLog.ask("ADR 2")
        #expect(answer.decisions.map(\.number) == [2])
        #expect(answer.recommendations.isEmpty)
    }

    @Test("'still on X?' finds the later decision that replaced X though the old record was never marked superseded")
    func stillOnInfersTheReplacement() throws {
        let answer = try TeamLog.ask("are we still on MongoDB")
        #expect(answer.intent == .stillOn)
        #expect(answer.decisions.first?.number == 3)
        let old = try #require(answer.decisions.first { $0.number == 1 })
        #expect(old.status == .accepted, "the status stays as written")
        #expect(old.replacedBy == ["ADR 3: Replace MongoDB with PostgreSQL for orders"])
        #expect(old.note?.hasPrefix("inferred:") == true)
        let other = try TeamLog.ask("what did we decide for the order store")
        #expect(other.decisions.prefix(2).map(\.number) == [3, 1], "the replacement is listed right above the record it replaced")
    }

    @Test("another team's later record never replaces this team's decision")
    func replacementsStayWithinOneLog() throws {
        try withTempDir { dir in
            let other = dir.url.appendingPathComponent("other-team/adr")
            try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
            try """
            # 7. Replace MongoDB with DynamoDB for carts

            Date: 2024-09-01

            ## Status

            Accepted

            ## Decision

            Carts move from MongoDB to DynamoDB.
            """.write(to: other.appendingPathComponent("0007-replace-mongodb-with-dynamodb.md"), atomically: true, encoding: .utf8)
            let ours = try TeamLog.shared.get().dir.url.appendingPathComponent("docs/adr")
            let index = dir.url.appendingPathComponent("two.sqlite").path
            _ = try IndexBuilder(roots: [ours.path, other.path], projectRoot: dir.path, indexPath: index).build()
            let answer = try Searcher(reader: IndexReader(path: index)).ask("are we still on MongoDB")
            let old = try #require(answer.decisions.first { $0.number == 1 })
            #expect(old.replacedBy == ["ADR 3: Replace MongoDB with PostgreSQL for orders"])
            #expect(answer.decisions.first { $0.number == 7 }?.replacedBy.isEmpty != false)
        }
    }

    @Test("an off-topic question is still refused with a decision log indexed")
    func offTopicRefused() throws {
        let answer = try TeamLog.ask("best sourdough recipe for a cold kitchen")
        #expect(!answer.confident)
        #expect(answer.decisions.allSatisfy { $0.confidence == .low })
    }

    @Test("terminal output lists decisions first, one line each, and never splits a path", arguments: [40, 80, 120])
    func terminalLines(_ width: Int) throws {
        let answer = try TeamLog.ask("are we still on MongoDB")
        let text = AnswerText.render(answer, format: .table, width: width)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Team decisions:")
        #expect(lines[1].hasPrefix("  ADR 3 · accepted · 2022-03-01 ·"))
        for d in answer.decisions {
            let cite = "\(d.path):\(d.line)"
            #expect(lines.contains { $0.hasSuffix(cite) }, "citation \(cite) is whole on one line")
        }
        for line in lines where !answer.decisions.contains(where: { line.hasSuffix("\($0.path):\($0.line)") }) {
            #expect(TextWrap.width(line) <= width, "\(line)")
        }
        #expect(text.contains("replaced by ADR 3"))
    }

    @Test("the JSON answer carries intent, confidence and the inferred replacement")
    func json() throws {
        let json = AnswerJSON.render(try TeamLog.ask("are we still on MongoDB"))
        #expect(json.contains("\"intent\":\"still_on\""))
        #expect(json.contains("\"decisions_first\":true"))
        #expect(json.contains("\"replaced_by\":[\"ADR 3: Replace MongoDB with PostgreSQL for orders\"]"))
    }
}
