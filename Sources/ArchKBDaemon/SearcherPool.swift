import ArchKBIndex
import ArchKBQuery
import Foundation

/// Searchers over one index, lent to connection threads one at a time, swapped atomically on reload.
///
/// Each `Searcher` owns its own SQLite connection, so requests run in parallel without sharing
/// prepared statements. A reload opens the new file first and only swaps when it opened cleanly;
/// searchers of the old generation still in use finish their request and are then dropped.
public final class SearcherPool: @unchecked Sendable {
    public let indexPath: String
    private let lock = NSLock()
    private var free: [Searcher] = []
    private var generation = 0
    private var primary: Searcher
    private var completionIndex: CompletionIndex
    private var fileStamp: FileStamp?

    struct FileStamp: Equatable {
        var inode: UInt64
        var modified: Double
        var size: Int64
    }

    public init(indexPath: String) throws {
        self.indexPath = indexPath
        let reader = try IndexReader(path: indexPath)
        primary = Searcher(reader: reader)
        completionIndex = CompletionIndex(reader: reader)
        fileStamp = SearcherPool.stamp(indexPath)
    }

    /// Runs `body` with a searcher of the current generation.
    public func withSearcher<T>(_ body: (Searcher) throws -> T) throws -> T {
        lock.lock()
        let gen = generation
        let searcher: Searcher
        if let s = free.popLast() {
            searcher = s
            lock.unlock()
        } else {
            lock.unlock()
            searcher = Searcher(reader: try IndexReader(path: indexPath))
        }
        defer {
            lock.lock()
            if gen == generation && free.count < 16 { free.append(searcher) }
            lock.unlock()
        }
        return try body(searcher)
    }

    public var completion: CompletionIndex {
        lock.lock(); defer { lock.unlock() }
        return completionIndex
    }

    /// The reader of the current generation (for stats).
    public var reader: IndexReader {
        lock.lock(); defer { lock.unlock() }
        return primary.reader
    }

    /// Opens the index file again; keeps serving the old one if the new one does not open.
    @discardableResult
    public func reload() throws -> Double {
        let reader = try IndexReader(path: indexPath)
        let searcher = Searcher(reader: reader)
        let completion = CompletionIndex(reader: reader)
        lock.lock()
        generation += 1
        free = []
        primary = searcher
        completionIndex = completion
        fileStamp = SearcherPool.stamp(indexPath)
        lock.unlock()
        return reader.builtAt
    }

    /// Whether the index file was replaced or modified since it was last opened.
    public func fileChanged() -> Bool {
        let now = SearcherPool.stamp(indexPath)
        lock.lock(); defer { lock.unlock() }
        return now != nil && now != fileStamp
    }

    static func stamp(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStamp(inode: UInt64(st.st_ino), modified: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9, size: Int64(st.st_size))
    }
}
