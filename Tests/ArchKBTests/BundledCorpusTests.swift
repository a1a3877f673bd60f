import ArchKBCorpus
import ArchKBIndex
@testable import ArchKBQuery
import Foundation
import Testing

/// The bundled corpus (/work/main/Corpus) indexes cleanly and its answers cite real lines.
@Suite("Bundled corpus", .enabled(if: FileManager.default.fileExists(atPath: Paths.bundledCorpus.path), "Corpus/ not found at the package root"))
struct BundledCorpusTests {
    struct Built: @unchecked Sendable {
        let indexPath: String
        let report: IndexBuildReport
    }

    /// Built once per test run (a few seconds in debug builds).
    static let shared: Result<Built, Error> = Result {
        let dir = try TempDir("archkb-bundled-index")
        SharedCleanup.register(dir.path)
        let indexPath = dir.url.appendingPathComponent("bundled.sqlite").path
        let report = try IndexBuilder(roots: [Paths.bundledCorpus.path], projectRoot: Paths.packageRoot.path, indexPath: indexPath).build()
        return Built(indexPath: indexPath, report: report)
    }

    static func reader() throws -> IndexReader { try IndexReader(path: try shared.get().indexPath) }

    @Test func indexesEveryFileAndHasEntities() throws {
        let built = try Self.shared.get()
        #expect(built.report.skipped.isEmpty, "skipped: \(built.report.skipped.map { "\($0.path): \($0.reason)" })")
        let reader = try Self.reader()
        #expect(reader.entities.count >= 100)
        #expect((reader.documentCountsByKind()["card"] ?? 0) >= 100)
        #expect((reader.documentCountsByKind()["guide"] ?? 0) >= 1)
        #expect(reader.documents.allSatisfy { $0.displayPath.hasPrefix("Corpus/") })
    }

    /// Per-phrase hit lists are cut at `phraseHitCap`; bundled answers equal uncut FTS5 sums only
    /// while no phrase can match more sections than that.
    @Test func theCorpusHasFewerSectionsThanThePhraseHitCap() throws {
        #expect(try Self.reader().sectionCount < IndexReader.phraseHitCap)
    }

    @Test func noTwoEntitiesShareANameOrAlias() throws {
        let problems = try Self.reader().problems()
        let clashes = problems.filter { $0.message.contains("already names") || $0.message.contains("duplicate entity name") }
        #expect(clashes.isEmpty, "\(clashes.map { "\($0.path):\($0.line): \($0.message)" })")
    }

    @Test func everyGuideRowNamesAnEntity() throws {
        let problems = try Self.reader().problems()
        let rows = problems.filter { $0.message.contains("guide row") }
        #expect(rows.isEmpty, "\(rows.map { "\($0.path):\($0.line): \($0.message)" })")
    }

    @Test func cardsParseWithoutWarnings() throws {
        let problems = try Self.reader().problems().filter { $0.severity == "error" || $0.message.contains("YAML") || $0.message.contains("unknown kind") }
        #expect(problems.isEmpty, "\(problems.map { "\($0.path):\($0.line): \($0.message)" })")
    }

    @Test func everyCardHasASummaryAndEveryAnswerCitesIt() throws {
        let reader = try Self.reader()
        let cards = reader.entities.filter { $0.source == "card" }
        let empty = cards.filter { $0.summary.isEmpty }.map(\.name)
        #expect(empty.isEmpty, "cards without a summary: \(empty)")
        let badLines = cards.filter { e in
            let count = reader.documents[e.document].lineCount
            return !(1...max(count, 1)).contains(e.line)
        }.map(\.name)
        #expect(badLines.isEmpty, "cards whose title line is outside the file: \(badLines)")
    }

