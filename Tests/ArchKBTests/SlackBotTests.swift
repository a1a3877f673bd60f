import Foundation
import Testing

/// Slack messages over the socket and from the CLI fit docs/slack.schema.json, and scripts/slack-bot's
/// self-test (signature checks, a daemon round trip, its HTTP handler) passes against a real
/// daemon and fails without one.
@Suite("Slack over the socket and the bot script", .serialized,
       .enabled(if: SlackBotScript.python != nil && DaemonE2E.available, "python3 or the archkb executables not found"))
struct SlackBotTests {
    @Test func daemonAndCLISlackMessagesFitTheSchema() throws {
        try DaemonEndToEndTests.withDaemon { box, daemon in
            let client = try LineClient(daemon.socket)
            let schema = try SlackBlocksTests.schema.get()
            for (i, query) in (DaemonE2E.queries.map(\.query) + ["how do I bake sourdough bread", "ADR-0005"]).enumerated() {
                let response = try #require(client.request(DaemonE2E.req(i, "ask", ["query": query, "limit": 50, "format": "slack"])))
                let message = try #require(response.result, "\(response)")
                #expect(schema.errors(try mcpValue(message)) == [], "daemon: \(query)")
                let cli = try box.archkb(["ask", "--no-daemon", "--index", box.index, "--format", "slack", "--limit", "50", query])
                let printed = try #require(DaemonE2E.json(cli.stdout), "CLI printed: \(cli.stdout.prefix(200))")
                #expect(schema.errors(try mcpValue(printed)) == [], "CLI: \(query)")
                #expect(DaemonE2E.canonical(printed) == DaemonE2E.canonical(message), "daemon and CLI differ for \(query)")
            }
        }
    }

    @Test func selfTestPassesAgainstARunningDaemon() throws {
        try DaemonEndToEndTests.withDaemon { box, daemon in
            let r = try SlackBotScript.run(["--self-test", "--socket", daemon.socket], in: box)
            #expect(r.exitedNormally && r.status == 0, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
            #expect(r.stdout.contains("slack-bot self-test: ok"), "\(r.stdout)")
        }
    }

    @Test func selfTestFailsWithoutADaemon() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let r = try SlackBotScript.run(["--self-test", "--socket", box.socket], in: box)
        #expect(r.exitedNormally && r.status == 1, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        #expect(r.stderr.contains("no archkb daemon on \(box.socket)"))
    }

    @Test func servingWithoutASigningSecretIsRefused() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let r = try SlackBotScript.run(["--port", "0"], in: box, environment: ["SLACK_SIGNING_SECRET": ""])
        #expect(r.status == 2)
        #expect(r.stderr.contains("SLACK_SIGNING_SECRET"))
    }
}

/// Runs scripts/slack-bot with python3.
enum SlackBotScript {
    static let python: URL? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    static var script: String { Paths.packageRoot.appendingPathComponent("scripts/slack-bot").path }

    static func run(_ args: [String], in box: DaemonSandbox, environment: [String: String] = [:]) throws -> ProcessResult {
        guard let python else { throw ProcessRunner.RunnerError.noExecutable }
        return try ProcessRunner.run(python, [script] + args, environment: box.environment.merging(environment) { $1 }, directory: box.dir, timeout: 60)
    }
}
