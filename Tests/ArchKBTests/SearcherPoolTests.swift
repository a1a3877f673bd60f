@testable import ArchKBDaemon
import ArchKBIndex
import ArchKBQuery
import Foundation
import Testing

/// The daemon's searcher pool in process: leases under load, reloads one at a time, file stamps.
@Suite struct SearcherPoolTests {
    /// A copy of the fixture index in a directory of its own, so that a test may replace it.
    static func copiedIndex(_ dir: TempDir) throws -> String {
        let path = dir.url.appendingPathComponent("index.sqlite").path
        try FileManager.default.copyItem(atPath: try FixtureIndex.get().indexPath, toPath: path)
        return path
    }

    /// Renames a fresh copy of the fixture index over `path` (a new inode, as `archkb index` does).
    static func replace(_ path: String, in dir: TempDir) throws {
        let fresh = dir.url.appendingPathComponent("fresh-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: try FixtureIndex.get().indexPath, toPath: fresh)
        #expect(rename(fresh, path) == 0)
    }

    @Test func aReplacedFileIsReloadedOnceAndThenSeen() throws {
        try withTempDir { dir in
            let path = try Self.copiedIndex(dir)
            let pool = try SearcherPool(indexPath: path)
            #expect(!pool.fileChanged())
            #expect(try pool.reloadIfChanged() == nil, "nothing changed, nothing to reload")
            try Self.replace(path, in: dir)
            #expect(pool.fileChanged())
            #expect(try pool.reloadIfChanged() != nil)
            #expect(!pool.fileChanged(), "the stamp of the file that was opened is the one kept")
            #expect(try pool.reloadIfChanged() == nil)
        }
    }

    @Test func leasesAndReloadsOnManyThreadsGiveTheSameAnswers() throws {
        try withTempDir { dir in
            let path = try Self.copiedIndex(dir)
            let pool = try SearcherPool(indexPath: path)
            let question = "stop cascading failures with a circuit breaker"
            let expected = try pool.withSearcher { try $0.ask(question).recommendations.map(\.name) }
            #expect(!expected.isEmpty)
            let failures = Locked<[String]>([])
            let reloads = Locked(0)
            let threads = SearcherPool.size * 2 + 2
            let finished = DaemonE2E.onThreads(threads, timeout: 120) { i in
                for n in 0..<6 {
                    do {
                        if i < 2 {
                            // Two reloaders at once (the watcher and a client's `reload`): serialised.
                            if n % 2 == 0 { try Self.replace(path, in: dir) }
                            if try pool.reloadIfChanged() != nil { reloads.with { $0 += 1 } }
                            try pool.reload()
                        } else {
                            let names = try pool.withSearcher { try $0.ask(question).recommendations.map(\.name) }
                            if names != expected { failures.with { $0.append("thread \(i) ask \(n): \(names.prefix(3))") } }
                        }
                    } catch {
                        failures.with { $0.append("thread \(i) step \(n): \(error)") }
                    }
                }
            }
            #expect(finished)
            #expect(failures.get.isEmpty, "\(failures.get.prefix(5))")
            #expect(reloads.get >= 1)
            #expect(!pool.fileChanged())
            #expect(!pool.completion.complete("circ", limit: 5).isEmpty)
        }
    }

    @Test func aGenerationSharesOneCopyOfTheIndexTables() throws {
        try withTempDir { dir in
            let path = try Self.copiedIndex(dir)
            let first = try SearcherPool.open(path, generation: 0)
            let tables = first.slots.map { $0.searcher.withLock { ObjectIdentifier($0.reader.tables) } }
            #expect(tables.count == SearcherPool.size)
            #expect(Set(tables).count == 1, "every pooled searcher reads the same IndexTables")
            // Each searcher still has its own connection (and statements and caches).
            let connections = first.slots.map { $0.searcher.withLock { ObjectIdentifier($0.reader.database) } }
            #expect(Set(connections).count == SearcherPool.size)
            // A new generation loads the replaced file's tables once, for all of its searchers.
            try Self.replace(path, in: dir)
            let second = try SearcherPool.open(path, generation: 1)
            let next = Set(second.slots.map { $0.searcher.withLock { ObjectIdentifier($0.reader.tables) } })
            #expect(next.count == 1)
            #expect(next != Set(tables), "the old generation's tables are not reused for a new file")
            withExtendedLifetime(first) {}
        }
    }

    @Test func tablesOfAnotherBuildAreNotShared() throws {
        try withTempDir { dir in
            let path = try Self.copiedIndex(dir)
            let reader = try IndexReader(path: path)
            #expect(try IndexReader(path: path, sharing: reader.tables).tables === reader.tables)
            // The same file rebuilt (another build time): its own tables are loaded.
            let other = dir.url.appendingPathComponent("other.sqlite").path
            try FileManager.default.copyItem(atPath: path, toPath: other)
            let db = try SQLiteDatabase(path: other, readOnly: false)
            try db.execute("UPDATE meta SET value = '1' WHERE key = 'built_at'")
            let rebuilt = try IndexReader(path: other, sharing: reader.tables)
            #expect(rebuilt.tables !== reader.tables)
            #expect(rebuilt.builtAt == 1)
            #expect(rebuilt.sections.count == reader.sections.count)
        }
    }
}
