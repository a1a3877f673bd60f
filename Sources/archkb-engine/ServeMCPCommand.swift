import ArgumentParser
import ArchKBIndex
import Foundation

/// `archkb mcp` as the engine lists it in `archkb --help`: the thin client execs `archkb-mcp`
/// itself, and `archkb-engine mcp` hands over to it the same way, so the engine never links MCP.
struct ServeMCP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve archkb to AI assistants over the Model Context Protocol on stdio (tools: ask, show, decisions).",
        discussion: "Options: --index FILE, --socket PATH, --no-daemon, --log-level LEVEL (`archkb mcp --help`). Client set-up: docs/INTEGRATIONS.md."
    )

    @Argument(parsing: .captureForPassthrough, help: "Options for the MCP server (see `archkb mcp --help`).")
    var arguments: [String] = []

    func run() throws {
        let program = ((Workspace.engineExecutable() as NSString).deletingLastPathComponent as NSString).appendingPathComponent("archkb-mcp")
        var cargs: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) }
        cargs.append(nil)
        execv(program, &cargs)
        printError("cannot start \(program): \(String(cString: strerror(errno)))")
        throw Exit.error
    }
}
