import ArchKBClient
import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The archkb daemon: a Unix-socket server answering one JSON request per line.
///
/// Design: one accept loop (poll with a short timeout, so a stop request is noticed quickly) and a
/// thread per connection, capped at `maxConnections`. Each connection has an idle timeout between
/// requests, a total deadline for each request line from its first byte (a client trickling a
/// byte at a time cannot hold its slot), a total deadline for writing each response (nor can one
/// reading a byte at a time), and a 64 KiB line limit. When every slot is taken the connection
/// that has waited longest for a request is closed for the newcomer (`ConnectionRegistry`).
/// Requests run in parallel on pooled searchers. SIGTERM/SIGINT stop accepting, let in-flight
/// requests finish, remove the socket and return.
public final class DaemonServer: Sendable {
    public static let maxLine = 64 * 1024
    public let maxConnections: Int
    public let idleTimeoutSeconds: Int
    /// A request line must arrive in full within this many seconds of its first byte.
    public let lineDeadlineSeconds: Int
    /// A response must be written in full within this many seconds.
    public let writeDeadlineSeconds: Int
    /// Exit after this many seconds without any connection (nil: never). Background daemons
    /// (`archkb daemon start`, autostarted by the first `archkb ask`) default to 30 minutes.
    public let idleExitSeconds: Int?

    public let socketPath: String
    public let handler: RequestHandler
    let logger: Logger
    let connections = ConnectionRegistry()
    private let stopping: StopSignal
    /// The listening socket once `bind` succeeded, else -1.
    private let listener = Atomic<Int32>(-1)
    /// Held (flock) from bind until the daemon exits, so that two daemons started at once for one
    /// socket (two first asks racing to autostart) cannot both serve; -1 before bind.
    private let startLock = Atomic<Int32>(-1)

    /// Set once to stop the server: by `stop()`, a signal handler's thread or a client's `shutdown`.
    final class StopSignal: Sendable {
        private let raised = Atomic<Bool>(false)
        func raise() { raised.store(true, ordering: .sequentiallyConsistent) }
        var isRaised: Bool { raised.load(ordering: .sequentiallyConsistent) }
    }

    public init(socketPath: String, pool: SearcherPool, logger: Logger, maxConnections: Int = 64, idleTimeoutSeconds: Int = 30,
                lineDeadlineSeconds: Int = 10, writeDeadlineSeconds: Int = 10, idleExitSeconds: Int? = nil) {
        self.socketPath = socketPath
        let stopping = StopSignal()
        self.stopping = stopping
        self.handler = RequestHandler(pool: pool, onShutdown: { stopping.raise() })
        self.logger = logger
        self.maxConnections = maxConnections
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.lineDeadlineSeconds = lineDeadlineSeconds
        self.writeDeadlineSeconds = writeDeadlineSeconds
        self.idleExitSeconds = idleExitSeconds
    }

    public func stop() { stopping.raise() }

    var isStopping: Bool { stopping.isRaised }

