import ArchKBIndex
import ArchKBRender
import Logging
import MCP

/// Where a tool's answer comes from: the daemon when one runs (and may be used), else this process.
///
/// Each call tries the daemon first, so a daemon started or stopped during a long MCP session is
/// picked up or left without restarting the server. `--index` and `--no-daemon` answer in process,
/// as they do for the thin client (the daemon serves its own index).
final class AnswerRouter: Sendable {
    let daemon: DaemonSource?
    let local: InProcessSource
    let logger: Logger

    init(options: MCPServerOptions, logger: Logger) {
        let workspace = Workspace.resolve(indexFlag: options.indexPath)
        local = InProcessSource(workspace: workspace, logger: logger)
        daemon = options.usesDaemon ? DaemonSource(socketPath: options.socketPath, logger: logger) : nil
        self.logger = logger
    }

    /// The answer to an `ask` call as the `archkb ask --json` value, and its Markdown table when asked for.
    func ask(_ call: AskCall, markdown: Bool) throws -> (structured: Value, text: String?) {
        var fields: [(String, JSONValue)] = [("query", .string(call.question)), ("limit", .int(call.limit))]
        if let kind = call.kind { fields.append(("kind", .string(kind))) }
        if let area = call.area { fields.append(("area", .string(area))) }
        if let structured = try fromDaemon("ask", fields + [("format", .string("json"))]) {
            guard markdown else { return (structured, nil) }
            if let rendered = try fromDaemon("ask", fields + [("format", .string("markdown")), ("render", .bool(true))]),
               let text = rendered.objectValue?["text"]?.stringValue {
                return (structured, text)
            }
        }
        return try local.ask(call, markdown: markdown)
    }

    /// The card of the entity `name` names, or nil when none does.
    func show(_ name: String) throws -> (structured: Value, text: String)? {
        do {
            if let structured = try fromDaemon("show", [("name", .string(name))]),
               let rendered = try fromDaemon("show", [("name", .string(name)), ("render", .bool(true)), ("width", .int(CardWidth.columns))]),
               let text = rendered.objectValue?["text"]?.stringValue {
                return (structured, text)
            }
        } catch ArchKBMCPError.daemonRefused(let code, _) where code == "not_found" {
            return nil
        }
        return try local.show(name)
    }

    /// Up to three names near `text`, for "did you mean" (as `archkb show` suggests).
    func suggestions(near text: String) throws -> [String] {
        let answer = try ask(AskCall(question: text, limit: 3), markdown: false).structured.objectValue ?? [:]
        let names = (answer["recommendations"]?.arrayValue ?? []).compactMap { $0.objectValue?["name"]?.stringValue }
        let nearest = (answer["nearest_topics"]?.arrayValue ?? []).compactMap(\.stringValue)
        return Array((names + nearest).prefix(3))
    }

    /// The daemon's result, or nil to answer in process; a refused request throws.
    func fromDaemon(_ op: String, _ fields: [(String, JSONValue)]) throws -> Value? {
        guard let daemon else { return nil }
        switch daemon.request(op, fields) {
        case .result(let value):
            logger.debug("\(op) answered by the daemon")
            return value
        case .refused(let code, let message):
            throw ArchKBMCPError.daemonRefused(code: code, message: message)
        case .unavailable(let reason):
            logger.debug("\(op) answered in process: \(reason)")
            return nil
        }
    }
}