    @Test func everyEntityNameRanksItsEntityFirst() throws {
        let reader = try Self.reader()
        let searcher = Searcher(reader: reader)
        var misses: [String] = []
        for e in reader.entities where e.source == "card" {
            let answer = try searcher.ask(e.name, options: AskOptions(limit: 3))
            if answer.recommendations.first?.name != e.name {
                misses.append("\(e.name) → \(answer.recommendations.first?.name ?? "nothing")")
            }
        }
        #expect(misses.isEmpty, "\(misses.count) names do not rank their own card first: \(misses.prefix(20))")
    }

    /// A rationale adds a sentence to the summary only when it says something else.
    @Test func noRationaleRepeatsItsSummary() throws {
        let reader = try Self.reader()
        let searcher = Searcher(reader: reader)
        var repeated: [String] = []
        for e in reader.entities where e.source == "card" {
            for r in try searcher.ask(e.name, options: AskOptions(limit: 3)).recommendations {
                let opening = String(r.rationale.prefix(60))
                if opening.count == 60, r.rationale.dropFirst(60).contains(opening) { repeated.append(r.name) }
            }
        }
        #expect(repeated.isEmpty, "rationales that repeat their summary: \(Set(repeated).sorted().prefix(20))")
    }

    @Test func theSectionCheckRejectsWrongLines() throws {
        let reader = try Self.reader()
        let section = try #require(reader.sections.first { $0.role == "whenToUse" && $0.endLine > $0.startLine })
        let doc = reader.documents[section.document]
        let label = section.trail.isEmpty ? section.heading : section.trail
        let inside = Citation(path: doc.displayPath, line: section.startLine, section: label)
        #expect(Self.citationIsInsideItsSection(inside, document: doc, reader: reader))
        let below = Citation(path: doc.displayPath, line: section.endLine + 1, section: label)
        #expect(!Self.citationIsInsideItsSection(below, document: doc, reader: reader))
        let wrongLabel = Citation(path: doc.displayPath, line: section.startLine, section: "No such section")
        #expect(!Self.citationIsInsideItsSection(wrongLabel, document: doc, reader: reader))
    }

    static let questions = [
        "circuit breaker for a flaky payment provider",
        "cache invalidation for graphql",
        "which message broker lets consumers replay events",
        "paginate a large list endpoint",
        "rate limiting per tenant",
        "zero downtime deployment of a database schema change",
        "distributed transactions across microservices",
    ]

    @Test("citations lie inside the cited file and section", arguments: questions)
    func citationsAreInsideTheirSections(_ question: String) throws {
        let reader = try Self.reader()
        let answer = try Searcher(reader: reader).ask(question)
        #expect(!answer.recommendations.isEmpty, "no recommendations for \(question)")
        let docsByPath = Dictionary(reader.documents.map { ($0.displayPath, $0) }, uniquingKeysWith: { a, _ in a })
        for rec in answer.recommendations {
            #expect(!rec.citations.isEmpty)
            for c in rec.citations {
                let where_ = "\(rec.name): \(c.path):\(c.line) [\(c.section)]"
                let doc = try #require(docsByPath[c.path], "\(where_): not an indexed document")
                let count = try #require(lineCount(ofFile: Paths.packageRoot.appendingPathComponent(c.path).path), "\(where_): file missing")
                #expect((1...count).contains(c.line), "\(where_): outside the file (\(count) lines)")
                #expect(Self.citationIsInsideItsSection(c, document: doc, reader: reader), "\(where_): not within the cited section")
            }
        }
    }

    /// A citation points at a section (by label) whose line range holds the line, or at an entity's
    /// title line, or at an ADR's title line.
    static func citationIsInsideItsSection(_ c: Citation, document: StoredDocument, reader: IndexReader) -> Bool {
        let sections = reader.sections.filter { $0.document == document.id && ($0.trail.isEmpty ? $0.heading : $0.trail) == c.section }
        if sections.contains(where: { $0.startLine <= c.line && c.line <= $0.endLine }) { return true }
        if reader.entities.contains(where: { $0.document == document.id && $0.line == c.line && $0.name == c.section }) { return true }
        return reader.decisions.contains { $0.document == document.id && $0.line == c.line }
    }
}
