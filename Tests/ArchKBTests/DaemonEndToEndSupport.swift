import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Helpers for the daemon end-to-end tests: a per-test sandbox, a daemon child process, and a
/// line-oriented Unix-socket client with timeouts. Every wait here is bounded.
enum DaemonE2E {
    /// `archkb-engine`, next to the thin `archkb` the other end-to-end tests find.
    static let engine: URL? = {
        guard let thin = ProcessRunner.executable else { return nil }
        let url = thin.deletingLastPathComponent().appendingPathComponent("archkb-engine")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }()

    static var available: Bool { engine != nil && ProcessRunner.executable != nil }

    static let paymentQuery = "stop cascading failures when the payment provider is down"

    /// Queries with the top recommendation the fixture corpus gives them.
    static let queries: [(query: String, top: String)] = [
        (paymentQuery, "Circuit Breaker"),
        ("durable event log for order events", "Apache Kafka"),
        ("retry failed payment calls", "Retry with Exponential Backoff"),
    ]

    static func json(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// A parsed JSON value written back with sorted keys, for comparing two values; nil for nil.
    static func canonical(_ value: Any?) -> String? {
        guard let value else { return nil }
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Names of the recommendations of an `ask --json` object.
    static func names(_ answer: [String: Any]?) -> [String] {
        ((answer?["recommendations"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
    }

    /// Runs `body(i)` for i in 0..<count on `count` real threads; false if they did not all finish in time.
    static func onThreads(_ count: Int, timeout: TimeInterval, _ body: @escaping @Sendable (Int) -> Void) -> Bool {
        startThreads(count, body).wait(timeout: .now() + timeout) == .success
    }

    /// Starts `body(i)` for i in 0..<count on `count` real threads; wait on the group.
    static func startThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) -> DispatchGroup {
        let group = DispatchGroup()
        for i in 0..<count {
            group.enter()
            let thread = Thread { body(i); group.leave() }
            thread.stackSize = 1 << 20
            thread.start()
        }
        return group
    }

    /// Permission bits of a file, or nil.
    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o7777
    }

    static func isSocket(_ path: String) -> Bool { var st = stat(); return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFSOCK }

    /// A request line (keys sorted, compact).
    static func req(_ id: Any, _ op: String, _ params: [String: Any] = [:]) -> String {
        var object = params
        object["id"] = id
        object["op"] = op
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

/// A value shared between test threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func with<T>(_ body: (inout Value) -> T) -> T { lock.lock(); defer { lock.unlock() }; return body(&value) }
    var get: Value { with { $0 } }
}

/// A short directory under /tmp (sun_path holds 108 bytes) with a copy of the fixture index.
struct DaemonSandbox {
    let dir: URL
    var path: String { dir.path }
    var index: String { dir.appendingPathComponent("i.sqlite").path }
    /// The socket, in a subdirectory the daemon creates.
    var socket: String { dir.appendingPathComponent("s/d.sock").path }

    init() throws {
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        dir = URL(fileURLWithPath: "/tmp/akb-\(tag)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try FixtureIndex.get().indexPath, toPath: index)
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    /// The environment for child processes: nothing from the machine's archkb setup leaks in.
    var environment: [String: String] {
        var env = ProcessRunner.environment(home: dir)
        env["ARCHKB_SOCKET"] = ""
        env["XDG_RUNTIME_DIR"] = ""
        return env
    }

    /// Runs `archkb-engine` (bounded).
    func engine(_ args: [String], environment extra: [String: String] = [:], timeout: TimeInterval = 60) throws -> ProcessResult {
        guard let exe = DaemonE2E.engine else { throw ProcessRunner.RunnerError.noExecutable }
        return try ProcessRunner.run(exe, args, environment: environment.merging(extra) { $1 }, directory: dir, timeout: timeout)
    }

    /// Runs the thin `archkb` (bounded).
    func archkb(_ args: [String], environment extra: [String: String] = [:], timeout: TimeInterval = 60) throws -> ProcessResult {
        guard let exe = ProcessRunner.executable else { throw ProcessRunner.RunnerError.noExecutable }
        return try ProcessRunner.run(exe, args, environment: environment.merging(extra) { $1 }, directory: dir, timeout: timeout)
    }

    /// Replaces the index file atomically (as `archkb index` does) with `data`.
    func replaceIndex(with data: Data) throws {
        let tmp = index + ".swap"
        try data.write(to: URL(fileURLWithPath: tmp))
        guard rename(tmp, index) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

/// `archkb-engine serve` as a child process. Call `kill()` in a `defer`: it SIGKILLs a daemon
/// that is still running, so no test leaves one behind.
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let socket: String
    let logURL: URL

    struct StartError: Error, CustomStringConvertible { var description: String }

    /// Starts `serve --socket <socket> --index <index>` and waits (up to 10 s) until it answers ping.
    init(_ box: DaemonSandbox, socket: String? = nil, waitReady: Bool = true, extraArguments: [String] = []) throws {
        guard let exe = DaemonE2E.engine else { throw ProcessRunner.RunnerError.noExecutable }
        self.socket = socket ?? box.socket
        logURL = box.dir.appendingPathComponent("daemon-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        defer { try? log.close() }
        process.executableURL = exe
        process.arguments = ["serve", "--socket", self.socket, "--index", box.index] + extraArguments
        process.environment = ProcessInfo.processInfo.environment.merging(box.environment) { $1 }
        process.currentDirectoryURL = box.dir
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        if waitReady { try self.waitReady() }
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    func waitReady(timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !process.isRunning { throw StartError(description: "daemon exited with \(process.terminationStatus) before answering: \(log)") }
            if let c = try? LineClient(socket, timeout: 2), let r = c.request(#"{"id":"ready","op":"ping"}"#, timeout: 2), r["ok"] as? Bool == true {
                return
            }
            usleep(50_000)
        }
        kill()
        throw StartError(description: "daemon did not answer ping within \(Int(timeout)) s: \(log)")
    }

    func signal(_ sig: Int32) { if process.isRunning { _ = Glibc.kill(pid, sig) } }

    /// Waits for the process to exit; false if it still runs after `timeout`.
    @discardableResult
    func waitExit(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { return false }
        process.waitUntilExit()
        return true
    }

    var exitedZero: Bool { !process.isRunning && process.terminationReason == .exit && process.terminationStatus == 0 }

    /// SIGKILLs the daemon if it still runs and reaps it.
    func kill() {
        guard process.isRunning else { return }
        _ = Glibc.kill(pid, SIGKILL)
        waitExit(timeout: 10)
    }
}

/// A client on the daemon's socket: raw bytes out, `\n`-terminated lines back, all with timeouts.
final class LineClient: @unchecked Sendable {
    private(set) var fd: Int32
    private var pending: [UInt8] = []

    enum Read: Equatable {
        case line(String)
        case closed
        case timeout
        var text: String? { if case .line(let s) = self { return s }; return nil }
    }

    struct ConnectError: Error { var errno: Int32 }

    init(_ path: String, timeout: Int = 10) throws {
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw ConnectError(errno: errno) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { Glibc.close(s); throw ConnectError(errno: ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(s, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else { let e = errno; Glibc.close(s); throw ConnectError(errno: e) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        fd = s
    }

    deinit { disconnect() }

    func disconnect() { if fd >= 0 { Glibc.close(fd); fd = -1 } }

    /// Half-closes: the daemon sees EOF after what was sent (as `nc -U` does).
    func shutdownWrite() { _ = Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Writes all of `bytes`; false when the daemon closed the connection or the write timed out.
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    @discardableResult
    func send(line: String) -> Bool { write(Array(line.utf8) + [10]) }

    /// The next response line; `.closed` on EOF or reset, `.timeout` when none came in time.
    func readLine(timeout: TimeInterval = 15) -> Read {
        let deadline = Date().addingTimeInterval(timeout)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let nl = pending.firstIndex(of: 10) {
                let line = String(decoding: pending[..<nl], as: UTF8.self)
                pending.removeSubrange(...nl)
                return .line(line)
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return .timeout }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let r = poll(&pfd, 1, Int32(min(left, 1) * 1000) + 1)
            if r < 0 && errno == EINTR { continue }
            if r < 0 { return .closed }
            if r == 0 { continue }
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n <= 0 { return .closed }
            pending.append(contentsOf: chunk[0..<n])
        }
    }

    /// Sends one request line and returns the raw response line, or nil.
    func requestLine(_ json: String, timeout: TimeInterval = 15) -> String? {
        guard send(line: json) else { return nil }
        return readLine(timeout: timeout).text
    }

    /// Sends one request line and returns the parsed response object, or nil.
    func request(_ json: String, timeout: TimeInterval = 15) -> [String: Any]? {
        requestLine(json, timeout: timeout).flatMap(DaemonE2E.json)
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The `result` of an ok response.
    var result: [String: Any]? { self["ok"] as? Bool == true ? self["result"] as? [String: Any] : nil }
    /// The error code of an error response.
    var errorCode: String? { (self["error"] as? [String: Any])?["code"] as? String }
}
