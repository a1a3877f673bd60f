import ArchKBCorpus
import ArchKBMCP
import ArchKBQuery
import ArchKBRender
import Foundation
import MCP
import Testing

/// docs/answer.schema.json describes every answer archkb gives, and the validator can say no.
@Suite("Answer schema")
struct AnswerSchemaTests {
    static func docsText(_ name: String) throws -> String {
        try String(contentsOf: Paths.packageRoot.appendingPathComponent("docs/\(name)"), encoding: .utf8)
    }

    static let answerValidator: Result<JSONSchemaValidator, Error> = Result { try JSONSchemaValidator(schemaText: try docsText("answer.schema.json")) }

    static func value(_ json: JSONValue) throws -> MCP.Value {
        try JSONDecoder().decode(MCP.Value.self, from: Data(json.serialized().utf8))
    }

    /// Questions of every shape: confident, not confident, empty, filtered, ADR references, explained.
    static let questions: [(String, AskOptions)] = [
        (DaemonE2E.paymentQuery, AskOptions()),
        ("durable event log for order events", AskOptions(limit: 50)),
        ("retry failed payment calls", AskOptions(limit: 3, ranker: .bm25)),
        ("cache in front of the database", AskOptions(ranker: .tfidf, explain: true)),
        ("how do I bake sourdough bread at home", AskOptions()),
        ("", AskOptions()),
        ("the and of with", AskOptions()),
        ("message broker for order events", AskOptions(kind: "technology")),
        ("message broker for order events", AskOptions(area: "messaging")),
        ("message broker for order events", AskOptions(kind: "anti-pattern")),
        ("ADR-0005", AskOptions()),
        ("adr 12", AskOptions()),
        ("0012-peer-transport.md", AskOptions()),
        ("store sessions in memcached", AskOptions()),
        ("services must be deployed together in lockstep", AskOptions(explain: true)),
        (String(repeating: "queue retry cache breaker ", count: 80), AskOptions(limit: 10)),
    ]

    @Test("every answer validates against docs/answer.schema.json", arguments: questions.indices)
    func answersMatchTheSchema(_ i: Int) throws {
        let (question, options) = Self.questions[i]
        let answer = try FixtureIndex.get().searcher().ask(question, options: options)
        let errors = try Self.answerValidator.get().errors(try Self.value(AnswerJSON.value(answer)))
        #expect(errors == [], "\"\(question.prefix(40))\" breaks the schema")
    }

    @Test func bundledCorpusAnswersMatchTheSchema() throws {
        let searcher = Searcher(reader: try BundledCorpusTests.reader())
        let validator = try Self.answerValidator.get()
        for question in ["prevent cascading failures when a dependency is down", "service to service auth", "ADR-0012",
                         "rate limiting algorithm", "zebra husbandry"] {
            for options in [AskOptions(limit: 50), AskOptions(limit: 5, explain: true)] {
                let answer = try searcher.ask(question, options: options)
                #expect(validator.errors(try Self.value(AnswerJSON.value(answer))) == [], "\(question)")
            }
        }
    }

    @Test func theServerPublishesTheDocumentedSchema() throws {
        let docs = try JSONDecoder().decode(MCP.Value.self, from: Data(try Self.docsText("answer.schema.json").utf8))
        #expect(docs == SchemaDocuments.answerDocument, "docs/answer.schema.json and SchemaDocuments.answerText differ")
        #expect(SchemaDocuments.answerDocument.objectValue?["$defs"] != nil)
        for schema in [SchemaDocuments.answer, SchemaDocuments.card, SchemaDocuments.decisions] {
            _ = try JSONSchemaValidator(schema: schema)
        }
    }

