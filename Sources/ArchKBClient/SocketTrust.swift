#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who may stand behind the daemon socket: checks on its directory (before connecting) and on the
/// process listening (after), so another user on a shared machine cannot plant a socket that
/// answers for archkb.
///
/// The daemon calls `directoryProblem(forServing:)` before it binds; clients call
/// `directoryProblem(forConnecting:)` before they connect and `peerProblem(_:)` once connected.
public enum SocketTrust {
    /// Why the daemon must not serve in the directory of `socketPath`: not a directory, owned by
    /// another user, or writable by group or others. Nil when it is safe.
    public static func directoryProblem(forServing socketPath: String) -> String? {
        let dir = directory(of: socketPath)
        var st = stat()
        guard lstat(dir, &st) == 0 else { return "cannot inspect \(dir): \(String(cString: strerror(errno)))" }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { return "\(dir) is not a directory" }
        if st.st_uid != geteuid() {
            return "\(dir) belongs to uid \(st.st_uid), not to this user (uid \(geteuid())); another user could replace the socket"
        }
        if st.st_mode & 0o022 != 0 {
            return "\(dir) is writable by group or others (mode \(String(st.st_mode & 0o7777, radix: 8))); use a directory only you can write, e.g. chmod 700 \(dir)"
        }
        return nil
    }

    /// Why a client must not trust a socket at `socketPath`: its directory belongs to another
    /// user (root excepted), or others may write there (without the sticky bit that keeps them
    /// from replacing our files), or the socket itself belongs to another user. Nil when it is safe.
    public static func directoryProblem(forConnecting socketPath: String) -> String? {
        let dir = directory(of: socketPath)
        let me = geteuid()
        var st = stat()
        guard stat(dir, &st) == 0 else { return nil }  // nothing there: connect() will find no daemon
        if st.st_uid != me && st.st_uid != 0 { return "socket directory \(dir) belongs to uid \(st.st_uid), not to this user (uid \(me))" }
        if st.st_mode & 0o022 != 0 {
            guard st.st_mode & S_ISVTX != 0 else { return "socket directory \(dir) is writable by others" }
            var sock = stat()
            if lstat(socketPath, &sock) == 0, sock.st_uid != me, sock.st_uid != 0 {
                return "socket \(socketPath) belongs to uid \(sock.st_uid), not to this user (uid \(me))"
            }
        }
        return nil
    }

    /// Why the process on the other end of the connected socket `fd` is not trusted: it runs as
    /// another user (root excepted), or the kernel did not say (SO_PEERCRED). Nil when trusted.
    public static func peerProblem(_ fd: Int32) -> String? {
        #if os(Linux)
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; } (Glibc does not import the type).
        var cred = [Int32](repeating: -1, count: 3)
        var size = socklen_t(MemoryLayout<Int32>.size * 3)
        let rc = cred.withUnsafeMutableBytes { getsockopt(fd, SOL_SOCKET, SO_PEERCRED, $0.baseAddress, &size) }
        guard rc == 0, size >= socklen_t(MemoryLayout<Int32>.size * 3) else { return "cannot read the daemon's credentials (SO_PEERCRED)" }
        let uid = UInt32(bitPattern: cred[1])
        if uid != geteuid() && uid != 0 { return "the process on the socket (pid \(cred[0])) runs as uid \(uid), not as this user (uid \(geteuid()))" }
        return nil
        #else
        var uid = uid_t()
        var gid = gid_t()
        guard getpeereid(fd, &uid, &gid) == 0 else { return "cannot read the daemon's credentials (getpeereid)" }
        if uid != geteuid() && uid != 0 { return "the process on the socket runs as uid \(uid), not as this user (uid \(geteuid()))" }
        return nil
        #endif
    }

    /// The directory part of a socket path ("." when it has none).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }
}
