import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's open connections and what each is doing, so that a full daemon can make room.
///
/// A connection is *waiting* while it reads its next request line (idle, or a line still
/// arriving) and *working* while a request is answered. When every slot is taken, the connection
/// that has waited longest is shut down for the newcomer: slow or idle clients cannot keep fast
/// ones out, and a request being answered is never cut off.
final class ConnectionRegistry: @unchecked Sendable {
    private struct Entry {
        var waitingSince: ContinuousClock.Instant?
        var evicted = false
    }

    private let lock = NSLock()
    private var entries: [Int32: Entry] = [:]
    private(set) var evictions = 0

    /// Open connections.
    var count: Int { lock.lock(); defer { lock.unlock() }; return entries.count }

    /// Adds `fd` (waiting for its first line) if fewer than `limit` are open, or after shutting
    /// down the longest-waiting one; false when every connection is working.
    func admit(_ fd: Int32, limit: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        if entries.count >= limit {
            let waiting = entries.compactMap { key, value in value.waitingSince.map { (key, $0) } }
            guard let oldest = waiting.min(by: { $0.1 < $1.1 }) else { return false }
            // The entry stays until its thread sees the shutdown and calls `remove`, so the
            // descriptor cannot be closed (and reused) while we hold it here.
            shutdown(oldest.0, Int32(SHUT_RDWR))
            entries[oldest.0]?.waitingSince = nil
            entries[oldest.0]?.evicted = true
            evictions += 1
        }
        entries[fd] = Entry(waitingSince: .now)
        return true
    }

    /// Marks `fd` as waiting for a request line (evictable) or answering one (not evictable).
    func setWaiting(_ fd: Int32, _ waiting: Bool) {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[fd], !entry.evicted else { return }
        if waiting {
            if entries[fd]?.waitingSince == nil { entries[fd]?.waitingSince = .now }
        } else {
            entries[fd]?.waitingSince = nil
        }
    }

    /// Forgets `fd`; call before closing it.
    func remove(_ fd: Int32) {
        lock.lock(); defer { lock.unlock() }
        entries[fd] = nil
    }
}
