import ArchKBCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's open connections and what each is doing, so that a full daemon can make room.
///
/// A connection is *waiting* while it reads its next request line (idle, or a line still
/// arriving) and *working* while a request is answered. When every slot is taken, the waiting
/// connection whose last request (or connect) is oldest is shut down for the newcomer: slow or
/// idle clients cannot keep fast ones out, and a request being answered is never cut off.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        /// When the connection was accepted or its last request arrived.
        var lastRequest: ContinuousClock.Instant
        var working = false
        var evicted = false
    }

    private struct State {
        var entries: [Int32: Entry] = [:]
        var evictions = 0
    }

    private let state = Guarded(State())

    /// Open connections.
    var count: Int { state.withLock { $0.entries.count } }

    /// Connections shut down to make room for a newcomer.
    var evictions: Int { state.withLock { $0.evictions } }

    /// Adds `fd` (waiting for its first line) if fewer than `limit` are open, or after shutting
    /// down the longest-waiting one; false when every connection is working.
    func admit(_ fd: Int32, limit: Int) -> Bool {
        state.withLock { s in
            // Connections already shut down for an earlier newcomer no longer hold a slot.
            if s.entries.values.filter({ !$0.evicted }).count >= limit {
                let waiting = s.entries.filter { !$0.value.working && !$0.value.evicted }
                guard let oldest = waiting.min(by: { $0.value.lastRequest < $1.value.lastRequest }) else { return false }
                // The entry stays until its thread sees the shutdown and calls `remove`, so the
                // descriptor cannot be closed (and reused) while we hold it here.
                shutdown(oldest.key, Int32(SHUT_RDWR))
                s.entries[oldest.key]?.evicted = true
                s.evictions += 1
            }
            s.entries[fd] = Entry(lastRequest: .now)
            return true
        }
    }

    /// Marks `fd` as waiting for a request line (evictable) or answering one (not evictable).
    func setWaiting(_ fd: Int32, _ waiting: Bool) {
        state.withLock { s in
            guard s.entries[fd] != nil else { return }
            s.entries[fd]?.working = !waiting
            if !waiting { s.entries[fd]?.lastRequest = .now }
        }
    }

    /// Forgets `fd`; call before closing it.
    func remove(_ fd: Int32) {
        state.withLock { s in s.entries[fd] = nil }
    }
}
