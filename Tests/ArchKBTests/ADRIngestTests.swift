import ArchKBCorpus
import ArchKBIndex
import ArchKBQuery
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Date forms, status words, numbers and titles of single records; skipped files; precedent
/// evidence; the sample ADRs kept out of the bundled corpus.
@Suite("ADR ingest details")
struct ADRIngestTests {
    @Test("dates in every common form", arguments: [
        ("05/02/2018", DateOrder.dayFirst, "2018-02-05"),
        ("05/02/2018", DateOrder.monthFirst, "2018-05-02"),
        ("10/04/18", DateOrder.dayFirst, "2018-04-10"),
        ("23/06/2018", DateOrder.monthFirst, "2018-06-23"),
        ("11/14/2024", DateOrder.dayFirst, "2024-11-14"),
        ("02.04.20", DateOrder.dayFirst, "2020-04-02"),
        ("2020-4-15: Created", DateOrder.dayFirst, "2020-04-15"),
        ("20-Aug-2021: Initial draft", DateOrder.dayFirst, "2021-08-20"),
        ("###  November 2nd 2018", DateOrder.dayFirst, "2018-11-02"),
        ("- *2018-09-02* Remove errors", DateOrder.dayFirst, "2018-09-02"),
    ])
    func dateForms(_ text: String, _ order: DateOrder, _ expected: String) {
        #expect(DateText.find(in: text, order: order) == expected)
    }

    @Test("no date from link targets, URLs or impossible values", arguments: [
        "Superseded by [notes](https://wiki.example/2019-01-02/x)",
        "see <https://example.org/2020/01/02>",
        "016-08-2018: typo", "2023-24-05: typo", "v0.34.1",
    ])
    func noDate(_ text: String) {
        #expect(DateText.find(in: text) == nil)
    }

    @Test("date fields", arguments: [
        ("# 1. A\n\nDate 09/04/2018\n\n## Status\n\nAccepted\n\n## Context\n\nx\n", "2018-04-09"),
        ("# A\n\n* **Last Modified:** 2023-06-26\n* Status: accepted\n\n## Context\n\nx\n", "2023-06-26"),
        ("---\ndate: 2024-02-01\nstatus: accepted\n---\n# A\n\n## Context\n\nx\n", "2024-02-01"),
        ("# A\n\n## Status\n\n**Accepted** *2023-06-09* see [x](https://h/2020-01-01)\n\n## Context\n\nx\n", "2023-06-09"),
        ("# A\n\n## Changelog\n\n- 2023-05-03: rejected\n- 2022-12-18: first draft\n\n## Status\n\nRejected\n\n## Context\n\nx\n", "2022-12-18"),
    ])
    func dateField(_ text: String, _ expected: String) throws {
        let r = try #require(try Fixture.parse(text: text, path: "/repo/docs/adr/0001-a.md").decision)
        #expect(r.date == expected)
    }

    @Test func fileNameDateIsTheFallbackAndNoNumber() throws {
        let r = try #require(try Fixture.parse(text: "# Use X\n\n* Status: accepted\n* Deciders: A\n\n## Context\n\nx\n", path: "/repo/notes/2023-06-26-use-x.md").decision)
        #expect(r.number == nil)
        #expect(r.date == "2023-06-26")
        #expect(r.dateSource.kind == .fileName)
    }

    @Test("a date before the title or in the file name is no number", arguments: [
        ("# 2023-06-26: Use X", "/r/adr/use-x.md"),
        ("# Use X", "/r/adr/20230626-use-x.md"),
        ("# Use X", "/r/adr/2023-06-26_use-x.md"),
    ])
    func datesAreNoNumbers(_ heading: String, _ path: String) throws {
        let r = try #require(try Fixture.parse(text: "\(heading)\n\n## Status\n\nAccepted\n\n## Decision\n\nx\n", path: path).decision)
        #expect(r.number == nil)
        #expect(r.title == "Use X")
    }

    @Test func aYearBeforeTheTitleIsNoNumber() throws {
        let r = try #require(try Fixture.parse(text: "# 2024 platform roadmap\n\n## Status\n\nAccepted\n\n## Decision\n\nx\n", path: "/r/adr/roadmap.md").decision)
        #expect(r.number == nil)
        #expect(r.title == "2024 platform roadmap")
    }

    @Test("numbers stay numbers", arguments: [
        ("# 28 Use X", "/r/adr/use-x.md", 28),
        ("# ADR-0028: Use X", "/r/adr/use-x.md", 28),
        ("# Use X", "/r/adr/0028-use-x.md", 28),
    ])
    func numbers(_ heading: String, _ path: String, _ number: Int) throws {
        let r = try #require(try Fixture.parse(text: "\(heading)\n\nDate: 2024-01-01\n\n## Decision\n\nx\n", path: path).decision)
        #expect(r.number == number)
        #expect(r.title == "Use X")
    }

