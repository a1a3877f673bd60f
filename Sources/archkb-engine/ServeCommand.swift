import ArgumentParser
import ArchKBClient
import ArchKBCore
import ArchKBDaemon
import ArchKBIndex
import ArchKBQuery
import ArchKBRender
import Foundation
import Logging

/// Options of commands that may talk to the daemon.
struct DaemonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Daemon socket (default: $ARCHKB_SOCKET, $XDG_RUNTIME_DIR/archkb/archkb.sock, /tmp/archkb-$UID/archkb.sock).", valueName: "path"), completion: .file())
    var socket: String?

    @Flag(name: .long, help: "Answer in process even when a daemon is running.")
    var noDaemon = false

    var socketPath: String { SocketPath.resolve(flag: socket) }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the daemon in the foreground (for systemd and containers).")

    @OptionGroup var options: IndexOptions
    @Option(name: .long, help: ArgumentHelp("Socket path.", valueName: "path"), completion: .file())
    var socket: String?
    @Option(name: .long, help: ArgumentHelp("Exit after this many seconds without a connection (0: never; default: never in the foreground).", valueName: "seconds"))
    var idleExit: Int?

    func run() throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let logger = Logger(label: "archkb.daemon")
        let ws = options.workspace
        do {
            _ = try IndexSession.open(ws) { logger.info("\($0.dropFirst(8))") }
            let pool = try SearcherPool(indexPath: ws.indexPath)
            let server = DaemonServer(socketPath: SocketPath.resolve(flag: socket), pool: pool, logger: logger,
                                      idleExitSeconds: idleExit.flatMap { $0 > 0 ? $0 : nil })
            try server.bind()
            signal(SIGPIPE, SIG_IGN)
            signal(SIGTERM, SIG_IGN)
            signal(SIGINT, SIG_IGN)
            let sources = [SIGTERM, SIGINT].map { sig -> DispatchSourceSignal in
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                source.setEventHandler { logger.info("signal \(sig): draining"); server.stop() }
                source.resume()
                return source
            }
            // The signal sources must outlive serve(); an optimised build would release them early.
            withExtendedLifetime(sources) { server.serve() }
        } catch {
            printError("\(error)")
            throw Exit.error
        }
    }
}

