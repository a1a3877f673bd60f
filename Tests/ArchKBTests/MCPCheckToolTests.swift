@testable import ArchKBMCP
import Foundation
import Logging
import MCP
import Testing

/// The MCP tool `check`: the draft's text in, the `archkb check --format json` report out (the
/// same JSON as the CLI, valid against docs/check.schema.json), arguments read strictly.
@Suite("MCP check tool")
struct MCPCheckToolTests {
    static func dispatcher() throws -> ToolDispatcher {
        ToolDispatcher(options: MCPServerOptions(indexPath: try CheckFixture.get().indexPath, socketPath: "/nonexistent/archkb.sock", daemonAllowed: true),
                       logger: Logger(label: "archkb.tests.mcp-check"))
    }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: try CheckFixture.get().root.appendingPathComponent(relative), encoding: .utf8)
    }

    @Test func aPlantedDraftGetsItsFindingsWithCitations() throws {
        let result = try Self.dispatcher().call(CallTool.Parameters(name: "check", arguments: [
            "text": .string(try Self.text("planted/memcached-for-sessions.md")), "path": "planted/memcached-for-sessions.md"]))
        #expect(result.isError == false)
        let structured = try #require(result.structuredContent)
        let validator = try JSONSchemaValidator(schema: try #require(ToolCatalog.tools.first { $0.name == "check" }?.outputSchema))
        #expect(validator.errors(structured) == [])
        let drafts = try #require(structured.objectValue?["drafts"]?.arrayValue)
        let findings = try #require(drafts.first?.objectValue?["findings"]?.arrayValue)
        let kinds = Set(findings.compactMap { $0.objectValue?["kind"]?.stringValue })
        #expect(kinds == ["precedent-conflict", "repeats-withdrawn", "when-not-to-use"])
        guard case .text(let text, _, _) = try #require(result.content.first) else { Issue.record("no text content"); return }
        #expect(text.contains("error [precedent-conflict] chooses Memcached, but ADR 5 \"Keep sessions in Redis\""))
    }

    /// The tool's structured content is what the CLI prints for the same file.
    @Test(.enabled(if: ProcessRunner.archkbFound, "archkb executable not found"))
    func theSameJSONAsTheCommand() throws {
        let fixture = try CheckFixture.get()
        for file in ["planted/memcached-for-sessions.md", "planted/kafka-for-a-small-team.md", "clean/redis-for-rate-limits.md"] {
            let cli = try ProcessRunner.archkb(["check", "--index", fixture.indexPath, "--format", "json", file], home: fixture.root)
            #expect(cli.status == 0 || cli.status == 1, "stderr: \(cli.stderr)")
            let result = try Self.dispatcher().call(CallTool.Parameters(name: "check", arguments: ["text": .string(try Self.text(file)), "path": .string(file)]))
            let expected = try JSONDecoder().decode(Value.self, from: Data(cli.stdout.utf8))
            #expect(result.structuredContent == expected, "\(file)")
        }
    }

    @Test func aCleanDraftWithoutPathHasNoFinding() throws {
        let result = try Self.dispatcher().call(CallTool.Parameters(name: "check", arguments: ["text": .string(try Self.text("clean/redis-for-rate-limits.md"))]))
        #expect(result.isError == false)
        let summary = try #require(result.structuredContent?.objectValue?["summary"]?.objectValue)
        #expect(summary["findings"] == .int(0))
        #expect(result.structuredContent?.objectValue?["drafts"]?.arrayValue?.first?.objectValue?["path"] == "draft.md")
    }

    static let badCalls: [([String: Value]?, ArchKBMCPError)] = [
        (nil, .missingArgument(tool: "check", name: "text")),
        (["text": " \n"], .emptyArgument(tool: "check", name: "text")),
        (["text": 3], .wrongType(tool: "check", name: "text", expected: "a string", got: "an integer")),
        (["text": "# 1. X", "path": ""], .emptyArgument(tool: "check", name: "path")),
        (["text": "# 1. X", "file": "x.md"], .unknownArgument(tool: "check", name: "file", known: ["text", "path"])),
    ]

    @Test("bad check arguments are named in the error", arguments: badCalls.indices)
    func badArguments(_ i: Int) {
        let (arguments, expected) = Self.badCalls[i]
        #expect(throws: expected) { try ToolCall.parse(name: "check", arguments: arguments) }
    }

    @Test func theTextKeepsItsLeadingLines() throws {
        #expect(try ToolCall.parse(name: "check", arguments: ["text": "\n\n# 1. X\n"]) == .check(text: "\n\n# 1. X\n", path: nil))
    }

    @Test func docsSchemaIsTheToolsSchema() throws {
        let docs = try JSONDecoder().decode(MCP.Value.self, from: Data(try AnswerSchemaTests.docsText("check.schema.json").utf8))
        #expect(docs == SchemaDocuments.checkDocument, "docs/check.schema.json and SchemaDocuments.checkText differ")
    }
}
