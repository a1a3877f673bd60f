@testable import ArchKBMCP
import ArchKBQuery
import ArchKBRender
import Foundation
import Logging
import MCP
import Testing

/// The MCP `radar` tool: its arguments, its schema (docs/radar.schema.json word for word) and the
/// same JSON as `archkb radar --format json`.
@Suite("MCP radar tool")
struct MCPRadarToolTests {
    static func dispatcher(index: String) -> ToolDispatcher {
        ToolDispatcher(options: MCPServerOptions(indexPath: index, socketPath: "/nonexistent/archkb.sock", daemonAllowed: true),
                       logger: Logger(label: "archkb.tests.mcp.radar"))
    }

    @Test func argumentsAreChecked() throws {
        #expect(try ToolCall.parse(name: "radar", arguments: nil) == .radar(windowDays: 180))
        #expect(try ToolCall.parse(name: "radar", arguments: ["window_days": 30]) == .radar(windowDays: 30))
        #expect(throws: ArchKBMCPError.outOfRange(tool: "radar", name: "window_days", value: -1, range: 0...36_500)) {
            try ToolCall.parse(name: "radar", arguments: ["window_days": -1])
        }
        #expect(throws: ArchKBMCPError.unknownArgument(tool: "radar", name: "ring", known: ["window_days"])) {
            try ToolCall.parse(name: "radar", arguments: ["ring": "adopt"])
        }
    }

    @Test func theSchemaIsTheDocumentedOne() throws {
        let docs = try JSONDecoder().decode(Value.self, from: Data(try AnswerSchemaTests.docsText("radar.schema.json").utf8))
        #expect(docs == RadarSchema.document, "docs/radar.schema.json and RadarSchema.text differ")
        let tool = try #require(ToolCatalog.tools.first { $0.name == "radar" })
        #expect(tool.annotations.readOnlyHint == true)
        #expect(tool.outputSchema == RadarSchema.output)
    }

    @Test func theToolReturnsTheCommandsJSON() throws {
        let log = try RadarTests.log.get()
        let result = try Self.dispatcher(index: log.indexPath).call(CallTool.Parameters(name: "radar", arguments: [:]))
        #expect(result.isError == false)
        let structured = try #require(result.structuredContent)
        let expected = try JSONDecoder().decode(Value.self, from: Data(RadarJSON.render(try log.searcher().radar()).utf8))
        #expect(structured == expected)
        #expect(try JSONSchemaValidator(schema: RadarSchema.output).errors(structured) == [])
        guard case .text(let text, _, _) = try #require(result.content.first) else { Issue.record("no text content"); return }
        #expect(text.hasPrefix("Team radar: 8 blips from 8 records in 1 log; adopt 2 · trial 2 · assess 1 · hold 3\n"))
    }
}
