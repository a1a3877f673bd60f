import ArgumentParser
import ArchKBClient
import ArchKBIndex
import ArchKBQuery
import ArchKBRender

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show an entity's full card with citations.")

    @OptionGroup var options: IndexOptions
    @OptionGroup var daemon: DaemonOptions

    @Argument(help: "Entity name or alias, e.g. \"circuit breaker\".")
    var name: [String] = []

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let text = try UsageCheck.text(name, command: Show.self, what: "an entity name", example: "archkb show \"circuit breaker\"", stdin: false)
        do {
            let session = try options.openSession()
            guard let id = try session.searcher.entity(named: text) else {
                let near = try session.searcher.ask(text, options: AskOptions(limit: 3))
                let names = (near.recommendations.map(\.name) + near.nearestTopics).prefix(3)
                printError("no entity named \"\(text)\"" + (names.isEmpty ? "" : "; did you mean: " + names.joined(separator: ", ")))
                throw Exit.nothingFound
            }
            let view = try session.searcher.view(entity: id)
            print(json ? CardText.json(view) : CardText.text(view, width: Terminal.width()), terminator: "")
        } catch let e as ExitCode {
            throw e
        } catch {
            printError("\(error)")
            throw Exit.error
        }
    }
}
