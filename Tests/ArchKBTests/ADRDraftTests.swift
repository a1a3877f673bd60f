import ArchKBCorpus
import ArchKBIndex
import ArchKBQuery
import Foundation
import Testing

/// `archkb adr new` and `archkb adr supersede` on copies of a Nygard log (nygard-drift) and a MADR 4
/// log (madr4-orders): the file name and number follow the log, the record re-indexes as written,
/// and superseding changes exactly one line of the old record.
@Suite("ADR drafting")
struct ADRDraftTests {
    struct LogCase: Sendable, CustomTestStringConvertible {
        var log: String
        var folder: String
        var expectedFile: String
        var expectedNumber: Int
        var supersede: Int
        var format: DecisionRecord.Format
        var testDescription: String { log }
    }

    static let cases = [
        LogCase(log: "nygard-drift", folder: "docs/architecture-decision-records", expectedFile: "0011-use-pulsar-for-ledger-events.md",
                expectedNumber: 11, supersede: 7, format: .nygard),
        LogCase(log: "madr4-orders", folder: "docs/decisions", expectedFile: "0004-use-pulsar-for-ledger-events.md",
                expectedNumber: 4, supersede: 2, format: .madr),
    ]

    static let today = "2026-12-08"

    /// A copy of the fixture log in a temporary directory, and the log folder inside it.
    static func copy(_ c: LogCase, into dir: TempDir) throws -> String {
        let source = ADRLogTests.logs.appendingPathComponent(c.log)
        try FileManager.default.copyItem(at: source, to: dir.url.appendingPathComponent(c.log))
        return dir.url.appendingPathComponent(c.log).appendingPathComponent(c.folder).path
    }

    /// Indexes `root` and returns the decision stored from the file named `file`.
    static func reindexed(_ root: String, file: String, in dir: TempDir) throws -> (StoredDecision?, IndexReader) {
        let index = dir.url.appendingPathComponent("log-\(UUID().uuidString).sqlite").path
        _ = try IndexBuilder(roots: [root], projectRoot: root, indexPath: index).build()
        let reader = try IndexReader(path: index)
        return (reader.decisions.first { reader.documents[$0.document].path.hasSuffix(file) }, reader)
    }

    @Test("adr new follows the log and re-indexes as the expected record", arguments: cases)
    func newRecordReindexes(_ c: LogCase) throws {
        try withTempDir { dir in
            let folder = try Self.copy(c, into: dir)
            let convention = try ADRConvention.detect(in: folder)
            #expect(convention.format == c.format)
            #expect(convention.nextNumber == c.expectedNumber)
            let draft = ADRDraft(convention: convention, title: "Use Pulsar for ledger events", date: Self.today)
            #expect(draft.fileName == c.expectedFile)
            let path = folder + "/" + draft.fileName
            #expect(FileManager.default.createFile(atPath: path, contents: Data(draft.text().utf8)))
            let (stored, _) = try Self.reindexed(folder, file: "/" + c.expectedFile, in: dir)
            let d = try #require(stored, "the new record is not indexed as an ADR")
            #expect(d.number == c.expectedNumber)
            #expect(d.title == "Use Pulsar for ledger events")
            #expect(d.status == .proposed)
            #expect(d.date == Self.today)
            #expect(draft.text().contains(ADRDraft.decisionPrompt))
        }
    }

