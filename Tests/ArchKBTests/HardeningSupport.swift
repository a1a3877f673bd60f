import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A second user for the tests that need one (socket hijack, unreadable files): when the tests
/// run as root, child processes run as uid 65534 through util-linux `setpriv`.
enum OtherUser {
    static let uid: UInt32 = 65534
    static let setpriv = "/usr/bin/setpriv"

    /// Why the second-user tests cannot run here, or nil when they can.
    static let unavailableReason: String? = {
        if getuid() != 0 { return "the tests do not run as root, so they cannot act as a second user" }
        if !FileManager.default.isExecutableFile(atPath: setpriv) { return "util-linux setpriv is not installed" }
        return nil
    }()

    static var available: Bool { unavailableReason == nil }

    /// Runs `executable` as uid/gid 65534 (bounded), like `ProcessRunner.run`.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                    directory: URL, timeout: TimeInterval = 60) throws -> ProcessResult {
        try ProcessRunner.run(URL(fileURLWithPath: setpriv), ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", executable.path] + arguments,
                              environment: environment, directory: directory, timeout: timeout)
    }

    /// A `Process` (not started) that runs `executable` as uid 65534.
    static func process(_ executable: URL, _ arguments: [String]) -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: setpriv)
        p.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", executable.path] + arguments
        p.environment = ProcessInfo.processInfo.environment.merging(["ARCHKB_NO_AUTOSTART": "1"]) { $1 }
        return p
    }

    /// Gives `path` to the second user.
    static func chown(_ path: String) { _ = Glibc.chown(path, uid, uid) }
}

/// A hostile or broken "daemon" on a real Unix socket, run on a thread of the test process: for
/// each connection it optionally reads the request line, then writes `reply` and closes.
final class ScriptedSocketServer: @unchecked Sendable {
    let path: String
    private let listener: Int32
    private let stopped = Locked(false)
    let connections = Locked(0)

    /// Listens on `path`; `readFirst` false closes without reading (as a full daemon did).
    init(path: String, reply: [UInt8], readFirst: Bool) throws {
        self.path = path
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in Array(path.utf8).enumerated() { raw[i] = b }
            raw[path.utf8.count] = 0
        }
        let rc = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0, listen(fd, 16) == 0 else { Glibc.close(fd); throw LineClient.ConnectError(errno: errno) }
        listener = fd
        let thread = Thread { [self] in
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while !self.stopped.get {
                pfd.revents = 0
                guard poll(&pfd, 1, 50) > 0 else { continue }
                let c = accept(fd, nil, nil)
                guard c >= 0 else { continue }
                self.connections.with { $0 += 1 }
                if readFirst {
                    var buf = [UInt8](repeating: 0, count: 65536)
                    _ = buf.withUnsafeMutableBytes { read(c, $0.baseAddress, $0.count) }
                }
                var sent = 0
                while sent < reply.count {
                    let n = reply[sent...].withUnsafeBytes { Glibc.send(c, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    if n <= 0 { break }
                    sent += n
                }
                Glibc.close(c)
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    func stop() {
        stopped.with { $0 = true }
        usleep(100_000)
        Glibc.close(listener)
        unlink(path)
    }
}

/// Corpus files that used to crash or exhaust the indexer.
enum HostileFiles {
    /// A card whose front matter nests a flow sequence `depth` deep (5,000 overflowed the stack).
    static func deepFrontMatter(depth: Int = 5000) -> String {
        "---\nname: Deep\nkind: pattern\nx: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n---\n# Deep\n\nBody.\n"
    }

    /// "Billion laughs": nine levels of nine aliases each (585 bytes, 9^9 nodes expanded).
    static var billionLaughs: String {
        var lines = ["---", "name: Bomb", "kind: pattern", "a0: &a0 \"lol\""]
        for i in 1...9 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]") }
        return (lines + ["---", "# Bomb", "", "Body."]).joined(separator: "\n") + "\n"
    }

    /// A well-formed card.
    static let goodCard = "---\nname: Sturdy Queue\nkind: pattern\narea: Messaging\naliases: [durable queue]\n---\n# Sturdy Queue\n\nA sturdy queue keeps messages until consumers acknowledge them.\n"
}

/// Pid of a process that has exited (for stale temporary files).
func deadPid() throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/true")
    try p.run()
    p.waitUntilExit()
    return p.processIdentifier
}
