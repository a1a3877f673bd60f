import Foundation
import Logging
import MCP

/// Wraps a transport so that the end of input does not cut off answers still being worked on.
///
/// The SDK's server handles each request in its own task and stops reading when standard input
/// ends; a client that writes its requests and closes the pipe (`printf … | archkb mcp`) would lose
/// the answers. This transport counts the messages that expect a reply and the replies sent, and
/// finishes its input stream only when every reply is out (or `drainTimeout` has passed).
actor DrainingTransport: Transport {
    let inner: any Transport
    nonisolated let logger: Logger
    let drainTimeout: Duration
    /// Messages received that expect a reply, minus replies sent.
    private(set) var awaiting = 0
    private var upstream: AsyncThrowingStream<Data, Error>?

    init(inner: any Transport, logger: Logger, drainTimeout: Duration = .seconds(60)) {
        self.inner = inner
        self.logger = logger
        self.drainTimeout = drainTimeout
    }

    func connect() async throws {
        try await inner.connect()
        upstream = await inner.receive()
    }

    func disconnect() async { await inner.disconnect() }

    func send(_ data: Data) async throws {
        try await inner.send(data)
        if MessageShape.isReply(data) { awaiting = max(awaiting - 1, 0) }
    }

    func receive() -> AsyncThrowingStream<Data, Error> {
        guard let upstream else {
            return AsyncThrowingStream { $0.finish(throwing: MCPError.internalError("transport is not connected")) }
        }
        return AsyncThrowingStream { continuation in
            let pump = Task {
                do {
                    for try await message in upstream {
                        // Lines JSON-RPC says to answer with an error are answered here, not by the SDK.
                        if case .reply(let response) = JSONRPCGate.screen(message) {
                            try? await self.inner.send(response)
                            continue
                        }
                        if MessageShape.expectsReply(message) { self.noteRequest() }
                        continuation.yield(message)
                    }
                    await self.drain()
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in pump.cancel() }
        }
    }

    private func noteRequest() { awaiting += 1 }

    /// Waits until every reply has been sent, or the timeout.
    private func drain() async {
        let deadline = ContinuousClock.now + drainTimeout
        while awaiting > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        if awaiting > 0 { logger.warning("input ended with \(awaiting) request(s) unanswered after \(drainTimeout)") }
    }
}

/// Classifies JSON-RPC messages by shape: does an incoming one expect a reply, is an outgoing one a reply.
enum MessageShape {
    /// Requests, batches with a request in them, and anything unreadable (which gets an error reply).
    static func expectsReply(_ data: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: data) else { return true }
        if let batch = object as? [Any] { return batch.contains { expectsReply(item: $0) } }
        return expectsReply(item: object)
    }

    static func expectsReply(item: Any) -> Bool {
        guard let message = item as? [String: Any] else { return true }
        if message["method"] != nil { return message["id"] != nil }
        // A response to a request of ours needs no reply; anything else is malformed and gets an error.
        return message["result"] == nil && message["error"] == nil
    }

    /// Responses (with a result or an error) and batches of them. Outgoing messages come from the
    /// SDK's encoder, so they are valid JSON; only their top-level keys are read (parsing a whole
    /// 10 KB answer with JSONSerialization cost about 3 ms a call).
    static func isReply(_ data: Data) -> Bool {
        guard let first = data.first(where: { $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 }) else { return false }
        if first == UInt8(ascii: "[") { return true }
        let keys = topLevelKeys(data)
        return !keys.contains("method") && (keys.contains("result") || keys.contains("error"))
    }

    /// The keys of a JSON object's outermost level, found by one pass over the bytes.
    static func topLevelKeys(_ data: Data) -> Set<String> {
        var keys: Set<String> = []
        var depth = 0
        var inString = false
        var escaped = false
        var stringStart = 0
        var lastString: Range<Int>?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for i in 0..<bytes.count {
                let b = bytes[i]
                if inString {
                    if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") {
                        inString = false
                        lastString = stringStart..<i
                    }
                    continue
                }
                switch b {
                case UInt8(ascii: "\""): inString = true; stringStart = i + 1
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                case UInt8(ascii: ":") where depth == 1:
                    if let r = lastString { keys.insert(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[r]), as: UTF8.self)) }
                default: break
                }
            }
        }
        return keys
    }
}
