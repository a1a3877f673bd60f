import ArchKBCorpus
import ArchKBIndex
@testable import ArchKBQuery
import ArchKBRender
import Foundation
import MCP
import Testing

/// Ring derivation on a small log written for it (Fixtures/logs/radar: eight records beside the
/// fixture cards), overrides, and the four output formats.
@Suite("Team radar")
struct RadarTests {
    struct Log: @unchecked Sendable {
        let root: URL
        let indexPath: String
        func searcher() throws -> Searcher { Searcher(reader: try IndexReader(path: indexPath)) }
    }

    static let logDir = Paths.fixtureCorpus.deletingLastPathComponent().appendingPathComponent("logs/radar")

    static let log: Result<Log, Error> = Result {
        let dir = try TempDir("archkb-radar")
        SharedCleanup.register(dir.path)
        let index = dir.url.appendingPathComponent("radar.sqlite").path
        _ = try IndexBuilder(roots: [Paths.fixtureCorpus.appendingPathComponent("cards").path, logDir.path],
                             projectRoot: logDir.path, indexPath: index).build()
        return Log(root: dir.url, indexPath: index)
    }

    static func radar(overrides: [RadarOverride] = [], window: Int = Radar.defaultWindowDays) throws -> Radar {
        try log.get().searcher().radar(windowDays: window, overrides: overrides, overridesPath: overrides.isEmpty ? nil : "overrides.yml")
    }