struct Daemon: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start, stop or query a background daemon (for people who don't use systemd).",
                                                    subcommands: [Start.self, Stop.self, Status.self])

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a daemon in the background; replaces one of another version.")
        @OptionGroup var options: IndexOptions
        @Option(name: .long, help: ArgumentHelp("Socket path.", valueName: "path"), completion: .file()) var socket: String?
        @Option(name: .long, help: ArgumentHelp("Exit after this many seconds without a connection (0: never; default: $ARCHKB_IDLE_EXIT, else 1800).", valueName: "seconds"))
        var idleExit: Int?

        func run() throws {
            let path = SocketPath.resolve(flag: socket)
            if let info = DaemonControl.ping(path) {
                if info.version == ArchKBVersion.current { print("archkb daemon \(info.version) already running (pid \(info.pid)) on \(path)"); return }
                print("replacing archkb daemon \(info.version) (pid \(info.pid)) with \(ArchKBVersion.current)")
                DaemonControl.shutdown(path)
            }
            let engine = Workspace.engineExecutable()
            var args = [engine, "serve", "--socket", path, "--idle-exit", String(idleExit ?? DaemonAutostart.idleExitSeconds)]
            if let index = options.index { args += ["--index", index] }
            // Logs go under $XDG_STATE_HOME/archkb (~/.local/state/archkb), not beside the socket.
            let stateDir = Workspace.stateDirectory()
            let logPath = stateDir + "/daemon.log"
            try? FileManager.default.createDirectory(atPath: stateDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard DaemonControl.spawnDetached(args, log: logPath) else { printError("cannot start \(engine)"); throw Exit.error }
            for _ in 0..<100 {
                if let info = DaemonControl.ping(path) { print("archkb daemon \(info.version) started (pid \(info.pid)) on \(path); log: \(logPath)"); return }
                usleep(50_000)
            }
            printError("the daemon did not come up within 5 s; see \(logPath)")
            throw Exit.error
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the daemon (it finishes in-flight requests first).")
        @Option(name: .long, help: ArgumentHelp("Socket path.", valueName: "path"), completion: .file()) var socket: String?

        func run() throws {
            let path = SocketPath.resolve(flag: socket)
            guard DaemonControl.ping(path) != nil else { print("no archkb daemon on \(path)"); throw Exit.nothingFound }
            DaemonControl.shutdown(path)
            print("archkb daemon stopped")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show whether a daemon runs, its version, uptime and requests served (exit 1 when none runs).")
        @Option(name: .long, help: ArgumentHelp("Socket path.", valueName: "path"), completion: .file()) var socket: String?
        @Flag(name: .long, help: "Print the status as JSON.") var json = false

        func run() throws {
            let path = SocketPath.resolve(flag: socket)
            guard let conn = DaemonConnection(path: path, timeoutSeconds: 5),
                  let line = conn.request("{\"id\":1,\"op\":\"stats\"}"), let r = MiniJSON.parse(line), let d = r["result"]?["daemon"] else {
                print(json ? JSONValue.object([("running", .bool(false)), ("socket", .string(path))]).serialized() : "no archkb daemon on \(path)")
                throw Exit.nothingFound
            }
            if json {
                print(JSONValue.object([
                    ("running", .bool(true)), ("socket", .string(path)), ("version", .string(d["version"]?.string ?? "")),
                    ("pid", .int(d["pid"]?.int ?? 0)), ("uptime_s", .int(d["uptime_s"]?.int ?? 0)), ("requests", .int(d["requests"]?.int ?? 0)),
                    ("index", .string(r["result"]?["index"]?.string ?? "")),
                ]).serialized())
                return
            }
            print("archkb daemon \(d["version"]?.string ?? "?") on \(path): pid \(d["pid"]?.int ?? 0), up \(d["uptime_s"]?.int ?? 0) s, \(d["requests"]?.int ?? 0) requests, index \(r["result"]?["index"]?.string ?? "?")")
        }
    }
}

/// Talking to a daemon from the engine: ping, shutdown, spawn.
enum DaemonControl {
    struct Info { var version: String; var pid: Int }

    static func ping(_ path: String) -> Info? {
        guard let conn = DaemonConnection(path: path, timeoutSeconds: 3), let line = conn.request("{\"id\":1,\"op\":\"ping\"}"),
              let r = MiniJSON.parse(line), let result = r["result"] else { return nil }
        return Info(version: result["version"]?.string ?? "?", pid: result["pid"]?.int ?? 0)
    }

    static func shutdown(_ path: String) {
        if let conn = DaemonConnection(path: path, timeoutSeconds: 3) { _ = conn.request("{\"id\":1,\"op\":\"shutdown\"}") }
        for _ in 0..<200 where FileManager.default.fileExists(atPath: path) { usleep(25_000) }
    }

    /// Starts `args` in a new session with output to `log`, not waiting for it.
    static func spawnDetached(_ args: [String], log: String) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: args[0])
        p.arguments = Array(args.dropFirst())
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = FileHandle(forWritingAtPath: log)
        handle?.seekToEndOfFile()
        p.standardOutput = handle
        p.standardError = handle
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        return true
    }
}

struct Complete: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Complete question words: entity names, aliases, areas, ADR titles (one per line, best first).")
    @OptionGroup var options: IndexOptions
    @OptionGroup var daemon: DaemonOptions
    @Argument(help: "The prefix, e.g. \"cache inv\".") var prefix: [String] = []
    @Option(name: .long, help: "Number of candidates.") var limit = 20

    func run() throws {
        try reportingErrors {
            let session = try options.openSession()
            let candidates = CompletionIndex(reader: session.reader).complete(prefix.joined(separator: " "), limit: max(1, min(limit, 200)))
            for c in candidates { print(c) }
            if candidates.isEmpty { throw Exit.nothingFound }
        }
    }
}
