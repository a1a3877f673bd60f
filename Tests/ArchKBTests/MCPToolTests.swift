@testable import ArchKBMCP
import Foundation
import Logging
import MCP
import Testing

/// The MCP tools without a transport: argument checks, in-process answers, daemon replies, message shapes.
@Suite("MCP tools")
struct MCPToolTests {
    static let logger = Logger(label: "archkb.tests.mcp")

    /// A dispatcher answering in process from the fixture index.
    static func dispatcher() throws -> ToolDispatcher {
        ToolDispatcher(options: MCPServerOptions(indexPath: try FixtureIndex.get().indexPath, socketPath: "/nonexistent/archkb.sock", daemonAllowed: true),
                       logger: logger)
    }

    static let goodCalls: [(String, [String: Value]?, ToolCall)] = [
        ("ask", ["question": "  circuit breaker \n"], .ask(AskCall(question: "circuit breaker"))),
        ("ask", ["question": "kafka", "limit": 7, "kind": "Technology", "area": "Messaging"],
         .ask(AskCall(question: "kafka", limit: 7, kind: "technology", area: "Messaging"))),
        ("ask", ["question": "kafka", "limit": 50.0, "kind": .null, "area": .null], .ask(AskCall(question: "kafka", limit: 50))),
        ("show", ["name": "CQRS"], .show(name: "CQRS")),
        ("decisions", ["question": "ADR-0005"], .decisions(question: "ADR-0005", status: nil)),
        ("decisions", ["question": "kafka", "status": "SUPERSEDED"], .decisions(question: "kafka", status: "superseded")),
    ]

    @Test("good arguments become calls", arguments: goodCalls.indices)
    func goodArguments(_ i: Int) throws {
        let (tool, arguments, expected) = Self.goodCalls[i]
        #expect(try ToolCall.parse(name: tool, arguments: arguments) == expected)
    }

    static let badCalls: [(String, [String: Value]?, ArchKBMCPError)] = [
        ("ask", nil, .missingArgument(tool: "ask", name: "question")),
        ("ask", ["question": .null], .missingArgument(tool: "ask", name: "question")),
        ("ask", ["question": ""], .emptyArgument(tool: "ask", name: "question")),
        ("ask", ["question": ["a"]], .wrongType(tool: "ask", name: "question", expected: "a string", got: "an array")),
        ("ask", ["question": "q", "limit": true], .wrongType(tool: "ask", name: "limit", expected: "an integer", got: "a boolean")),
        ("ask", ["question": "q", "limit": 51], .outOfRange(tool: "ask", name: "limit", value: 51, range: 1...50)),
        ("ask", ["question": "q", "limit": -3], .outOfRange(tool: "ask", name: "limit", value: -3, range: 1...50)),
        ("ask", ["question": "q", "kind": "gadget"], .notAllowed(tool: "ask", name: "kind", value: "gadget", allowed: ToolCatalog.kinds)),
        ("ask", ["question": "q", "area": 3], .wrongType(tool: "ask", name: "area", expected: "a string", got: "an integer")),
        ("ask", ["question": "q", "query": "q"], .unknownArgument(tool: "ask", name: "query", known: ["question", "limit", "kind", "area"])),
        ("show", ["name": " "], .emptyArgument(tool: "show", name: "name")),
        ("show", ["entity": "x"], .unknownArgument(tool: "show", name: "entity", known: ["name"])),
        ("decisions", ["question": "q", "status": "done"], .notAllowed(tool: "decisions", name: "status", value: "done", allowed: ToolCatalog.statuses)),
    ]

    @Test("bad arguments are named in the error", arguments: badCalls.indices)
    func badArguments(_ i: Int) {
        let (tool, arguments, expected) = Self.badCalls[i]
        #expect(throws: expected) { try ToolCall.parse(name: tool, arguments: arguments) }
    }

    @Test func unknownToolsParseToNothingAndThrowAProtocolError() throws {
        #expect(try ToolCall.parse(name: "delete_everything", arguments: [:]) == nil)
        #expect(throws: MCPError.self) { try Self.dispatcher().call(CallTool.Parameters(name: "delete_everything", arguments: [:])) }
    }

    @Test func inProcessResultsMatchTheirOutputSchemas() throws {
        let d = try Self.dispatcher()
        let schemas = Dictionary(uniqueKeysWithValues: try ToolCatalog.tools.map { ($0.name, try JSONSchemaValidator(schema: $0.outputSchema ?? .null)) })
        let calls: [(String, [String: Value])] = [
            ("ask", ["question": .string(DaemonE2E.paymentQuery)]), ("ask", ["question": "how to knit a scarf"]),
            ("ask", ["question": "message broker", "kind": "technology", "limit": 1]), ("show", ["name": "kafka"]),
            ("decisions", ["question": "kafka or rabbitmq for order events"]), ("decisions", ["question": "ADR-0012", "status": "proposed"]),
        ]
        for (tool, arguments) in calls {
            let result = try d.call(CallTool.Parameters(name: tool, arguments: arguments))
            #expect(result.isError == false, "\(tool) \(arguments)")
            let structured = try #require(result.structuredContent)
            #expect(try #require(schemas[tool]).errors(structured) == [], "\(tool) \(arguments)")
            guard case .text(let text, _, _) = try #require(result.content.first) else { Issue.record("no text content"); continue }
            #expect(!text.isEmpty)
        }
    }

