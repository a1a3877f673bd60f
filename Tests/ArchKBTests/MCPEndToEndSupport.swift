import Foundation
import MCP
#if canImport(Glibc)
import Glibc
#endif

/// `archkb mcp` as a child process driven over its standard input and output, with timeouts.
///
/// Every line the server writes to standard output is kept (it must be a JSON-RPC message);
/// standard error goes to a file, for the logs. Call `stop()` in a `defer`.
final class MCPSession: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    let stderrURL: URL
    private let lines = Locked<[String]>([])
    private let reader: Thread
    private var nextID = 100

    /// The thin `archkb` (which execs `archkb-mcp`), if `archkb-mcp` was built next to it.
    static let thinClient: URL? = {
        guard let thin = ProcessRunner.executable else { return nil }
        let server = thin.deletingLastPathComponent().appendingPathComponent("archkb-mcp")
        return FileManager.default.isExecutableFile(atPath: server.path) ? thin : nil
    }()

    static var available: Bool { thinClient != nil && DaemonE2E.engine != nil }

    /// Starts `archkb mcp <arguments>` in `directory` with `environment` added to this process's.
    /// `executable` replaces the built thin client; with `inherit` false the server gets only `environment`.
    init(_ arguments: [String], environment: [String: String], directory: URL, executable: URL? = nil, inherit: Bool = true) throws {
        guard let exe = executable ?? MCPSession.thinClient else { throw ProcessRunner.RunnerError.noExecutable }
        stderrURL = directory.appendingPathComponent("mcp-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: stderrURL)
        defer { try? log.close() }
        process.executableURL = exe
        process.arguments = ["mcp"] + arguments
        process.environment = (inherit ? ProcessInfo.processInfo.environment : [:]).merging(environment) { $1 }
        process.currentDirectoryURL = directory
        process.standardInput = input
        process.standardOutput = output
        process.standardError = log
        let handle = output.fileHandleForReading
        let sink = lines
        reader = Thread {
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let nl = pending.firstIndex(of: 10) {
                    let line = String(decoding: pending[pending.startIndex..<nl], as: UTF8.self)
                    pending = Data(pending[(nl + 1)...])
                    sink.with { $0.append(line) }
                }
            }
        }
        try process.run()
        reader.start()
    }

    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Every line written to standard output so far.
    var stdoutLines: [String] { lines.get }

    /// Writes one raw line (which need not be JSON).
    func sendLine(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    func send(_ message: [String: Any]) {
        var m = message
        m["jsonrpc"] = "2.0"
        guard let data = try? JSONSerialization.data(withJSONObject: m, options: [.sortedKeys]) else { return }
        sendLine(String(decoding: data, as: UTF8.self))
    }

    /// The first message on standard output that `matches`, waiting up to `timeout` seconds.
    func message(timeout: TimeInterval = 30, where matches: ([String: Any]) -> Bool) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            for line in lines.get {
                if let m = DaemonE2E.json(line), matches(m) { return m }
            }
            usleep(5_000)
        } while Date() < deadline
        return nil
    }

    /// The response with `id`.
    func response(id: Int, timeout: TimeInterval = 30) -> [String: Any]? {
        message(timeout: timeout) { $0["id"] as? Int == id }
    }

    /// Sends a request and waits for its response.
    func request(_ method: String, _ params: [String: Any]? = nil, timeout: TimeInterval = 30) -> [String: Any]? {
        nextID += 1
        var m: [String: Any] = ["id": nextID, "method": method]
        if let params { m["params"] = params }
        send(m)
        return response(id: nextID, timeout: timeout)
    }

    /// `initialize`, then `notifications/initialized`; the initialize result.
    func initialize() -> [String: Any]? {
        let r = request("initialize", ["protocolVersion": "2025-06-18", "capabilities": [String: Any](),
                                       "clientInfo": ["name": "archkb-tests", "version": "1"]])
        send(["method": "notifications/initialized"])
        return r?["result"] as? [String: Any]
    }

    /// `tools/call`: the whole response (result or error).
    func callTool(_ name: String, _ arguments: [String: Any]?) -> [String: Any]? {
        var params: [String: Any] = ["name": name]
        if let arguments { params["arguments"] = arguments }
        return request("tools/call", params)
    }

    /// Closes standard input and waits for the server to exit; true if it exited 0 in time.
    @discardableResult
    func stop(timeout: TimeInterval = 20) -> Bool {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            _ = Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }
        process.waitUntilExit()
        return process.terminationReason == .exit && process.terminationStatus == 0
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The `result` object of a JSON-RPC response.
    var rpcResult: [String: Any]? { self["result"] as? [String: Any] }
    /// The error code of a JSON-RPC error response.
    var rpcErrorCode: Int? { (self["error"] as? [String: Any])?["code"] as? Int }
    /// The text of a tool result's first content item.
    var toolText: String? { ((rpcResult?["content"] as? [[String: Any]])?.first)?["text"] as? String }
    /// Whether a tool result is an error result.
    var toolIsError: Bool { rpcResult?["isError"] as? Bool == true }
}

/// JSON (from JSONSerialization) as an MCP value, for schema validation.
func mcpValue(_ object: Any?) throws -> MCP.Value {
    guard let object else { return .null }
    let data = try JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed])
    return try JSONDecoder().decode(MCP.Value.self, from: data)
}
