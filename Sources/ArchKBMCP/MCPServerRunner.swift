import ArchKBClient
import ArchKBCore
import Foundation
import Logging
import MCP

/// Runs archkb's MCP server on standard input and output until the client closes the input.
///
/// Standard output carries only MCP messages; every log line goes to the logger, which the
/// executable points at standard error.
public enum MCPServerRunner {
    /// Told to clients at `initialize`; some put it in the model's system prompt.
    public static let instructions = """
    archkb answers backend-architecture questions ("which pattern or technology for X?") from a local knowledge \
    base of pattern/technology cards, decision guides and the team's architecture decision records. Use `ask` \
    for ranked, cited recommendations, `show` for one entity's full card, and `decisions` for the team's ADRs \
    and their status. Cite the file:line sources it gives; when it says "no confident recommendation", say so \
    rather than inventing one.
    """

    /// Serves until standard input ends and every request read has been answered.
    public static func run(options: MCPServerOptions, logger: Logger) async throws {
        // A client that goes away must not kill us with SIGPIPE mid-write (stdout or the daemon socket).
        signal(SIGPIPE, SIG_IGN)
        let server = await makeServer(dispatcher: ToolDispatcher(options: options, logger: logger))
        let transport = DrainingTransport(inner: StdioLineTransport(logger: logger), logger: logger)
        logger.info("archkb \(Release.version) MCP server on stdio (\(options.usesDaemon ? "daemon at \(options.socketPath) when it runs, else in process" : "in process"))")
        try await server.start(transport: transport)
        await server.waitUntilCompleted()
        await server.stop()
        logger.info("input closed; MCP server stopped")
    }

    /// A server with archkb's tools registered (before it starts, so no request finds them missing).
    public static func makeServer(dispatcher: ToolDispatcher) async -> Server {
        let server = Server(name: "archkb", version: Release.version, title: "archkb architecture knowledge base",
                            instructions: instructions, capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: ToolCatalog.tools) }
        await server.withMethodHandler(CallTool.self) { params in try await dispatcher.callInBackground(params) }
        return server
    }
}

/// How `archkb mcp` was started.
public struct MCPServerOptions: Sendable {
    /// `--index`: answer in process from this index file.
    public var indexPath: String?
    /// The daemon socket (`--socket`, `ARCHKB_SOCKET`, …), resolved.
    public var socketPath: String
    /// False with `--no-daemon`.
    public var daemonAllowed: Bool

    public init(indexPath: String?, socketPath: String, daemonAllowed: Bool) {
        self.indexPath = indexPath
        self.socketPath = socketPath
        self.daemonAllowed = daemonAllowed
    }

    /// The daemon is asked unless `--no-daemon` or `--index` was given.
    var usesDaemon: Bool { daemonAllowed && (indexPath ?? "").isEmpty }
}