    @Test func anUnknownEntitySuggestsNearNames() throws {
        let result = try Self.dispatcher().call(CallTool.Parameters(name: "show", arguments: ["name": "message bus"]))
        #expect(result.isError == true)
        guard case .text(let text, _, _) = try #require(result.content.first) else { Issue.record("no text content"); return }
        #expect(text.hasPrefix("no entity named \"message bus\"; did you mean: "), "\(text)")
        #expect(text.contains("RabbitMQ"))
    }

    @Test func aBrokenIndexIsAToolErrorNotACrash() throws {
        try withTempDir { dir in
            let path = dir.url.appendingPathComponent("garbage.sqlite").path
            try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
            let d = ToolDispatcher(options: MCPServerOptions(indexPath: path, socketPath: "/nonexistent", daemonAllowed: false), logger: Self.logger)
            let result = try d.call(CallTool.Parameters(name: "ask", arguments: ["question": "kafka"]))
            #expect(result.isError == true)
            guard case .text(let text, _, _) = try #require(result.content.first) else { Issue.record("no text content"); return }
            #expect(text.contains("cannot use the index \(path)"), "\(text)")
        }
    }

    @Test func daemonRepliesAreReadStrictly() {
        let source = DaemonSource(socketPath: "/nonexistent", logger: Self.logger)
        func outcome(_ line: String) -> String {
            switch source.outcome(of: line, id: 7, op: "ask") {
            case .result(let v): return "result \(v.objectValue?["n"]?.intValue ?? -1)"
            case .refused(let code, _): return "refused \(code)"
            case .unavailable: return "unavailable"
            }
        }
        #expect(outcome(#"{"id":7,"ok":true,"result":{"n":1}}"#) == "result 1")
        #expect(outcome(#"{"id":7,"ok":false,"error":{"code":"not_found","message":"no entity"}}"#) == "refused not_found")
        for code in ["version_mismatch", "busy", "internal", "bad_request", "unknown_op"] {
            #expect(outcome(#"{"id":7,"ok":false,"error":{"code":"\#(code)","message":"x"}}"#) == "unavailable", "\(code)")
        }
        #expect(outcome(#"{"id":6,"ok":true,"result":{}}"#) == "unavailable", "an answer to another request")
        #expect(outcome("garbage") == "unavailable")
        if case .unavailable = source.request("ping", []) {} else { Issue.record("no daemon listens on /nonexistent") }
    }

    @Test func messagesThatExpectRepliesAreCounted() {
        func data(_ s: String) -> Data { Data(s.utf8) }
        #expect(MessageShape.expectsReply(data(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)))
        #expect(!MessageShape.expectsReply(data(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)))
        #expect(!MessageShape.expectsReply(data(#"{"jsonrpc":"2.0","id":1,"result":{}}"#)))
        #expect(MessageShape.expectsReply(data("{not json")))
        #expect(MessageShape.expectsReply(data(#"{"jsonrpc":"2.0"}"#)))
        #expect(MessageShape.expectsReply(data(#"[{"jsonrpc":"2.0","method":"n"},{"jsonrpc":"2.0","id":2,"method":"ping"}]"#)))
        #expect(!MessageShape.expectsReply(data(#"[{"jsonrpc":"2.0","method":"n"}]"#)))
        #expect(MessageShape.isReply(data(#"{"jsonrpc":"2.0","id":"x","error":{"code":-32700,"message":"m"}}"#)))
        #expect(!MessageShape.isReply(data(#"{"jsonrpc":"2.0","method":"notifications/message","params":{}}"#)))
    }

    @Test func standardInputIsSplitIntoLinesWhateverTheChunks() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let transport = StdioLineTransport(input: fds[0], output: STDERR_FILENO, logger: Self.logger)
        try await transport.connect()
        for chunk in ["{\"a\":1}\n\n   \r\n{\"b\"", ":2}\r\n{\"c\":", "3}"] {
            _ = chunk.withCString { write(fds[1], $0, strlen($0)) }
            usleep(20_000)
        }
        close(fds[1])
        var lines: [String] = []
        for try await line in await transport.receive() { lines.append(String(decoding: line, as: UTF8.self)) }
        close(fds[0])
        #expect(lines == [#"{"a":1}"#, "{\"b\":2}\r", #"{"c":3}"#], "blank lines are skipped; a last line without a newline still counts")
    }

    @Test func decisionStandingFollowsTheStatus() {
        #expect(DecisionsText.standing("accepted") == "in force: team precedent")
        #expect(DecisionsText.standing("superseded") == "not in force")
        #expect(DecisionsText.standing("proposed") == "not decided yet")
        #expect(DecisionsText.markdown(question: "q", status: "rejected", decisions: []) == "No architecture decision record matches \"q\" (status: rejected).\n")
    }
}
