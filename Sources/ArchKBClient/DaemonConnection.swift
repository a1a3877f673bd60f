#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A client connection to the daemon's Unix socket: one JSON line out, one JSON line back.
///
/// Uses only the C library so that the thin `archkb` client starts in a few milliseconds. A
/// connection is made only to a socket `SocketTrust` accepts (directory owner and mode, then the
/// listening process's uid); writes never raise SIGPIPE.
public final class DaemonConnection {
    let fd: Int32

    /// Answers longer than this are not read (a daemon's largest, a full card, is a few KB).
    public static let maxResponseBytes = 16 << 20

    /// Why no connection was made.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Nothing listens on the path (absent, refused, stale).
        case noDaemon(reason: String)
        /// Something listens, but `SocketTrust` refuses it.
        case untrusted(reason: String)

        public var description: String {
            switch self {
            case .noDaemon(let r): return r
            case .untrusted(let r): return "not trusting the daemon socket: \(r)"
            }
        }
    }

    /// Connects to `path`; nil when no daemon listens there or it is not trusted.
    public convenience init?(path: String, timeoutSeconds: Int = 30) {
        guard case .success(let fd) = DaemonConnection.open(path: path, timeoutSeconds: timeoutSeconds) else { return nil }
        self.init(fd: fd)
    }

    init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// Connects to a trusted daemon at `path`, or says why not.
    public static func connect(path: String, timeoutSeconds: Int = 30) -> Result<DaemonConnection, Failure> {
        open(path: path, timeoutSeconds: timeoutSeconds).map { DaemonConnection(fd: $0) }
    }

    static func open(path: String, timeoutSeconds: Int) -> Result<Int32, Failure> {
        if let problem = SocketTrust.directoryProblem(forConnecting: path) { return .failure(.untrusted(reason: problem)) }
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { return .failure(.noDaemon(reason: "socket(): \(String(cString: strerror(errno)))")) }
        if let reason = connect(s, path) { close(s); return .failure(.noDaemon(reason: reason)) }
        if let problem = SocketTrust.peerProblem(s) { close(s); return .failure(.untrusted(reason: problem)) }
        var tv = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        #if !os(Linux)
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return .success(s)
    }

    /// Connects `s` to `path`; nil on success, else why not.
    static func connect(_ s: Int32, _ path: String) -> String? {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        guard bytes.count < capacity else { return "socket path is longer than \(capacity - 1) bytes" }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(s, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return rc == 0 ? nil : "no daemon on \(path) (\(String(cString: strerror(errno))))"
    }

    /// Sends one request line and returns the response line (without the newline); nil when the
    /// daemon closes, resets or times out, or answers more than `maxResponseBytes`.
    public func request(_ json: String) -> String? {
        var out = Array(json.utf8)
        out.append(10)
        var sent = 0
        while sent < out.count {
            let n = out[sent...].withUnsafeBytes { DaemonConnection.send(fd, $0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            sent += n
        }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            if let nl = chunk[0..<n].firstIndex(of: 10) {
                buffer.append(contentsOf: chunk[0..<nl])
                return String(decoding: buffer, as: UTF8.self)
            }
            buffer.append(contentsOf: chunk[0..<n])
            if buffer.count > DaemonConnection.maxResponseBytes { return nil }
        }
    }

    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        #if os(Linux)
        return Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        #else
        return Darwin.send(fd, bytes.baseAddress, bytes.count, 0)
        #endif
    }
}
