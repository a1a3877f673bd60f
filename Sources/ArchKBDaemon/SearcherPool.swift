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
    private let lock = NSCondition()
    private var free: [Searcher] = []
    /// Searchers per generation: requests beyond this wait for one to come back.
    public static let size = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
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
        free = try SearcherPool.open(indexPath, count: SearcherPool.size)
    }

    /// Opens `count` searchers, each with its own connection to the index file.
    static func open(_ path: String, count: Int) throws -> [Searcher] {
        try (0..<count).map { _ in Searcher(reader: try IndexReader(path: path)) }
    }

    /// Runs `body` with a searcher of the current generation.
    public func withSearcher<T>(_ body: (Searcher) throws -> T) throws -> T {
        lock.lock()
        while free.isEmpty { lock.wait() }
        let gen = generation
        let searcher = free.removeLast()
        lock.unlock()
        defer {
            lock.lock()
            if gen == generation { free.append(searcher) }
            lock.signal()
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
        let fresh = try SearcherPool.open(indexPath, count: SearcherPool.size)
        lock.lock()
        generation += 1
        free = fresh
        lock.broadcast()
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
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let inode = (attrs[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        let modified = (attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let size = (attrs[.size] as? NSNumber)?.int64Value ?? 0
        return FileStamp(inode: inode, modified: modified, size: size)
    }
}
