import ArchKBCorpus
import ArchKBIndex
import ArchKBQuery
import Foundation
import Testing

/// Two decision logs written like real ones (Fixtures/logs): an eight-year Nygard log whose
/// format drifts (day-first dates in four spellings, emoji, badge and checkbox statuses, a status
/// nested in an option, a file without a `#` title) and a MADR 2 log with bold metadata bullets
/// and date-prefixed file names outside any ADR-named folder.
@Suite("Real-log ADR ingest")
struct ADRLogTests {
    struct Log: @unchecked Sendable {
        let indexPath: String
        let report: IndexBuildReport
        func reader() throws -> IndexReader { try IndexReader(path: indexPath) }
    }

    static let logs: URL = Paths.fixtureCorpus.deletingLastPathComponent().appendingPathComponent("logs")

    static func build(_ name: String) throws -> Log {
        let dir = try TempDir("archkb-log-\(name)")
        SharedCleanup.register(dir.path)
        let index = dir.url.appendingPathComponent("log.sqlite").path
        let report = try IndexBuilder(roots: [logs.appendingPathComponent(name).path], projectRoot: logs.path, indexPath: index).build()
        return Log(indexPath: index, report: report)
    }

    static let nygard: Result<Log, Error> = Result { try build("nygard-drift") }
    static let madr: Result<Log, Error> = Result { try build("madr2-bold") }

    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var number: Int?
        var title: String
        var status: DecisionStatus
        var raw: String?
        var date: String?
        var testDescription: String { file }
    }

    @Test("Nygard log drifting over eight years", arguments: [
        Expected(file: "0001-record-architecture-decisions.md", number: 1, title: "Record architecture decisions", status: .accepted, raw: "✅ Accepted", date: "2018-02-05"),
        Expected(file: "0002-store-ledger-entries-in-postgres.md", number: 2, title: "Store ledger entries in Postgres", status: .accepted, raw: "Approved", date: "2018-04-23"),
        Expected(file: "0003-publish-ledger-events-with-webhooks.md", number: 3, title: "Publish ledger events with webhooks", status: .rejected, raw: "🚫 Rejected", date: "2018-04-10"),
        Expected(file: "0004-queue-ledger-events.md", number: 4, title: "Queue ledger events", status: .superseded,
                 raw: "⚠️ Superseded by ADR 7, see the migration notes", date: nil),
        Expected(file: "0005-nightly-reconciliation.md", number: 5, title: "Nightly reconciliation", status: .unknown, raw: nil, date: "2019-03-18"),
        Expected(file: "0006-shard-the-ledger.md", number: 6, title: "Shard the ledger by account", status: .proposed, raw: "Incomplete", date: "2020-08-14"),
        Expected(file: "0007-stream-ledger-events-through-kafka.md", number: 7, title: "Stream ledger events through Kafka", status: .accepted, raw: "Accepted", date: "2021-11-02"),
        Expected(file: "0008-trace-ledger-requests.md", number: 8, title: "Trace ledger requests", status: .accepted, raw: "accepted", date: "2023-06-26"),
        Expected(file: "0009-keep-ledger-documentation-in-the-repo.md", number: 9, title: "Keep ledger documentation in the repo", status: .proposed, raw: "WIP", date: nil),
        Expected(file: "0010-store-ledger-entries-in-postgres.md", number: 10, title: "Store ledger entries in Postgres", status: .proposed, raw: "In review", date: "2026-01-05"),
    ])
    func nygardRecord(_ e: Expected) throws {
        try check(e, in: Self.nygard.get())
    }

    @Test("MADR 2 log with bold metadata and date-prefixed names", arguments: [
        Expected(file: "2023-06-26-use-github-actions-for-ci.md", number: nil, title: "Use GitHub Actions for CI", status: .accepted, raw: "accepted", date: "2023-06-26"),
        Expected(file: "2023-07-03-log-in-json.md", number: nil, title: "Log in JSON", status: .proposed, raw: "Draft", date: "2024-11-14"),
        Expected(file: "2023-08-01-pick-a-queue.md", number: nil, title: "Pick a queue for e-mail jobs", status: .proposed, raw: "In review", date: "2023-08-01"),
        Expected(file: "2024-01-15-retire-the-ftp-import.md", number: nil, title: "Retire the FTP import", status: .accepted, raw: "Active", date: "2024-01-15"),
        Expected(file: "2024-05-02-cache-partner-lookups.md", number: nil, title: "Cache partner lookups", status: .accepted, raw: "Agreed", date: "2024-05-02"),
    ])
    func madrRecord(_ e: Expected) throws {
        try check(e, in: Self.madr.get())
    }

    func check(_ e: Expected, in log: Log) throws {
        let reader = try log.reader()
        let d = try #require(reader.decisions.first { reader.documents[$0.document].path.hasSuffix("/" + e.file) })
        #expect(d.number == e.number)
        #expect(d.title == e.title)
        #expect(d.status == e.status)
        #expect(d.rawStatus == e.raw)
        #expect(d.date == e.date)
    }

    @Test func eachLogChoosesItsOwnDateOrder() throws {
        let nygard = DateOrderResolver.parse(try Self.nygard.get().reader().meta[DateOrderResolver.metaKey])
        #expect(nygard.map(\.order) == [.dayFirst], "23/04/2018 and 14/08/2020 can only be day-first")
        let madr = DateOrderResolver.parse(try Self.madr.get().reader().meta[DateOrderResolver.metaKey])
        #expect(madr.map(\.order) == [.monthFirst], "11/14/2024 can only be month-first, so 05/02/2024 is 2 May")
    }

    @Test func everyFileIsAnADRButTheFolderOverview() throws {
        let nygard = try Self.nygard.get()
        #expect(nygard.report.documentsByKind == ["adr": 10, "note": 1])
        #expect(try Self.madr.get().report.documentsByKind == ["adr": 5], "MADR 2 bullets outside an ADR folder still make ADRs")
    }

    @Test func boldMetadataBulletsNeverBecomeEntities() throws {
        #expect(try Self.madr.get().reader().entities.isEmpty)
        #expect(try Self.nygard.get().reader().entities.isEmpty)
    }

    @Test func linksResolveAndTheLinkTargetDateIsNotTaken() throws {
        let reader = try Self.nygard.get().reader()
        let queue = try #require(reader.decision(number: 4))
        let kafka = try #require(reader.decision(number: 7))
        #expect(queue.supersededBy == [kafka.id])
        #expect(kafka.supersedes == [queue.id])
        #expect(queue.date == nil, "2019-01-02 is inside the link target of the status line")
    }

    @Test func chosenOptionFromTheDecisionOutcomeHeading() throws {
        let reader = try Self.madr.get().reader()
        let queue = try #require(reader.decisions.first { $0.title == "Pick a queue for e-mail jobs" })
        #expect(queue.chosen == "RabbitMQ")
    }

    @Test func doctorOnTheNygardLog() throws {
        let findings = try Doctor(reader: Self.nygard.get().reader()).findings()
        func has(_ category: String, _ file: String) -> Bool { findings.contains { $0.category == category && $0.path.hasSuffix(file) && !$0.fix.isEmpty } }
        #expect(has("duplicate-title", "0010-store-ledger-entries-in-postgres.md"))
        #expect(has("no-status", "0005-nightly-reconciliation.md"))
        #expect(has("no-date", "0004-queue-ledger-events.md"))
        #expect(has("not-an-adr", "overview.md"))
        #expect(!findings.contains { $0.category == "no-date" && $0.path.hasSuffix("0002-store-ledger-entries-in-postgres.md") }, "Date 23/04/2018 is read")
        let note = try #require(findings.first { !$0.isProblem })
        #expect(note.message.contains("day-first"))
        #expect(findings.filter(\.isProblem).count == 5)
    }

    @Test func doctorOnTheMADRLogIsClean() throws {
        let findings = try Doctor(reader: Self.madr.get().reader()).findings()
        #expect(findings.filter(\.isProblem).isEmpty, "\(findings.map { "\($0.path):\($0.line) \($0.message)" })")
        #expect(!findings.contains { $0.category == "duplicate-number" }, "date-prefixed names carry no number")
    }

    @Test func aMonthFirstDateInADayFirstLogIsReportedAtItsLine() throws {
        try withTempDir { dir in
            let adr = dir.url.appendingPathComponent("adr")
            try FileManager.default.createDirectory(at: adr, withIntermediateDirectories: true)
            try "# 1. A\n\nDate: 23/04/2018\n\n## Status\n\nAccepted\n\n## Decision\n\nA.\n".write(to: adr.appendingPathComponent("0001-a.md"), atomically: true, encoding: .utf8)
            try "# 2. B\n\n## Changelog\n\n- 14/06/2018: draft\n- 5-26-2021: moved\n\n## Status\n\nAccepted\n\n## Decision\n\nB.\n".write(to: adr.appendingPathComponent("0002-b.md"), atomically: true, encoding: .utf8)
            let index = dir.url.appendingPathComponent("i.sqlite").path
            _ = try IndexBuilder(roots: [adr.path], projectRoot: dir.path, indexPath: index).build()
            let findings = try Doctor(reader: IndexReader(path: index)).findings()
            let clash = try #require(findings.first { $0.category == "date-order" })
            #expect(clash.path == "adr/0002-b.md" && clash.line == 6)
            #expect(clash.message.contains("write 2021-05-26"))
        }
    }
}
