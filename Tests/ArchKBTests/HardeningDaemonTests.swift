import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 10, the daemon and the thin client on real sockets: full daemons, slow clients,
/// hostile servers, odd ids, wrongly typed fields, long questions, many words.
@Suite("Hardening: daemon and thin client", .serialized,
       .enabled(if: DaemonE2E.available, "archkb / archkb-engine not found next to the test bundle; build the package first"))
struct HardeningDaemonTests {
    static func withDaemon(_ body: (DaemonSandbox, DaemonProcess) throws -> Void) throws { try DaemonEndToEndTests.withDaemon(body) }

    /// `n` connections that each sent an unfinished request line.
    static func slowClients(_ socket: String, _ n: Int) throws -> [LineClient] {
        try (0..<n).map { _ in
            let c = try LineClient(socket)
            c.write(Array("{".utf8))
            return c
        }
    }

    @Test func aFullDaemonClosesItsLongestWaitingConnectionForANewClient() throws {
        try Self.withDaemon { box, daemon in
            let slow = try Self.slowClients(daemon.socket, 64)
            usleep(200_000)
            let started = Date()
            let fast = try LineClient(daemon.socket)
            #expect(fast.request(DaemonE2E.req(1, "ping"), timeout: 5)?["ok"] as? Bool == true, "a fast client was locked out by 64 slow ones")
            #expect(Date().timeIntervalSince(started) < 3)
            #expect(slow[0].readLine(timeout: 5) == .closed, "the oldest slow connection was not the one closed")
            // The thin client gets the daemon's answer too, with nothing on stderr.
            let thin = try box.archkb(["ask", "--json", "circuit breaker"], environment: ["ARCHKB_SOCKET": daemon.socket])
            let local = try box.archkb(["ask", "--json", "--no-daemon", "--index", box.index, "circuit breaker"])
            #expect(thin.status == 0 && thin.stdout == local.stdout && thin.stderr.isEmpty, "\(thin.status) \(thin.stderr)")
            withExtendedLifetime(slow) {}
        }
    }

