import Synchronization

/// A value behind a `Mutex`, whose critical sections the Thread Sanitizer can see.
///
/// On Linux a contended `Mutex` waits in the kernel (a priority-inheriting futex, in the
/// Synchronization library, which is not instrumented), so TSan sees neither that unlock nor the
/// lock that follows and reports the values it protects as races. Each critical section here also
/// acquires and releases `order`, an atomic TSan does see: two uncontended atomic operations more.
public final class Guarded<Value: ~Copyable>: Sendable {
    private let mutex: Mutex<Value>
    private let order = Atomic<UInt>(0)

    public init(_ value: consuming sending Value) {
        mutex = Mutex(value)
    }

    /// Runs `body` with the value, one caller at a time.
    public func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        try mutex.withLock { (value: inout sending Value) throws(E) -> sending Result in
            _ = order.load(ordering: .acquiring)
            defer { order.wrappingAdd(1, ordering: .releasing) }
            return try body(&value)
        }
    }
}
