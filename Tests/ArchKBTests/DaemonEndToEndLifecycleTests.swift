import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension DaemonEndToEndTests {
    /// Daemon lifecycle: stale and live sockets, signals, index reloads, the thin client, permissions.
    /// Nested in the end-to-end suite so it runs serialized with it.
    @Suite("daemon lifecycle")
    struct Lifecycle {
        static func req(_ id: Any, _ op: String, _ params: [String: Any] = [:]) -> String { DaemonE2E.req(id, op, params) }

        static func stats(_ socket: String) -> [String: Any]? {
            (try? LineClient(socket))?.request(req("stats", "stats"))?.result
        }

        static func requests(_ socket: String) -> Int? {
            (stats(socket)?["daemon"] as? [String: Any])?["requests"] as? Int
        }

        /// Asks in a loop on `clients` connections until `stop`; records failures and answers.
        static func traffic(_ socket: String, clients: Int, stop: Locked<Bool>, failures: Locked<[String]>, answered: Locked<Int>) -> DispatchGroup {
            DaemonE2E.startThreads(clients) { client in
                guard let c = try? LineClient(socket) else { failures.with { $0.append("client \(client): no connection") }; return }
                var i = 0
                while !stop.get {
                    let (query, top) = DaemonE2E.queries[(client + i) % DaemonE2E.queries.count]
                    guard c.send(line: req(i, "ask", ["query": query])) else { failures.with { $0.append("client \(client) #\(i): send failed") }; return }
                    let read = c.readLine(timeout: 30)
                    guard let r = read.text.flatMap(DaemonE2E.json) else { failures.with { $0.append("client \(client) #\(i): \(read)") }; return }
                    if r["id"] as? Int != i || DaemonE2E.names(r.result).first != top {
                        failures.with { $0.append("client \(client) #\(i): \(r["ok"] ?? "?") \(r.errorCode ?? "") top \(DaemonE2E.names(r.result).first ?? "-")") }
                    }
                    answered.with { $0 += 1 }
                    i += 1
                }
            }
        }

        @Test func staleSocketAfterKill9IsReplaced() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let first = try DaemonProcess(box)
            defer { first.kill() }
            first.signal(SIGKILL)
            #expect(first.waitExit(timeout: 10))
            #expect(first.process.terminationReason == .uncaughtSignal)
            #expect(DaemonE2E.isSocket(box.socket), "kill -9 should leave the socket file behind")
            #expect((try? LineClient(box.socket)) == nil, "nothing should accept on the stale socket")

            let second = try DaemonProcess(box)
            defer { second.kill() }
            let c = try LineClient(box.socket)
            #expect(c.request(Self.req(1, "ping"))?.result?["pid"] as? Int == Int(second.pid))
            #expect(DaemonE2E.names(c.request(Self.req(2, "ask", ["query": DaemonE2E.paymentQuery]))?.result).first == "Circuit Breaker")
        }

        @Test func secondDaemonOnALiveSocketRefusesToStart() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let first = try DaemonProcess(box)
            defer { first.kill() }
            let r = try box.engine(["serve", "--socket", box.socket, "--index", box.index], timeout: 20)
            #expect(!r.timedOut, "the second daemon kept running")
            #expect(r.exitedNormally && r.status != 0, "status \(r.status)")
            #expect((r.stderr + r.stdout).contains("already running"), "stderr: \(r.stderr)")
            #expect(DaemonE2E.isSocket(box.socket), "the refused daemon removed the live socket")
            #expect(first.isRunning)
            #expect(try LineClient(box.socket).request(Self.req(1, "ping"))?.result?["pid"] as? Int == Int(first.pid))
        }

        @Test func sigtermLetsInFlightRequestsFinishAndRemovesTheSocket() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let daemon = try DaemonProcess(box)
            defer { daemon.kill() }
            let stop = Locked(false), failures = Locked<[String]>([]), answered = Locked(0)
            let group = Self.traffic(daemon.socket, clients: 4, stop: stop, failures: failures, answered: answered)
            let deadline = Date().addingTimeInterval(30)
            while answered.get < 12 && Date() < deadline && failures.get.isEmpty { usleep(10_000) }
            // Clients send nothing after `stop`; every request sent before it must be answered.
            stop.with { $0 = true }
            daemon.signal(SIGTERM)
            #expect(group.wait(timeout: .now() + 40) == .success, "clients hung after SIGTERM")
            #expect(failures.get.isEmpty, "\(failures.get)")
            #expect(answered.get >= 12)
            #expect(daemon.waitExit(timeout: 15), "still running 15 s after SIGTERM")
            #expect(daemon.exitedZero, "reason \(daemon.process.terminationReason.rawValue), status \(daemon.process.terminationStatus)")
            #expect(!FileManager.default.fileExists(atPath: daemon.socket), "SIGTERM left the socket file")
        }

        /// An idle connection has no request in flight, so it should not hold up a SIGTERM.
        /// Documents a bug: DaemonServer.serve's drain counts idle connections as active and
        /// waits the full 10 s for them.
        @Test func sigtermIsNotHeldUpByAnIdleConnection() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let daemon = try DaemonProcess(box)
            defer { daemon.kill() }
            let idle = try LineClient(daemon.socket)
            #expect(idle.request(Self.req(1, "ping"))?["ok"] as? Bool == true)
            let start = Date()
            daemon.signal(SIGTERM)
            #expect(daemon.waitExit(timeout: 20))
            let took = Date().timeIntervalSince(start)
            #expect(took < 5, "SIGTERM took \(String(format: "%.1f", took)) s with one idle client connected")
            #expect(daemon.exitedZero)
            #expect(!FileManager.default.fileExists(atPath: daemon.socket))
        }

        @Test func reindexDuringTrafficReloadsWithoutFailedRequests() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let daemon = try DaemonProcess(box)
            defer { daemon.kill() }
            let fixture = try FixtureIndex.get()
            let before = try #require(Self.stats(daemon.socket)?["built_at"] as? Double)
            let stop = Locked(false), failures = Locked<[String]>([]), answered = Locked(0)
            let group = Self.traffic(daemon.socket, clients: 2, stop: stop, failures: failures, answered: answered)
            defer { stop.with { $0 = true }; _ = group.wait(timeout: .now() + 40) }
            usleep(300_000)
            let r = try box.engine(["index", "--index", box.index, "--corpus", fixture.corpus.path, "--force"],
                                   environment: ["ARCHKB_HOME": fixture.root.path], timeout: 120)
            #expect(r.status == 0, "index: \(r.stderr)")
            var after = before
            let deadline = Date().addingTimeInterval(10)
            while after == before && Date() < deadline {
                usleep(100_000)
                after = Self.stats(daemon.socket)?["built_at"] as? Double ?? before
            }
            #expect(after != before, "the daemon did not pick up the rebuilt index within 10 s")
            usleep(500_000)
            stop.with { $0 = true }
            #expect(group.wait(timeout: .now() + 40) == .success)
            #expect(failures.get.isEmpty, "\(failures.get.prefix(10))")
            #expect(answered.get > 0)
            let reload = try LineClient(daemon.socket).request(Self.req(1, "reload"))?.result
            #expect(reload?["reloaded"] as? Bool == true)
            #expect(reload?["built_at"] as? Double == after)
        }

        @Test func garbageIndexFileKeepsTheOldIndexServing() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let daemon = try DaemonProcess(box)
            defer { daemon.kill() }
            let c = try LineClient(daemon.socket)
            #expect(DaemonE2E.names(c.request(Self.req(0, "ask", ["query": DaemonE2E.paymentQuery]))?.result).first == "Circuit Breaker")
            let before = try #require(c.request(Self.req(1, "stats"))?.result?["built_at"] as? Double)
            try box.replaceIndex(with: Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }))
            usleep(1_500_000)  // the watcher polls every 0.5 s
            for (n, q) in DaemonE2E.queries.enumerated() {
                let r = c.request(Self.req(n, "ask", ["query": q.query]))
                #expect(DaemonE2E.names(r?.result).first == q.top, "\(r ?? [:])")
            }
            let stats = c.request(Self.req(2, "stats"))?.result
            #expect(stats?["built_at"] as? Double == before)
            #expect(stats?["documents"] as? Int == 19)
            #expect(c.request(Self.req(3, "reload"))?.errorCode == "reload_failed")
            #expect(c.request(Self.req(4, "complete", ["prefix": "circ"]))?.result?["candidates"] as? [String] != [])
            #expect(daemon.isRunning)
        }

        /// Documents a bug: SearcherPool.withSearcher opens `indexPath` afresh when no pooled searcher
        /// is free, so once the file is garbage, concurrent requests fail with `internal`.
        @Test func garbageIndexFileKeepsTheOldIndexServingConcurrentClients() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let daemon = try DaemonProcess(box)
            defer { daemon.kill() }
            #expect(try LineClient(daemon.socket).request(Self.req(0, "ask", ["query": DaemonE2E.paymentQuery]))?["ok"] as? Bool == true)
            try box.replaceIndex(with: Data(repeating: 0x5A, count: 8192))
            usleep(1_500_000)
            let failures = Locked<[String]>([])
            let socket = daemon.socket
            let finished = DaemonE2E.onThreads(8, timeout: 60) { client in
                guard let c = try? LineClient(socket) else { return failures.with { $0.append("\(client): no connection") } }
                for i in 0..<5 {
                    let r = c.request(Self.req(i, "ask", ["query": DaemonE2E.paymentQuery]))
                    if DaemonE2E.names(r?.result).first != "Circuit Breaker" { failures.with { $0.append("\(client)/\(i): \(r?.errorCode ?? "no answer")") } }
                }
            }
            #expect(finished)
            #expect(failures.get.isEmpty, "\(failures.get.count) of 40 asks failed: \(failures.get.prefix(5))")
        }

        @Test func thinClientAnswersThroughTheDaemon() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let daemon = try DaemonProcess(box)
            defer { daemon.kill() }
            let env = ["ARCHKB_SOCKET": daemon.socket]
            let before = try #require(Self.requests(daemon.socket))
            // No --index: only the daemon knows the index (the home has no default one).
            let viaDaemon = try box.archkb(["ask", "--json", "circuit breaker"], environment: env)
            let after = try #require(Self.requests(daemon.socket))
            #expect(after - before == 2, "the thin client did not ask the daemon (requests \(before) → \(after))")
            let inProcess = try box.archkb(["ask", "--json", "--no-daemon", "--index", box.index, "circuit breaker"])
            #expect(viaDaemon.status == 0 && inProcess.status == 0, "stderr: \(viaDaemon.stderr) / \(inProcess.stderr)")
            #expect(!viaDaemon.stdout.isEmpty)
            #expect(viaDaemon.stdout == inProcess.stdout)
            #expect(viaDaemon.stderr.isEmpty, "\(viaDaemon.stderr)")

            let complete = try box.archkb(["complete", "circ"], environment: env)
            #expect(complete.status == 0, "\(complete.stderr)")
            let candidates = try LineClient(daemon.socket).request(Self.req(1, "complete", ["prefix": "circ"]))?.result?["candidates"] as? [String]
            #expect(complete.stdout.split(separator: "\n").map(String.init) == candidates)
            #expect(complete.stdout.hasPrefix("Circuit Breaker\n"))
            let completeInProcess = try box.archkb(["complete", "--no-daemon", "--index", box.index, "circ"])
            #expect(complete.stdout == completeInProcess.stdout)

            let show = try box.archkb(["show", "circuit", "breaker"], environment: env)
            let showInProcess = try box.archkb(["show", "--no-daemon", "--index", box.index, "circuit", "breaker"])
            #expect(show.status == 0 && show.stdout == showInProcess.stdout)
        }

        @Test func socketDirectoryIs0700AndSocket0600() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let daemon = try DaemonProcess(box)
            defer { daemon.kill() }
            let dir = (daemon.socket as NSString).deletingLastPathComponent
            #expect(DaemonE2E.mode(dir) == 0o700, "directory mode \(String(DaemonE2E.mode(dir) ?? 0, radix: 8))")
            #expect(DaemonE2E.isSocket(daemon.socket))
            #expect(DaemonE2E.mode(daemon.socket) == 0o600, "socket mode \(String(DaemonE2E.mode(daemon.socket) ?? 0, radix: 8))")
        }

        /// Documents a bug: DaemonServer.bind chmods the socket's directory to 0700 even when it
        /// already existed (`--socket /tmp/archkb.sock` run as root would lock everyone out of /tmp).
        @Test func anExistingSocketDirectoryKeepsItsMode() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let shared = box.dir.appendingPathComponent("shared").path
            try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            chmod(shared, 0o755)
            let daemon = try DaemonProcess(box, socket: shared + "/d.sock")
            defer { daemon.kill() }
            #expect(DaemonE2E.mode(shared) == 0o755, "the daemon changed an existing directory to \(String(DaemonE2E.mode(shared) ?? 0, radix: 8))")
            #expect(DaemonE2E.mode(daemon.socket) == 0o600)
        }

        @Test func overlongSocketPathIsRefused() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let path = box.path + "/" + String(repeating: "x", count: 120) + ".sock"
            let r = try box.engine(["serve", "--socket", path, "--index", box.index], timeout: 20)
            #expect(!r.timedOut && r.status != 0)
            #expect(r.stderr.contains("too long"), "stderr: \(r.stderr)")
        }
    }
}
