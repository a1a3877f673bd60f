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
        do {
            let session = try options.openSession()
            let questions = try QuestionFile.read(file)
            guard !questions.isEmpty else { printError("no questions in \(file)"); throw Exit.error }
            var samples: [Double] = []
            let clock = ContinuousClock()
            for q in questions { _ = try session.searcher.ask(q, options: AskOptions(limit: 10, ranker: ranker)) }  // warm-up
            for _ in 0..<max(rounds, 1) {
                for q in questions {
                    let t = clock.now
                    _ = try session.searcher.ask(q, options: AskOptions(limit: 10, ranker: ranker))
                    let d = clock.now - t
                    samples.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
                }
            }
            samples.sort()
            func pct(_ p: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * p))] }
            print(JSONValue.object([
                ("queries", .int(samples.count)), ("ranker", .string(ranker.rawValue)),
                ("p50_ms", .double(pct(0.5))), ("p90_ms", .double(pct(0.9))), ("p99_ms", .double(pct(0.99))), ("max_ms", .double(samples.last ?? 0)),
            ]).serialized())
        } catch let e as ExitCode {
            throw e
        } catch {
            printError("\(error)")
            throw Exit.error
        }
    }
}