    /// Creates the socket directory (0700), refuses to start over a live daemon, removes a stale
    /// socket, binds and listens.
    public func bind() throws {
        let dir = (socketPath as NSString).deletingLastPathComponent
        if !dir.isEmpty && !FileManager.default.fileExists(atPath: dir) {
            // Only a directory we create is set to 0700; an existing one keeps its mode.
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            chmod(dir, 0o700)
        }
        if let problem = SocketTrust.directoryProblem(forServing: socketPath) {
            throw DaemonError.unsafeSocketDirectory(socket: socketPath, reason: problem)
        }
        let lockFD = open(socketPath + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lockFD >= 0 else { throw DaemonError.socket(path: socketPath + ".lock", call: "open", errno: errno) }
        guard flock(lockFD, LOCK_EX | LOCK_NB) == 0 else { close(lockFD); throw DaemonError.alreadyRunning(socket: socketPath) }
        startLock.store(lockFD, ordering: .sequentiallyConsistent)
        if FileManager.default.fileExists(atPath: socketPath) {
            if DaemonConnection(path: socketPath, timeoutSeconds: 2) != nil { throw DaemonError.alreadyRunning(socket: socketPath) }
            unlink(socketPath)
            logger.info("removed stale socket", metadata: ["socket": "\(socketPath)"])
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw DaemonError.socket(path: socketPath, call: "socket", errno: errno) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { close(fd); throw DaemonError.pathTooLong(path: socketPath) }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
            raw[bytes.count] = 0
        }
        let old = umask(0o177)
        let rc = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        umask(old)
        guard rc == 0 else { let e = errno; close(fd); throw DaemonError.socket(path: socketPath, call: "bind", errno: e) }
        chmod(socketPath, 0o600)
        guard listen(fd, 128) == 0 else { let e = errno; close(fd); throw DaemonError.socket(path: socketPath, call: "listen", errno: e) }
        listener.store(fd, ordering: .sequentiallyConsistent)
    }

    /// Serves until stopped; then drains in-flight requests (up to 10 s) and removes the socket.
    public func serve() {
        logger.info("serving", metadata: ["socket": "\(socketPath)", "index": "\(handler.pool.indexPath)", "pid": "\(getpid())"])
        startWatcher()
        let listener = self.listener.load(ordering: .sequentiallyConsistent)
        var pfd = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        var lastBusy = ContinuousClock.now
        while !isStopping {
            pfd.revents = 0
            let n = poll(&pfd, 1, 200)
            if connections.count > 0 {
                lastBusy = .now
            } else if let idle = idleExitSeconds, n <= 0, ContinuousClock.now - lastBusy >= .seconds(idle) {
                logger.info("no connection for \(idle) s: exiting")
                break
            }
            if n <= 0 { continue }
            let client = accept(listener, nil, nil)
            if client < 0 { continue }
            lastBusy = .now
            guard connections.admit(client, limit: maxConnections) else {
                writeLine(client, RequestHandler.error(id: .null, code: "busy", message: "too many connections; try again"))
                close(client)
                continue
            }
            let thread = Thread { [self] in
                self.handle(client)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        close(listener)
        unlink(socketPath)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if connections.count == 0 { break }
            usleep(10_000)
        }
        logger.info("stopped", metadata: ["requests": "\(handler.requestsServed)"])
        let lock = startLock.exchange(-1, ordering: .sequentiallyConsistent)
        if lock >= 0 { close(lock) }
    }

    /// Reads lines from one client and answers each; closes on EOF, a timeout, or an over-long line.
    ///
    /// Waits with poll() in 100 ms steps: a connection with no pending bytes is closed when the
    /// daemon stops or after the idle timeout; a partial line is closed `lineDeadlineSeconds` after
    /// its first byte; bytes already sent as whole lines are always read and answered.
    func handle(_ fd: Int32) {
        defer { connections.remove(fd); close(fd) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        var idleSince = ContinuousClock.now
        var lineStarted: ContinuousClock.Instant?
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            pfd.revents = 0
            let ready = poll(&pfd, 1, 100)
            if ready == 0 {
                let now = ContinuousClock.now
                if let started = lineStarted {
                    if now - started >= .seconds(lineDeadlineSeconds) {
                        writeLine(fd, RequestHandler.error(id: .null, code: "timeout", message: "request line not completed within \(lineDeadlineSeconds) s"))
                        return
                    }
                } else if isStopping || now - idleSince >= .seconds(idleTimeoutSeconds) {
                    return
                }
                continue
            }
            if ready < 0 { if errno == EINTR { continue } else { return } }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            if lineStarted == nil { lineStarted = .now }
            buffer.append(contentsOf: chunk[0..<n])
            var consumed = false
            while let nl = buffer.firstIndex(of: 10) {
                consumed = true
                let line = buffer[buffer.startIndex..<nl]
                if line.count > DaemonServer.maxLine {
                    writeLine(fd, RequestHandler.error(id: .null, code: "line_too_long", message: "request line exceeds 64 KiB"))
                    return
                }
                if !line.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) {
                    connections.setWaiting(fd, false)
                    let answered = writeLine(fd, handler.respond(to: line))
                    connections.setWaiting(fd, true)
                    if !answered { return }
                }
                buffer.removeSubrange(buffer.startIndex...nl)
            }
            // The deadline runs from a line's first byte; a read that ends lines starts the next one now.
            if buffer.isEmpty { lineStarted = nil } else if consumed { lineStarted = .now }
            idleSince = .now
            if buffer.count > DaemonServer.maxLine {
                writeLine(fd, RequestHandler.error(id: .null, code: "line_too_long", message: "request line exceeds 64 KiB"))
                return
            }
        }
    }

    /// Writes `text` and a newline within `writeDeadlineSeconds` in all; false when the client
    /// went away or read too slowly.
    @discardableResult
    func writeLine(_ fd: Int32, _ text: String) -> Bool {
        var bytes = Array(text.utf8)
        bytes.append(10)
        let deadline = ContinuousClock.now + .seconds(writeDeadlineSeconds)
        var sent = 0
        var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            if n > 0 { sent += n; continue }
            guard n < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else { return false }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return false }
            pfd.revents = 0
            _ = poll(&pfd, 1, Int32(min(left.components.seconds * 1000 + 1, 1000)))
        }
        return true
    }

    /// Reloads when `archkb index` swaps in a new file; a bad file leaves the old index serving.
    func startWatcher() {
        let thread = Thread { [self] in
            while !self.isStopping {
                usleep(500_000)
                do {
                    guard try self.handler.pool.reloadIfChanged() != nil else { continue }
                    self.logger.info("reloaded index", metadata: ["index": "\(self.handler.pool.indexPath)"])
                } catch {
                    self.logger.error("new index did not open; still serving the previous one", metadata: ["error": "\(error)"])
                    usleep(2_000_000)
                }
            }
        }
        thread.start()
    }
}
