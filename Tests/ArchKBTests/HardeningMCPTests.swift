import Foundation
import Testing

/// Issue 10, `archkb mcp` and JSON-RPC 2.0 exactly: odd ids, parse errors, bad `tools/call`
/// params, an over-long line, and a prompt exit when the input ends.
@Suite("Hardening: MCP JSON-RPC", .serialized,
       .enabled(if: MCPSession.available, "archkb / archkb-mcp / archkb-engine not found next to the test bundle; build the package first"))
struct HardeningMCPTests {
    static func session(_ box: DaemonSandbox) throws -> MCPSession {
        try MCPSession(["--index", box.index], environment: box.environment, directory: box.dir)
    }

    /// Error responses with `"id": null` and `code`, in the order they came.
    static func nullIDErrors(_ s: MCPSession) -> [Int] {
        s.stdoutLines.compactMap(DaemonE2E.json).filter { $0["id"] is NSNull && $0.keys.contains("id") }.compactMap(\.rpcErrorCode)
    }

    @Test func oddIDsAndParseErrorsGetErrorsWithANullID() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let s = try Self.session(box)
        defer { s.stop() }
        #expect(s.initialize() != nil)
        for line in [#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, #"{"jsonrpc":"2.0","id":true,"method":"ping"}"#,
                     #"{"jsonrpc":"2.0","id":{},"method":"ping"}"#, #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#,
                     #"{"jsonrpc":"2.0","id":1e300,"method":"ping"}"#, "not json {", "[]", "42"] {
            s.sendLine(line)
        }
        #expect(s.request("ping")?["result"] != nil)
        let errors = Self.nullIDErrors(s)
        #expect(errors == [-32600, -32600, -32600, -32600, -32600, -32700, -32600, -32600], "\(errors): \(s.stdoutLines.suffix(9))")
        #expect(s.stdoutLines.allSatisfy { !$0.contains("\"id\":\"") }, "a response carried an id nobody sent (the SDK made up random ones)")
    }

    @Test func malformedToolsCallParamsAreInvalidParams() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let s = try Self.session(box)
        defer { s.stop() }
        #expect(s.initialize() != nil)
        let bad: [Any] = [["name": 5], ["arguments": ["question": "x"]], "ask", ["name": "ask", "arguments": [1, 2]], [1]]
        for (n, params) in bad.enumerated() {
            s.send(["id": 500 + n, "method": "tools/call", "params": params])
            let r = s.response(id: 500 + n, timeout: 20)
            #expect(r?.rpcErrorCode == -32602, "params \(params): \(r ?? [:])")
        }
        #expect(s.callTool("ask", ["question": "circuit breaker"])?.toolIsError == false)
    }

    @Test func anOverlongLineIsAnsweredAndTheSessionGoesOn() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let s = try Self.session(box)
        defer { s.stop() }
        #expect(s.initialize() != nil)
        s.sendLine(#"{"jsonrpc":"2.0","id":77,"method":"ping","params":{"pad":""# + String(repeating: "x", count: 5 << 20) + #""}}"#)
        #expect(s.request("ping", timeout: 30)?["result"] != nil, "the session ended after a line over 4 MiB; stderr: \(s.stderr.suffix(300))")
        #expect(Self.nullIDErrors(s) == [-32600])
    }

    @Test func theServerExitsPromptlyWhenInputEndsAfterOddRequests() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let s = try Self.session(box)
        #expect(s.initialize() != nil)
        for line in [#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, #"{"jsonrpc":"2.0","id":false,"method":"ping"}"#, #"{"jsonrpc":"2.0","id":[1],"method":"ping"}"#] {
            s.sendLine(line)
        }
        let started = Date()
        #expect(s.stop(timeout: 20), "stderr: \(s.stderr.suffix(300))")
        #expect(Date().timeIntervalSince(started) < 5, "took \(Date().timeIntervalSince(started)) s to exit (60 s before)")
        #expect(Self.nullIDErrors(s).count == 3)
    }
}
