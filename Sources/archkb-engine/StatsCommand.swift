import ArgumentParser
import ArchKBIndex
import ArchKBQuery
import ArchKBRender

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Count what the index holds.")

    @OptionGroup var options: IndexOptions
    @OptionGroup var daemon: DaemonOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let session = try options.openSession(autoBuild: options.workspace.isDefaultIndex)
            print(json ? StatsJSON.value(session.reader).serialized() : StatsJSON.text(session.reader))
        }
    }
}

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List files and ADRs with problems (file:line, what is wrong, what to write instead).",
        discussion: "Exit codes: 0 no problems, 1 problems found (for CI and pre-commit hooks), 2 error.")

    @OptionGroup var options: IndexOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let session = try options.openSession(autoBuild: options.workspace.isDefaultIndex)
            let findings = try ArchKBQuery.Doctor(reader: session.reader).findings()
            print(json ? DoctorText.json(findings) : DoctorText.text(findings), terminator: "")
            if findings.contains(where: \.isProblem) { throw Exit.nothingFound }
        }
    }
}
