import ArchKBIndex
@testable import ArchKBQuery
import Foundation
import Testing

/// `DraftCheck` in process on the check fixture: the rules' edges (links, the draft's own record,
/// withdrawn drafts, refusals, thresholds) and the text helpers they rest on.
@Suite("archkb check rules")
struct DraftCheckTests {
    /// Checks `text` as if it were the file `relative` of the fixture (written there for links).
    static func check(_ text: String, as relative: String, write: Bool = false) throws -> CheckReport {
        let fixture = try CheckFixture.get()
        let url = fixture.root.appendingPathComponent(relative)
        if write {
            #expect(FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8)))
        }
        defer { if write { try? FileManager.default.removeItem(at: url) } }
        return try DraftCheck(searcher: Searcher(reader: IndexReader(path: fixture.indexPath))).check(text: text, path: url.path, displayPath: relative)
    }

    static func kinds(_ r: CheckReport) -> [String] { r.findings.map(\.kind.rawValue) }

    static func nygard(_ title: String, status: String = "Proposed", extra: String = "", context: String, decision: String) -> String {
        "# \(title)\n\nDate: 2026-12-01\n\n## Status\n\n\(status)\n\(extra)\n## Context\n\n\(context)\n\n## Decision\n\n\(decision)\n"
    }

    @Test func aSuccessorDoesNotConflictWithWhatItSupersedes() throws {
        let text = Self.nygard("11. Move order events back to RabbitMQ", extra: "\nSupersedes [ADR 6](0006-stream-order-events-through-kafka.md)\n",
                               context: "Apache Kafka costs too much for our volume; Amazon SQS and NATS were compared.",
                               decision: "We will publish order events to RabbitMQ again.")
        let r = try Self.check(text, as: "docs/adr/0011-move-order-events-back-to-rabbitmq.md", write: true)
        #expect(r.chosen == ["RabbitMQ"])
        #expect(!Self.kinds(r).contains("precedent-conflict"), "\(r.findings)")
        #expect(!Self.kinds(r).contains("broken-link"))
        #expect(Self.kinds(r).contains("repeats-withdrawn"), "ADR 3 still chose RabbitMQ and was superseded")
    }

    @Test func anIndexedRecordIsNotComparedWithItself() throws {
        let fixture = try CheckFixture.get()
        let text = try String(contentsOf: fixture.root.appendingPathComponent("docs/adr/0005-keep-sessions-in-redis.md"), encoding: .utf8)
        let r = try Self.check(text, as: "docs/adr/0005-keep-sessions-in-redis.md")
        #expect(r.chosen == ["Redis"])
        #expect(!Self.kinds(r).contains("precedent-conflict"))
    }

    @Test func aLinkToAFileNextToTheDraftIsNotBroken() throws {
        let fixture = try CheckFixture.get()
        let sibling = fixture.root.appendingPathComponent("planted/0030-old-logging.md")
        #expect(FileManager.default.createFile(atPath: sibling.path, contents: Data("# 30. Old logging\n".utf8)))
        defer { try? FileManager.default.removeItem(at: sibling) }
        let text = Self.nygard("31. Log in JSON", extra: "\nSupersedes [ADR 30](0030-old-logging.md)\n", context: "Logs are parsed by hand.", decision: "We will write JSON lines.")
        #expect(!Self.kinds(try Self.check(text, as: "planted/0031-log-in-json.md")).contains("broken-link"))
        let missing = text.replacingOccurrences(of: "0030-old-logging.md", with: "0029-nothing.md")
        let r = try Self.check(missing, as: "planted/0031-log-in-json.md")
        #expect(Self.kinds(r) == ["broken-link"])
        #expect(r.findings.first?.line == 9)
    }

    @Test func aWithdrawnDraftGetsTheRecordRulesOnly() throws {
        let text = Self.nygard("12. Cache sessions in Memcached", status: "Rejected: sessions must survive restarts",
                               context: "Sessions must survive a node restart, so the store needs persistence and replication.",
                               decision: "We will keep user sessions in Memcached.")
        #expect(Self.kinds(try Self.check(text, as: "planted/rejected.md")) == [])
    }

    @Test func anAntiPatternInTheContextOrRefusedIsNoFinding() throws {
        let refused = Self.nygard("13. Split the billing tables", context: "Billing and orders use a shared database and break each other.",
                                  decision: "Billing will not use a shared database with orders any more; each service owns its tables.")
        #expect(!Self.kinds(try Self.check(refused, as: "planted/refused.md")).contains("anti-pattern"))
        let adopted = refused.replacingOccurrences(of: "Billing will not use a shared database with orders any more; each service owns its tables.",
                                                   with: "Billing will keep using a shared database with orders.")
        #expect(Self.kinds(try Self.check(adopted, as: "planted/adopted.md")).contains("anti-pattern"))
    }

    @Test func aWhenNotLineNeedsItsThreshold() throws {
        // "Small systems (a few services, under ~1k msgs/s) without a platform team": 8 stems.
        let three = Self.nygard("14. Stream invoice events through Kafka", context: "A small team runs this system. Apache Pulsar, Amazon Kinesis, Azure Event Hubs and RabbitMQ were compared.",
                                decision: "We will stream invoice events through Apache Kafka.")
        #expect(!Self.kinds(try Self.check(three, as: "planted/three.md")).contains("when-not-to-use"), "3 of 8 stems is under half")
        let four = three.replacingOccurrences(of: "A small team runs this system.", with: "A small team runs this system of a few services without a platform team.")
        let r = try Self.check(four, as: "planted/four.md")
        #expect(Self.kinds(r) == ["when-not-to-use"], "\(r.findings)")
    }

    @Test func textHelpers() {
        #expect(DraftCheck.lead("Apache Kafka when you need replay, high throughput and stream processing.") == "Apache Kafka")
        #expect(DraftCheck.lead("Shared Database: acceptable during a Strangler Fig migration") == "Shared Database")
        #expect(DraftCheck.lead("Amazon Kinesis or Azure Event Hubs when you want a managed stream") == "Amazon Kinesis or Azure Event Hubs")
        #expect(DraftCheck.condition("Task queues needing per-message retries: RabbitMQ fits better.") == "Task queues needing per-message retries")
        #expect(DraftCheck.condition("RPC or request-reply.") == "RPC or request-reply.")
        let lines = ["## Context", "", "We run three services and", "a queue. Load is low.", "", "- One bullet", "  wrapped."]
        let sentences = DraftText.sentences(lines: lines, from: 1, to: lines.count)
        #expect(sentences.map(\.text) == ["We run three services and a queue.", "Load is low.", "- One bullet wrapped."])
        #expect(sentences.map(\.line) == [3, 4, 6])
    }
}