    @Test func schemaEnumsMatchTheCode() throws {
        func enumValues(_ path: [String]) -> [String] {
            var node = SchemaDocuments.answerDocument
            for key in path { node = node.objectValue?[key] ?? .null }
            return (node.objectValue?["enum"]?.arrayValue ?? []).compactMap(\.stringValue)
        }
        #expect(enumValues(["$defs", "recommendation", "properties", "kind"]) == EntityKind.allCases.map(\.rawValue))
        #expect(enumValues(["$defs", "recommendation", "properties", "confidence"]) == ["low", "medium", "high"])
        #expect(enumValues(["$defs", "decision", "properties", "status"]) == DecisionStatus.allCases.map(\.rawValue))
        #expect(enumValues(["properties", "ranker"]) == Ranker.allCases.map(\.rawValue))
    }

    /// Ways to break a valid answer, each of which the schema must catch.
    static let breakages: [(String, @Sendable (inout [String: MCP.Value]) -> Void)] = [
        ("no query", { $0["query"] = nil }),
        ("no confident flag", { $0["confident"] = nil }),
        ("an extra field", { $0["mood"] = "cheerful" }),
        ("confident as a string", { $0["confident"] = "yes" }),
        ("message as a number", { $0["message"] = 5 }),
        ("unknown ranker", { $0["ranker"] = "magic" }),
        ("recommendations as an object", { $0["recommendations"] = [:] }),
        ("rank as a string", { editFirst(&$0, "recommendations") { $0["rank"] = "1" } }),
        ("rank zero", { editFirst(&$0, "recommendations") { $0["rank"] = 0 } }),
        ("fractional rank", { editFirst(&$0, "recommendations") { $0["rank"] = 1.5 } }),
        ("unknown kind", { editFirst(&$0, "recommendations") { $0["kind"] = "widget" } }),
        ("unknown confidence", { editFirst(&$0, "recommendations") { $0["confidence"] = "certain" } }),
        ("negative score", { editFirst(&$0, "recommendations") { $0["score"] = -1.0 } }),
        ("no citations", { editFirst(&$0, "recommendations") { $0["citations"] = nil } }),
        ("alias not a string", { editFirst(&$0, "recommendations") { $0["aliases"] = [3] } }),
        ("citation line 0", { editFirst(&$0, "recommendations") { r in
            guard case .array(var cs) = r["citations"], case .object(var c) = cs.first else { return }
            c["line"] = 0
            cs[0] = .object(c)
            r["citations"] = .array(cs)
        } }),
        ("unknown decision status", { editFirst(&$0, "decisions") { $0["status"] = "pending-ish" } }),
        ("decision date as a number", { editFirst(&$0, "decisions") { $0["date"] = 2024 } }),
        ("decision without a path", { editFirst(&$0, "decisions") { $0["path"] = nil } }),
    ]

    /// Applies `edit` to the first object of the array `key`.
    static func editFirst(_ answer: inout [String: MCP.Value], _ key: String, _ edit: (inout [String: MCP.Value]) -> Void) {
        guard case .array(var items) = answer[key], case .object(var first) = items.first else { return }
        edit(&first)
        items[0] = .object(first)
        answer[key] = .array(items)
    }

    @Test("a broken answer is rejected", arguments: breakages.indices)
    func brokenAnswersAreRejected(_ i: Int) throws {
        let (what, breakIt) = Self.breakages[i]
        // An answer with recommendations and decisions, so every breakage has something to break.
        let answer = try FixtureIndex.get().searcher().ask("message broker for order events")
        #expect(!answer.recommendations.isEmpty && !answer.decisions.isEmpty)
        let validator = try Self.answerValidator.get()
        var object = try #require(try Self.value(AnswerJSON.value(answer)).objectValue)
        #expect(validator.errors(.object(object)) == [], "the unbroken answer must pass")
        breakIt(&object)
        #expect(!validator.errors(.object(object)).isEmpty, "\(what) was not caught")
    }

    @Test func theValidatorRefusesKeywordsItDoesNotKnow() {
        #expect(throws: JSONSchemaValidator.UnsupportedKeyword.self) {
            try JSONSchemaValidator(schema: ["type": "object", "properties": ["a": ["type": "string", "pattern": "^x"]]])
        }
        #expect(throws: JSONSchemaValidator.UnsupportedKeyword.self) { try JSONSchemaValidator(schema: ["oneOf": [["type": "string"]]]) }
    }
}