    @Test("supersede changes only the status line, byte for byte, and the successor links back", arguments: cases)
    func supersedeChangesOnlyTheStatusLine(_ c: LogCase) throws {
        try withTempDir { dir in
            let folder = try Self.copy(c, into: dir)
            let convention = try ADRConvention.detect(in: folder)
            let old = try #require(convention.record(numbered: c.supersede))
            let oldPath = folder + "/" + old.fileName
            let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: oldPath)))
            var draft = ADRDraft(convention: convention, title: "Replay ledger events from S3", date: Self.today)
            draft.supersedes = (c.supersede, old.fileName)
            let edit = try ADRStatusEdit(bytes: original, record: old.record, link: ADRDraft.link(number: c.expectedNumber, file: draft.fileName, rst: false), file: old.fileName)
            try Data(edit.bytes).write(to: URL(fileURLWithPath: oldPath))
            #expect(FileManager.default.createFile(atPath: folder + "/" + draft.fileName, contents: Data(draft.text().utf8)))

            // Every line but the status line is byte-identical, and so is the line structure.
            let before = original.split(separator: 0x0A, omittingEmptySubsequences: false)
            let after = edit.bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            #expect(before.count == after.count)
            let changed = zip(before, after).enumerated().filter { !$0.element.0.elementsEqual($0.element.1) }.map { $0.offset + 1 }
            #expect(changed == [edit.line])
            #expect(original.last == edit.bytes.last)
            #expect(edit.newLine.lowercased().contains("superseded by [adr \(c.expectedNumber)](\(draft.fileName))"))

            let (stored, reader) = try Self.reindexed(folder, file: "/" + old.fileName, in: dir)
            let oldStored = try #require(stored)
            #expect(oldStored.status == .superseded)
            let successor = try #require(reader.decision(number: c.expectedNumber))
            #expect(successor.supersedes == [oldStored.id], "the new record links back to ADR \(c.supersede)")
            #expect(oldStored.supersededBy == [successor.id])
        }
    }

    @Test func forFillsOptionsAndTheTeamsRelatedDecisionsOnce() throws {
        try withTempDir { dir in
            let folder = try Self.copy(Self.cases[0], into: dir)
            let index = dir.url.appendingPathComponent("team.sqlite").path
            _ = try IndexBuilder(roots: [Paths.bundledCorpus.path, folder], projectRoot: "/", indexPath: index).build()
            let searcher = Searcher(reader: try IndexReader(path: index))
            let answer = try searcher.ask("event streaming platform for many subscribers", options: AskOptions(limit: 5))
            var draft = ADRDraft(convention: try ADRConvention.detect(in: folder), title: "Publish ledger events", date: Self.today)
            try draft.fill(from: answer, searcher: searcher)
            #expect(draft.options.map(\.name).contains("Apache Kafka"))
            let kafka = try #require(draft.options.first { $0.name == "Apache Kafka" })
            #expect(kafka.points.map(\.label) == ["When to use", "When not to use", "Trade-offs"])
            #expect(kafka.points.allSatisfy { $0.citation.range(of: #"Corpus/messaging/apache-kafka\.md:\d+$"#, options: .regularExpression) != nil }, "\(kafka.points)")
            let seven = draft.related.filter { $0.number == 7 }
            #expect(seven.count == 1, "ADR 7 listed \(seven.count) times: \(draft.related)")
            #expect(seven.first?.path == "0007-stream-ledger-events-through-kafka.md")
            #expect(seven.first?.status == "Accepted")
            #expect(draft.text().contains("* [ADR 7: Stream ledger events through Kafka](0007-stream-ledger-events-through-kafka.md) — Accepted\n"))
        }
    }

    @Test func statusEditKeepsCRLFLabelsAndCase() throws {
        let text = "# 3. Use X\r\n\r\n* Status: accepted\r\n* Date: 2024-01-02\r\n\r\n## Context\r\n\r\nBody\r\n\r\n## Decision\r\n\r\nX.\r\n"
        let doc = try DocumentParser().parse(text: text, path: "/repo/docs/adr/0003-use-x.md", displayPath: "0003-use-x.md")
        let record = try #require(doc.decision)
        let edit = try ADRStatusEdit(bytes: Array(text.utf8), record: record, link: "[ADR 4](0004-y.md)", file: "0003-use-x.md")
        #expect(String(decoding: edit.bytes, as: UTF8.self) == text.replacingOccurrences(of: "* Status: accepted", with: "* Status: superseded by [ADR 4](0004-y.md)"))
    }

    @Test func frontMatterStatusIsQuotedYAML() throws {
        let text = "---\nstatus: Accepted\ndate: 2024-01-02\n---\n# Use X\n\n## Decision Outcome\n\nChosen option: \"X\"\n"
        let doc = try DocumentParser().parse(text: text, path: "docs/decisions/0003-use-x.md", displayPath: "0003-use-x.md")
        let record = try #require(doc.decision)
        let edit = try ADRStatusEdit(bytes: Array(text.utf8), record: record, link: "[ADR 4](0004-y.md)", file: "0003-use-x.md")
        #expect(edit.line == 2)
        #expect(edit.newLine == "status: \"Superseded by [ADR 4](0004-y.md)\"")
    }

    @Test func boldStatusWordStaysBold() throws {
        let text = "10. Multiple event types per topic\n##################################\n\nStatus\n******\n\n**Accepted** 2023-05-11\n\nContext\n*******\n\nWhy.\n\nDecision\n********\n\nX.\n"
        let doc = try DocumentParser().parse(text: text, path: "/repo/docs/decisions/0010-multiple-event-types-per-topic.rst", displayPath: "0010-multiple-event-types-per-topic.rst")
        let record = try #require(doc.decision)
        let edit = try ADRStatusEdit(bytes: Array(text.utf8), record: record, link: ADRDraft.link(number: 20, file: "0020-x.rst", rst: true), file: "0010.rst")
        #expect(edit.newLine == "**Superseded by** ADR 20 (0020-x.rst) 2023-05-11", "the date after the status stays")
        let reparsed = try DocumentParser().parse(text: String(decoding: edit.bytes, as: UTF8.self), path: "/repo/docs/decisions/0010-multiple-event-types-per-topic.rst", displayPath: "0010.rst")
        #expect(reparsed.decision?.status == .superseded)
        #expect(reparsed.decision?.supersededBy.first?.number == 20)
    }

    @Test("the rest of the status line stays", arguments: [
        ("Accepted. Tracking issue: [#2803][t].", "Superseded by [ADR 4](0004-y.md). Tracking issue: [#2803][t]."),
        ("Accepted (PR [\\#2897])", "Superseded by [ADR 4](0004-y.md) (PR [\\#2897])"),
        ("Accepted", "Superseded by [ADR 4](0004-y.md)"),
        ("Accepted by the architecture council", "Superseded by [ADR 4](0004-y.md)"),
        ("Partially accepted", "Superseded by [ADR 4](0004-y.md)"),
    ])
    func statusNoteStays(_ status: String, _ expected: String) throws {
        let text = "# 3. Use X\n\nDate: 2024-01-02\n\n## Status\n\n\(status)\n\n## Context\n\nWhy.\n\n## Decision\n\nX.\n"
        let doc = try DocumentParser().parse(text: text, path: "/repo/docs/adr/0003-use-x.md", displayPath: "0003-use-x.md")
        let edit = try ADRStatusEdit(bytes: Array(text.utf8), record: try #require(doc.decision), link: "[ADR 4](0004-y.md)", file: "0003-use-x.md")
        #expect(edit.newLine == expected)
        #expect(String(decoding: edit.bytes, as: UTF8.self) == text.replacingOccurrences(of: "\n\(status)\n", with: "\n\(expected)\n"))
    }

    /// A record with no status gets one in the log's convention; nothing else changes.
    @Test("a status is inserted where the log keeps it", arguments: [
        ("---\nparent: Decisions\n---\n# Use X\n\n## Decision Outcome\n\nChosen option: \"X\"\n", "madr", 2,
         "---\nstatus: \"Superseded by [ADR 4](0004-y.md)\"\nparent: Decisions\n---\n# Use X\n\n## Decision Outcome\n\nChosen option: \"X\"\n"),
        ("# Use X\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nChosen option: \"X\"\n", "madr", 3,
         "# Use X\n\n* Status: Superseded by [ADR 4](0004-y.md)\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nChosen option: \"X\"\n"),
        ("# 3. Use X\n\nDate: 2024-01-02\n\n## Context\n\nWhy.\n\n## Decision\n\nX.\n", "nygard", 5,
         "# 3. Use X\n\n## Status\n\nSuperseded by [ADR 4](0004-y.md)\n\nDate: 2024-01-02\n\n## Context\n\nWhy.\n\n## Decision\n\nX.\n"),
    ])
    func statusIsInserted(_ text: String, _ format: String, _ line: Int, _ expected: String) throws {
        try withTempDir { tmp in
            let file = "0003-use-x.md"
            let dir = tmp.url.appendingPathComponent("adr")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: dir.path + "/" + file, contents: Data(text.utf8)))
            var convention = try ADRConvention.detect(in: dir.path)
            convention.format = format == "madr" ? .madr : .nygard
            let record = try #require(convention.record(numbered: 3))
            #expect(record.record.statusLine == nil)
            let edit = try ADRStatusEdit.superseding(bytes: Array(text.utf8), record: record.record, link: "[ADR 4](0004-y.md)", file: file, convention: convention)
            #expect(String(decoding: edit.bytes, as: UTF8.self) == expected)
            #expect(edit.line == line)
            let reparsed = try DocumentParser().parse(text: expected, path: dir.path + "/" + file, displayPath: file)
            #expect(reparsed.decision?.status == .superseded)
            // A front-matter status's link is resolved by the index from the successor's "Supersedes".
            if !expected.hasPrefix("---") { #expect(reparsed.decision?.supersededBy.first?.file == "0004-y.md") }
            #expect(edit.unifiedDiff(original: Array(text.utf8), file: file).contains("\n+" + edit.newLine + "\n"))
        }
    }

    @Test func fileNameConventions() {
        #expect(ADRConvention.fileNaming(of: "adr-007-use-kafka.md") == .numbered(prefix: "adr-", width: 3, separator: "-"))
        #expect(ADRConvention.fileNaming(of: "adr-105-refactor.md") == .numbered(prefix: "adr-", width: 1, separator: "-"))
        #expect(ADRConvention.fileNaming(of: "7_use_kafka.md") == .numbered(prefix: "", width: 1, separator: "_"))
        #expect(ADRConvention.slug("Use Kafka (v3) for ledger events!") == "use-kafka-v3-for-ledger-events")
    }

    @Test func dateNamedLogGetsTodaysDatePrefixAndNoNumber() throws {
        let convention = try ADRConvention.detect(in: ADRLogTests.logs.appendingPathComponent("madr2-bold/records").path)
        #expect(convention.naming == .datePrefixed)
        #expect(convention.nextNumber == nil)
        #expect(convention.statusPlacement == .field)
        let draft = ADRDraft(convention: convention, title: "Queue e-mail jobs", date: Self.today)
        #expect(draft.fileName == "2026-12-08-queue-e-mail-jobs.md")
        #expect(draft.text().contains("* Status: Proposed\n"))
    }

    @Test func missingDirectoryIsAClearError() {
        #expect(throws: QueryError.noDecisionLog(dir: "/nonexistent/adr")) { try ADRConvention.detect(in: "/nonexistent/adr") }
        #expect(ADRConvention.defaultDirectory(under: "/nonexistent") == nil)
    }
}