    @Test func aRequestLineTricklingInIsCutOffAtItsDeadline() throws {
        try Self.withDaemon { _, daemon in
            let c = try LineClient(daemon.socket)
            let started = Date()
            c.write(Array(#"{"id":1,"#.utf8))
            var closedAfter: TimeInterval?
            for _ in 0..<20 {
                sleep(1)
                if !c.write(Array(" ".utf8)) { closedAfter = Date().timeIntervalSince(started); break }
                var pfd = pollfd(fd: c.fd, events: Int16(POLLIN), revents: 0)
                if poll(&pfd, 1, 0) > 0 { closedAfter = Date().timeIntervalSince(started); break }
            }
            let after = try #require(closedAfter, "a connection sending a byte a second kept its slot for 20 s")
            #expect(after >= 9 && after < 14, "closed after \(after) s")
            if case .line(let text) = c.readLine(timeout: 2) { #expect(text.contains("\"timeout\""), "\(text)") }
        }
    }

    @Test func aClientThatDoesNotReadIsCutOffAtTheWriteDeadline() throws {
        try Self.withDaemon { _, daemon in
            let c = try LineClient(daemon.socket)
            let request = DaemonE2E.req(1, "show", ["name": "circuit breaker", "render": true])
            let count = 3000
            let writer = DaemonE2E.startThreads(1) { _ in
                for _ in 0..<count where c.send(line: request) {}
            }
            sleep(14)  // the daemon fills the socket buffers, then waits at most 10 s for us to read
            var answered = 0
            var end = LineClient.Read.timeout
            while true {
                end = c.readLine(timeout: 5)
                guard end.text != nil else { break }
                answered += 1
            }
            #expect(end == .closed && answered < count, "answered \(answered) of \(count), then \(end)")
            c.disconnect()
            _ = writer.wait(timeout: .now() + 10)
            #expect(try LineClient(daemon.socket).request(DaemonE2E.req(2, "ping"))?["ok"] as? Bool == true)
        }
    }

    @Test func busyResetAndRefusedDaemonsAreAnsweredInProcess() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let local = try box.archkb(["ask", "--no-daemon", "--index", box.index, "circuit breaker"])
        #expect(local.status == 0)
        let busy = Array(#"{"id":null,"ok":false,"error":{"code":"busy","message":"too many connections; try again"}}"#.utf8) + [10]
        for (name, reply, readFirst) in [("busy", busy, false), ("reset", [UInt8](), false), ("silent close", [UInt8](), true)] {
            let server = try ScriptedSocketServer(path: box.path + "/fake.sock", reply: reply, readFirst: readFirst)
            defer { server.stop() }
            for verbose in [false, true, false, false] {
                let env = ["ARCHKB_SOCKET": server.path, "ARCHKB_INDEX": box.index]
                let r = try box.archkb(["ask"] + (verbose ? ["--verbose"] : []) + ["circuit breaker"], environment: env)
                #expect(r.exitedNormally && r.status == 0, "\(name): exit \(r.status) \(r.reason) (141 is SIGPIPE)")
                #expect(r.stdout == local.stdout, "\(name): not the in-process answer")
                if verbose {
                    #expect(r.stderr.contains("answering in process"), "\(name): \(r.stderr)")
                } else {
                    #expect(r.stderr.isEmpty, "\(name): \(r.stderr)")
                }
            }
            #expect(server.connections.get >= 4, "\(name)")
        }
        // Refused: a socket file nobody listens on.
        let dead = box.path + "/dead.sock"
        let s = try ScriptedSocketServer(path: dead, reply: [], readFirst: false)
        s.stop()
        let r = try box.archkb(["ask", "circuit breaker"], environment: ["ARCHKB_SOCKET": dead, "ARCHKB_INDEX": box.index])
        #expect(r.status == 0 && r.stdout == local.stdout && r.stderr.isEmpty, "\(r.stderr)")
    }

    @Test func hostileAnswersDoNotCrashTheThinClient() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let local = try box.archkb(["ask", "--no-daemon", "--index", box.index, "circuit breaker"])
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let payloads = [#"{"id":1,"ok":true,"result":{"text":"x\n","exit":1e300}}"#, #"{"id":1,"ok":true,"result":{"text":"x\n","exit":-7}}"#,
                        #"{"id":1,"ok":true,"result":\#(deep)}"#, #"{"id":1,"ok":true,"result":{"text":"\ud800\u0041","exit":2147483648}}"#,
                        #"{"id":1,"ok":true,"result":{"text":"x","exit":1e999}}"#, "\u{1}\u{2}garbage"]
        for payload in payloads {
            let server = try ScriptedSocketServer(path: box.path + "/evil.sock", reply: Array(payload.utf8) + [10], readFirst: true)
            defer { server.stop() }
            let r = try box.archkb(["ask", "circuit breaker"], environment: ["ARCHKB_SOCKET": server.path, "ARCHKB_INDEX": box.index])
            #expect(r.exitedNormally && r.status == 0 && r.stdout == local.stdout, "payload \(payload.prefix(60)): exit \(r.status) \(r.reason)")
        }
    }

    @Test func idsComeBackAsTheirOwnText() throws {
        try Self.withDaemon { _, daemon in
            let c = try LineClient(daemon.socket)
            for id in ["1e308", "-1e308", "0.123456789", "18446744073709551616", "1E+2", "-0", #""\u0041\n""#, #"{"b":1.10,"a":[1e300]}"#] {
                let line = try #require(c.requestLine(#"{"op":"ping", "id" : \#(id) }"#), "id \(id)")
                #expect(line.hasPrefix(#"{"id":\#(id),"ok":true"#), "id \(id): \(line.prefix(80))")
                #expect(DaemonE2E.json(line) != nil, "id \(id): not JSON: \(line.prefix(80))")
            }
            // The last of duplicate ids is the one JSON readers keep; error answers echo it too.
            let dup = try #require(c.requestLine(#"{"id":1,"id":2.50,"op":"nope"}"#))
            #expect(dup.hasPrefix(#"{"id":2.50,"ok":false"#), "\(dup)")
        }
    }

    @Test func optionalFieldsOfTheWrongTypeAreBadRequests() throws {
        try Self.withDaemon { _, daemon in
            let c = try LineClient(daemon.socket)
            let cases: [[String: Any]] = [["kind": 3], ["area": ["x"]], ["explain": "yes"], ["render": 1], ["json": "true"], ["client_version": 1]]
            for (n, extra) in cases.enumerated() {
                let r = try #require(c.request(DaemonE2E.req(n, "ask", extra.merging(["query": "kafka"]) { $1 })))
                #expect(r.errorCode == "bad_request", "\(extra): \(r)")
            }
            for extra: [String: Any] in [["kind": NSNull()], ["explain": false], ["render": true], ["kind": "pattern", "area": "Messaging"]] {
                #expect(c.request(DaemonE2E.req(9, "ask", extra.merging(["query": "kafka"]) { $1 }))?["ok"] as? Bool == true, "\(extra)")
            }
        }
    }

    @Test func questionsOverTheDaemonLineLimitAreAnsweredInProcess() throws {
        try Self.withDaemon { box, daemon in
            let question = String(repeating: "event\n", count: 11_000)
            // Answered in process, so the client needs the index the daemon serves.
            let env = ["ARCHKB_SOCKET": daemon.socket, "ARCHKB_INDEX": box.index]
            let via = try box.archkb(["ask", "--", question], environment: env)
            let local = try box.archkb(["ask", "--no-daemon", "--index", box.index, "--", question])
            #expect(via.status == local.status && via.status != 2, "via daemon \(via.status): \(via.stderr)")
            #expect(via.stdout == local.stdout)
        }
    }

    @Test func twentyThousandQuestionWordsParseInLinearTime() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let words = Array(repeating: "cache", count: 20_000)
        let started = Date()
        let r = try box.archkb(["ask", "--no-daemon", "--index", box.index, "--"] + words, environment: ["ARCHKB_SOCKET": box.path + "/none"])
        let took = Date().timeIntervalSince(started)
        #expect(r.exitedNormally && r.status != 2, "\(r.stderr)")
        #expect(took < 5, "20,000 words took \(took) s (12 s when the parser stored them one by one)")
    }
}
