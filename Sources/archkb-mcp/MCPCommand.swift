import ArchKBClient
import ArchKBCore
import ArchKBMCP
import ArgumentParser
import Foundation
import Logging

/// `archkb mcp`: archkb as a Model Context Protocol server on stdio, for AI assistants and editors.
///
/// The thin `archkb` execs this program for `mcp`, so neither it nor `archkb-engine` links the MCP
/// library. Standard output is the MCP channel; logs go to standard error.
@main
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archkb mcp",
        abstract: "Serve archkb over the Model Context Protocol on stdio (tools: ask, show, decisions).",
        discussion: """
        Add it to an MCP client as the command `archkb` with the arguments ["mcp"]; see docs/INTEGRATIONS.md. \
        Answers come from a running archkb daemon when there is one (started with `archkb daemon start`), \
        else from the index in this process. Logs go to standard error; standard output carries only MCP messages.
        """,
        version: Release.version
    )

    @Option(name: .long, help: ArgumentHelp("Index file; answers in process from it (default: $ARCHKB_INDEX, archkb.toml, or Index/archkb.sqlite).", valueName: "file"))
    var index: String?

    @Option(name: .long, help: ArgumentHelp("Daemon socket (default: $ARCHKB_SOCKET, $XDG_RUNTIME_DIR/archkb/archkb.sock, /tmp/archkb-$UID/archkb.sock).", valueName: "path"))
    var socket: String?

    @Flag(name: .long, help: "Answer in process even when a daemon is running.")
    var noDaemon = false

    @Option(name: .long, help: ArgumentHelp("Log level on standard error: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var logLevel: String = "notice"

    /// Runs the command with archkb's exit codes: usage errors (64 in swift-argument-parser) become 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if let server = command as? MCPCommand {
                try await server.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            if !message.isEmpty { StandardStream.error.write(message + "\n") }
            Foundation.exit(2)
        }
    }

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .notice
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "archkb.mcp")
        let options = MCPServerOptions(indexPath: index, socketPath: SocketPath.resolve(flag: socket), daemonAllowed: !noDaemon)
        do {
            try await MCPServerRunner.run(options: options, logger: logger)
        } catch {
            logger.critical("archkb mcp: \(error)")
            throw ExitCode(2)
        }
    }
}
