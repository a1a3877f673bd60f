import ArchKBCorpus
import ArchKBIndex
import Foundation
import Testing

/// A record that moves away from something names it without choosing it (the radar put MongoDB in
/// adopt for alphagov's "Mongo Replacement by DocumentDB").
@Suite("Decisions: what a record leaves is not chosen", .enabled(if: FileManager.default.fileExists(atPath: Paths.bundledCorpus.path), "Corpus/ not found"))
struct DecisionLeavingTests {
    static func chosen(title: String, decision: String) throws -> (chosen: [String], named: [String]) {
        let reader = try BundledCorpusTests.reader()
        let text = "# 1. \(title)\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe run several databases.\n\n## Decision\n\n\(decision)\n"
        let record = try #require(try Fixture.parse(text: text, path: "docs/adr/0001-x.md").decision)
        let found = DecisionEntityFinder(entities: reader.entities).entities(of: record)
        return (found.filter(\.chosen).map { reader.entities[$0.id].name }, found.map { reader.entities[$0.id].name })
    }

    static let cases: [(String, String, String, String?)] = [
        ("Mongo Replacement by DocumentDB", "The approaches taken for migrating from MongoDB to PostgreSQL are listed below.", "MongoDB", "PostgreSQL"),
        ("Replace RabbitMQ with Kafka", "We replace RabbitMQ with Apache Kafka for order events.", "RabbitMQ", "Apache Kafka"),
        ("Remove the memcached tier", "We will remove the Memcached tier and keep sessions in Redis.", "Memcached", "Redis"),
    ]

    @Test("the option a record leaves is named, not chosen", arguments: cases)
    func leftIsNotChosen(_ title: String, _ decision: String, _ left: String, _ taken: String?) throws {
        let r = try Self.chosen(title: title, decision: decision)
        #expect(!r.chosen.contains(left), "\(left) counted as chosen: \(r.chosen)")
        #expect(r.named.contains(left), "\(left) is still named: \(r.named)")
        if let taken { #expect(r.chosen.contains(taken), "\(taken) not chosen: \(r.chosen)") }
    }

    @Test func readingFromAToolIsNotLeavingIt() throws {
        let r = try Self.chosen(title: "Consume order events from Kafka", decision: "Billing consumes order events from Apache Kafka with one consumer group.")
        #expect(r.chosen.contains("Apache Kafka"), "\(r.chosen)")
    }
}
