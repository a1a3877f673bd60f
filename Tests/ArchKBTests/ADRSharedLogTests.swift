import ArchKBCorpus
import ArchKBIndex
import ArchKBQuery
import Foundation
import Testing

/// `adr new` and `adr supersede` on temporary copies of the four public logs in ../shared/corpora
/// (never written in place): the file name each log's convention gives, the record re-indexed, and
/// a supersession that changes one line.
@Suite("ADR drafting on the shared logs", .enabled(if: Paths.sharedCorporaExist, "../shared/corpora not found next to the package; skipped"))
struct ADRSharedLogTests {
    static let corpora = Paths.sharedCorpora

    struct Case: Sendable, CustomTestStringConvertible {
        var log: String
        var file: String
        var number: Int
        /// The record to supersede (adr-madr's records state no status: one is inserted).
        var supersede: Int?
        var testDescription: String { log }
    }

    /// cometbft's ADR 118 writes a tracking note after its status: the note stays on the line.
    @Test func supersedingKeepsTheTrackingNote() throws {
        let folder = Self.corpora.appendingPathComponent("cometbft-cometbft")
        let convention = try ADRConvention.detect(in: folder.path)
        let record = try #require(convention.record(numbered: 118))
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(record.fileName)))
        let edit = try ADRStatusEdit.superseding(bytes: bytes, record: record.record, link: "[ADR 120](adr-120-x.md)", file: record.fileName, convention: convention)
        #expect(edit.oldLine == "Accepted. Tracking issue: [#2803][tracking-issue].")
        #expect(edit.newLine == "Superseded by [ADR 120](adr-120-x.md). Tracking issue: [#2803][tracking-issue].")
    }

    @Test(arguments: [
        Case(log: "adr-madr", file: "0019-adopt-a-message-broker.md", number: 19, supersede: 18),
        Case(log: "alphagov-govuk-aws", file: "0040-adopt-a-message-broker.md", number: 40, supersede: 39),
        Case(log: "cometbft-cometbft", file: "adr-120-adopt-a-message-broker.md", number: 120, supersede: 118),
        Case(log: "openedx-openedx-events", file: "0019-adopt-a-message-broker.rst", number: 19, supersede: 10),
    ])
    func draftFollowsTheLog(_ c: Case) throws {
        try withTempDir { dir in
            let folder = dir.url.appendingPathComponent(c.log)
            try FileManager.default.copyItem(at: Self.corpora.appendingPathComponent(c.log), to: folder)
            let convention = try ADRConvention.detect(in: folder.path)
            var draft = ADRDraft(convention: convention, title: "Adopt a message broker", date: "2026-12-08")
            #expect(draft.fileName == c.file)
            var old: (ADRConvention.Record, ADRStatusEdit, [UInt8])?
            if let n = c.supersede {
                let record = try #require(convention.record(numbered: n))
                let path = folder.appendingPathComponent(record.fileName)
                let bytes = [UInt8](try Data(contentsOf: path))
                draft.supersedes = (n, record.fileName)
                let edit = try ADRStatusEdit.superseding(bytes: bytes, record: record.record,
                                                         link: ADRDraft.link(number: c.number, file: c.file, rst: convention.format == .rst),
                                                         file: record.fileName, convention: convention)
                try Data(edit.bytes).write(to: path)
                old = (record, edit, bytes)
            }
            #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent(c.file).path, contents: Data(draft.text().utf8)))

            let index = dir.url.appendingPathComponent("log.sqlite").path
            _ = try IndexBuilder(roots: [folder.path], projectRoot: folder.path, indexPath: index).build()
            let reader = try IndexReader(path: index)
            let d = try #require(reader.decisions.first { reader.documents[$0.document].path.hasSuffix("/" + c.file) })
            #expect(d.number == c.number)
            #expect(d.title == "Adopt a message broker")
            #expect(d.status == .proposed)
            #expect(d.date == "2026-12-08")
            if let (record, edit, bytes) = old {
                var before = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                let after = edit.bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                if !edit.inserted.isEmpty {
                    // A record without a status gets one: only lines added, every old byte kept.
                    before.insert(contentsOf: edit.inserted.map { Array($0.utf8) }, at: edit.insertedAt - 1)
                    #expect(before == after)
                } else {
                    #expect(before.count == after.count)
                    #expect(zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 } == [edit.line])
                }
                let stored = try #require(reader.decisions.first { reader.documents[$0.document].path.hasSuffix("/" + record.fileName) })
                #expect(stored.status == .superseded)
                #expect(d.supersedes == [stored.id])
            }
        }
    }
}

extension Paths {
    /// `../shared/corpora` relative to the package root: the public decision logs.
    static var sharedCorpora: URL { packageRoot.appendingPathComponent("../shared/corpora").standardizedFileURL }

    static var sharedCorporaExist: Bool { FileManager.default.fileExists(atPath: sharedCorpora.path) }
}
