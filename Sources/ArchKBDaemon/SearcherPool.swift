import ArchKBCore
import ArchKBIndex
import ArchKBQuery
import Dispatch
import Foundation

/// Searchers over one index, lent to connection threads one at a time, swapped on reload.
///
/// Each `Searcher` owns its own SQLite connection and caches and is not `Sendable` (the index's rows
/// in memory are one `IndexTables` that all of a generation share): it is only ever used inside
/// `withSearcher`, under a lease. Its `Slot` keeps it behind a mutex (`Guarded`), so the
/// compiler checks that only the lease holder touches it (the free list makes that lock uncontended).
/// A reload opens the new file first and only swaps when it opened cleanly; searchers of the old
/// generation still lent out finish their request and are then dropped. One reload runs at a time.
public final class SearcherPool: Sendable {
    public let indexPath: String
    /// Searchers per generation: requests beyond this wait for one to come back.
    public static let size = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)

    /// One pooled searcher and the generation of the index it reads.
    final class Slot: Sendable {
        let searcher: Guarded<Searcher>
        let generation: Int

        init(_ searcher: sending Searcher, generation: Int) {
            self.searcher = Guarded(searcher)
            self.generation = generation
        }
    }

    /// What a generation serves: its free searchers, completion candidates and when it was opened.
    struct State {
        var generation: Int
        var free: [Slot]
        var completion: CompletionIndex
        var fileStamp: FileStamp?
    }

    struct FileStamp: Equatable {
        var inode: UInt64
        var modified: Double
        var size: Int64
    }

    /// A freshly opened generation (not yet shared).
    struct Generation {
        var slots: [Slot]
        var completion: CompletionIndex
        var builtAt: Double
    }

    private let state: Guarded<State>
    /// One permit per searcher of a generation: a lease holds one, so a free slot is always there.
    private let permits = DispatchSemaphore(value: SearcherPool.size)
    /// Held for a whole reload, so the watcher and a client's `reload` never open at once.
    private let reloading = Guarded(())

    public init(indexPath: String) throws {
        self.indexPath = indexPath
        let stamp = SearcherPool.stamp(indexPath)
        let opened = try SearcherPool.open(indexPath, generation: 0)
        state = Guarded(State(generation: 0, free: opened.slots, completion: opened.completion, fileStamp: stamp))
    }

    /// Opens `size` searchers, each with its own connection to the index file and its own caches,
    /// all sharing the first one's in-memory tables (`IndexTables`, immutable and `Sendable`).
    static func open(_ path: String, generation: Int) throws -> Generation {
        let first = try IndexReader(path: path)
        let completion = CompletionIndex(reader: first)
        let builtAt = first.builtAt
        let shared = first.tables
        var slots = [Slot(Searcher(reader: first), generation: generation)]
        for _ in 1..<SearcherPool.size {
            slots.append(Slot(Searcher(reader: try IndexReader(path: path, sharing: shared)), generation: generation))
        }
        return Generation(slots: slots, completion: completion, builtAt: builtAt)
    }

    /// Runs `body` with a searcher of the current generation, lent to this call alone.
    ///
    /// `body` is `@Sendable` and its result `Sendable`, so the searcher cannot leave the lease:
    /// it can be neither stored in captured state nor returned.
    public func withSearcher<T: Sendable>(_ body: @Sendable (Searcher) throws -> T) throws -> T {
        permits.wait()
        defer { permits.signal() }
        guard let slot = state.withLock({ $0.free.popLast() }) else {
            throw DaemonError.badRequest(code: "internal", message: "no free searcher although a permit was held")
        }
        defer {
            state.withLock { s in
                if slot.generation == s.generation { s.free.append(slot) }
            }
        }
        return try slot.searcher.withLock { searcher in try body(searcher) }
    }

    public var completion: CompletionIndex {
        state.withLock { $0.completion }
    }

    /// Opens the index file again; keeps serving the old one if the new one does not open.
    @discardableResult
    public func reload() throws -> Double {
        try reloading.withLock { _ in try reloadLocked(stamp: SearcherPool.stamp(indexPath)) }
    }

    /// Reloads when the file was replaced or modified since it was last opened; nil when it was not.
    @discardableResult
    public func reloadIfChanged() throws -> Double? {
        try reloading.withLock { _ in
            let now = SearcherPool.stamp(indexPath)
            guard now != nil, now != state.withLock({ $0.fileStamp }) else { return nil }
            return try reloadLocked(stamp: now)
        }
    }

    /// The reload itself; `stamp` was taken before the file is opened, so a file swapped in while
    /// it opens is seen as a change by the next check, never marked seen while an older one serves.
    private func reloadLocked(stamp: FileStamp?) throws -> Double {
        let next = state.withLock { $0.generation } + 1
        let opened = try SearcherPool.open(indexPath, generation: next)
        state.withLock { s in
            s.generation = next
            s.free = opened.slots
            s.completion = opened.completion
            s.fileStamp = stamp
        }
        return opened.builtAt
    }

    /// Whether the index file was replaced or modified since it was last opened.
    public func fileChanged() -> Bool {
        let now = SearcherPool.stamp(indexPath)
        return now != nil && now != state.withLock { $0.fileStamp }
    }

    static func stamp(_ path: String) -> FileStamp? {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let inode = (attrs[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        let modified = (attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let size = (attrs[.size] as? NSNumber)?.int64Value ?? 0
        return FileStamp(inode: inode, modified: modified, size: size)
    }
}
