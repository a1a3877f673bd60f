import ArchKBCorpus
import Foundation
import Testing

/// DocumentParser on every file of the fixture corpus: kinds, cards, guide rows, sections.
@Suite("DocumentParser on the fixture corpus")
struct DocumentParserTests {
    struct CardCase: Sendable, CustomTestStringConvertible {
        var file: String
        var name: String
        var aliases: [String]
        var kind: EntityKind
        var area: String
        var related: [String]
        var testDescription: String { file }
    }

    static let cards: [CardCase] = [
        .init(file: "cards/circuit-breaker.md", name: "Circuit Breaker", aliases: ["circuit breaker pattern", "breaker"],
              kind: .pattern, area: "Resilience", related: ["Bulkhead", "Retry with Exponential Backoff"]),
        .init(file: "cards/retry-with-exponential-backoff.md", name: "Retry with Exponential Backoff",
              aliases: ["exponential backoff", "retry with backoff"], kind: .pattern, area: "Resilience", related: ["Circuit Breaker", "Bulkhead"]),
        .init(file: "cards/bulkhead.md", name: "Bulkhead", aliases: ["bulkhead isolation", "isolated pools"], kind: .pattern,
              area: "Resilience", related: ["Circuit Breaker"]),
        .init(file: "cards/apache-kafka.md", name: "Apache Kafka", aliases: ["Kafka"], kind: .technology, area: "Messaging", related: ["RabbitMQ"]),
        .init(file: "cards/rabbitmq.md", name: "RabbitMQ", aliases: ["Rabbit", "AMQP broker"], kind: .technology, area: "Messaging",
              related: ["Apache Kafka"]),
        .init(file: "cards/redis.md", name: "Redis", aliases: ["Redis cache"], kind: .technology, area: "Caching", related: ["Cache-Aside"]),
        .init(file: "cards/cache-aside.md", name: "Cache-Aside", aliases: ["lazy loading cache", "look-aside cache"], kind: .pattern,
              area: "Caching", related: ["Redis"]),
        .init(file: "cards/distributed-monolith.md", name: "Distributed Monolith", aliases: ["distributed big ball of mud"],
              kind: .antiPattern, area: "Microservices", related: ["Bulkhead"]),
    ]

    @Test("entity cards: front matter becomes the card", arguments: cards)
    func card(_ c: CardCase) throws {
        let doc = try Fixture.parse(c.file)
        #expect(doc.kind == .card)
        #expect(doc.title == c.name)
        #expect(doc.decision == nil)
        #expect(doc.warnings.isEmpty)
        let card = try #require(doc.card)
        #expect(card.name == c.name)
        #expect(card.aliases == c.aliases)
        #expect(card.kind == c.kind)
        #expect(card.area == c.area)
        #expect(card.related == c.related)
        // Front matter is 7 lines; the title heading is line 8.
        #expect(card.line == 8)
        let headings = doc.sections.map(\.heading)
        #expect(headings.first == c.name)
        let required = c.kind == .antiPattern
            ? ["What it is", "How to recognise it", "What to do instead", "Alternatives"]
            : ["What it is", "When to use", "When not to use", "Trade-offs", "Alternatives"]
        for required in required {
            #expect(headings.contains(required), "\(c.file) lacks section \(required)")
        }
        // The summary section's text is plain prose without markup.
        let summary = try #require(doc.sections.first { SectionRole(heading: $0.heading) == .summary && !$0.text.isEmpty })
        #expect(!summary.text.contains("##"))
        #expect(summary.text.count > 40)
    }

    @Test func antiPatternCardHasRecogniseAndInsteadSections() throws {
        let doc = try Fixture.parse("cards/distributed-monolith.md")
        let roles = doc.sections.map { SectionRole(heading: $0.heading) }
        #expect(roles.contains(.recognise))
        #expect(roles.contains(.instead))
        #expect(roles.contains(.tradeoffs), "'Why it hurts' is the anti-pattern's trade-offs")
        let instead = try #require(doc.sections.first { $0.heading == "What to do instead" })
        #expect(instead.text.hasPrefix("Redraw service boundaries"))
    }

    @Test func sectionsCoverTheFileWithoutOverlap() throws {
        let text = try Fixture.text("cards/circuit-breaker.md")
        let doc = try Fixture.parse("cards/circuit-breaker.md")
        #expect(doc.lineCount == text.lineArray.count)
        var previousEnd = 7
        for s in doc.sections {
            #expect(s.startLine == previousEnd + 1, "section \(s.heading) starts at \(s.startLine), previous ended at \(previousEnd)")
            #expect(s.endLine >= s.startLine)
            previousEnd = s.endLine
        }
        #expect(previousEnd == doc.lineCount)
        let whenNot = try #require(doc.sections.first { $0.heading == "When not to use" })
        #expect(whenNot.trail == "Circuit Breaker > When not to use")
        #expect(whenNot.level == 2)
        #expect(text.lineArray[whenNot.startLine - 1] == "## When not to use")
    }

