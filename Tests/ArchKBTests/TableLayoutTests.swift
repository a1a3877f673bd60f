import ArchKBCorpus
import ArchKBIndex
@testable import ArchKBQuery
@testable import ArchKBRender
import Foundation
import Testing

/// The terminal table at 40, 80, 120 and 200 columns: names are never cut, citations never split,
/// and every other line fits the width.
@Suite("Table layout")
struct TableLayoutTests {
    static let widths = [40, 80, 120, 200]

    /// Questions over the bundled corpus whose answers have long names and long guide paths.
    static let questions = [
        "prevent cascading failures when a dependency is down",
        "event driven cache invalidation",
        "retry with exponential backoff and jitter",
        "service to service auth",
    ]

    /// A hand-made answer (independent of ranking): a long name, a long path, every confidence.
    static func sample() -> Answer {
        func rec(_ rank: Int, _ name: String, _ confidence: Confidence, _ paths: [String]) -> Recommendation {
            Recommendation(rank: rank, entity: rank, name: name, aliases: [], kind: "pattern", area: "Resilience", score: 1,
                           confidence: confidence, rationale: "Why \(name) helps: it keeps callers responsive when a dependency slows down, and it is cheap to add.",
                           tradeoffs: "Costs a little latency and one more thing to tune.",
                           citations: paths.enumerated().map { Citation(path: $0.element, line: 8 + $0.offset, section: name) })
        }
        var a = Answer(query: "sample")
        a.recommendations = [
            rec(1, "Circuit Breaker", .high, ["Corpus/resilience/circuit-breaker.md"]),
            rec(2, "Event-Driven Cache Invalidation with Change Data Capture", .low,
                ["Corpus/caching/event-driven-cache-invalidation.md", "Corpus/guides/calling-a-flaky-dependency-timeouts-retries-breakers-bulkheads.md"]),
            rec(3, "Retry with Exponential Backoff", .medium, ["Corpus/resilience/retry-with-exponential-backoff.md"]),
        ]
        return a
    }

