import ArchKBClient
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 10, who stands behind the socket: the daemon refuses directories others control, the
/// client checks the directory and the listening process's uid, and its JSON reader takes any bytes.
@Suite("Hardening: socket trust", .serialized,
       .enabled(if: DaemonE2E.available, "archkb / archkb-engine not found next to the test bundle; build the package first"))
struct HardeningTrustTests {
    @Test func theDaemonRefusesASocketDirectoryOthersCanWrite() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let open = box.path + "/open"
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: false)
        chmod(open, 0o777)
        let r = try box.engine(["serve", "--socket", open + "/d.sock", "--index", box.index], timeout: 20)
        #expect(!r.timedOut && r.status == 2)
        #expect(r.stderr.contains("writable by group or others"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: open + "/d.sock"))
    }

    @Test(.enabled(if: OtherUser.available, "\(OtherUser.unavailableReason ?? "")"))
    func theDaemonRefusesASocketDirectoryOfAnotherUser() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let theirs = box.path + "/theirs"
        try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: false)
        OtherUser.chown(theirs)
        let r = try box.engine(["serve", "--socket", theirs + "/d.sock", "--index", box.index], timeout: 20)
        #expect(!r.timedOut && r.status == 2)
        #expect(r.stderr.contains("belongs to uid \(OtherUser.uid)"), "\(r.stderr)")
    }

    /// Another user runs a daemon of their own (a real `archkb-engine serve`, as uid 65534) on a
    /// socket the victim's `ARCHKB_SOCKET` names: the victim's client must not take its answers.
    @Test(.enabled(if: OtherUser.available, "\(OtherUser.unavailableReason ?? "")"))
    func theClientDoesNotTrustASocketOfAnotherUser() throws {
        guard let engine = DaemonE2E.engine else { return }
        let box = try DaemonSandbox()
        defer { box.remove() }
        chmod(box.path, 0o755)
        let theirs = box.path + "/theirs"
        try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: false)
        let theirIndex = theirs + "/i.sqlite"
        try FileManager.default.copyItem(atPath: box.index, toPath: theirIndex)
        OtherUser.chown(theirs)
        OtherUser.chown(theirIndex)
        let socket = theirs + "/d.sock"
        let attacker = OtherUser.process(engine, ["serve", "--socket", socket, "--index", theirIndex])
        attacker.environment = ProcessInfo.processInfo.environment.merging(box.environment) { $1 }
        attacker.currentDirectoryURL = box.dir
        attacker.standardOutput = FileHandle.nullDevice
        attacker.standardError = FileHandle.nullDevice
        try attacker.run()
        defer { attacker.terminate(); attacker.waitUntilExit() }
        var listening: LineClient?
        for _ in 0..<200 where listening == nil {
            listening = try? LineClient(socket, timeout: 2)
            if listening == nil { usleep(50_000) }
        }
        let raw = try #require(listening, "the other user's daemon did not come up")
        // The kernel says who listens: not us.
        #expect(SocketTrust.peerProblem(raw.fd)?.contains("uid \(OtherUser.uid)") == true)
        #expect(SocketTrust.directoryProblem(forConnecting: socket)?.contains("belongs to uid \(OtherUser.uid)") == true)
        #expect(DaemonConnection(path: socket) == nil)
        let local = try box.archkb(["ask", "--no-daemon", "--index", box.index, "circuit breaker"])
        let env = ["ARCHKB_SOCKET": socket, "ARCHKB_INDEX": box.index]
        let quiet = try box.archkb(["ask", "circuit breaker"], environment: env)
        #expect(quiet.status == 0 && quiet.stdout == local.stdout && quiet.stderr.isEmpty, "\(quiet.stderr)")
        let told = try box.archkb(["ask", "--verbose", "circuit breaker"], environment: env)
        #expect(told.stderr.contains("not trusting the daemon socket"), "\(told.stderr)")
        let requests = raw.request(DaemonE2E.req(1, "stats"))?.result?["daemon"] as? [String: Any]
        #expect(requests?["requests"] as? Int == 1, "the victim's client talked to the other user's daemon: \(requests ?? [:])")
    }

    @Test func ourOwnDaemonPassesThePeerCheck() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let daemon = try DaemonProcess(box)
        defer { daemon.kill() }
        let c = try LineClient(daemon.socket)
        #expect(SocketTrust.peerProblem(c.fd) == nil)
        #expect(SocketTrust.directoryProblem(forConnecting: daemon.socket) == nil)
        #expect(DaemonConnection(path: daemon.socket)?.request(#"{"id":1,"op":"ping"}"#)?.contains("\"ok\":true") == true)
    }

    @Test func miniJSONTakesAnyBytes() {
        #expect(MiniJSON.parse(String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)) == nil)
        #expect(MiniJSON.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) != nil)
        #expect(MiniJSON.parse(String(repeating: "{\"a\":", count: 50_000)) == nil)
        #expect(MiniJSON.parse("1e300")?.int == nil)
        #expect(MiniJSON.parse("1e999") == nil)
        #expect(MiniJSON.parse("-1e19")?.int == nil)
        #expect(MiniJSON.parse("2.9")?.int == 2)
        #expect(MiniJSON.parse("42")?.int == 42)
        #expect(MiniJSON.parse(#""\ud800\u0041""#)?.string == "\u{FFFD}")
        #expect(MiniJSON.parse(#""\udfff""#)?.string == "\u{FFFD}")
        #expect(MiniJSON.parse("+-.eE") == nil)
        var rng = SplitMix64(seed: 10)
        for _ in 0..<3000 {
            let bytes = (0..<Int(rng.next() % 64)).map { _ in Fuzz.jsonish[Int(rng.next() % UInt64(Fuzz.jsonish.count))] }
            _ = MiniJSON.parse(String(decoding: bytes, as: UTF8.self)).map { $0.int }
        }
    }

    @Test func questionWordsAreJoinedBeforeTheArgumentParser() {
        #expect(QuestionArguments.compact(["ask", "--limit", "3", "cache", "--json", "inv"]) == ["ask", "--limit", "3", "--json", "--", "cache inv"])
        #expect(QuestionArguments.compact(["ask", "--", "-x", "y"]) == ["ask", "--", "-x y"])
        #expect(QuestionArguments.compact(["ask", "one"]) == ["ask", "one"])
        #expect(QuestionArguments.compact(["index", "--corpus", "a", "b"]) == ["index", "--corpus", "a", "b"])
        #expect(QuestionArguments.compact(["show", "circuit", "breaker", "--index", "i.sqlite"]) == ["show", "--index", "i.sqlite", "--", "circuit breaker"])
    }
}
