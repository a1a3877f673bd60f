import ArchKBCore
import ArchKBIndex
import ArchKBMCP
import Foundation
import MCP
import Testing

/// Drives the built `archkb mcp` over stdio as an MCP client would: initialize, tools/list,
/// tools/call, malformed calls and lines, without a daemon and with one on a temporary socket.
///
/// Every structured result is validated against docs/answer.schema.json (for `ask`) and against
/// the output schema the server itself advertises in tools/list.
@Suite("archkb mcp end to end", .serialized,
       .enabled(if: MCPSession.available, "archkb / archkb-mcp / archkb-engine not found next to the test bundle; build the package first"))
struct MCPEndToEndTests {
    /// A session answering in process from the fixture index (`--index`).
    static func inProcess(_ box: DaemonSandbox, _ extra: [String] = []) throws -> MCPSession {
        try MCPSession(["--index", box.index] + extra, environment: box.environment, directory: box.dir)
    }

    /// Runs `body` with a sandbox and an in-process session; afterwards the server must exit 0 when
    /// its input closes and must have written nothing but JSON-RPC messages to standard output.
    static func withInProcessSession(_ extra: [String] = [], _ body: (DaemonSandbox, MCPSession) throws -> Void) throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let session = try inProcess(box, extra)
        defer { session.stop() }
        try body(box, session)
        #expect(session.stop(), "the server should exit 0 when its input closes; stderr: \(session.stderr)")
        expectOnlyJSONRPC(session)
    }

    /// Output schemas by tool name, from tools/list.
    static func outputSchemas(_ session: MCPSession) throws -> [String: JSONSchemaValidator] {
        let tools = try #require(session.request("tools/list")?.rpcResult?["tools"] as? [[String: Any]])
        var out: [String: JSONSchemaValidator] = [:]
        for tool in tools {
            let name = try #require(tool["name"] as? String)
            out[name] = try JSONSchemaValidator(schema: try mcpValue(tool["outputSchema"]))
        }
        return out
    }

    /// Checks a tool result's structured content against `validators`; returns it.
    @discardableResult
    static func validated(_ response: [String: Any]?, _ validators: [JSONSchemaValidator]) throws -> [String: Any] {
        let result = try #require(response?.rpcResult, "no result: \(String(describing: response))")
        #expect(result["isError"] as? Bool != true, "\(result)")
        let structured = try #require(result["structuredContent"] as? [String: Any], "no structured content: \(result)")
        let value = try mcpValue(structured)
        for v in validators { #expect(v.errors(value) == [], "structured content breaks its schema") }
        return structured
    }

    @Test func helpListsMCPAndBadOptionsExit2() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let help = try box.archkb(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("mcp") && help.stdout.contains("Model Context Protocol"), "\(help.stdout)")
        let mcpHelp = try box.archkb(["mcp", "--help"])
        #expect(mcpHelp.status == 0)
        #expect(mcpHelp.stdout.contains("USAGE: archkb mcp") && mcpHelp.stdout.contains("--no-daemon"), "\(mcpHelp.stdout)")
        let bad = try box.archkb(["mcp", "--colour"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("Unknown option '--colour'"))
        let viaEngine = try box.engine(["mcp", "--version"])
        #expect(viaEngine.status == 0 && viaEngine.stdout.hasPrefix(ArchKBVersion.current), "archkb-engine mcp hands over to archkb-mcp: \(viaEngine.stdout) \(viaEngine.stderr)")
        #expect(try box.archkb(["mcp", "--log-level", "loud"]).status == 2)
    }

    @Test func initializeAndListTools() throws {
        try Self.withInProcessSession { _, session in
            let initialized = try #require(session.initialize(), "stderr: \(session.stderr)")
            #expect((initialized["serverInfo"] as? [String: Any])?["name"] as? String == "archkb")
            #expect(initialized["protocolVersion"] as? String == "2025-06-18")
            #expect((initialized["capabilities"] as? [String: Any])?["tools"] != nil)
            #expect((initialized["instructions"] as? String)?.contains("decisions") == true)

            let tools = try #require(session.request("tools/list")?.rpcResult?["tools"] as? [[String: Any]])
            #expect(tools.compactMap { $0["name"] as? String } == ["ask", "show", "decisions", "radar", "check"])
            for tool in tools {
                #expect(((tool["description"] as? String)?.count ?? 0) > 80, "\(tool["name"] ?? "?") needs a real description")
                let input = try #require(tool["inputSchema"] as? [String: Any])
                #expect(input["type"] as? String == "object")
                #expect(input["additionalProperties"] as? Bool == false)
                // `radar` needs no argument (its window has a default); every other tool has a required one.
                #expect(((input["required"] as? [String]) ?? []).isEmpty == (tool["name"] as? String == "radar"))
                let output = try #require(tool["outputSchema"] as? [String: Any])
                #expect(output["type"] as? String == "object")
                #expect(output["$schema"] == nil, "clients on older JSON Schema drafts refuse a 2020-12 $schema")
                #expect(((tool["annotations"] as? [String: Any])?["readOnlyHint"] as? Bool) == true)
            }
        }
    }

    @Test func toolsAnswerInProcess() throws {
        try Self.withInProcessSession(["--log-level", "debug"]) { _, session in
            _ = try #require(session.initialize())
            let schemas = try Self.outputSchemas(session)
            let answerSchema = try JSONSchemaValidator(schemaText: String(contentsOf: Paths.packageRoot.appendingPathComponent("docs/answer.schema.json"), encoding: .utf8))

            let ask = session.callTool("ask", ["question": DaemonE2E.paymentQuery, "limit": 3])
            let answer = try Self.validated(ask, [answerSchema, try #require(schemas["ask"])])
            #expect(DaemonE2E.names(answer).first == "Circuit Breaker")
            #expect(DaemonE2E.names(answer).count <= 3)
            let table = try #require(ask?.toolText)
            #expect(table.contains("| # | Recommendation | Why | Trade-offs | Sources |"))
            #expect(table.contains("**Circuit Breaker**"))
            #expect(table.contains("`corpus/cards/circuit-breaker.md:"), "citations belong in the text: \(table.prefix(600))")

            let show = session.callTool("show", ["name": "circuit breaker"])
            let card = try Self.validated(show, [try #require(schemas["show"])])
            #expect(card["name"] as? String == "Circuit Breaker")
            #expect(show?.toolText?.contains("corpus/cards/circuit-breaker.md:") == true)

            let decisions = session.callTool("decisions", ["question": "kafka or rabbitmq for order events"])
            let found = try Self.validated(decisions, [try #require(schemas["decisions"])])
            let statuses = ((found["decisions"] as? [[String: Any]]) ?? []).compactMap { $0["status"] as? String }
            #expect(statuses.contains("accepted") && statuses.contains("superseded"), "\(found)")
            #expect(decisions?.toolText?.contains("not in force") == true)
            let accepted = session.callTool("decisions", ["question": "kafka or rabbitmq for order events", "status": "accepted"])
            let onlyAccepted = try Self.validated(accepted, [try #require(schemas["decisions"])])
            #expect(((onlyAccepted["decisions"] as? [[String: Any]]) ?? []).allSatisfy { $0["status"] as? String == "accepted" })

            let unknown = session.callTool("show", ["name": "quantum blockchain mesh"])
            #expect(unknown?.toolIsError == true)
            #expect(unknown?.toolText?.contains("no entity named \"quantum blockchain mesh\"") == true)
            #expect(!session.stderr.contains("answered by the daemon"))
        }
    }

    @Test func badCallsGetErrorsAndTheServerKeepsGoing() throws {
        try Self.withInProcessSession { _, session in
            _ = try #require(session.initialize())
            let toolErrors: [(String, [String: Any]?, String)] = [
                ("ask", nil, "missing required argument \"question\""),
                ("ask", ["question": "   "], "must not be empty"),
                ("ask", ["question": 42], "must be a string, not an integer"),
                ("ask", ["question": "caching", "limit": "five"], "must be an integer, not a string"),
                ("ask", ["question": "caching", "limit": 0], "between 1 and 50"),
                ("ask", ["question": "caching", "limit": 2.5], "must be an integer"),
                ("ask", ["question": "caching", "kind": "widget"], "must be one of pattern, technology"),
                ("ask", ["question": "caching", "colour": "blue"], "unknown argument \"colour\""),
                ("show", [:], "missing required argument \"name\""),
                ("decisions", ["question": "kafka", "status": "maybe"], "must be one of accepted"),
            ]
            for (tool, arguments, message) in toolErrors {
                let r = session.callTool(tool, arguments)
                #expect(r?.toolIsError == true, "\(tool) \(String(describing: arguments)) should fail: \(String(describing: r))")
                #expect(r?.toolText?.contains(message) == true, "\(tool): \(r?.toolText ?? "no text") should say \(message)")
            }
            #expect(session.callTool("nonexistent", [:])?.rpcErrorCode == -32602)
            #expect(session.request("tools/call", ["arguments": ["question": "x"]])?.rpcErrorCode != nil, "a call without a tool name is a protocol error")
            #expect(session.request("no/such/method")?.rpcErrorCode == -32601)

            session.sendLine("{this is not json")
            let parseError = session.message { $0.rpcErrorCode == -32700 }
            #expect(parseError != nil, "a malformed line gets a parse error")
            let after = session.callTool("ask", ["question": "durable event log for order events"])
            #expect(after?.toolIsError == false)
            #expect(DaemonE2E.names(after?.rpcResult?["structuredContent"] as? [String: Any]).first == "Apache Kafka")
        }
    }

    @Test func closingInputRightAfterTheRequestsStillAnswersThemAll() throws {
        try Self.withInProcessSession { _, session in
            session.send(["id": 1, "method": "initialize", "params": ["protocolVersion": "2025-06-18", "capabilities": [String: Any](), "clientInfo": ["name": "pipe", "version": "1"]]])
            session.send(["method": "notifications/initialized"])
            for (i, query) in DaemonE2E.queries.enumerated() {
                session.send(["id": 10 + i, "method": "tools/call", "params": ["name": "ask", "arguments": ["question": query.query]]])
            }
            #expect(session.stop(), "stderr: \(session.stderr)")
            for (i, query) in DaemonE2E.queries.enumerated() {
                let r = session.response(id: 10 + i, timeout: 1)
                #expect(DaemonE2E.names(r?.rpcResult?["structuredContent"] as? [String: Any]).first == query.top, "request \(10 + i) unanswered or wrong")
            }
        }
    }

    @Test func toolsAnswerThroughTheDaemonAndFallBackWhenItStops() throws {
        try DaemonEndToEndTests.withDaemon { box, daemon in
            // No --index: the daemon is asked first; ARCHKB_INDEX is for the in-process fallback.
            let env = box.environment.merging(["ARCHKB_SOCKET": daemon.socket, "ARCHKB_INDEX": box.index]) { $1 }
            let session = try MCPSession(["--log-level", "debug"], environment: env, directory: box.dir)
            defer { session.stop() }
            let reference = try Self.inProcess(box)
            defer { reference.stop() }
            _ = try #require(session.initialize())
            _ = try #require(reference.initialize())
            let schemas = try Self.outputSchemas(session)

            for query in DaemonE2E.queries {
                let viaDaemon = try Self.validated(session.callTool("ask", ["question": query.query, "limit": 4]), [try #require(schemas["ask"])])
                let local = try Self.validated(reference.callTool("ask", ["question": query.query, "limit": 4]), [try #require(schemas["ask"])])
                #expect(DaemonE2E.names(viaDaemon).first == query.top)
                #expect(DaemonE2E.canonical(viaDaemon) == DaemonE2E.canonical(local), "daemon and in-process answers differ for \(query.query)")
            }
            let show = session.callTool("show", ["name": "kafka"])
            #expect(try Self.validated(show, [try #require(schemas["show"])])["name"] as? String == "Apache Kafka")
            #expect(show?.toolText == reference.callTool("show", ["name": "kafka"])?.toolText)
            let missing = session.callTool("show", ["name": "message bus"])
            #expect(missing?.toolIsError == true)
            #expect(missing?.toolText?.hasPrefix("no entity named \"message bus\"; did you mean: RabbitMQ") == true, "\(missing?.toolText ?? "")")
            _ = try Self.validated(session.callTool("decisions", ["question": "ADR-0005"]), [try #require(schemas["decisions"])])
            #expect(session.stderr.contains("ask answered by the daemon"), "stderr: \(session.stderr)")
            #expect(session.stderr.contains("show answered by the daemon"))
            #expect(!session.stderr.contains("answered in process"), "stderr: \(session.stderr)")
            // Whatever the daemon makes of "limit": 1, the tool answers it.
            let one = try Self.validated(session.callTool("ask", ["question": "durable event log for order events", "limit": 1]), [try #require(schemas["ask"])])
            #expect(DaemonE2E.names(one) == ["Apache Kafka"])

            let localBefore = session.stderr.components(separatedBy: "ask answered in process").count
            daemon.signal(SIGTERM)
            #expect(daemon.waitExit(timeout: 10))
            let afterStop = session.callTool("ask", ["question": DaemonE2E.paymentQuery])
            #expect(DaemonE2E.names(try Self.validated(afterStop, [try #require(schemas["ask"])])).first == "Circuit Breaker")
            #expect(session.stderr.components(separatedBy: "ask answered in process").count > localBefore, "stderr: \(session.stderr)")
            #expect(session.stop(), "stderr: \(session.stderr)")
            Self.expectOnlyJSONRPC(session)
        }
    }

    /// Standard output is the MCP channel: every line on it is a JSON-RPC 2.0 message.
    static func expectOnlyJSONRPC(_ session: MCPSession) {
        for line in session.stdoutLines {
            #expect(DaemonE2E.json(line)?["jsonrpc"] as? String == "2.0", "not a JSON-RPC message on stdout: \(line.prefix(200))")
        }
    }
}