    @Test func guideRowsNameTheirOptionAndKeepTheirLine() throws {
        let text = try Fixture.text("guides/choosing-a-message-broker.md")
        let doc = try Fixture.parse("guides/choosing-a-message-broker.md")
        #expect(doc.kind == .guide)
        #expect(doc.title == "Choosing a message broker")
        #expect(doc.card == nil)
        #expect(doc.guideRows.map(\.option) == ["Apache Kafka", "Rabbit", "Redis cache", "Amazon SQS"])
        #expect(doc.guideRows.map(\.line) == [12, 13, 14, 15])
        let lines = text.lineArray
        for row in doc.guideRows {
            #expect(lines[row.line - 1].hasPrefix("| \(row.option) |"))
        }
        #expect(doc.guideRows[0].text == "When: Many consumers need to replay order events. Trade-offs: Durable log; heavier to operate")
    }

    @Test("ADR files are recognised as ADRs whatever their format", arguments: [
        "adr/0001-use-rabbitmq-for-order-events.md", "adr/0002-keep-reporting-on-the-shared-database.md",
        "adr/adr-003-evidence-handling.rst", "adr/0004-dead-letter-queue-for-order-events.md",
        "adr/0005-use-kafka-for-order-events.md", "adr/0006-cache-the-product-catalog.md",
        "adr/0007-adopt-circuit-breakers-for-payment-calls.md", "adr/0009-use-memcached-for-sessions.md",
        "adr/0010-retry-payment-calls-with-exponential-backoff.md", "adr/0012-peer-transport.md",
    ])
    func adrKind(_ file: String) throws {
        let doc = try Fixture.parse(file)
        #expect(doc.kind == .adr)
        let record = try #require(doc.decision)
        #expect(doc.title == record.title)
        #expect(doc.card == nil)
        #expect(doc.guideRows.isEmpty)
    }

    @Test func adrStructureIsRecognisedOutsideAnADRFolder() throws {
        let text = "# Use Postgres\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a database.\n"
        let doc = try Fixture.parse(text: text, path: "/repo/docs/notes/use-postgres.md")
        #expect(doc.kind == .adr)
        #expect(doc.decision?.status == .accepted)
        let plain = try Fixture.parse(text: "# Meeting notes\n\nWe talked.\n", path: "/repo/docs/notes/meeting.md")
        #expect(plain.kind == .note)
        #expect(plain.decision == nil)
    }

    @Test func cardWithoutNameThrowsInvalidCard() {
        let text = "---\nkind: pattern\narea: Caching\n---\n# Nameless\n"
        #expect(throws: CorpusError.invalidCard(path: "x/nameless.md", line: 1, reason: "card has no 'name' in its front matter")) {
            try DocumentParser().parse(text: text, path: "/x/nameless.md", displayPath: "x/nameless.md")
        }
    }

    @Test func unknownKindIsANoteWithAWarning() throws {
        let doc = try Fixture.parse(text: "---\nkind: recipe\n---\n# Bread\n\nFlour.\n", path: "/x/bread.md")
        #expect(doc.kind == .note)
        #expect(doc.warnings.contains { $0.contains("unknown kind 'recipe'") })
    }

    @Test func invalidYAMLFallsBackToLineReading() throws {
        let text = "---\nname: Broken: YAML: here\naliases: [a, \"b\"]\nkind: pattern\n  bad indent: [\n---\n# Broken\n"
        let doc = try Fixture.parse(text: text, path: "/x/broken.md")
        #expect(doc.warnings.contains { $0.contains("not valid YAML") })
        #expect(doc.card?.aliases == ["a", "b"])
        #expect(doc.card?.kind == .pattern)
    }

    /// Documents a bug: `String.lineArray` (Text+Normalize.swift) splits on the Character "\n", but
    /// "\r\n" is one grapheme cluster in Swift, so a CRLF file is read as a single line: its front
    /// matter and headings are lost and a CRLF card is indexed as a plain note.
    @Test func crlfLinesAreSplit() {
        #expect("a\r\nb\r\n".lineArray == ["a", "b"])
        #expect("a\nb\r\nc".lineArray == ["a", "b", "c"])
        #expect("a\n\nb\n".lineArray == ["a", "", "b"])
    }

    /// Documents the same bug end to end: a card saved with Windows line endings.
    @Test func crlfLineEndingsParseLikeLF() throws {
        let lf = try Fixture.text("cards/bulkhead.md")
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = try Fixture.parse(text: lf, path: "/x/bulkhead.md")
        let b = try Fixture.parse(text: crlf, path: "/x/bulkhead.md")
        #expect(b.kind == .card)
        #expect(a.card == b.card)
        #expect(b.sections.map(\.heading) == a.sections.map(\.heading))
        #expect(b.sections.map(\.startLine) == a.sections.map(\.startLine))
    }
}
