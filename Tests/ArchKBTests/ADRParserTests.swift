import ArchKBCorpus
import Foundation
import Testing

/// ADRParser through DocumentParser: numbers, titles, status, dates, formats and links.
@Suite("ADR parsing")
struct ADRParserTests {
    struct ADRCase: Sendable, CustomTestStringConvertible {
        var file: String
        var number: Int?
        var titleNumber: Int?
        var title: String
        var status: DecisionStatus
        var rawStatus: String?
        var date: String?
        var format: DecisionRecord.Format
        var chosen: String?
        var testDescription: String { file }
    }

    static let fixtures: [ADRCase] = [
        .init(file: "adr/0001-use-rabbitmq-for-order-events.md", number: 1, title: "Use RabbitMQ for order events", status: .superseded,
              rawStatus: "Superseded by 5. Use Kafka for order events", date: "2023-04-11", format: .nygard),
        .init(file: "adr/0002-keep-reporting-on-the-shared-database.md", number: 2, title: "Keep reporting on the shared database",
              status: .unknown, rawStatus: nil, date: nil, format: .nygard),
        .init(file: "adr/adr-003-evidence-handling.rst", number: 3, title: "Evidence handling for order disputes", status: .proposed,
              rawStatus: "Provisional 2025-03-18", date: "2025-03-18", format: .rst),
        .init(file: "adr/0004-dead-letter-queue-for-order-events.md", number: 4, title: "Dead-letter queue for order events",
              status: .accepted, rawStatus: "Accepted", date: "2023-06-02", format: .nygard),
        .init(file: "adr/0005-use-kafka-for-order-events.md", number: 5, title: "Use Kafka for order events", status: .accepted,
              rawStatus: "accepted", date: "2024-01-15", format: .madr, chosen: "Apache Kafka"),
        .init(file: "adr/0006-cache-the-product-catalog.md", number: 6, title: "Cache the product catalog", status: .unknown,
              rawStatus: nil, date: nil, format: .madr, chosen: "Redis"),
        .init(file: "adr/0007-adopt-circuit-breakers-for-payment-calls.md", number: 7, titleNumber: 8,
              title: "Adopt circuit breakers for payment calls", status: .accepted, rawStatus: "Accepted (PR #2897)", date: "2024-03-03",
              format: .nygard),
        .init(file: "adr/0009-use-memcached-for-sessions.md", number: 9, title: "Use Memcached for sessions", status: .unknown,
              rawStatus: "{Deprecated Proposed Accepted Declined}", date: nil, format: .nygard),
        .init(file: "adr/0010-retry-payment-calls-with-exponential-backoff.md", number: 10,
              title: "Retry payment calls with exponential backoff", status: .rejected, rawStatus: "Rejected in favour of ADR 7",
              date: "2024-02-20", format: .nygard),
        .init(file: "adr/0012-peer-transport.md", number: 12, title: "PeerTransport", status: .accepted, rawStatus: "Accepted",
              date: "2019-05-02", format: .adrNumbered),
    ]

    @Test("fixture ADRs", arguments: fixtures)
    func fixture(_ c: ADRCase) throws {
        let record = try #require(try Fixture.parse(c.file).decision)
        #expect(record.number == c.number)
        #expect(record.titleNumber == c.titleNumber)
        #expect(record.title == c.title)
        #expect(record.status == c.status)
        #expect(record.rawStatus == c.rawStatus)
        #expect(record.date == c.date)
        #expect(record.format == c.format)
        #expect(record.chosenOption == c.chosen)
    }

    @Test func nygardSupersededByAndAmendedByLinks() throws {
        let r = try #require(try Fixture.parse("adr/0001-use-rabbitmq-for-order-events.md").decision)
        #expect(r.supersededBy == [DecisionLink(number: 5, file: "0005-use-kafka-for-order-events.md")])
        #expect(r.amendedBy == [DecisionLink(number: 4, file: "0004-dead-letter-queue-for-order-events.md")])
        #expect(r.supersedes.isEmpty)
        #expect(r.line == 1)
        #expect(r.decisionText.contains("RabbitMQ topic exchanges"))
    }

    @Test func amendsAndSupersedesLinksInTheOtherDirection() throws {
        let amending = try #require(try Fixture.parse("adr/0004-dead-letter-queue-for-order-events.md").decision)
        #expect(amending.amends == [DecisionLink(number: 1, file: "0001-use-rabbitmq-for-order-events.md")])
        let superseding = try #require(try Fixture.parse("adr/0005-use-kafka-for-order-events.md").decision)
        #expect(superseding.supersedes == [DecisionLink(number: 1, file: "0001-use-rabbitmq-for-order-events.md")])
        #expect(superseding.supersededBy.isEmpty)
        #expect(superseding.line == 6, "the title follows 5 lines of front matter")
    }

    @Test func madr4FakeFrontMatterInsideACodeFenceIsIgnored() throws {
        let doc = try Fixture.parse("adr/0006-cache-the-product-catalog.md")
        let r = try #require(doc.decision)
        #expect(r.title != "Fake title")
        #expect(r.status == .unknown, "the status: accepted line is inside a code fence")
        #expect(!doc.sections.map(\.heading).contains("Fake title"))
        #expect(r.decisionText.hasPrefix("Redis"))
    }

    @Test func statusAfterContextChangelogDatesAndGoCommentsInFences() throws {
        let doc = try Fixture.parse("adr/0012-peer-transport.md")
        #expect(doc.sections.map(\.heading) == ["ADR 012: PeerTransport", "Changelog", "Context", "Status", "Decision"])
        let context = try #require(doc.sections.first { $0.heading == "Context" })
        #expect(!context.text.contains("comment"), "code is dropped from section text")
        #expect(doc.decision?.decisionText.contains("PeerTransport interface") == true)
    }

