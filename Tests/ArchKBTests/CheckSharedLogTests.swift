import ArchKBIndex
import Foundation
import Testing

/// `archkb check` over every record of the four public logs in ../shared/corpora (read in place,
/// never written), each indexed with the bundled corpus beside it: no crash, no error exit, one
/// report per record, and the JSON well formed.
@Suite("archkb check on the shared logs", .enabled(if: Paths.sharedCorporaExist && ProcessRunner.archkbFound,
                                                   "../shared/corpora or the archkb executable not found; skipped"))
struct CheckSharedLogTests {
    @Test(arguments: ["adr-madr", "alphagov-govuk-aws", "cometbft-cometbft", "openedx-openedx-events"])
    func everyRecordIsChecked(_ log: String) throws {
        try withTempDir { dir in
            let folder = Paths.sharedCorpora.appendingPathComponent(log)
            let index = dir.url.appendingPathComponent("log.sqlite").path
            _ = try IndexBuilder(roots: [Paths.bundledCorpus.path, folder.path], projectRoot: dir.path, indexPath: index).build()
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".md") || $0.hasSuffix(".rst") }.sorted().map { folder.appendingPathComponent($0).path }
            #expect(!files.isEmpty)
            let r = try ProcessRunner.archkb(["check", "--index", index, "--format", "json"] + files, home: dir.url)
            #expect(r.status == 0 || r.status == 1, "exit \(r.status), stderr: \(r.stderr)")
            #expect(r.stderr.isEmpty, "stderr: \(r.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let drafts = try #require(report["drafts"] as? [[String: Any]])
            #expect(drafts.count == files.count)
            let summary = try #require(report["summary"] as? [String: Any])
            let total = drafts.reduce(0) { $0 + (($1["findings"] as? [Any])?.count ?? 0) }
            #expect(summary["findings"] as? Int == total)
        }
    }
}
