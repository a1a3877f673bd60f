import ArchKBCore
import ArchKBIndex
import Foundation
import Testing

/// Runs `archkb-engine serve` on a copy of the fixture index and talks to it over its Unix socket.
///
/// Each test starts its own daemon in its own /tmp/akb-… directory and kills it in a `defer`,
/// so a failed expectation never leaves a process behind. Lifecycle tests (signals, stale
/// sockets, reload, thin client, permissions) are in DaemonEndToEndLifecycleTests.swift.
@Suite("archkb daemon end to end", .serialized,
       .enabled(if: DaemonE2E.available, "archkb / archkb-engine not found next to the test bundle; build the package first"))
struct DaemonEndToEndTests {
    /// A sandbox with a running daemon, both removed afterwards.
    static func withDaemon(_ body: (DaemonSandbox, DaemonProcess) throws -> Void) throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let daemon = try DaemonProcess(box)
        defer { daemon.kill() }
        try body(box, daemon)
    }

    static func req(_ id: Any, _ op: String, _ params: [String: Any] = [:]) -> String { DaemonE2E.req(id, op, params) }

    @Test func everyOpAnswers() throws {
        try Self.withDaemon { box, daemon in
            let c = try LineClient(daemon.socket)

            let ping = try #require(c.request(Self.req(1, "ping")))
            #expect(ping["id"] as? Int == 1)
            let pong = try #require(ping.result, "\(ping)")
            #expect(pong["version"] as? String == ArchKBVersion.current)
            #expect(pong["protocol"] as? Int == 1)
            #expect(pong["pid"] as? Int == Int(daemon.pid))

            // ask: exactly the object `archkb ask --json --no-daemon` prints for the same index.
            for (params, flags) in [([String: Any](), [String]()), (["limit": 3, "ranker": "bm25"], ["--limit", "3", "--ranker", "bm25"])] {
                var p = params
                p["query"] = DaemonE2E.paymentQuery
                let ask = try #require(c.request(Self.req("a", "ask", p)))
                #expect(ask["id"] as? String == "a")
                let answer = try #require(ask.result, "\(ask)")
                let cli = try box.archkb(["ask", "--json", "--no-daemon", "--index", box.index] + flags + [DaemonE2E.paymentQuery])
                #expect(cli.status == 0, "stderr: \(cli.stderr)")
                let expected = try #require(DaemonE2E.json(cli.stdout), "CLI printed: \(cli.stdout.prefix(300))")
                #expect(DaemonE2E.names(answer).first == "Circuit Breaker")
                #expect(DaemonE2E.names(answer) == DaemonE2E.names(expected))
                #expect(DaemonE2E.canonical(answer["recommendations"]) == DaemonE2E.canonical(expected["recommendations"]), "recommendations differ with \(flags)")
                #expect(DaemonE2E.canonical(answer) == DaemonE2E.canonical(expected), "the ask object differs with \(flags)")
            }

            // complete: case-insensitive; whole-phrase matches first, later-word matches after.
            let circ = try #require(c.request(Self.req(3, "complete", ["prefix": "circ"]))?.result?["candidates"] as? [String])
            #expect(!circ.isEmpty)
            #expect(circ.first?.lowercased().hasPrefix("circ") == true, "\(circ)")
            #expect(circ.contains("Circuit Breaker"))
            for candidate in circ {
                #expect(Self.hasWord(candidate, startingWith: "circ"), "\(candidate) does not match \"circ\"")
            }
            let upper = c.request(Self.req(4, "complete", ["prefix": "CIRC"]))?.result?["candidates"] as? [String]
            #expect(upper == circ)
            let multi = try #require(c.request(Self.req(5, "complete", ["prefix": "circuit br", "limit": 5]))?.result?["candidates"] as? [String])
            #expect(multi.first == "Circuit Breaker", "\(multi)")
            #expect(multi.count <= 5)
            for candidate in multi { #expect(Self.hasWord(candidate, startingWith: "circuit br"), "\(candidate)") }
            let later = try #require(c.request(Self.req(6, "complete", ["prefix": "order ev"]))?.result?["candidates"] as? [String])
            #expect(later.contains("Use Kafka for order events"), "\(later)")

            // show: the card `archkb show --json` prints; a missing name is not_found.
            let show = try #require(c.request(Self.req(7, "show", ["name": "circuit breaker"])))
            let card = try #require(show.result, "\(show)")
            #expect(card["name"] as? String == "Circuit Breaker")
            #expect(card["kind"] as? String == "pattern")
            #expect(card["area"] as? String == "Resilience")
            let cliCard = try box.archkb(["show", "--json", "--no-daemon", "--index", box.index, "circuit", "breaker"])
            #expect(DaemonE2E.canonical(DaemonE2E.json(cliCard.stdout)) == DaemonE2E.canonical(card), "CLI: \(cliCard.stdout.prefix(300))")
            #expect(c.request(Self.req(8, "show", ["name": "sourdough starter"]))?.errorCode == "not_found")

            let statsResponse = try #require(c.request(Self.req(9, "stats")))
            let stats = try #require(statsResponse.result, "\(statsResponse)")
            #expect(stats["documents"] as? Int == 19)
            #expect(stats["entities"] as? Int == 8)
            #expect(stats["index"] as? String == box.index)
            let d = try #require(stats["daemon"] as? [String: Any])
            #expect((d["requests"] as? Int ?? 0) > 0)
            #expect(d["pid"] as? Int == Int(daemon.pid))
            #expect(d["version"] as? String == ArchKBVersion.current)
            #expect(d["protocol"] as? Int == 1)
            #expect((d["uptime_s"] as? Double ?? -1) >= 0)

            let reload = try #require(c.request(Self.req(10, "reload"))?.result)
            #expect(reload["reloaded"] as? Bool == true)
            #expect(reload["built_at"] as? Double == stats["built_at"] as? Double)

            let bye = try #require(c.request(Self.req(11, "shutdown")))
            #expect(bye["id"] as? Int == 11)
            #expect(bye.result?["stopping"] as? Bool == true)
            c.disconnect()
            #expect(daemon.waitExit(timeout: 10), "the daemon still runs 10 s after shutdown")
            #expect(daemon.exitedZero, "exit \(daemon.process.terminationStatus): \(daemon.log)")
            #expect(!FileManager.default.fileExists(atPath: daemon.socket), "shutdown left the socket file")
        }
    }

    /// Whether a word of `text` (or the run of words from it) starts with `prefix`, ignoring case.
    static func hasWord(_ text: String, startingWith prefix: String) -> Bool {
        let words = text.lowercased().split(separator: " ")
        return words.indices.contains { words[$0...].joined(separator: " ").hasPrefix(prefix.lowercased()) }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try Self.withDaemon { _, daemon in
            let c = try LineClient(daemon.socket)
            let lines = (0..<6).map { i in
                i % 2 == 0 ? Self.req(i, "ask", ["query": DaemonE2E.queries[i / 2].query, "limit": 2]) : Self.req(i, "ping")
            }
            #expect(c.write(Array(lines.map { $0 + "\n" }.joined().utf8)))
            for i in 0..<6 {
                let r = try #require(c.readLine().text.flatMap(DaemonE2E.json), "no response \(i)")
                #expect(r["id"] as? Int == i)
                #expect(r["ok"] as? Bool == true)
                if i % 2 == 0 { #expect(DaemonE2E.names(r.result).first == DaemonE2E.queries[i / 2].top) }
            }
        }
    }

    @Test func sixteenConcurrentClientsAskFiftyTimesEach() throws {
        try Self.withDaemon { _, daemon in
            let failures = Locked<[String]>([])
            let answered = Locked(0)
            let socket = daemon.socket
            let finished = DaemonE2E.onThreads(16, timeout: 240) { client in
                guard let c = try? LineClient(socket) else { failures.with { $0.append("client \(client) could not connect") }; return }
                for i in 0..<50 {
                    let (query, top) = DaemonE2E.queries[(client + i) % DaemonE2E.queries.count]
                    let id = "c\(client)-\(i)"
                    guard let r = c.request(Self.req(id, "ask", ["query": query]), timeout: 60) else {
                        failures.with { $0.append("\(id): no response") }
                        return
                    }
                    let name = DaemonE2E.names(r.result).first
                    if r["id"] as? String != id || r["ok"] as? Bool != true || name != top {
                        failures.with { $0.append("\(id): id \(r["id"] ?? "nil"), ok \(r["ok"] ?? "nil"), top \(name ?? "nil"), error \(r.errorCode ?? "-")") }
                    }
                    answered.with { $0 += 1 }
                }
            }
            #expect(finished, "the clients did not finish within 240 s")
            #expect(failures.get.isEmpty, "\(failures.get.prefix(10))")
            #expect(answered.get == 16 * 50)
            let stats = try LineClient(daemon.socket).request(Self.req(1, "stats"))
            #expect((stats?.result?["daemon"] as? [String: Any])?["requests"] as? Int ?? 0 >= 16 * 50)
        }
    }

    @Test func badRequestsGetErrorsAndTheConnectionKeepsWorking() throws {
        try Self.withDaemon { _, daemon in
            let a = try LineClient(daemon.socket)
            let b = try LineClient(daemon.socket)
            #expect(b.request(Self.req("b0", "ping"))?["ok"] as? Bool == true)
            let cases: [(bytes: [UInt8], code: String, id: Int?)] = [
                (Array("{bad".utf8), "bad_json", nil),
                (Array(#"{"id":5,"op":"frobnicate"}"#.utf8), "unknown_op", 5),
                (Array(#"{"id":6,"op":"ask","query":"kafka","limit":"a"}"#.utf8), "bad_request", 6),
                (Array(#"{"id":7,"op":"ping","note":""#.utf8) + [0xFF, 0xFE, 0xC0, 0x80] + Array(#""}"#.utf8), "invalid_utf8", nil),
                (Array(#"[1,2]"#.utf8), "bad_request", nil),
                (Array(#"{"id":8}"#.utf8), "bad_request", 8),
                (Array(#"{"id":9,"op":42}"#.utf8), "bad_request", 9),
                (Array(#"{"id":10,"op":"ask"}"#.utf8), "bad_request", 10),
                (Array(#"{"id":11,"op":"ask","query":"kafka","limit":0}"#.utf8), "bad_request", 11),
                (Array(#"{"id":12,"op":"ask","query":"kafka","limit":51}"#.utf8), "bad_request", 12),
                (Array(#"{"id":13,"op":"ask","query":"kafka","limit":true}"#.utf8), "bad_request", 13),
                (Array(#"{"id":14,"op":"ask","query":"kafka","ranker":"magic"}"#.utf8), "bad_request", 14),
                (Array(#"{"id":15,"op":"ask","query":"kafka","format":7}"#.utf8), "bad_request", 15),
                (Array(#"{"id":16,"op":"complete","prefix":5}"#.utf8), "bad_request", 16),
                (Array(#"{"id":17,"op":"show"}"#.utf8), "bad_request", 17),
            ]
            for (n, t) in cases.enumerated() {
                #expect(a.write(t.bytes + [10]))
                let line = try #require(a.readLine().text, "case \(n): no response")
                let r = try #require(DaemonE2E.json(line), "case \(n): not JSON: \(line)")
                #expect(r["ok"] as? Bool == false, "case \(n): \(line)")
                #expect(r.errorCode == t.code, "case \(n): \(line)")
                #expect(((r["error"] as? [String: Any])?["message"] as? String)?.isEmpty == false)
                if let id = t.id { #expect(r["id"] as? Int == id, "case \(n): \(line)") } else { #expect(r["id"] is NSNull, "case \(n): \(line)") }
                let ok = a.request(Self.req(100 + n, "ping"))
                #expect(ok?["ok"] as? Bool == true && ok?["id"] as? Int == 100 + n, "case \(n): the connection stopped answering")
            }
            #expect(a.request(Self.req("after", "ask", ["query": DaemonE2E.paymentQuery])).map { DaemonE2E.names($0.result).first } == "Circuit Breaker")
            // 1 is a valid limit (on Linux it also decodes as a Bool-compatible NSNumber).
            let one = a.request(Self.req("one", "ask", ["query": DaemonE2E.paymentQuery, "limit": 1]))
            #expect(one?["ok"] as? Bool == true, "limit 1 refused: \(String(describing: one))")
            #expect(DaemonE2E.names(one?.result).count == 1)
            let other = b.request(Self.req("b1", "ask", ["query": DaemonE2E.paymentQuery]))
            #expect(other?["id"] as? String == "b1")
            #expect(DaemonE2E.names(other?.result).first == "Circuit Breaker")
        }
    }

    /// The protocol echoes the request id as given, booleans included (Linux decodes them as
    /// NSNumber; RequestHandler tells them apart by the boolean type code).
    @Test func idsAreEchoedUnchanged() throws {
        try Self.withDaemon { _, daemon in
            let c = try LineClient(daemon.socket)
            for id in [#"7"#, #""abc""#, #""é ☃ \"q\"""#, #"null"#, #"1.5"#, #"-3"#, #"{"a":[1,null]}"#, #"[1,"x"]"#, #"true"#, #"false"#] {
                let line = try #require(c.requestLine(#"{"id":\#(id),"op":"ping"}"#), "id \(id): no response")
                #expect(line.hasPrefix(#"{"id":\#(id),"#),
                        "sent id \(id), got \(line)")
            }
            #expect(c.request(#"{"op":"ping"}"#)?["id"] is NSNull)
        }
    }

    @Test func overlongLinesAreRefusedAndTheConnectionClosed() throws {
        try Self.withDaemon { _, daemon in
            // Exactly 64 KiB is still a request.
            let base = #"{"id":1,"op":"ping","pad":""}"#
            let limit = #"{"id":1,"op":"ping","pad":""# + String(repeating: "a", count: 64 * 1024 - base.utf8.count) + #""}"#
            #expect(limit.utf8.count == 64 * 1024)
            let atLimit = try LineClient(daemon.socket)
            #expect(atLimit.request(limit)?["ok"] as? Bool == true)

            // One byte more, newline-terminated; then a line that never ends.
            for bytes in [Array((limit + " ").utf8) + [10], [UInt8](repeating: UInt8(ascii: "x"), count: 100_000)] {
                let c = try LineClient(daemon.socket)
                c.write(bytes)  // may fail part-way: the daemon stops reading after 64 KiB
                let r = try #require(c.readLine().text.flatMap(DaemonE2E.json), "no line_too_long response for \(bytes.count) bytes")
                #expect(r.errorCode == "line_too_long")
                #expect(r["ok"] as? Bool == false)
                #expect(c.readLine(timeout: 5) == .closed, "the connection stays open after line_too_long")
            }
            #expect(atLimit.request(Self.req(2, "ping"))?["ok"] as? Bool == true, "another client was affected")
        }
    }

    @Test func brokenClientsDoNotAffectOthers() throws {
        try Self.withDaemon { _, daemon in
            let bystander = try LineClient(daemon.socket)
            #expect(bystander.request(Self.req(0, "ping"))?["ok"] as? Bool == true)
            for round in 0..<10 {
                // Half a line, then gone.
                let half = try LineClient(daemon.socket)
                half.write(Array(#"{"id":1,"op":"ask","qu"#.utf8))
                half.disconnect()
                // A whole request, then gone before the answer.
                let impatient = try LineClient(daemon.socket)
                impatient.send(line: Self.req(round, "ask", ["query": DaemonE2E.paymentQuery, "limit": 50]))
                impatient.disconnect()
                // Connect and leave without a byte.
                try LineClient(daemon.socket).disconnect()
            }
            // A request trickled in pieces, and one followed by a half-close (as `nc -U` does).
            let trickle = try LineClient(daemon.socket)
            for piece in [#"{"id":"t","op""#, #":"ask","query":"retry failed "#, "payment calls\"}\n"] {
                trickle.write(Array(piece.utf8))
                usleep(100_000)
            }
            #expect(DaemonE2E.names(trickle.readLine().text.flatMap(DaemonE2E.json)?.result).first == "Retry with Exponential Backoff")
            let halfClosed = try LineClient(daemon.socket)
            halfClosed.send(line: Self.req("h", "ping"))
            halfClosed.shutdownWrite()
            #expect(halfClosed.readLine().text.flatMap(DaemonE2E.json)?["id"] as? String == "h")
            #expect(halfClosed.readLine(timeout: 5) == .closed)

            #expect(daemon.isRunning)
            let r = bystander.request(Self.req("ok", "ask", ["query": DaemonE2E.paymentQuery]))
            #expect(DaemonE2E.names(r?.result).first == "Circuit Breaker")
            #expect(try LineClient(daemon.socket).request(Self.req(1, "ping"))?["ok"] as? Bool == true)
        }
    }

    /// With every slot held by an idle client, a newcomer is served and the connection idle longest
    /// is closed for it (issue 10: slow clients must not lock out fast ones).
    @Test func the65thConnectionIsServedAndTheLongestIdleOneIsClosed() throws {
        try Self.withDaemon { _, daemon in
            var held: [LineClient] = []
            for i in 0..<64 {
                let c = try LineClient(daemon.socket)
                #expect(c.request(Self.req(i, "ping"))?["ok"] as? Bool == true, "connection \(i)")
                held.append(c)
            }
            let extra = try LineClient(daemon.socket)
            #expect(extra.request(Self.req("extra", "ping"), timeout: 10)?["ok"] as? Bool == true)
            #expect(held[0].readLine(timeout: 5) == .closed)
            #expect(held[63].request(Self.req("last", "ping"))?["ok"] as? Bool == true)
            held.forEach { $0.disconnect() }
            var served = false
            let deadline = Date().addingTimeInterval(5)
            while !served && Date() < deadline {
                served = (try? LineClient(daemon.socket))?.request(Self.req("again", "ping"), timeout: 2)?["ok"] as? Bool == true
                if !served { usleep(50_000) }
            }
            #expect(served, "connections were not freed after the clients left")
        }
    }
}
