import ArgumentParser
import ArchKBClient
import ArchKBQuery
import Foundation
import ArchKBIndex

@main
struct ArchKB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archkb",
        abstract: "Search and recommend backend architecture knowledge: patterns, technologies and your team's ADRs.",
        discussion: "Exit codes: 0 answered, 1 nothing (confident) found, 2 error.",
        version: ArchKBVersion.current,
        subcommands: [Ask.self, Index.self, Show.self, Stats.self, Doctor.self, Complete.self, Serve.self, Daemon.self, ServeMCP.self, Completion.self, Bench.self, Features.self]
    )

    /// Runs a command, mapping every failure onto ripgrep's exit codes: usage errors (which
    /// swift-argument-parser reports as 64) become 2; our "nothing found" stays 1.
    static func main() {
        do {
            var command = try parseAsRoot(QuestionArguments.compact(Array(CommandLine.arguments.dropFirst())))
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
    @Option(name: .long, help: ArgumentHelp("Index file (default: $ARCHKB_INDEX, archkb.toml, or Index/archkb.sqlite).", valueName: "file"))
    var index: String?

    var workspace: Workspace { Workspace.resolve(indexFlag: index) }

    /// Opens the chosen index, building it when missing (and, with `autoBuild`, rebuilding a stale
    /// one); progress lines go to stderr.
    func openSession(autoBuild: Bool = true) throws -> IndexSession {
        try IndexSession.open(workspace, autoBuild: autoBuild) { printError(String($0.dropFirst(8))) }
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
    var stderr = StandardError()
    print(message.hasPrefix("Error: ") || message.hasPrefix("Usage:") ? message : "archkb: \(message)", to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        fputs(string, stderrHandle)
    }
}

#if canImport(Glibc)
import Glibc
let stderrHandle = Glibc.stderr
#elseif canImport(Darwin)
import Darwin
let stderrHandle = Darwin.stderr
#endif