    static func blip(_ name: String, in r: Radar) throws -> RadarBlip { try #require(r.blips.first { $0.name == name }) }

    struct Expected: Sendable, CustomTestStringConvertible {
        var name: String
        var ring: RadarRing
        var quadrant: RadarQuadrant
        var isNew: Bool
        /// The number of the record whose move set the ring.
        var decidedBy: Int
        var testDescription: String { name }
    }

    @Test("each entity lands in its ring", arguments: [
        // Accepted, in force, older than the window.
        Expected(name: "Apache Kafka", ring: .adopt, quadrant: .platforms, isNew: false, decidedBy: 3),
        // Accepted; a later record only mentions it, which moves nothing.
        Expected(name: "Redis", ring: .adopt, quadrant: .platforms, isNew: false, decidedBy: 2),
        // Proposed.
        Expected(name: "Circuit Breaker", ring: .trial, quadrant: .techniques, isNew: true, decidedBy: 4),
        // Accepted within 180 days of the newest record.
        Expected(name: "Retry with Exponential Backoff", ring: .trial, quadrant: .techniques, isNew: true, decidedBy: 5),
        // Mentioned only.
        Expected(name: "Cache-Aside", ring: .assess, quadrant: .techniques, isNew: false, decidedBy: 2),
        // Chosen by ADR 1, which ADR 3 superseded: hold, moved by ADR 3.
        Expected(name: "RabbitMQ", ring: .hold, quadrant: .platforms, isNew: false, decidedBy: 3),
        // Adopted by ADR 6, then chosen by the rejected ADR 8: the newer record wins.
        Expected(name: "Bulkhead", ring: .hold, quadrant: .techniques, isNew: false, decidedBy: 8),
        // An anti-pattern an accepted record names.
        Expected(name: "Distributed Monolith", ring: .hold, quadrant: .techniques, isNew: false, decidedBy: 7),
    ])
    func rings(_ e: Expected) throws {
        let r = try Self.radar()
        let b = try Self.blip(e.name, in: r)
        #expect(b.ring == e.ring)
        #expect(b.derivedRing == e.ring)
        #expect(b.quadrant == e.quadrant)
        #expect(b.isNew == e.isNew)
        let deciding = try #require(b.deciding)
        #expect(b.history[deciding].record.number == e.decidedBy)
        #expect(b.override == nil)
    }

    @Test func radarCoversExactlyTheNamedEntities() throws {
        let r = try Self.radar()
        #expect(r.blips.count == 8)
        #expect(!r.blips.contains { $0.name == "Strangler Fig" })
        #expect(r.counts.map(\.count) == [2, 2, 1, 3])
        #expect(r.logs.count == 1)
        #expect(r.logs.first?.newestDate == "2024-06-01")
        #expect(r.logs.first?.records == 8)
        // Ordered by ring, then quadrant, then name.
        #expect(r.blips.map(\.ring) == r.blips.map(\.ring).sorted())
    }

    @Test func supersessionMovesTheBlipToHoldWithTheSuccessorsDate() throws {
        let b = try Self.blip("RabbitMQ", in: try Self.radar())
        #expect(b.history.map(\.ring) == [.adopt, .hold])
        #expect(b.history.map(\.record.number) == [1, 3])
        let hold = b.history[1]
        #expect(hold.cause == .superseded)
        #expect(hold.record.date == "2023-02-01")
        #expect(hold.superseded?.number == 1)
        #expect(hold.record.path.hasSuffix("docs/adr/0003-use-kafka-for-order-events.md"))
        #expect(b.why == "ADR 1, which chose it, superseded by ADR 3 (2023-02-01)")
    }

    @Test func mentionsNeverOutrankAChoice() throws {
        let b = try Self.blip("Redis", in: try Self.radar())
        #expect(b.history.map(\.cause) == [.accepted, .mentioned])
        #expect(b.history.map(\.decisive) == [true, false])
    }

    @Test func theWindowDecidesTrialAndNew() throws {
        // With a zero window only the newest day is recent.
        let r = try Self.radar(window: 0)
        #expect(try Self.blip("Retry with Exponential Backoff", in: r).ring == .trial)
        #expect(try Self.blip("Circuit Breaker", in: r).isNew == false)
        #expect(try Self.blip("Apache Kafka", in: r).ring == .adopt)
        let wide = try Self.radar(window: 2000)
        #expect(try Self.blip("Apache Kafka", in: wide).ring == .trial)
        #expect(try Self.blip("Apache Kafka", in: wide).isNew)
        let narrow = try Self.radar(window: 10)
        #expect(try Self.blip("Retry with Exponential Backoff", in: narrow).ring == .trial)
        #expect(try Self.blip("Circuit Breaker", in: narrow).isNew == false)
    }

    @Test func overridesWinAndSaySo() throws {
        let file = """
            # rings set by hand
            Kafka: hold  # leaving the cloud provider's managed offering
            strangler pattern:
              ring: assess
              reason: the billing split
            """
        let overrides = try RadarOverrideFile.parse(file, path: "overrides.yml")
        #expect(overrides == [RadarOverride(name: "Kafka", ring: .hold, reason: "leaving the cloud provider's managed offering", line: 2),
                              RadarOverride(name: "strangler pattern", ring: .assess, reason: "the billing split", line: 3)])
        let r = try Self.radar(overrides: overrides)
        let kafka = try Self.blip("Apache Kafka", in: r)
        #expect(kafka.ring == .hold)
        #expect(kafka.derivedRing == .adopt)
        #expect(kafka.override?.line == 2)
        #expect(kafka.why == "set by hand to hold (overrides.yml:2): leaving the cloud provider's managed offering")
        let fig = try Self.blip("Strangler Fig", in: r)
        #expect(fig.ring == .assess)
        #expect(fig.derivedRing == nil)
        #expect(fig.history.isEmpty)
        #expect(r.blips.count == 9)
    }

    @Test("a bad override file names the line", arguments: [
        ("Kafka: adoptt\n", "overrides.yml:1: \"adoptt\" is not a ring for \"Kafka\" (use adopt, trial, assess or hold)"),
        ("Kafka: hold\nkafka: adopt\n", "overrides.yml:2: \"kafka\" is set twice"),
        ("- Kafka\n", "overrides.yml:1: expected `name: ring` lines (a YAML mapping)"),
        ("Kafka:\n  ring: hold\n  why: x\n", "overrides.yml:3: unknown key \"why\" for \"Kafka\" (use ring and reason)"),
        ("Kafka: [hold]\n", "overrides.yml:1: \"Kafka\" needs a ring (adopt, trial, assess or hold)"),
    ])
    func badOverrides(_ c: (String, String)) {
        #expect(throws: CorpusError.self) { try RadarOverrideFile.parse(c.0, path: "overrides.yml") }
        do {
            _ = try RadarOverrideFile.parse(c.0, path: "overrides.yml")
        } catch {
            #expect("\(error)" == c.1)
        }
    }

    @Test func anOverrideForNoEntityIsAnError() throws {
        let overrides = [RadarOverride(name: "Kafak", ring: .hold, reason: nil, line: 4)]
        #expect(throws: QueryError.unknownRadarEntity(name: "Kafak", file: "overrides.yml", line: 4)) { try Self.radar(overrides: overrides) }
    }

    @Test func quadrantsFollowTheTable() {
        #expect(RadarQuadrant(kind: "technology", area: "Languages & Frameworks") == .languagesFrameworks)
        #expect(RadarQuadrant(kind: "practice", area: "Languages & Frameworks") == .languagesFrameworks)
        #expect(RadarQuadrant(kind: "technology", area: "API Design") == .languagesFrameworks)
        #expect(RadarQuadrant(kind: "technology", area: "Messaging & Events") == .platforms)
        #expect(RadarQuadrant(kind: "technology", area: "Observability") == .tools)
        #expect(RadarQuadrant(kind: "pattern", area: "Messaging & Events") == .techniques)
        #expect(RadarQuadrant(kind: "anti-pattern", area: "Microservices") == .techniques)
    }

    @Test func daysBetweenDates() {
        #expect(Searcher.days(from: "2023-12-04", to: "2024-06-01") == 180)
        #expect(Searcher.days(from: "2024-02-28", to: "2024-03-01") == 2)
        #expect(Searcher.days(from: "1970-01-01", to: "1970-01-01") == 0)
        #expect(Searcher.dayNumber("2024-13-01") == nil)
    }
}
