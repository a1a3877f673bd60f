import ArgumentParser
import ArchKBIndex
import ArchKBQuery
import ArchKBRender

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure in-process query latency over a question file (one JSON object with \"query\" per line, or plain lines).",
        shouldDisplay: false)

    @OptionGroup var options: IndexOptions

    @Argument(help: "Question file.")
    var file: String

    @Option(name: .long, help: "Passes over the file.")
    var rounds = 20

    @Option(name: .long, help: "Retrieval: bm25, tfidf or hybrid.")
    var ranker: Ranker = .hybrid

    func run() throws {
        try reportingErrors {
            let clock = ContinuousClock()
            func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
            let opening = clock.now
            let session = try options.openSession()
            let openMs = ms(clock.now - opening)
            let questions = try QuestionFile.read(file)
            guard !questions.isEmpty else { printError("no questions in \(file)"); throw Exit.error }
            var samples: [Double] = []
            var cold: [Double] = []
            // The first pass is the cold one (caches empty, pages not yet read); reported apart.
            for q in questions {
                let t = clock.now
                _ = try session.searcher.ask(q, options: AskOptions(limit: 10, ranker: ranker))
                cold.append(ms(clock.now - t))
            }
            for _ in 0..<max(rounds, 1) {
                for q in questions {
                    let t = clock.now
                    _ = try session.searcher.ask(q, options: AskOptions(limit: 10, ranker: ranker))
                    samples.append(ms(clock.now - t))
                }
            }
            samples.sort()
            cold.sort()
            func pct(_ xs: [Double], _ p: Double) -> Double { xs[min(xs.count - 1, Int(Double(xs.count) * p))] }
            print(JSONValue.object([
                ("queries", .int(samples.count)), ("ranker", .string(ranker.rawValue)),
                ("p50_ms", .double(pct(samples, 0.5))), ("p90_ms", .double(pct(samples, 0.9))), ("p99_ms", .double(pct(samples, 0.99))),
                ("max_ms", .double(samples.last ?? 0)), ("cold_p50_ms", .double(pct(cold, 0.5))), ("cold_p99_ms", .double(pct(cold, 0.99))),
                ("open_ms", .double(openMs)),
            ]).serialized())
        }
    }
}
