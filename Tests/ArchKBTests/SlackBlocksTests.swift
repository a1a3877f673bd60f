import ArchKBCorpus
@testable import ArchKBQuery
@testable import ArchKBRender
import Foundation
import MCP
import Testing

/// `archkb ask --format slack` stays within Slack's limits for every answer, however long.
@Suite("Slack blocks")
struct SlackBlocksTests {
    static let schema: Result<JSONSchemaValidator, Error> = Result {
        try JSONSchemaValidator(schemaText: try AnswerSchemaTests.docsText("slack.schema.json"))
    }

    /// Every limit, checked directly as well as through docs/slack.schema.json.
    static func violations(_ message: JSONValue) throws -> [String] {
        let value = try AnswerSchemaTests.value(message)
        var out = try schema.get().errors(value)
        let blocks = value.objectValue?["blocks"]?.arrayValue ?? []
        if blocks.count > 50 { out.append("\(blocks.count) blocks") }
        for block in blocks.compactMap(\.objectValue) {
            let text = block["text"]?.objectValue?["text"]?.stringValue ?? ""
            switch block["type"]?.stringValue {
            case "header" where text.utf16.count > 150: out.append("header of \(text.utf16.count) UTF-16 units")
            case "section" where text.utf16.count > 3000: out.append("section of \(text.utf16.count) UTF-16 units")
            case "context":
                let elements = block["elements"]?.arrayValue ?? []
                if elements.count > 10 { out.append("context with \(elements.count) elements") }
            default: break
            }
        }
        let total = textUnits(value)
        if total > 12_000 { out.append("\(total) UTF-16 units of text in all (Slack: msg_blocks_too_long)") }
        if message.serialized().utf8.count > 40_000 { out.append("\(message.serialized().utf8.count) bytes of JSON") }
        return out
    }

    /// UTF-16 units of every "text" string, counted independently of the renderer.
    static func textUnits(_ v: MCP.Value) -> Int {
        switch v {
        case .object(let fields): return fields.reduce(0) { sum, f in sum + (f.key == "text" ? (f.value.stringValue?.utf16.count ?? textUnits(f.value)) : textUnits(f.value)) }
        case .array(let items): return items.reduce(0) { $0 + textUnits($1) }
        default: return 0
        }
    }

    static func lastText(_ message: JSONValue) throws -> String {
        let blocks = try AnswerSchemaTests.value(message).objectValue?["blocks"]?.arrayValue ?? []
        let last = blocks.last?.objectValue
        return last?["elements"]?.arrayValue?.first?.objectValue?["text"]?.stringValue ?? last?["text"]?.objectValue?["text"]?.stringValue ?? ""
    }

    @Test("every fixture answer fits Slack", arguments: AnswerSchemaTests.questions.indices)
    func fixtureAnswersFit(_ i: Int) throws {
        let (question, options) = AnswerSchemaTests.questions[i]
        let answer = try FixtureIndex.get().searcher().ask(question, options: options)
        let message = SlackBlocks.value(answer)
        #expect(try Self.violations(message) == [], "\"\(question.prefix(40))\"")
        #expect(try !Self.lastText(message).contains("cut to fit"), "a short answer is not cut")
    }

    @Test func aLongAnswerIsCutWithANote() throws {
        let searcher = Searcher(reader: try BundledCorpusTests.reader())
        let answer = try searcher.ask("event driven messaging between services", options: AskOptions(limit: 50))
        #expect(answer.recommendations.count >= 20, "need a long answer; got \(answer.recommendations.count)")
        let message = SlackBlocks.value(answer)
        #expect(try Self.violations(message) == [])
        let note = try Self.lastText(message)
        #expect(note.contains("cut to fit Slack's limits"), "last block: \(note)")
        #expect(note.contains("of \(answer.recommendations.count) recommendations shown"))
        // The rows kept are the best ones, in order.
        let sections = try AnswerSchemaTests.value(message).objectValue?["blocks"]?.arrayValue?.compactMap { b -> String? in
            guard b.objectValue?["type"]?.stringValue == "section" else { return nil }
            return b.objectValue?["text"]?.objectValue?["text"]?.stringValue
        } ?? []
        #expect(sections.first?.hasPrefix("*1. \(SlackBlocks.escape(answer.recommendations[0].name))*") == true)
    }

    /// A synthetic worst case: 50 rows with huge texts, 30 citations each, emoji and markup everywhere.
    static func hugeAnswer(rows: Int = 50) -> Answer {
        var answer = Answer(query: String(repeating: "👩‍💻 why <so> & slow? ", count: 40))
        let blob = String(repeating: "Queue & retry <fast> 🚀 e\u{301} ", count: 400)
        answer.recommendations = (1...rows).map { i in
            Recommendation(rank: i, entity: i, name: "Pattern \(i) " + String(repeating: "ü", count: 200), aliases: [], kind: "pattern",
                           area: "Area", score: 1, confidence: .medium, rationale: blob, tradeoffs: blob,
                           citations: (1...30).map { Citation(path: "Corpus/x/\(String(repeating: "deep/", count: 80))card-\($0).md", line: $0, section: "S") },
                           instead: blob, precedents: [1])
        }
        answer.decisions = (1...12).map { i in
            DecisionHit(decision: i, number: i, title: blob, status: .superseded, rawStatus: "Superseded", date: "2024-01-01", path: "adr/\(i).md",
                        line: 1, supersededBy: [blob], chosen: nil, score: 1)
        }
        return answer
    }

    @Test func aWorstCaseAnswerStaysWithinEveryLimit() throws {
        let answer = Self.hugeAnswer()
        for base in [nil, "https://git.example.com/repo/blob/main"] {
            let message = SlackBlocks.value(answer, sourceBaseURL: base)
            #expect(try Self.violations(message) == [])
            #expect(try Self.lastText(message).contains("of 50 recommendations shown"))
        }
    }

    @Test func anEmptyAnswerStillMakesAValidMessage() throws {
        var answer = Answer(query: "")
        answer.confident = false
        answer.message = "nothing found <here> & there"
        let message = SlackBlocks.value(answer)
        #expect(try Self.violations(message) == [])
        #expect(message.serialized().contains("nothing found &lt;here&gt; &amp; there"))
    }

    @Test func clipNeverSplitsACharacterAndCountsUTF16() {
        let family = "👨‍👩‍👧‍👦"  // one character, 11 UTF-16 units
        let clipped = SlackBlocks.clip(String(repeating: family, count: 10), 30)
        #expect(clipped.utf16.count <= 30)
        #expect(clipped.hasSuffix("…"))
        #expect(clipped.dropLast().allSatisfy { $0 == Character(family) })
        #expect(SlackBlocks.clip("short", 30) == "short")
    }

    @Test func theSchemaCatchesAnOverlongSection() throws {
        let long = JSONValue.object([("blocks", .array([.object([("type", .string("section")), ("text", .object([
            ("type", .string("mrkdwn")), ("text", .string(String(repeating: "x", count: 3001))),
        ]))])]))])
        #expect(try !Self.schema.get().errors(try AnswerSchemaTests.value(long)).isEmpty)
        let tooMany = JSONValue.object([("blocks", .array(Array(repeating: .object([("type", .string("divider"))]), count: 51)))])
        #expect(try !Self.schema.get().errors(try AnswerSchemaTests.value(tooMany)).isEmpty)
    }
}
