import ArchKBClient
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The thin `archkb`: answers `ask`, `complete`, `show`, `stats` and the completion scripts' call
// for question words (`archkb ---completion ask -- positional@0 …`) through a running daemon,
// hands `mcp` to `archkb-mcp` (the MCP server, kept out of this start-up path) and every other
// case to `archkb-engine` (same directory) with the same arguments, so output and exit codes are
// identical either way. It links only the C library.

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "mcp" { Sibling.exec("archkb-mcp", Array(arguments.dropFirst())) }

if let completions = QuestionCompletion.daemonAnswer(to: arguments) {
    fputs(completions, stdout)
    fflush(stdout)
    exit(0)
}

if let request = FastPath.request(arguments), let connection = DaemonConnection(path: SocketPath.resolve(flag: request.socket)),
   let line = connection.request(request.json), let response = MiniJSON.parse(line) {
    if response["ok"]?.bool == true, let result = response["result"] {
        if let text = result["text"]?.string { fputs(text, stdout) }
        if let error = result["error"]?.string { fputs("archkb: \(error)\n", stderr) }
        fflush(stdout)
        exit(Int32(result["exit"]?.int ?? 0))
    }
    let code = response["error"]?["code"]?.string ?? ""
    let message = response["error"]?["message"]?.string ?? "daemon error"
    if code == "version_mismatch" {
        fputs("archkb: \(message); answering in process (run `archkb daemon start` to replace the daemon)\n", stderr)
    } else if code != "busy" && code != "internal" {
        fputs("archkb: \(message)\n", stderr)
        exit(2)
    }
}
Sibling.exec("archkb-engine", arguments)

/// Builds the daemon request for the commands the daemon can answer, or nil to use the engine.
enum FastPath {
    struct Request {
        var json: String
        var socket: String?
    }

    static func request(_ args: [String]) -> Request? {
        guard let command = args.first, ["ask", "complete", "show", "stats"].contains(command) else { return nil }
        var fields: [(String, String)] = [("id", "1"), ("op", MiniJSON.quote(command)), ("render", "true"),
                                          ("client_version", MiniJSON.quote(Release.version)), ("width", String(Terminal.width()))]
        var words: [String] = []
        var socket: String?
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
        let text = words.joined(separator: " ")
        switch command {
        case "ask": fields.append(("query", MiniJSON.quote(text)))
        case "complete": fields.append(("prefix", MiniJSON.quote(text)))
        case "show":
            guard !text.isEmpty else { return nil }
            fields.append(("name", MiniJSON.quote(text)))
        default: break
        }
        if command == "ask", let limit = fields.first(where: { $0.0 == "limit" }), let n = Int(limit.1), !(1...50).contains(n) { return nil }
        return Request(json: "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}", socket: socket)
    }
}

/// Replaces this process with a program installed next to this executable (`archkb-engine`, `archkb-mcp`).
enum Sibling {
    static func exec(_ program: String, _ args: [String]) -> Never {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        var dir = "."
        if n > 0 {
            let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let slash = path.lastIndex(of: "/") { dir = String(path[..<slash]) }
        } else if let first = CommandLine.arguments.first, let slash = first.lastIndex(of: "/") {
            dir = String(first[..<slash])
        }
        let path = dir + "/" + program
        var cargs: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) }
        cargs.append(nil)
        execv(path, &cargs)
        fputs("archkb: cannot start \(path): \(String(cString: strerror(errno)))\n", stderr)
        exit(2)
    }
}