    @Test("a hand-made answer matches its snapshot at each width", arguments: widths)
    func snapshot(_ width: Int) throws {
        let text = AnswerText.render(Self.sample(), format: .table, width: width)
        let file = Paths.packageRoot.appendingPathComponent("Tests/ArchKBTests/Fixtures/snapshots/table-\(width).txt")
        if ProcessInfo.processInfo.environment["ARCHKB_UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "re-run with ARCHKB_UPDATE_SNAPSHOTS=1 after checking the new layout by eye")
        Self.checkLayout(text, Self.sample(), width: width)
    }

    @Test("bundled answers: no truncated name, no split path, nothing wider than the terminal", arguments: widths)
    func bundledAnswers(_ width: Int) throws {
        let searcher = Searcher(reader: try BundledCorpusTests.reader())
        for q in Self.questions {
            let answer = try searcher.ask(q, options: AskOptions(limit: 5))
            #expect(!answer.recommendations.isEmpty, "\(q)")
            Self.checkLayout(AnswerText.render(answer, format: .table, width: width), answer, width: width)
        }
    }

    @Test("every row is labelled with its confidence, and rows out of confidence order are explained")
    func confidenceLabels() throws {
        let a = Self.sample()
        let text = AnswerText.render(a, format: .table, width: 120)
        for level in ["high confidence", "low confidence", "medium confidence"] { #expect(text.contains(level)) }
        #expect(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("#3 (medium) ranks below #2 (low)"))
        var ordered = a
        ordered.recommendations[2].confidence = .low
        #expect(!AnswerText.render(ordered, format: .table, width: 120).contains("ranks below"))
    }

    @Test("a question naming a record prints that record first, with no cards before it", arguments: ["ADR-0012", "adr 12"])
    func namedRecordFirst(_ question: String) throws {
        let answer = try FixtureIndex.get().searcher().ask(question)
        let text = AnswerText.render(answer, format: .table, width: 80)
        #expect(text.hasPrefix("Team decisions:\n  ADR 12 · accepted · 2019-05-02 · PeerTransport"), "\(text.prefix(300))")
    }

    @Test("--explain and notes wrap at word boundaries with hanging indents", arguments: [40, 80])
    func explanationWraps(_ width: Int) throws {
        let searcher = Searcher(reader: try BundledCorpusTests.reader())
        let answer = try searcher.ask("rate limiting algorithm", options: AskOptions(limit: 3, explain: true))
        let text = AnswerText.render(answer, format: .table, width: width)
        let block = text.components(separatedBy: "How the scores were made").last ?? ""
        #expect(block.contains("\n     "), "continuation lines hang under their entry")
        Self.checkLayout(text, answer, width: width)
    }

    @Test("`show` cards fit the width with their citations whole", arguments: widths)
    func cards(_ width: Int) throws {
        let searcher = Searcher(reader: try BundledCorpusTests.reader())
        for name in ["circuit breaker", "retry with exponential backoff", "event sourcing"] {
            let id = try #require(try searcher.entity(named: name))
            let view = try searcher.view(entity: id)
            let text = CardText.text(view, width: width)
            let cites = view.parts.map { "\($0.citation.path):\($0.citation.line)" }
            for c in cites { #expect(Self.lines(text).contains { $0.contains(c) }, "\(c) whole on one line") }
            for line in Self.lines(text) where TextWrap.width(line) > width {
                #expect(cites.contains { line.contains($0) } || !line.trimmed.contains(" "), "wider than \(width): \(line)")
            }
            #expect(text.hasPrefix(view.name))
        }
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The layout's promises for one rendered answer.
    static func checkLayout(_ text: String, _ answer: Answer, width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = lines(text)
        let cites = answer.recommendations.flatMap { $0.citations.prefix(3).map { "\($0.path):\($0.line)" } }
            + answer.decisions.map { "\($0.path):\($0.line)" }
        for c in cites {
            #expect(lines.contains { $0.contains(c) }, "split path \(c) at \(width)", sourceLocation: sourceLocation)
        }
        for line in lines where TextWrap.width(line) > width {
            // Only a word longer than the line (a citation, a long identifier) may stand out, alone.
            #expect(!line.trimmed.contains(" "), "line wider than \(width) that is not one long word: \(line)", sourceLocation: sourceLocation)
        }
        for r in answer.recommendations {
            #expect(names(in: text).contains(r.name), "name \(r.name) not whole at \(width)", sourceLocation: sourceLocation)
        }
        #expect(!names(in: text).contains { $0.contains("…") }, sourceLocation: sourceLocation)
    }

    /// The names as a reader sees them: the Recommendation column of each row joined across its
    /// lines (table layout), or the lines of a stacked row before its "kind · confidence" line.
    static func names(in text: String) -> [String] {
        let lines = lines(text)
        var names: [String] = []
        if let header = lines.first(where: { $0.hasPrefix("#") && $0.contains("Recommendation") }),
           let start = header.range(of: "Recommendation"), let end = header.range(of: "Why") {
            let from = header.distance(from: header.startIndex, to: start.lowerBound)
            let to = header.distance(from: header.startIndex, to: end.lowerBound)
            var current: [String] = []
            for line in lines.drop(while: { $0 != header }).dropFirst(2) {
                let scalars = Array(line)
                let rowStart = !(scalars.first?.isWhitespace ?? true) && scalars.first?.isNumber == true
                if rowStart, !current.isEmpty { names.append(current.joined(separator: " ")); current = [] }
                guard scalars.count > from else { continue }
                let cell = String(scalars[from..<min(to, scalars.count)]).trimmed
                if cell.hasPrefix("Sources:") { if !current.isEmpty { names.append(current.joined(separator: " ")); current = [] }; continue }
                if cell.hasPrefix("(") || cell.hasSuffix("confidence") || cell.hasPrefix("★") { continue }
                if !cell.isEmpty && (rowStart || !current.isEmpty) { current.append(cell) }
                if cell.isEmpty { if !current.isEmpty { names.append(current.joined(separator: " ")); current = [] } }
            }
            if !current.isEmpty { names.append(current.joined(separator: " ")) }
            return names
        }
        var current: [String]? = nil
        for line in lines {
            if let first = line.first, first.isNumber {
                current = [String(line.drop { $0.isNumber }).trimmed]
            } else if var c = current {
                if line.contains(" confidence") { names.append(c.joined(separator: " ")); current = nil; continue }
                c.append(line.trimmed)
                current = c
            }
        }
        return names
    }
}
