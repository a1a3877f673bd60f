import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension DaemonEndToEndTests {
    /// The first `archkb ask` with no daemon starts one in the background; `ARCHKB_NO_AUTOSTART`
    /// opts out; `archkb daemon stop` and the idle timeout end it. Nested in the end-to-end suite
    /// so it runs serialized with it.
    @Suite("daemon autostart")
    struct Autostart {
        /// The environment of a thin client that may autostart a daemon on the sandbox's socket.
        static func environment(_ box: DaemonSandbox, idleExit: Int = 60) -> [String: String] {
            ["ARCHKB_NO_AUTOSTART": "", "ARCHKB_SOCKET": box.socket, "ARCHKB_INDEX": box.index, "ARCHKB_IDLE_EXIT": String(idleExit)]
        }

        /// The pid of the daemon answering ping on `socket` within `timeout` seconds, or nil.
        static func daemonPid(_ socket: String, timeout: TimeInterval) -> Int? {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let c = try? LineClient(socket, timeout: 2), let pid = c.request(DaemonE2E.req(1, "ping"), timeout: 2)?.result?["pid"] as? Int {
                    return pid
                }
                usleep(100_000)
            }
            return nil
        }

        static func isAlive(_ pid: Int) -> Bool { Glibc.kill(pid_t(pid), 0) == 0 }

        @Test func firstAskStartsADaemonThatAnswersTheNextAndStopEndsIt() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let env = Self.environment(box)
            let t0 = Date()
            let first = try box.archkb(["ask", "--json", "--verbose", DaemonE2E.paymentQuery], environment: env)
            let askSeconds = Date().timeIntervalSince(t0)
            #expect(first.status == 0, "stderr: \(first.stderr)")
            #expect(DaemonE2E.names(DaemonE2E.json(first.stdout)).first == "Circuit Breaker")
            #expect(first.stderr.contains("started a daemon in the background"), "stderr: \(first.stderr)")
            let log = box.dir.appendingPathComponent("s/archkb.log").path
            let pid = try #require(Self.daemonPid(box.socket, timeout: 30),
                                   "no daemon came up on \(box.socket) (ask took \(askSeconds) s, \(first.timedOut)); log: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "none")")
            defer { if Self.isAlive(pid) { _ = Glibc.kill(pid_t(pid), SIGKILL) } }

            let second = try box.archkb(["ask", "--json", "--verbose", DaemonE2E.paymentQuery], environment: env)
            #expect(second.status == 0)
            #expect(DaemonE2E.canonical(DaemonE2E.json(second.stdout)) == DaemonE2E.canonical(DaemonE2E.json(first.stdout)))
            #expect(!second.stderr.contains("answering in process"), "the second ask was not answered by the daemon: \(second.stderr)")
            #expect(!second.stderr.contains("started a daemon"))

            let stop = try box.engine(["daemon", "stop", "--socket", box.socket])
            #expect(stop.status == 0, "stop: \(stop.stdout) \(stop.stderr)")
            let deadline = Date().addingTimeInterval(10)
            while Self.isAlive(pid) && Date() < deadline { usleep(50_000) }
            #expect(!DaemonE2E.isSocket(box.socket), "the socket outlived `daemon stop`")
        }

        @Test func noAutostartOptsOut() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            var env = Self.environment(box)
            env["ARCHKB_NO_AUTOSTART"] = "1"
            let r = try box.archkb(["ask", "--json", "--verbose", DaemonE2E.paymentQuery], environment: env)
            #expect(r.status == 0)
            #expect(!r.stderr.contains("started a daemon"))
            usleep(1_500_000)
            #expect(Self.daemonPid(box.socket, timeout: 0.5) == nil, "a daemon started despite ARCHKB_NO_AUTOSTART=1")
        }

        @Test func idleDaemonExitsAndRemovesItsSocket() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let daemon = try DaemonProcess(box, extraArguments: ["--idle-exit", "1"])
            defer { daemon.kill() }
            // A connection in use keeps it alive past the idle time…
            let c = try LineClient(box.socket)
            for i in 0..<4 {
                usleep(500_000)
                #expect(c.request(DaemonE2E.req(i, "ping"))?.result != nil, "the daemon left while a connection was open")
            }
            c.disconnect()
            // …and with none it exits by itself.
            #expect(daemon.waitExit(timeout: 15), "the daemon did not exit when idle")
            #expect(daemon.exitedZero)
            #expect(!DaemonE2E.isSocket(box.socket))
            #expect(daemon.log.contains("no connection for 1 s"))
        }

        @Test func twoDaemonsStartedAtOnceLeaveOneServing() throws {
            let box = try DaemonSandbox()
            defer { box.remove() }
            let a = try DaemonProcess(box, waitReady: false)
            defer { a.kill() }
            let b = try DaemonProcess(box, waitReady: false)
            defer { b.kill() }
            let pid = try #require(Self.daemonPid(box.socket, timeout: 30))
            let loser = pid == Int(a.pid) ? b : a
            #expect(loser.waitExit(timeout: 20), "the second daemon kept running")
            #expect(loser.log.contains("already running"), "log: \(loser.log)")
            #expect(Self.daemonPid(box.socket, timeout: 5) == pid)
        }
    }
}