    @Test("status words, badges, checkboxes and emoji", arguments: [
        ("Incomplete", DecisionStatus.proposed), ("Draft", .proposed), ("WIP", .proposed), ("In review", .proposed), ("Pending", .proposed),
        ("Approved", .accepted), ("Active", .accepted), ("Agreed", .accepted),
        ("Superceded by ADR 4", .superseded), ("Cancelled", .rejected), ("Postponed", .proposed), ("🟢", .accepted),
        ("✅ Accepted", .accepted), ("🚫 Rejected", .rejected), ("⚠️ Superseded", .superseded), ("✅", .accepted), ("🚫", .rejected),
    ])
    func statusWords(_ raw: String, _ status: DecisionStatus) {
        #expect(DecisionStatus(raw: raw) == status)
    }

    @Test func badgeAndCheckboxStatusesReadAsTheirWords() throws {
        let badge = "# A\n\n## Status\n\n![Status](https://img.shields.io/badge/status-superseded_by_ADR_0002-orange)\n\n## Context\n\nx\n"
        let b = try #require(try Fixture.parse(text: badge, path: "/r/adr/0001-a.md").decision)
        #expect(b.rawStatus == "superseded by ADR 0002")
        #expect(b.status == .superseded)
        let boxes = "# A\n\n## Status\n\n- [ ] Proposed\n- [X] Rejected\n\n## Context\n\nx\n"
        let c = try #require(try Fixture.parse(text: boxes, path: "/r/adr/0001-a.md").decision)
        #expect(c.status == .rejected)
        #expect(c.statusLine == 6)
    }

    @Test("status and date in other header forms", arguments: [
        ("# A\n\n| Status | Accepted |\n|---|---|\n| Date | 2021-03-04 |\n\n## Context\n\nx\n", "Accepted", "2021-03-04"),
        ("# A\n\n## Status: Rejected\n\nDate: 2020-01-02\n\n## Context\n\nx\n", "Rejected", "2020-01-02"),
        ("# A\n\n![Status](https://img.shields.io/badge/status-proposed-yellow)\n\n## Context\n\nx\n", "proposed", nil),
        ("# A\n\n## Status\n\n- Deprecated\n\n## Context\n\nx\n", "Deprecated", nil),
    ])
    func otherHeaderForms(_ text: String, _ raw: String, _ date: String?) throws {
        let r = try #require(try Fixture.parse(text: text, path: "/r/adr/0001-a.md").decision)
        #expect(r.rawStatus == raw)
        #expect(r.status != .unknown)
        #expect(r.date == date)
    }

    @Test func rstFieldListStatusAndDate() throws {
        let text = "ADR 4: Events\n=============\n\n:Status: Accepted\n:Date: 2022-05-06\n\nContext\n-------\n\nx\n"
        let r = try #require(try Fixture.parse(text: text, path: "/r/adr/0004-events.rst").decision)
        #expect(r.status == .accepted)
        #expect(r.date == "2022-05-06")
    }

    @Test func theFirstStatusWins() throws {
        let text = "# A\n\n* Status: accepted\n\n## Context\n\nx\n\n## Options\n\n### Option B\n\n#### Status\n\nRejected\n"
        let r = try #require(try Fixture.parse(text: text, path: "/r/decisions/a.md").decision)
        #expect(r.status == .accepted)
        #expect(r.statusLine == 3)
    }

    @Test func aFileWithoutATitleHeadingIsNamedByItsFile() throws {
        let doc = try Fixture.parse(text: "## Status\n\nAccepted\n\n## Context\n\nx\n", path: "/r/adr/0004-use-redis.md")
        #expect(doc.decision?.title == "Use redis")
        #expect(doc.title == "Use redis")
    }

    @Test func boldMetadataBulletsAreNotACatalog() throws {
        let text = "# Log in JSON\n\n- **Status:** Draft\n- **Last Modified:** 11/14/2024\n- **Related Issue:** #42\n- **Author:** A\n- **Deciders:** B\n\nSome text.\n"
        let doc = try Fixture.parse(text: text, path: "/r/notes/log-in-json.md")
        #expect(doc.kind == .adr)
        #expect(doc.catalogEntries.isEmpty)
    }

