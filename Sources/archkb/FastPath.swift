import ArchKBClient
import ArchKBCore

/// Builds the daemon request for the commands the daemon can answer, or nil to use the engine.
enum FastPath {
    struct Request {
        var json: String
        var socket: String?
    }

    /// Removes `--verbose` (before any `--`) from an `ask`, `complete`, `show` or `stats` line and
    /// says whether it was there: the thin client's own flag (say on stderr why the daemon did
    /// not answer), which the engine does not take.
    static func takeVerbose(_ args: inout [String]) -> Bool {
        guard let command = args.first, ["ask", "complete", "show", "stats"].contains(command) else { return false }
        let end = args.firstIndex(of: "--") ?? args.endIndex
        guard args[..<end].contains("--verbose") else { return false }
        args = args[..<end].filter { $0 != "--verbose" } + args[end...]
        return true
    }

    static func request(_ args: [String]) -> Request? {
        guard let command = args.first, ["ask", "complete", "show", "stats"].contains(command) else { return nil }
        var fields: [(String, String)] = [("id", "1"), ("op", MiniJSON.quote(command)), ("render", "true"),
                                          ("client_version", MiniJSON.quote(Release.version)), ("width", String(Terminal.width()))]
        var words: [String] = []
        var socket: String?
        var color = ColorChoice.auto
        var i = 1
        var optionsEnded = false
        func value() -> String? {
            i += 1
            return i < args.count ? args[i] : nil
        }
        while i < args.count {
            let a = args[i]
            if optionsEnded || !a.hasPrefix("-") || a == "-" {
                words.append(a)
            } else if a == "--" {
                optionsEnded = true
            } else if a == "--socket" {
                guard let v = value() else { return nil }
                socket = v
            } else if a == "--color", command == "ask" || command == "show" {
                guard let v = value(), let choice = ColorChoice(rawValue: v) else { return nil }
                color = choice
            } else if a == "--limit", command == "ask" || command == "complete" {
                guard let v = value(), let n = Int(v) else { return nil }
                fields.append(("limit", String(n)))
            } else if a == "--json" {
                fields.append(command == "ask" ? ("format", "\"json\"") : ("json", "true"))
            } else if a == "--explain", command == "ask" {
                fields.append(("explain", "true"))
            } else if ["--format", "--ranker", "--kind", "--area"].contains(a), command == "ask" {
                guard let v = value() else { return nil }
                fields.append((String(a.dropFirst(2)), MiniJSON.quote(v)))
            } else {
                return nil  // --index, --no-daemon, --help and anything unknown: the engine decides
            }
            i += 1
        }
        let text = QuestionArguments.join(words)
        let decoration = Terminal.decoration(color)
        if decoration.color { fields.append(("color", "true")) }
        if decoration.links { fields.append(("links", "true")) }
        // No question, or `-`: the engine reads standard input or reports the usage error.
        if command == "ask" || command == "show", text.isEmpty || text == "-" { return nil }
        switch command {
        case "ask": fields.append(("query", MiniJSON.quote(text)))
        case "complete": fields.append(("prefix", MiniJSON.quote(text)))
        case "show": fields.append(("name", MiniJSON.quote(text)))
        default: break
        }
        if command == "ask", let limit = fields.first(where: { $0.0 == "limit" }), let n = Int(limit.1), !(1...50).contains(n) { return nil }
        return Request(json: "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}", socket: socket)
    }
}


/// What the daemon made of a fast-path request.
enum DaemonAnswer {
    /// Print `text` and `error`, exit with `code`.
    case answered(text: String?, error: String?, code: Int32)
    /// The daemon refused the request itself (bad arguments): print the message, exit 2.
    case refused(message: String)
    /// Answer in process instead: no daemon, not trusted, busy, reset, too long, garbled.
    /// `always` asks to say so even without `--verbose`; `noDaemon` says that nothing listens on
    /// the socket (so one may be started).
    case inProcess(reason: String, always: Bool, noDaemon: Bool = false)

    /// Asks the daemon at the request's socket.
    static func fetch(_ request: FastPath.Request) -> DaemonAnswer {
        // The daemon reads lines of at most 64 KiB; longer questions are answered in process.
        guard request.json.utf8.count < 64 * 1024 else {
            return .inProcess(reason: "the request is longer than the daemon's 64 KiB line limit", always: false)
        }
        let path = SocketPath.resolve(flag: request.socket)
        let connection: DaemonConnection
        switch DaemonConnection.connect(path: path) {
        case .success(let c): connection = c
        case .failure(let failure):
            if case .noDaemon = failure { return .inProcess(reason: failure.description, always: false, noDaemon: true) }
            return .inProcess(reason: failure.description, always: false)
        }
        guard let line = connection.request(request.json) else {
            return .inProcess(reason: "the daemon on \(path) closed the connection without an answer", always: false)
        }
        guard let response = MiniJSON.parse(line) else {
            return .inProcess(reason: "the daemon on \(path) sent an unreadable answer", always: false)
        }
        if response["ok"]?.bool == true {
            guard let result = response["result"], let code = result["exit"].map({ $0.int }) ?? 0, (0...2).contains(code) else {
                return .inProcess(reason: "the daemon on \(path) sent an answer without a valid exit code", always: false)
            }
            return .answered(text: result["text"]?.string, error: result["error"]?.string, code: Int32(code))
        }
        let code = response["error"]?["code"]?.string ?? ""
        let message = response["error"]?["message"]?.string ?? "daemon error"
        switch code {
        case "version_mismatch":
            return .inProcess(reason: "\(message) (run `archkb daemon start` to replace the daemon)", always: true)
        case "busy", "internal", "line_too_long", "":
            return .inProcess(reason: "the daemon on \(path) answered \(code.isEmpty ? "an error" : code): \(message)", always: false)
        default:
            return .refused(message: message)
        }
    }
}
