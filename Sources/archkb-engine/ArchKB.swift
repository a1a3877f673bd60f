import ArgumentParser
import ArchKBClient
import ArchKBCore
import ArchKBQuery
import Foundation
import ArchKBIndex

@main
struct ArchKB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archkb",
        abstract: "Search and recommend backend architecture knowledge: patterns, technologies and your team's ADRs.",
        discussion: "Exit codes: 0 answered, 1 nothing (confident) found, 2 error.",
        version: BuildInfo.versionText,
        subcommands: [Ask.self, Index.self, Show.self, Stats.self, Doctor.self, Complete.self, Serve.self, Daemon.self, ServeMCP.self, Completion.self, Bench.self, Features.self, Adr.self, RadarCommand.self, Check.self]
    )

    /// Runs a command, mapping every failure onto ripgrep's exit codes: usage errors (which
    /// swift-argument-parser reports as 64) become 2; our "nothing found" stays 1.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = UsageCheck.unknownCommand(arguments) {
            printError(message)
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(QuestionArguments.compact(arguments))
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { printError(message) }
            Foundation.exit(code.rawValue == 1 ? 1 : 2)
        }
    }
}

/// Options every command shares.
struct IndexOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Index file (default: $ARCHKB_INDEX, archkb.toml, Index/archkb.sqlite in a checkout, else ~/.local/share/archkb/archkb.sqlite).", valueName: "file"),
            completion: .file())
    var index: String?

    var workspace: Workspace { Workspace.resolve(indexFlag: index) }

    /// Opens the chosen index, building it when missing (and, with `autoBuild`, rebuilding a stale
    /// one); progress lines go to stderr. An index named by `--index` must exist: a typo must not
    /// quietly build a new index of the bundled corpus (`archkb index --index` builds one).
    func openSession(autoBuild: Bool = true) throws -> IndexSession {
        let ws = workspace
        if ws.indexFromFlag && !FileManager.default.fileExists(atPath: ws.indexPath) {
            throw IndexError.unusablePath(path: ws.indexPath, reason: "no such index (--index names an existing file; build one with `archkb index --index \(ws.indexPath) --corpus DIR`)")
        }
        return try Progress.while("preparing the index \(ws.indexPath)") {
            try IndexSession.open(ws, autoBuild: autoBuild) { printError(String($0.dropFirst(8))) }
        }
    }
}

/// Runs a command body, turning any error into a message on stderr and exit status 2 (exit codes
/// the body throws pass through).
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ExitCode {
        throw e
    } catch {
        printError("\(error)")
        throw Exit.error
    }
}

/// Exit with ripgrep's convention: 1 = nothing found, 2 = error.
enum Exit {
    static let nothingFound = ExitCode(1)
    static let error = ExitCode(2)
}

func printError(_ message: String) {
    var stream = StandardStream.error
    print(message.hasPrefix("Error: ") || message.hasPrefix("Usage:") ? message : "archkb: \(message)", to: &stream)
}
