@testable import ArchKBQuery
import Foundation
import Testing

/// Mistakes on the command line are usage errors (exit 2, message on stderr, nothing on stdout),
/// in process and through the daemon alike.
@Suite("Usage errors", .enabled(if: ProcessRunner.archkbFound && DaemonE2E.available, "archkb executables not built"))
struct UsageErrorTests {
    typealias Home = EndToEndTests.Home

    static func expectUsageError(_ r: ProcessResult, mentions text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.exitedNormally, sourceLocation: sourceLocation)
        #expect(r.status == 2, "status \(r.status); stdout: \(r.stdout.prefix(300)); stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "stdout: \(r.stdout.prefix(300))", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(text), "stderr: \(r.stderr)", sourceLocation: sourceLocation)
    }

    @Test("a mistyped --kind or --area lists the valid values (in process)")
    func kindAndAreaInProcess() throws {
        let home = try Home.make()
        defer { home.dir.remove() }
        Self.expectUsageError(try home.run(["ask", "--index", home.index, "--no-daemon", "--kind", "patern", "retries"]),
                              mentions: "valid kinds: pattern, technology, practice, anti-pattern, capability")
        Self.expectUsageError(try home.run(["ask", "--index", home.index, "--no-daemon", "--area", "resilence", "retries"]),
                              mentions: "valid areas: ")
        let ok = try home.run(["ask", "--index", home.index, "--no-daemon", "--kind", "Pattern", "--area", "resil", "stop cascading failures"])
        #expect(ok.status == 0, "a kind in another case and a part of an area are fine: \(ok.stderr)")
    }

    @Test("a mistyped --kind or --area is refused by the daemon too")
    func kindAndAreaThroughTheDaemon() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let daemon = try DaemonProcess(box)
        defer { daemon.kill() }
        Self.expectUsageError(try box.archkb(["ask", "--socket", daemon.socket, "--kind", "patern", "retries"]), mentions: "valid kinds: pattern")
        Self.expectUsageError(try box.archkb(["ask", "--socket", daemon.socket, "--area", "resilence", "retries"]), mentions: "valid areas: ")
        Self.expectUsageError(try box.archkb(["ask", "--socket", daemon.socket]), mentions: "ask needs a question")
        Self.expectUsageError(try box.archkb(["show", "--socket", daemon.socket]), mentions: "show needs an entity name")
    }

    @Test("CLI and MCP accept the same kinds")
    func sameKinds() {
        #expect(AskOptions.kinds == ["pattern", "technology", "practice", "anti-pattern", "capability"])
        #expect(throws: QueryError.self) { try AskOptions.checkedKind("patterns") }
        #expect((try? AskOptions.checkedKind("ANTI-PATTERN")) == "anti-pattern")
    }

    @Test("no question, no name, a mistyped command")
    func missingWords() throws {
        let home = try Home.make()
        defer { home.dir.remove() }
        Self.expectUsageError(try home.run(["ask", "--index", home.index]), mentions: "ask needs a question")
        Self.expectUsageError(try home.run(["show", "--index", home.index]), mentions: "show needs an entity name")
        Self.expectUsageError(try home.run(["show", "--index", home.index, "   "]), mentions: "Usage: archkb show")
        Self.expectUsageError(try home.run(["aks", "retries"]), mentions: "did you mean `archkb ask`?")
        Self.expectUsageError(try home.run(["shwo", "x"]), mentions: "did you mean `archkb show`?")
        Self.expectUsageError(try home.run(["xyzzy"]), mentions: "unknown command \"xyzzy\"")
        #expect(try home.run(["xyzzy"]).stderr.contains("did you mean") == false)
    }

    @Test("an --index that does not exist is an error, and nothing is created")
    func missingIndex() throws {
        let home = try Home.make(indexed: false)
        defer { home.dir.remove() }
        let missing = home.url.appendingPathComponent("nowhere/x.sqlite")
        Self.expectUsageError(try home.run(["ask", "--index", missing.path, "retries"]), mentions: "no such index")
        Self.expectUsageError(try home.run(["show", "--index", missing.path, "circuit breaker"]), mentions: "no such index")
        #expect(!FileManager.default.fileExists(atPath: missing.deletingLastPathComponent().path), "the folder was created")
        let built = try home.run(["index", "--index", missing.path, "--corpus", home.url.appendingPathComponent("corpus").path])
        #expect(built.status == 0, "archkb index builds a new --index: \(built.stderr)")
        #expect(FileManager.default.fileExists(atPath: missing.path))
    }

    @Test("a question from standard input: `ask -` and a pipe")
    func questionFromStdin() throws {
        let home = try Home.make()
        defer { home.dir.remove() }
        guard let exe = ProcessRunner.executable else { return }
        for args in [["ask", "-"], ["ask"]] {
            let p = Process()
            p.executableURL = exe
            p.arguments = args + ["--index", home.index, "--json"]
            p.environment = ProcessInfo.processInfo.environment.merging(ProcessRunner.environment(home: home.url)) { $1 }
            p.currentDirectoryURL = home.url
            let input = Pipe(), output = Pipe()
            p.standardInput = input
            p.standardOutput = output
            p.standardError = FileHandle.nullDevice
            try p.run()
            input.fileHandleForWriting.write(Data("stop cascading failures\nwhen the payment provider is down\n".utf8))
            try input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(args)")
            let answer = try EndToEndTests.json(String(decoding: data, as: UTF8.self))
            #expect(answer["query"] as? String == "stop cascading failures\nwhen the payment provider is down", "\(args)")
        }
    }
}
