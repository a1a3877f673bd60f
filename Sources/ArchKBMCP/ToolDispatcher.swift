import Foundation
import Logging
import MCP

/// Answers `tools/call`: checks the arguments, asks the daemon or the index, and shapes the result.
///
/// An unknown tool is a protocol error (JSON-RPC -32602, as the MCP specification shows); bad
/// arguments, unknown entities and index failures are tool results with `isError` and a message
/// the model can act on. Calls run one at a time on a queue of their own, off the concurrency pool.
public final class ToolDispatcher: Sendable {
    let router: AnswerRouter
    let logger: Logger
    let queue = DispatchQueue(label: "archkb.mcp.tools")

    public convenience init(options: MCPServerOptions, logger: Logger) {
        self.init(router: AnswerRouter(options: options, logger: logger), logger: logger)
    }

    init(router: AnswerRouter, logger: Logger) {
        self.router = router
        self.logger = logger
    }

    /// `call(_:)` on the dispatcher's queue.
    public func callInBackground(_ params: CallTool.Parameters) async throws -> CallTool.Result {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try self.call(params) }) }
        }
    }

    /// The result of one tool call; throws only for a tool archkb does not have.
    public func call(_ params: CallTool.Parameters) throws -> CallTool.Result {
        let started = ContinuousClock.now
        defer { logger.debug("tools/call \(params.name) took \(ContinuousClock.now - started)") }
        let parsed: ToolCall?
        do {
            parsed = try ToolCall.parse(name: params.name, arguments: params.arguments)
        } catch {
            return failure(error)
        }
        guard let call = parsed else {
            let names = ToolCatalog.tools.map(\.name).joined(separator: ", ")
            throw MCPError.invalidParams("Unknown tool: \(params.name) (archkb has \(names))")
        }
        do {
            switch call {
            case .ask(let ask): return try answer(ask)
            case .show(let name): return try card(name)
            case .decisions(let question, let status): return try decisions(question, status: status)
            case .radar(let window):
                let (structured, text) = try router.local.radar(windowDays: window)
                return success(text, structured)
            case .check(let text, let path): return try check(text, path: path)
            }
        } catch {
            return failure(error)
        }
    }

    func answer(_ call: AskCall) throws -> CallTool.Result {
        let (structured, text) = try router.ask(call, markdown: true)
        return success(text ?? "", structured)
    }

    func card(_ name: String) throws -> CallTool.Result {
        guard let found = try router.show(name) else {
            throw ArchKBMCPError.unknownEntity(name: name, suggestions: (try? router.suggestions(near: name)) ?? [])
        }
        return success(found.text, found.structured)
    }

    func decisions(_ question: String, status: String?) throws -> CallTool.Result {
        let answer = try router.ask(AskCall(question: question), markdown: false).structured
        let all = answer.objectValue?["decisions"]?.arrayValue ?? []
        let matching = all.filter { status == nil || $0.objectValue?["status"]?.stringValue == status }
        let structured: Value = ["query": .string(question), "status": status.map { .string($0) } ?? .null, "decisions": .array(matching)]
        let text = DecisionsText.markdown(question: question, status: status, decisions: matching)
        return success(text, structured)
    }

    /// `archkb check` on a draft, in process (the daemon has no check request).
    func check(_ text: String, path: String?) throws -> CallTool.Result {
        let (structured, report) = try router.local.withSearcher { searcher, _ in try CheckTool.report(text: text, path: path, searcher: searcher) }
        return success(report, structured)
    }

    /// A result with the text for people and the JSON for programs.
    func success(_ text: String, _ structured: Value) -> CallTool.Result {
        CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: Optional(structured), isError: false)
    }

    /// An `isError` result whose text says what went wrong.
    func failure(_ error: Error) -> CallTool.Result {
        let message = "\(error)"
        logger.info("tool call failed: \(message)")
        return CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }
}
