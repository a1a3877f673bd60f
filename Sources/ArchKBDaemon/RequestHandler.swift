import ArchKBClient
import ArchKBCore
import ArchKBIndex
import ArchKBQuery
import ArchKBRender
import Foundation
import Synchronization

/// Answers one protocol request line (see docs/PROTOCOL.md) with one response line.
public final class RequestHandler: Sendable {
    public let pool: SearcherPool
    public let started = Date()
    private let served = Atomic<Int>(0)
    /// Called when a client asks the daemon to stop.
    private let shutdownAction: @Sendable () -> Void

    public init(pool: SearcherPool, onShutdown: @escaping @Sendable () -> Void = {}) {
        self.pool = pool
        self.shutdownAction = onShutdown
    }

    public var requestsServed: Int { served.load(ordering: .relaxed) }

    /// The response to one request line (no trailing newline).
    public func respond(to bytes: ArraySlice<UInt8>) -> String {
        served.add(1, ordering: .relaxed)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return RequestHandler.error(id: .null, code: "invalid_utf8", message: "request is not valid UTF-8")
        }
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return RequestHandler.error(id: .null, code: "bad_json", message: "request is not valid JSON")
        }
        guard let request = object as? [String: Any] else {
            return RequestHandler.error(id: .null, code: "bad_request", message: "request must be a JSON object")
        }
        // The id's own text, so that it comes back exactly as sent (numbers included).
        let id = RawJSONMember.text(of: "id", in: bytes) ?? "null"
        guard let op = request["op"] as? String else {
            return RequestHandler.error(id: id, code: "bad_request", message: "missing string field \"op\"")
        }
        if let client = request["client_version"], !(client is NSNull) && !(client is String) {
            return RequestHandler.error(id: id, code: "bad_request", message: "\"client_version\" must be a string")
        }
        if let client = request["client_version"] as? String, client != ArchKBVersion.current {
            return RequestHandler.error(id: id, code: "version_mismatch", message: "the running daemon is archkb \(ArchKBVersion.current), this client is \(client)")
        }
        do {
            try RequestHandler.checkOptionalTypes(request)
            let result = try handle(op: op, request)
            return RequestHandler.envelope(id: id, [("ok", .bool(true)), ("result", result)])
        } catch DaemonError.badRequest(let code, let message) {
            return RequestHandler.error(id: id, code: code, message: message)
        } catch {
            return RequestHandler.error(id: id, code: "internal", message: "\(error)")
        }
    }

    func handle(op: String, _ r: [String: Any]) throws -> JSONValue {
        switch op {
        case "ping":
            return .object([("version", .string(ArchKBVersion.current)), ("protocol", .int(ProtocolVersion.current)),
                            ("pid", .int(Int(ProcessInfo.processInfo.processIdentifier)))])
        case "ask": return try ask(r)
        case "complete":
            let prefix = try RequestHandler.string(r, "prefix")
            let limit = try RequestHandler.int(r, "limit", default: 20, range: 1...200)
            let candidates = pool.completion.complete(prefix, limit: limit)
            if RequestHandler.bool(r, "render") { return .object([("text", .string(candidates.map { $0 + "\n" }.joined())), ("exit", .int(candidates.isEmpty ? 1 : 0))]) }
            return .object([("candidates", .strings(candidates))])
        case "show":
            let name = try RequestHandler.string(r, "name")
            let render = RequestHandler.bool(r, "render"), json = RequestHandler.bool(r, "json")
            // Checked only when a rendered card needs it, as before (a `Result` the lease can carry).
            let width = Result { try RequestHandler.int(r, "width", default: 100, range: 20...1000) }
            let decorate = (color: RequestHandler.bool(r, "color"), links: RequestHandler.bool(r, "links"))
            return try pool.withSearcher { s -> JSONValue in
                guard let id = try s.entity(named: name) else {
                    if render { return .object([("text", .string("")), ("error", .string("no entity named \"\(name)\"")), ("exit", .int(1))]) }
                    throw DaemonError.badRequest(code: "not_found", message: "no entity named \"\(name)\"")
                }
                let view = try s.view(entity: id)
                if render {
                    let text = json ? CardText.json(view) : CardText.text(view, width: try width.get(), style: TextStyle(color: decorate.color, links: decorate.color && decorate.links, linkRoot: s.reader.meta["project_root"] ?? ""))
                    return .object([("text", .string(text)), ("exit", .int(0))])
                }
                return CardText.value(view)
            }
        case "stats":
            // The reader is read under a lease, like any search: it belongs to one thread at a time.
            let wantsText = RequestHandler.bool(r, "render") && !RequestHandler.bool(r, "json")
            let (value, text) = try pool.withSearcher { s in (StatsJSON.value(s.reader), wantsText ? StatsJSON.text(s.reader) : "") }
            guard case .object(var fields) = value else { return .null }
            fields += [("daemon", .object([
                ("pid", .int(Int(ProcessInfo.processInfo.processIdentifier))), ("uptime_s", .double(Date().timeIntervalSince(started))),
                ("requests", .int(requestsServed)), ("version", .string(ArchKBVersion.current)), ("protocol", .int(ProtocolVersion.current)),
            ]))]
            if RequestHandler.bool(r, "render") {
                let text = RequestHandler.bool(r, "json") ? JSONValue.object(fields).serialized() + "\n" : text + "\n"
                return .object([("text", .string(text)), ("exit", .int(0))])
            }
            return .object(fields)
        case "reload":
            do {
                let built = try pool.reload()
                return .object([("reloaded", .bool(true)), ("built_at", .double(built))])
            } catch {
                throw DaemonError.badRequest(code: "reload_failed", message: "kept the previous index: \(error)")
            }
        case "shutdown":
            shutdownAction()
            return .object([("stopping", .bool(true))])
        default:
            throw DaemonError.badRequest(code: "unknown_op", message: "unknown op \"\(op)\"")
        }
    }

    func ask(_ r: [String: Any]) throws -> JSONValue {
        let query = try RequestHandler.string(r, "query")
        let limit = try RequestHandler.int(r, "limit", default: 5, range: 1...50)
        var options = AskOptions(limit: limit, explain: RequestHandler.bool(r, "explain"),
                                 kind: r["kind"] as? String, area: r["area"] as? String)
        if let ranker = r["ranker"] {
            guard let name = ranker as? String, let value = Ranker(rawValue: name) else {
                throw DaemonError.badRequest(code: "bad_request", message: "ranker must be bm25, tfidf or hybrid")
            }
            options.ranker = value
        }
        let format: OutputFormat
        if let f = r["format"] {
            guard let name = f as? String, let value = OutputFormat(rawValue: name) else {
                throw DaemonError.badRequest(code: "bad_request", message: "format must be one of table, markdown, json, plain, slack")
            }
            format = value
        } else {
            format = RequestHandler.bool(r, "render") ? .table : .json
        }
        let (answer, root) = try pool.withSearcher { [options] searcher in
            do {
                return (try searcher.ask(query, options: try searcher.validated(options)), searcher.reader.meta["project_root"])
            } catch let e as QueryError {
                throw DaemonError.badRequest(code: "bad_request", message: e.description)
            }
        }
        let exit = (answer.recommendations.isEmpty && answer.decisions.isEmpty) || !answer.confident ? 1 : 0
        if RequestHandler.bool(r, "render") {
            let width = try RequestHandler.int(r, "width", default: 100, range: 20...1000)
            let text = AnswerText.render(answer, format: format, width: width, style: RequestHandler.style(r, root: root))
            return .object([("text", .string(text)), ("exit", .int(exit))])
        }
        switch format {
        case .slack: return SlackBlocks.value(answer)
        case .json: return AnswerJSON.value(answer)
        default: return .object([("text", .string(AnswerText.render(answer, format: format))), ("exit", .int(exit))])
        }
    }

    static func string(_ r: [String: Any], _ key: String) throws -> String {
        guard let s = r[key] as? String else { throw DaemonError.badRequest(code: "bad_request", message: "missing string field \"\(key)\"") }
        return s
    }

    static func int(_ r: [String: Any], _ key: String, default d: Int, range: ClosedRange<Int>) throws -> Int {
        guard let v = r[key] else { return d }
        guard let n = v as? Int, !isBoolean(v), range.contains(n) else {
            throw DaemonError.badRequest(code: "bad_request", message: "\"\(key)\" must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }

    static func bool(_ r: [String: Any], _ key: String) -> Bool { (r[key] as? Bool) ?? false }

    /// Boolean options of every op, and string options of `ask`: absent or null, or of their type.
    static let booleanFields = ["render", "json", "explain", "color", "links"]

    /// The client's decoration of a rendered answer: `color` and `links` as the client decided
    /// for its terminal; links resolve relative citations against the index's project root.
    static func style(_ r: [String: Any], root: String?) -> TextStyle {
        let color = bool(r, "color")
        return TextStyle(color: color, links: color && bool(r, "links"), linkRoot: root ?? "")
    }
    static let stringFields = ["kind", "area"]

    /// Refuses an optional field of the wrong type (a `"kind": 3` was silently ignored before).
    static func checkOptionalTypes(_ r: [String: Any]) throws {
        for key in booleanFields {
            if let v = r[key], !(v is NSNull), !isBoolean(v) {
                throw DaemonError.badRequest(code: "bad_request", message: "\"\(key)\" must be true or false")
            }
        }
        for key in stringFields {
            if let v = r[key], !(v is NSNull), !(v is String) {
                throw DaemonError.badRequest(code: "bad_request", message: "\"\(key)\" must be a string")
            }
        }
    }

    /// A response line: `{"id":<idText>,` then `fields`.
    static func envelope(id idText: String, _ fields: [(String, JSONValue)]) -> String {
        "{\"id\":" + idText + "," + JSONValue.object(fields).serialized().dropFirst()
    }

    static func error(id: JSONValue, code: String, message: String) -> String {
        error(id: id.serialized(), code: code, message: message)
    }

    static func error(id idText: String, code: String, message: String) -> String {
        envelope(id: idText, [("ok", .bool(false)), ("error", .object([("code", .string(code)), ("message", .string(message))]))])
    }

    /// Whether a JSONSerialization value is a JSON boolean. On Linux booleans arrive as NSNumber
    /// and the numbers 0 and 1 also pass `is Bool`; "c" is the boolean type code.
    static func isBoolean(_ v: Any) -> Bool {
        if let n = v as? NSNumber { return String(cString: n.objCType) == "c" || type(of: v) == Bool.self }
        return v is Bool
    }

}
