import ArgumentParser
import ArchKBIndex
import ArchKBQuery
import ArchKBRender

/// Writes the learned ranker's training data: each question's candidates with their feature values.
struct Features: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print each question's ranking candidates with their feature values, one JSON line per question (for scripts/train-ranker).",
        shouldDisplay: false)

    @OptionGroup var options: IndexOptions

    @Argument(help: "Question file (one JSON object with \"query\" per line, or plain lines).")
    var file: String

    @Option(name: .long, help: "Ranking weights the candidates are ordered by: learned or hand.")
    var model: ModelChoice = .learned

    @Flag(name: .long, help: "Ignore the question's facets.")
    var noFacets = false

    func run() throws {
        try reportingErrors {
            let session = try options.openSession()
            let questions = try QuestionFile.read(file)
            var askOptions = AskOptions(limit: 10)
            askOptions.model = model.model
            askOptions.facets = !noFacets
            print(JSONValue.object([("features", .strings(RankingFeature.allCases.map(\.label)))]).serialized())
            for q in questions {
                let samples = try session.searcher.rankingSamples(q, options: askOptions)
                print(JSONValue.object([
                    ("query", .string(q)),
                    ("candidates", .array(samples.map { s in
                        .object([("name", .string(s.name)), ("aliases", .strings(s.aliases)),
                                 ("features", .array(s.features.map { .double($0) })), ("score", .double(s.score)),
                                 ("cosine", .double(s.cosine)), ("confidence", .string(s.confidence.rawValue)),
                                 ("gate", .object(s.gate.map { ($0.0, .double($0.1)) }))])
                    })),
                ]).serialized())
            }
        }
    }
}
