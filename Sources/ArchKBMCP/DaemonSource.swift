import ArchKBClient
import ArchKBCore
import ArchKBRender
import Foundation
import Logging
import MCP

/// Asks a running `archkb` daemon over its Unix socket (docs/PROTOCOL.md), on one kept-open connection.
///
/// A connection the daemon closed (idle timeout, restart) is replaced once per request. Only
/// `not_found` is an answer (no such entity); no daemon, and every other error code, make the request
/// `unavailable`, so the caller answers in process. The arguments were checked before they were
/// sent, so a `bad_request` or `unknown_op` means a daemon that disagrees with this client (another
/// build, a bug): worth a warning in the log, not a failed tool call.
final class DaemonSource: Sendable {
    /// What became of one request.
    enum Outcome {
        case result(Value)
        case refused(code: String, message: String)
        case unavailable(reason: String)
    }

    /// The kept connection and the last request id, used by one request at a time.
    struct State {
        var connection: DaemonConnection?
        var lastID = 0
    }

    let socketPath: String
    let timeoutSeconds: Int
    let logger: Logger
    private let state = Guarded(State())

    /// Errors that can happen to a healthy daemon, after which the in-process answer is the right one.
    static let expectedFallBackCodes: Set<String> = ["version_mismatch", "busy", "internal"]

    init(socketPath: String, timeoutSeconds: Int = 10, logger: Logger) {
        self.socketPath = socketPath
        self.timeoutSeconds = timeoutSeconds
        self.logger = logger
    }

    /// Sends `{"id", "op", "client_version", fields…}` and returns what came of it.
    func request(_ op: String, _ fields: [(String, JSONValue)]) -> Outcome {
        state.withLock { s in
            s.lastID += 1
            let id = s.lastID
            let line = JSONValue.object([("id", .int(id)), ("op", .string(op)), ("client_version", .string(Release.version))] + fields).serialized()
            for attempt in 0..<2 {
                if s.connection == nil { s.connection = DaemonConnection(path: socketPath, timeoutSeconds: timeoutSeconds) }
                guard let conn = s.connection else { return .unavailable(reason: "no daemon on \(socketPath)") }
                guard let reply = conn.request(line) else {
                    // The daemon closed a kept connection (idle timeout or restart): reconnect once.
                    s.connection = nil
                    if attempt == 0 { continue }
                    return .unavailable(reason: "the daemon on \(socketPath) closed the connection")
                }
                let read = self.read(reply, id: id, op: op)
                if read.garbled { s.connection = nil }
                return read.outcome
            }
            return .unavailable(reason: "no daemon on \(socketPath)")
        }
    }

    /// Reads one response line.
    func outcome(of reply: String, id: Int, op: String) -> Outcome { read(reply, id: id, op: op).outcome }

    /// Reads one response line; `garbled` when it is not a response to this request, after which
    /// the connection is dropped.
    func read(_ reply: String, id: Int, op: String) -> (outcome: Outcome, garbled: Bool) {
        guard let parsed = MiniJSON.parse(reply), case .object(let response) = StructuredValue.value(parsed) else {
            return (.unavailable(reason: ArchKBMCPError.daemonGarbled(op: op, detail: "not a JSON object").description), true)
        }
        guard response["id"]?.intValue == id else {
            return (.unavailable(reason: ArchKBMCPError.daemonGarbled(op: op, detail: "answer to another request").description), true)
        }
        if response["ok"]?.boolValue == true, let result = response["result"] { return (.result(result), false) }
        let error = response["error"]?.objectValue
        let code = error?["code"]?.stringValue ?? "internal"
        let message = error?["message"]?.stringValue ?? "daemon error"
        if code == "not_found" { return (.refused(code: code, message: message), false) }
        if !DaemonSource.expectedFallBackCodes.contains(code) {
            logger.warning("the daemon refused \(op) (\(code): \(message)); answering in process")
        }
        return (.unavailable(reason: "the daemon answered \(code): \(message)"), false)
    }
}
