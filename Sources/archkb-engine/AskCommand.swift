import ArgumentParser
import ArchKBClient
import ArchKBIndex
import ArchKBQuery
import ArchKBRender

extension Ranker: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension ColorChoice: ExpressibleByArgument {}

struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ask which pattern or technology fits a problem; prints a ranked, cited table.")

    @OptionGroup var options: IndexOptions
    @OptionGroup var daemon: DaemonOptions

    @Argument(help: "The question, e.g. \"cache invalidation for GraphQL\"; `-` (or no question with piped input) reads it from standard input.", completion: .custom { QuestionWords.candidates($0, $1, $2) })
    var question: [String] = []

    @Option(name: .long, help: "Number of recommendations (1-50).")
    var limit = 5

    @Option(name: .long, help: "Output format: table, markdown, json, plain, slack.")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Shorthand for --format json.")
    var json = false

    @Option(name: .long, help: "Colour and links: auto (when standard output is a terminal and NO_COLOR is unset), always, never.")
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "Show how each score was made.")
    var explain = false

    @Option(name: .long, help: "Retrieval: bm25, tfidf or hybrid.")
    var ranker: Ranker = .hybrid

    @Option(name: .long, help: ArgumentHelp("Ranking weights for ablation: learned or hand.", visibility: .hidden))
    var model: ModelChoice = .learned

    @Flag(name: .long, help: ArgumentHelp("Ablation: ignore the question's facets.", visibility: .hidden))
    var noFacets = false

    @Option(name: .long, help: "Only entities of this kind (pattern, technology, practice, anti-pattern, capability).",
            completion: .list(AskOptions.kinds))
    var kind: String?

    @Option(name: .long, help: "Only entities whose area contains this text.", completion: .custom { AreaWords.candidates($0, $1, $2) })
    var area: String?

    func validate() throws {
        guard (1...50).contains(limit) else { throw ValidationError("--limit must be between 1 and 50") }
        if let kind { do { _ = try AskOptions.checkedKind(kind) } catch { throw ValidationError("--kind: \(error)") } }
    }

    func run() throws {
        let text = try UsageCheck.text(question, command: Ask.self, what: "a question", example: "archkb ask \"cache invalidation for GraphQL\"", stdin: true)
        let fmt = json ? .json : format
        try reportingErrors {
            let session = try options.openSession()
            let start = ContinuousClock.now
            var askOptions = AskOptions(limit: limit, ranker: ranker, explain: explain, kind: kind, area: area)
            askOptions.model = model.model
            askOptions.facets = !noFacets
            let options: AskOptions
            do {
                options = try session.searcher.validated(askOptions)
            } catch let e as QueryError {
                printError("--area: \(e)")
                throw Exit.error
            }
            var answer = try session.searcher.ask(text, options: options)
            let elapsed = ContinuousClock.now - start
            answer.stale = session.stale
            if explain { answer.elapsedMilliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000 }
            let decoration = Terminal.decoration(color)
            let style = TextStyle(color: decoration.color, links: decoration.links, linkRoot: session.reader.meta["project_root"] ?? "")
            print(AnswerText.render(answer, format: fmt, width: Terminal.width(), style: style), terminator: "")
            if answer.recommendations.isEmpty && answer.decisions.isEmpty || !answer.confident { throw Exit.nothingFound }
        }
    }
}

/// Which ranking weights to use (`--model`, hidden: for ablation).
enum ModelChoice: String, ExpressibleByArgument, CaseIterable {
    case learned, hand

    var model: RankingModel { self == .learned ? .standard : .handTuned }
}
