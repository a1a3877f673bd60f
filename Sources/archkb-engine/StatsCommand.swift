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
        do {
            let ws = options.workspace
            let session = try IndexSession.open(ws, autoBuild: ws.isDefaultIndex) { printError(String($0.dropFirst(8))) }
            let value = StatsJSON.value(session.reader)
            print(json ? value.serialized() : StatsJSON.text(session.reader))
        } catch {
            printError("\(error)")
            throw Exit.error
        }
    }
}

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List files and ADRs with problems: unparsed, no status or date, broken or circular links, duplicates.")

    @OptionGroup var options: IndexOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        do {
            let ws = options.workspace
            let session = try IndexSession.open(ws, autoBuild: ws.isDefaultIndex) { printError(String($0.dropFirst(8))) }
            let findings = try ArchKBQuery.Doctor(reader: session.reader).findings()
            print(json ? DoctorText.json(findings) : DoctorText.text(findings), terminator: "")
        } catch {
            printError("\(error)")
            throw Exit.error
        }
    }
}
