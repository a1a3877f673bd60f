#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output or standard error as a `Sendable` value (its file descriptor), for the
/// executables: the C library's `stdout`/`stderr` are mutable globals Swift 6 refuses to share.
///
/// Each `write` goes straight to the descriptor with write(2), retried until all bytes are out, so
/// nothing is left in a buffer when the process execs or exits; a closed stream (EPIPE) drops the rest.
public struct StandardStream: TextOutputStream, Sendable {
    public let descriptor: Int32

    public static let output = StandardStream(descriptor: 1)
    public static let error = StandardStream(descriptor: 2)

    public init(descriptor: Int32) { self.descriptor = descriptor }

    public func write(_ string: String) {
        var text = string
        text.withUTF8 { writeAll(descriptor, $0) }
    }
}

/// write(2) until every byte is out, retrying on EINTR; stops at any other error.
private func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress else { return }
    var sent = 0
    while sent < bytes.count {
        let n = write(fd, base + sent, bytes.count - sent)
        if n > 0 { sent += n } else if n < 0 && errno == EINTR { continue } else { return }
    }
}
