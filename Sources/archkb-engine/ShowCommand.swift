import ArgumentParser
import ArchKBClient
import ArchKBIndex
import ArchKBQuery
import ArchKBRender

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show an entity's full card with citations.")

    @OptionGroup var options: IndexOptions
    @OptionGroup var daemon: DaemonOptions

    @Argument(help: "Entity name or alias, e.g. \"circuit breaker\".", completion: .custom { EntityNameWords.candidates($0, $1, $2) })
    var name: [String] = []

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Option(name: .long, help: "Colour and links: auto (when standard output is a terminal and NO_COLOR is unset), always, never.")
    var color: ColorChoice = .auto

    func run() throws {
        let text = try UsageCheck.text(name, command: Show.self, what: "an entity name", example: "archkb show \"circuit breaker\"", stdin: false)
        try reportingErrors {
            let session = try options.openSession()
            guard let id = try session.searcher.entity(named: text) else {
                let near = try session.searcher.ask(text, options: AskOptions(limit: 3))
                let names = (near.recommendations.map(\.name) + near.nearestTopics).prefix(3)
                printError("no entity named \"\(text)\"" + (names.isEmpty ? "" : "; did you mean: " + names.joined(separator: ", ")))
                throw Exit.nothingFound
            }
            let view = try session.searcher.view(entity: id)
            let decoration = Terminal.decoration(color)
            let style = TextStyle(color: decoration.color, links: decoration.links, linkRoot: session.reader.meta["project_root"] ?? "")
            print(json ? CardText.json(view) : CardText.text(view, width: Terminal.width(), style: style), terminator: "")
        }
    }
}