    @Test func skippedFilesAreListedWithAReason() throws {
        try withTempDir { dir in
            let root = dir.url.appendingPathComponent("adr")
            let fm = FileManager.default
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
            try "# 1. A\n\n## Status\n\nAccepted\n\n## Decision\n\nA.\n".write(to: root.appendingPathComponent("0001-a.md"), atomically: true, encoding: .utf8)
            try fm.createSymbolicLink(atPath: root.appendingPathComponent("0002-link.md").path, withDestinationPath: root.appendingPathComponent("0001-a.md").path)
            // A file name that is not UTF-8: "0003-caf\xE9.md".
            var bytes = Array((root.path + "/0003-caf").utf8) + [0xE9] + Array(".md".utf8) + [0]
            let fd = bytes.withUnsafeMutableBufferPointer { buf in buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { open($0, O_CREAT | O_WRONLY, 0o644) } }
            #expect(fd >= 0)
            if fd >= 0 { close(fd) }
            let index = dir.url.appendingPathComponent("i.sqlite").path
            let report = try IndexBuilder(roots: [root.path], projectRoot: dir.path, indexPath: index).build()
            #expect(report.documentsByKind == ["adr": 1])
            let reasons = report.skipped.map(\.reason)
            #expect(report.skipped.contains { $0.path == "adr/0002-link.md" && $0.reason.contains("symbolic link") }, "\(report.skipped)")
            #expect(reasons.contains { $0.contains("not UTF-8") }, "\(report.skipped)")
            let findings = try Doctor(reader: IndexReader(path: index)).findings()
            #expect(findings.filter { $0.category == "skipped" }.count == 2)
        }
    }

    @Test(.enabled(if: getuid() != 0, "root reads every directory"))
    func anUnreadableDirectoryIsListed() throws {
        try withTempDir { dir in
            let locked = dir.url.appendingPathComponent("adr/locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
            chmod(locked.path, 0)
            defer { chmod(locked.path, 0o755) }
            let (_, skipped) = try CorpusScanner(projectRoot: dir.path).scan(under: [dir.url.appendingPathComponent("adr").path])
            #expect(skipped.contains { $0.path == "adr/locked" && $0.reason.contains("not readable") })
        }
    }

    @Test func precedentNeedsTheDecisionToNameTheEntity() throws {
        try withTempDir { dir in
            let root = dir.url.appendingPathComponent("kb")
            let fm = FileManager.default
            try fm.createDirectory(at: root.appendingPathComponent("adr"), withIntermediateDirectories: true)
            try "---\nname: API Documentation\nkind: practice\naliases: [Documentation, api docs]\n---\n# API Documentation\n\n## What it is\n\nReference docs for an API.\n"
                .write(to: root.appendingPathComponent("api-documentation.md"), atomically: true, encoding: .utf8)
            try "---\nname: Apache Kafka\nkind: technology\naliases: [Kafka]\n---\n# Apache Kafka\n\n## What it is\n\nA log.\n"
                .write(to: root.appendingPathComponent("kafka.md"), atomically: true, encoding: .utf8)
            try "# 1. Documentation\n\n## Status\n\nAccepted\n\n## Context\n\nDocs are stale.\n\n## Decision\n\nThe documentation is built from the repository on every release.\n"
                .write(to: root.appendingPathComponent("adr/0001-documentation.md"), atomically: true, encoding: .utf8)
            try "# 2. Events\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\nWe will use Kafka for order events.\n"
                .write(to: root.appendingPathComponent("adr/0002-events.md"), atomically: true, encoding: .utf8)
            let index = dir.url.appendingPathComponent("i.sqlite").path
            _ = try IndexBuilder(roots: [root.path], projectRoot: dir.path, indexPath: index).build()
            let reader = try IndexReader(path: index)
            let docs = try #require(reader.entity(named: "API Documentation"))
            let kafka = try #require(reader.entity(named: "Apache Kafka"))
            let documentation = try #require(reader.decision(number: 1))
            #expect(!documentation.entities.contains { $0.id == docs.id && $0.chosen }, "a title and a common one-word alias are no evidence")
            let events = try #require(reader.decision(number: 2))
            #expect(events.entities.contains { $0.id == kafka.id && $0.chosen }, "\"use Kafka\" in the decision names it")
        }
    }

    @Test func sampleADRsAreOutsideTheBundledCorpus() throws {
        let root = Paths.packageRoot
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: root.appendingPathComponent("Corpus/adr").path))
        let samples = try fm.contentsOfDirectory(atPath: root.appendingPathComponent("examples/adr").path).filter { $0.hasSuffix(".md") && $0 != "README.md" }
        #expect(samples.count == 15)
        try withTempDir { dir in
            let index = dir.url.appendingPathComponent("i.sqlite").path
            let report = try IndexBuilder(roots: [root.appendingPathComponent("examples/adr").path], projectRoot: root.path, indexPath: index).build()
            #expect(report.documentsByKind == ["adr": 15], "the demo corpus indexes when asked for")
            #expect(try IndexReader(path: index).documents.allSatisfy { $0.displayPath.hasPrefix("examples/adr/") }, "samples are labelled by their path")
        }
    }
}
