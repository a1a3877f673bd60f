import Foundation

/// Screens each incoming line before the MCP SDK sees it, answering what JSON-RPC 2.0 says must
/// be answered and the SDK gets wrong.
///
/// The SDK drops requests whose id is a float, a boolean or an object (it decodes them as
/// notifications, so the server then waited for answers that never came), answers a parse error
/// with a random id instead of `null`, and reports malformed `tools/call` params as an internal
/// error (-32603) instead of invalid params (-32602). Here: not JSON → -32700 with id null; not
/// a request object, or an id that is not a string or an integer (MCP also forbids null) →
/// -32600 with id null; bad `tools/call` params → -32602 with the request's id. Everything else
/// passes through unchanged.
enum JSONRPCGate {
    /// What to do with one line.
    enum Verdict: Equatable {
        /// Hand the line to the SDK.
        case pass
        /// Answer with this response line instead (the line is not passed on).
        case reply(Data)
    }

    /// The marker `StdioLineTransport` yields for a line over its limit (its bytes were dropped).
    static let oversizedLine = Data()

    static func screen(_ data: Data) -> Verdict {
        if data == oversizedLine {
            return .reply(error(id: nil, code: -32600, message: "Invalid Request: line longer than \(StdioLineTransport.maxLineBytes) bytes"))
        }
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return .reply(error(id: nil, code: -32700, message: "Parse error: not valid JSON"))
        }
        if let batch = object as? [Any] {
            return batch.isEmpty ? .reply(error(id: nil, code: -32600, message: "Invalid Request: empty batch")) : .pass
        }
        guard let message = object as? [String: Any] else {
            return .reply(error(id: nil, code: -32600, message: "Invalid Request: a message must be a JSON object"))
        }
        // Responses to requests of ours go to the SDK as they are.
        if message["method"] == nil, message["result"] != nil || message["error"] != nil { return .pass }
        let hasID = message.keys.contains("id")
        let id = hasID ? validID(message["id"]) : nil
        if hasID && id == nil {
            return .reply(error(id: nil, code: -32600, message: "Invalid Request: id must be a string or an integer"))
        }
        guard message["jsonrpc"] as? String == "2.0" else {
            return hasID ? .reply(error(id: id, code: -32600, message: "Invalid Request: \"jsonrpc\" must be \"2.0\"")) : .pass
        }
        guard let method = message["method"] as? String else {
            return .reply(error(id: id, code: -32600, message: "Invalid Request: \"method\" must be a string"))
        }
        if method == "tools/call", let id, let problem = toolsCallProblem(message["params"]) {
            return .reply(error(id: id, code: -32602, message: "Invalid params: \(problem)"))
        }
        return .pass
    }

    /// The id as JSON text when it is a string or an integer the SDK can carry, else nil.
    static func validID(_ value: Any?) -> String? {
        guard let value else { return nil }
        if let s = value as? String {
            return String(decoding: (try? JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed])) ?? Data("\"\"".utf8), as: UTF8.self)
        }
        guard let n = value as? NSNumber, !isBoolean(n) else { return nil }
        let d = n.doubleValue
        guard d.isFinite, d == d.rounded(), abs(d) < 9.0e15, let i = Int(exactly: d) else { return nil }
        return String(i)
    }

    /// Why `params` cannot be a `tools/call` request's params, or nil.
    static func toolsCallProblem(_ params: Any?) -> String? {
        guard let object = params as? [String: Any] else { return "tools/call params must be an object with a string \"name\"" }
        guard object["name"] is String else { return "tools/call params must have a string \"name\"" }
        if let arguments = object["arguments"], !(arguments is NSNull), !(arguments is [String: Any]) {
            return "tools/call \"arguments\" must be an object"
        }
        return nil
    }

    /// Whether a JSONSerialization number is a JSON boolean (on Linux both arrive as NSNumber).
    static func isBoolean(_ n: NSNumber) -> Bool {
        String(cString: n.objCType) == "c" || type(of: n as Any) == Bool.self
    }

    /// A JSON-RPC error response; `id` is JSON text, nil for null.
    static func error(id: String?, code: Int, message: String) -> Data {
        let text = String(decoding: (try? JSONSerialization.data(withJSONObject: message, options: [.fragmentsAllowed])) ?? Data("\"error\"".utf8), as: UTF8.self)
        return Data("{\"jsonrpc\":\"2.0\",\"id\":\(id ?? "null"),\"error\":{\"code\":\(code),\"message\":\(text)}}".utf8)
    }
}
