import ArchKBCorpus
import ArchKBIndex
import ArchKBQuery
import ArchKBRender
import Foundation
import Testing

/// Searcher.ask on input meant to break it: FTS5 syntax, SQL, symbols, emoji, huge text.
@Suite("Hostile input")
struct HostileInputTests {
    static let inputs: [String] = [
        "",
        "   ",
        "\n\t\r\n",
        "!!!???",
        "\"unbalanced",
        "NEAR(a b) AND OR NOT *",
        "'; DROP TABLE sections; --",
        "\"; DELETE FROM entities; --",
        "title:foo body:bar",
        "names:kafka*",
        "c++ c# .net",
        "🚀🔥🎉",
        "🚀 kafka 🎉",
        "ＫＡＦＫＡ",
        "kafka\u{0}; DROP TABLE meta",
        "\u{202E}kafka\u{202C}",
        "ا لكافكا 卡夫卡",
        "^ ~ ` | \\ { } [ ] < > @ $ % &",
        "adr adr adr 99999999999999999999",
        "ADR-",
        "0000000",
    ]

    static let hundredKB = String(repeating: "circuit breaker timeouts for payment calls ", count: 2_400)

    /// Counts that must not change whatever is asked.
    static func fingerprint(_ reader: IndexReader) throws -> [Int] {
        [reader.documents.count, reader.entities.count, reader.sectionCount, reader.decisions.count,
         try reader.count("SELECT count(*) FROM sections"), try reader.count("SELECT count(*) FROM entities"),
         try reader.count("SELECT count(*) FROM section_fts"), try reader.count("SELECT count(*) FROM vec_terms"),
         try reader.count("SELECT count(*) FROM meta")]
    }

    @Test("odd input neither throws nor crashes", arguments: inputs)
    func odd(_ input: String) throws {
        let fx = try FixtureIndex.get()
        let searcher = try fx.searcher()
        let before = try Self.fingerprint(searcher.reader)
        for ranker in Ranker.allCases {
            let answer = try searcher.ask(input, options: AskOptions(limit: 5, ranker: ranker, explain: true))
            #expect(answer.query == input)
            #expect(answer.recommendations.count <= 5)
            #expect(answer.recommendations.allSatisfy { $0.score.isFinite && !$0.name.isEmpty })
            if !answer.confident { #expect(answer.message != nil) }
            // Every renderer copes with whatever came back.
            for format in OutputFormat.allCases { _ = AnswerText.render(answer, format: format, width: 80) }
        }
        #expect(try Self.fingerprint(searcher.reader) == before)
        // A fresh reader sees the same intact index, and it still answers.
        let fresh = try fx.searcher()
        #expect(try Self.fingerprint(fresh.reader) == before)
        #expect(try fresh.ask("circuit breaker").recommendations.first?.name == "Circuit Breaker")
    }

    @Test func blankInputHasNoWordsToSearch() throws {
        let searcher = try FixtureIndex.get().searcher()
        for input in ["", "   ", "!!!???"] {
            let answer = try searcher.ask(input)
            #expect(answer.confident == false)
            #expect(answer.recommendations.isEmpty)
            #expect(answer.message?.contains("no words") == true, "\(input): \(answer.message ?? "nil")")
        }
    }

    @Test func emojiAroundANameStillFindsIt() throws {
        let answer = try FixtureIndex.get().searcher().ask("🚀 kafka 🎉")
        #expect(answer.recommendations.first?.name == "Apache Kafka")
    }

    @Test func ftsSyntaxIsNeverPassedThrough() {
        for input in Self.inputs {
            let phrases = Question(input, thesaurus: .builtin).ftsPhrases
            // Only quoted phrases reach FTS5 (one MATCH each): no bare operators, columns or wildcards.
            for term in phrases {
                #expect(term.hasPrefix("\"") && term.hasSuffix("\"") && term.count > 2, "\(input) → \(phrases)")
                #expect(!term.dropFirst().dropLast().contains { $0 == "\"" || $0 == "*" || $0 == ":" || $0 == "(" }, "\(input) → \(phrases)")
            }
        }
    }

    @Test func hundredKilobytesOfTextIsCutAndAnswered() throws {
        #expect(Self.hundredKB.utf8.count >= 100_000)
        let searcher = try FixtureIndex.get().searcher()
        let before = try Self.fingerprint(searcher.reader)
        let clock = ContinuousClock()
        let start = clock.now
        let answer = try searcher.ask(Self.hundredKB)
        #expect(clock.now - start < .seconds(20))
        #expect(answer.recommendations.first?.name == "Circuit Breaker")
        #expect(answer.message?.contains("first \(Question.maxWords) words") == true)
        #expect(Question(Self.hundredKB, thesaurus: .builtin).words.count == Question.maxWords)
        #expect(try Self.fingerprint(searcher.reader) == before)
    }

    @Test func hundredKilobytesWithoutSpacesIsOneOverlongWord() throws {
        let blob = String(repeating: "x", count: 100_000)
        let answer = try FixtureIndex.get().searcher().ask(blob)
        #expect(answer.confident == false)
        #expect(answer.recommendations.isEmpty)
    }

    @Test func showLookupOfOddNamesDoesNotThrow() throws {
        let searcher = try FixtureIndex.get().searcher()
        for input in Self.inputs {
            _ = try searcher.entity(named: input)
        }
        #expect(try searcher.entity(named: "") == nil)
        let id = try #require(try searcher.entity(named: "  BREAKER!! "))
        #expect(searcher.reader.entities[id].name == "Circuit Breaker")
    }
}
