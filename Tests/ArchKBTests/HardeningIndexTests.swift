import ArchKBCorpus
import ArchKBIndex
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 10, files: hostile front matter, index paths that are not archkb's to replace, stale
/// temporary files of killed builds, over-long sections. Real files, real builds, real binaries.
@Suite("Hardening: corpus and index files")
struct HardeningIndexTests {
    /// A temporary project with a corpus of `files` (name → text).
    static func project(_ files: [String: String]) throws -> TempDir {
        let dir = try TempDir("archkb-hardening")
        let corpus = dir.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: corpus.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func frontMatterOverTheLimitsIsSkippedWithItsReasonAndIndexingGoesOn() throws {
        let dir = try Self.project(["deep.md": HostileFiles.deepFrontMatter(), "bomb.md": HostileFiles.billionLaughs, "good.md": HostileFiles.goodCard])
        defer { dir.remove() }
        let index = dir.path + "/i.sqlite"
        let report = try IndexBuilder(roots: [dir.path + "/corpus"], projectRoot: dir.path, indexPath: index).build()
        let skipped = Dictionary(report.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(skipped["corpus/deep.md"]?.contains("nests 5001 levels deep") == true, "\(report.skipped)")
        #expect(skipped["corpus/bomb.md"]?.contains("81 YAML aliases") == true, "\(report.skipped)")
        #expect(try IndexReader(path: index).entities.map(\.name) == ["Sturdy Queue"])
    }

    @Test func theCommandLineSurvivesHostileFrontMatterInIndexAndAsk() throws {
        guard ProcessRunner.archkbFound else { return }
        let dir = try Self.project(["deep.md": HostileFiles.deepFrontMatter(), "bomb.md": HostileFiles.billionLaughs, "good.md": HostileFiles.goodCard])
        defer { dir.remove() }
        let index = dir.url.appendingPathComponent("i.sqlite").path
        let built = try ProcessRunner.archkb(["index", "--corpus", "corpus", "--index", index], home: dir.url, timeout: 120)
        #expect(built.exitedNormally && built.status == 0, "index: \(built.status) \(built.stderr)")
        #expect(built.stdout.contains("corpus/deep.md") && built.stdout.contains("levels deep"), "\(built.stdout)")
        #expect(built.stdout.contains("corpus/bomb.md") && built.stdout.contains("aliases"), "\(built.stdout)")
        // `ask` builds a missing index itself: the same files must not crash it either.
        try FileManager.default.removeItem(atPath: index)
        try FileManager.default.moveItem(atPath: dir.path + "/corpus", toPath: dir.path + "/Corpus")
        let asked = try ProcessRunner.archkb(["ask", "--no-daemon", "sturdy queue"], home: dir.url, timeout: 120)
        #expect(asked.exitedNormally && asked.status != 2, "ask: \(asked.status) \(asked.stderr)")
        #expect(asked.stdout.contains("Sturdy Queue"), "\(asked.stdout)")
    }

    @Test func frontMatterLimitsPassRealFrontMatter() throws {
        let limits = FrontMatter.Limits.standard
        #expect(limits.violation(in: "name: A\naliases: [x, y]\nmeta:\n  owner: team\n  tags:\n    - a\n    - b\n") == nil)
        #expect(limits.violation(in: "title: \"Quoted [not: a {flow}\"\nnote: '*not an alias'\n# [comment [[[[\n") == nil)
        #expect(limits.violation(in: "a: &x 1\nb: *x\n") == nil)
        #expect(limits.violation(in: "x:\n" + String(repeating: "- ", count: 40) + "deep")?.contains("levels deep") == true)
        #expect(limits.violation(in: String(repeating: "k: v\n", count: 10_000))?.contains("bytes") == true)
        // Every card of the bundled corpus is read by the YAML parser, none rejected.
        let scanner = CorpusScanner(projectRoot: Paths.packageRoot.path)
        for file in try scanner.files(under: [Paths.bundledCorpus.path]) {
            let text = try String(contentsOfFile: file.path, encoding: .utf8)
            #expect(FrontMatter.read(lines: text.lineArray).rejection == nil, "\(file.displayPath)")
        }
    }

    /// Found by `scripts/fuzz` (seed 11): Yams's constructor force-unwraps mapping keys as
    /// strings, so a key that is a sequence or a mapping trapped the indexer.
    @Test func nonScalarKeysAndNullsInFrontMatterAreRead() throws {
        for yaml in ["[a, b]: c\nname: K", "? {x: 1}\n: v\nname: K", "name: K\nnested: {[1]: 2}", "name: K\nlist: [[1], {a: b}, c]"] {
            let fm = FrontMatter.read(lines: ("---\n" + yaml + "\n---\n# K\n").lineArray)
            #expect(fm["name"] == "K" && fm.rejection == nil, "\(yaml)")
        }
        let fm = FrontMatter.read(lines: "---\nname: K\nempty:\ntilde: ~\nquoted: \"null\"\ndate: 2024-03-01\nlist: [a, [b], c]\n---\n".lineArray)
        #expect(fm["empty"] == "" && fm["tilde"] == "" && fm["quoted"] == "null" && fm["date"] == "2024-03-01")
        #expect(fm.list("list") == ["a", "c"])
    }

    @Test func indexRefusesToReplaceAFileThatIsNotAnArchkbIndex() throws {
        guard ProcessRunner.archkbFound else { return }
        let dir = try Self.project(["good.md": HostileFiles.goodCard])
        defer { dir.remove() }
        let db = dir.path + "/customers.db"
        let sqlite = try SQLiteDatabase(path: db, readOnly: false, create: true)
        try sqlite.execute("CREATE TABLE customers(name TEXT); INSERT INTO customers VALUES ('precious');")
        let notes = dir.path + "/notes.txt"
        try "my notes\n".write(toFile: notes, atomically: true, encoding: .utf8)
        for (path, why) in [(db, "not an archkb index"), (notes, "not a SQLite file"), (dir.path + "/corpus", "is a directory")] {
            let before = try? Data(contentsOf: URL(fileURLWithPath: path))
            let r = try ProcessRunner.archkb(["index", "--corpus", "corpus", "--index", path], home: dir.url)
            #expect(r.status == 2, "\(path): exit \(r.status)")
            #expect(r.stderr.contains(path) && r.stderr.contains(why), "\(path): \(r.stderr)")
            #expect((try? Data(contentsOf: URL(fileURLWithPath: path))) == before, "\(path) was changed")
        }
        let rows = try SQLiteDatabase(path: db, readOnly: true).prepare("SELECT name FROM customers")
        #expect(try rows.step() && rows.text(0) == "precious")
        // An archkb index, an empty file and an absent path are fine.
        let empty = dir.path + "/empty.sqlite"
        FileManager.default.createFile(atPath: empty, contents: nil)
        for path in [dir.path + "/new.sqlite", empty, dir.path + "/new.sqlite"] {
            let r = try ProcessRunner.archkb(["index", "--force", "--corpus", "corpus", "--index", path], home: dir.url)
            #expect(r.status == 0, "\(path): \(r.stderr)")
        }
    }

    @Test func directoryAsIndexSaysSo() throws {
        guard ProcessRunner.archkbFound else { return }
        let dir = try Self.project(["good.md": HostileFiles.goodCard])
        defer { dir.remove() }
        let r = try ProcessRunner.archkb(["ask", "--no-daemon", "--index", dir.path + "/corpus", "queue"], home: dir.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("is a directory") && !r.stderr.contains("disk I/O"), "\(r.stderr)")
    }

    @Test(.enabled(if: OtherUser.available, "\(OtherUser.unavailableReason ?? "")"))
    func unreadableIndexAndReadOnlyBuildDirectorySayWhatIsWrong() throws {
        guard let exe = ProcessRunner.executable else { return }
        let dir = try Self.project(["good.md": HostileFiles.goodCard])
        defer { dir.remove() }
        chmod(dir.path, 0o755)
        chmod(dir.path + "/corpus", 0o755)
        chmod(dir.path + "/corpus/good.md", 0o644)
        let index = dir.path + "/i.sqlite"
        _ = try IndexBuilder(roots: [dir.path + "/corpus"], projectRoot: dir.path, indexPath: index).build()
        chmod(index, 0o600)  // root's, unreadable to the other user
        let env = ProcessRunner.environment(home: dir.url).merging(["ARCHKB_SOCKET": dir.path + "/none"]) { $1 }
        let ask = try OtherUser.run(exe, ["ask", "--no-daemon", "--index", index, "queue"], environment: env, directory: dir.url)
        #expect(ask.status == 2)
        #expect(ask.stderr.contains("cannot be read") && ask.stderr.contains("Permission denied"), "\(ask.stderr)")
        #expect(!ask.stderr.contains("rebuild"), "\(ask.stderr)")
        let build = try OtherUser.run(exe, ["index", "--corpus", dir.path + "/corpus", "--index", dir.path + "/fresh.sqlite"], environment: env, directory: dir.url)
        #expect(build.status == 2)
        #expect(build.stderr.contains("not writable") && build.stderr.contains(dir.path), "\(build.stderr)")
        #expect(!build.stderr.contains(".tmp-"), "\(build.stderr)")
    }

    @Test func staleTemporaryFilesOfKilledBuildsAreRemovedAtTheNextBuild() throws {
        let dir = try Self.project(["good.md": HostileFiles.goodCard])
        defer { dir.remove() }
        let index = dir.path + "/i.sqlite"
        let dead = [try deadPid(), try deadPid()]
        for pid in dead { try Data(repeating: 7, count: 4096).write(to: URL(fileURLWithPath: "\(index).tmp-\(pid)")) }
        // A live process's file (pid 1 always runs) and another index's file are not touched.
        let live = "\(index).tmp-1"
        let other = dir.path + "/other.sqlite.tmp-\(dead[0])"
        for p in [live, other] { FileManager.default.createFile(atPath: p, contents: Data([1])) }
        _ = try IndexBuilder(roots: [dir.path + "/corpus"], projectRoot: dir.path, indexPath: index).build()
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }.sorted()
        #expect(left == ["i.sqlite.tmp-1", "other.sqlite.tmp-\(dead[0])"].sorted(), "\(left)")
    }

    @Test func overlongSectionsAreSplitAtIndexTime() throws {
        let paragraph = (0..<60_000).map { "word\($0 % 977)" }.joined(separator: " ")  // ~470 KB on one line
        let card = "---\nname: Huge Card\nkind: pattern\n---\n# Huge Card\n\n## Details\n\n" + paragraph + "\n"
        let dir = try Self.project(["huge.md": card, "good.md": HostileFiles.goodCard])
        defer { dir.remove() }
        let index = dir.path + "/i.sqlite"
        _ = try IndexBuilder(roots: [dir.path + "/corpus"], projectRoot: dir.path, indexPath: index).build()
        let reader = try IndexReader(path: index)
        let stmt = try reader.database.prepare("SELECT max(length(CAST(body AS BLOB))), count(*) FROM sections WHERE heading = 'Details'")
        #expect(try stmt.step())
        #expect(stmt.int(0) <= Int64(SectionSplitter.maxBodyBytes), "longest section body \(stmt.int(0)) bytes")
        #expect(stmt.int(1) >= 25, "\(stmt.int(1)) parts")
        #expect(reader.sections.filter { $0.heading == "Details" }.allSatisfy { $0.startLine <= 9 && $0.endLine >= 9 })
        let parts = SectionSplitter.parts(of: paragraph, limit: 1000)
        #expect(parts.joined(separator: " ") == paragraph)
        #expect(SectionSplitter.parts(of: String(repeating: "é", count: 3000), limit: 1001).allSatisfy { $0.utf8.count <= 1001 && !$0.contains("\u{FFFD}") })
    }
}
