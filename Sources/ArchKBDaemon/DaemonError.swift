/// Errors of the daemon: socket setup and request handling.
public enum DaemonError: Error, CustomStringConvertible {
    case alreadyRunning(socket: String)
    case socket(path: String, call: String, errno: Int32)
    case pathTooLong(path: String)
    /// The socket's directory could let another user replace the socket.
    case unsafeSocketDirectory(socket: String, reason: String)
    /// A request the daemon refuses, with the protocol error code.
    case badRequest(code: String, message: String)

    public var description: String {
        switch self {
        case .alreadyRunning(let s): return "a daemon is already running on \(s)"
        case .socket(let p, let call, let e): return "\(call) failed for \(p): errno \(e)"
        case .pathTooLong(let p): return "socket path is too long: \(p)"
        case .unsafeSocketDirectory(let s, let r): return "refusing to serve on \(s): \(r)"
        case .badRequest(_, let m): return m
        }
    }
}