    @Test func rstSectionsAndLiteralBlocks() throws {
        let doc = try Fixture.parse("adr/adr-003-evidence-handling.rst")
        #expect(doc.sections.map(\.heading) == ["ADR 3: Evidence handling for order disputes", "Context", "Status", "Decision"])
        #expect(doc.sections.map(\.level) == [1, 2, 2, 2])
        let decision = try #require(doc.sections.first { $0.heading == "Decision" })
        #expect(decision.text.contains("append-only table"))
        #expect(!decision.text.contains("not a heading"), "the literal block after :: is code")
    }

    // MARK: - Titles (ADRParser.splitTitle, observed through parse results)

    struct TitleCase: Sendable, CustomTestStringConvertible {
        var heading: String
        var number: Int
        var title: String
        var format: DecisionRecord.Format
        var testDescription: String { heading }
    }

    @Test("title numbers and formats", arguments: [
        TitleCase(heading: "12. Use Kafka", number: 12, title: "Use Kafka", format: .nygard),
        TitleCase(heading: "ADR 012: PeerTransport", number: 12, title: "PeerTransport", format: .adrNumbered),
        TitleCase(heading: "ADR-102 RPC", number: 102, title: "RPC", format: .adrNumbered),
        TitleCase(heading: "ADR 45 - ABCI Evidence Handling", number: 45, title: "ABCI Evidence Handling", format: .adrNumbered),
        TitleCase(heading: "0018: Modules", number: 18, title: "Modules", format: .nygard),
    ])
    func title(_ c: TitleCase) throws {
        // The file name carries no number, so the number must come from the title.
        let text = "# \(c.heading)\n\n## Status\n\nAccepted\n\n## Context\n\nSomething.\n"
        let r = try #require(try Fixture.parse(text: text, path: "/repo/docs/decisions/some-decision.md").decision)
        #expect(r.number == c.number)
        #expect(r.title == c.title)
        #expect(r.format == c.format)
        #expect(r.titleNumber == nil)
    }

    @Test func titleWithoutNumberKeepsTheWholeTitle() throws {
        let plain = try #require(try Fixture.parse(text: "# Use Postgres\n\n## Status\n\nAccepted\n", path: "/repo/adr/use-postgres.md").decision)
        #expect(plain.number == nil)
        #expect(plain.title == "Use Postgres")
    }

    // MARK: - Links

    static func record(status: String, body: String = "", file: String = "0020-x.md") throws -> DecisionRecord {
        let text = "# 20. Something\n\n## Status\n\n\(status)\n\n## Context\n\n\(body)\n"
        return try #require(try Fixture.parse(text: text, path: "/repo/adr/\(file)").decision)
    }

    @Test func supersededByMarkdownLink() throws {
        let r = try Self.record(status: "Superseded by [DNS infrastructure](0015-dns-infrastructure.md)")
        #expect(r.status == .superseded)
        #expect(r.supersededBy == [DecisionLink(number: 15, file: "0015-dns-infrastructure.md")])
    }

    @Test func supersededByLinkWithPathAndAnchor() throws {
        let r = try Self.record(status: "Superseded by [ADR 111](./decisions/adr-111-nop.md#decision)")
        #expect(r.supersededBy == [DecisionLink(number: 111, file: "adr-111-nop.md")])
    }

    @Test func rejectedInFavourOfADR() throws {
        let r = try Self.record(status: "Rejected in favour of ADR 111")
        #expect(r.status == .rejected)
        #expect(r.supersededBy == [DecisionLink(number: 111, file: nil)])
    }

    @Test func inFavourOfOutsideTheStatusIsNotALink() throws {
        let r = try Self.record(status: "Accepted", body: "Most of us argued in favour of ADR 7 style naming.")
        #expect(r.status == .accepted)
        #expect(r.supersededBy.isEmpty)
    }

    @Test func supersedesTheDecisionsMadeInADRsList() throws {
        let r = try Self.record(status: "Accepted", body: "This decision supersedes the decisions made in ADRs 60 and 61.")
        #expect(r.supersedes == [DecisionLink(number: 60, file: nil), DecisionLink(number: 61, file: nil)])
        #expect(r.status == .accepted)
    }

    @Test func acceptedThenSupersededLineMeansSuperseded() throws {
        let r = try Self.record(status: "Accepted\n\nSuperseded by [21. Other](0021-other.md)")
        #expect(r.rawStatus == "Accepted")
        #expect(r.status == .superseded)
        #expect(r.supersededBy == [DecisionLink(number: 21, file: "0021-other.md")])
    }

    @Test func aLinkToItselfIsDropped() throws {
        let r = try Self.record(status: "Accepted", body: "It supersedes ADR 20 and ADR 3.")
        #expect(r.supersedes == [DecisionLink(number: 3, file: nil)])
    }

    @Test func madrBulletStatusAndDate() throws {
        let text = "# Use GraphQL\n\n* Status: proposed\n* Date: 15 July 2021\n\n## Considered Options\n\n* GraphQL\n* REST\n\n## Decision Outcome\n\nChosen Option: GraphQL, since clients vary.\n"
        let r = try #require(try Fixture.parse(text: text, path: "/repo/docs/decisions/0003-use-graphql.md").decision)
        #expect(r.status == .proposed)
        #expect(r.date == "2021-07-15")
        #expect(r.format == .madr)
        #expect(r.chosenOption == "GraphQL")
    }
}
