import Foundation
import Logging
import MCP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The MCP stdio transport (newline-delimited JSON-RPC on standard input and output) with blocking I/O.
///
/// The SDK's `StdioTransport` makes both descriptors non-blocking and polls standard input every
/// 10 ms: each request waits up to 10 ms before it is read (measured: `ping` ≈ 10 ms), and an idle
/// server wakes up a hundred times a second for as long as the client keeps it open. This transport
/// reads on a thread of its own that sleeps in `read(2)` until a line arrives, and writes with
/// `write(2)`, so an idle server costs nothing and a request is read the moment it is written.
actor StdioLineTransport: Transport {
    nonisolated let logger: Logger
    let input: Int32
    let output: Int32
    private let stream: AsyncThrowingStream<Data, Error>
    private let continuation: AsyncThrowingStream<Data, Error>.Continuation
    private var started = false

    /// Lines longer than this are dropped: their bytes are skipped up to the next newline and
    /// `JSONRPCGate.oversizedLine` is yielded in their place (answered with an error), so the
    /// session goes on.
    static let maxLineBytes = 4 << 20

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, logger: Logger) {
        self.input = input
        self.output = output
        self.logger = logger
        (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self, throwing: Error.self)
    }

    func connect() async throws {
        guard !started else { return }
        started = true
        let thread = Thread { [input, continuation, logger] in
            StdioLineTransport.readLines(from: input, into: continuation, logger: logger)
        }
        thread.name = "archkb.mcp.stdin"
        thread.start()
    }

    func disconnect() async { continuation.finish() }

    func receive() -> AsyncThrowingStream<Data, Error> { stream }

    func send(_ data: Data) async throws {
        var bytes = [UInt8](data)
        bytes.append(UInt8(ascii: "\n"))
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
            if n > 0 { sent += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                var pfd = pollfd(fd: output, events: Int16(POLLOUT), revents: 0)
                _ = poll(&pfd, 1, 1000)
                continue
            }
            throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
    }

    /// Reads `fd` until end of file, yielding each non-empty line without its newline.
    static func readLines(from fd: Int32, into continuation: AsyncThrowingStream<Data, Error>.Continuation, logger: Logger) {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        // True while skipping the rest of an over-long line.
        var discarding = false
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&pfd, 1, -1)
                continue
            }
            if n <= 0 { break }
            var bytes = chunk[0..<n]
            if discarding {
                guard let nl = bytes.firstIndex(of: UInt8(ascii: "\n")) else { continue }
                discarding = false
                bytes = bytes[(nl + 1)...]
            }
            var start = pending.count
            pending.append(contentsOf: bytes)
            var lineStart = 0
            while let nl = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[lineStart..<nl]
                if line.count > maxLineBytes {
                    logger.error("an input line is longer than \(maxLineBytes) bytes; answering it with an error")
                    continuation.yield(JSONRPCGate.oversizedLine)
                } else if !line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
                    continuation.yield(Data(line))
                }
                lineStart = nl + 1
                start = lineStart
            }
            pending.removeFirst(lineStart)
            if pending.count > maxLineBytes {
                logger.error("an input line is longer than \(maxLineBytes) bytes; skipping it and answering with an error")
                continuation.yield(JSONRPCGate.oversizedLine)
                pending.removeAll(keepingCapacity: false)
                discarding = true
            }
        }
        if !pending.isEmpty && !pending.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continuation.yield(Data(pending)) }
        logger.debug("standard input closed")
        continuation.finish()
    }
}
