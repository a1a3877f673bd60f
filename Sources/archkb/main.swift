import ArchKBClient
import ArchKBCore
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

// A daemon that goes away mid-answer must not kill the client: writes then fail with EPIPE.
signal(SIGPIPE, SIG_IGN)

var arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "mcp" { Sibling.exec("archkb-mcp", Array(arguments.dropFirst())) }

if let completions = QuestionCompletion.daemonAnswer(to: arguments) {
    StandardStream.output.write(completions)
    exit(0)
}

let verbose = FastPath.takeVerbose(&arguments)
if let request = FastPath.request(arguments) {
    switch DaemonAnswer.fetch(request) {
    case .answered(let text, let error, let code):
        if let text { StandardStream.output.write(text) }
        if let error { StandardStream.error.write("archkb: \(error)\n") }
        exit(code)
    case .refused(let message):
        StandardStream.error.write("archkb: \(message)\n")
        exit(2)
    case .inProcess(let reason, let always, let noDaemon):
        if verbose || always { StandardStream.error.write("archkb: \(reason); answering in process\n") }
        // The first ask without a daemon starts one for the next asks (ARCHKB_NO_AUTOSTART=1: never).
        if noDaemon && arguments.first == "ask" && DaemonAutostart.enabled {
            let socket = SocketPath.resolve(flag: request.socket)
            let started = DaemonAutostart.start(engine: Sibling.path("archkb-engine"), socket: socket)
            if verbose {
                StandardStream.error.write(started ? "archkb: started a daemon in the background on \(socket)\n" : "archkb: could not start a daemon\n")
            }
        }
    }
}
Sibling.exec("archkb-engine", QuestionArguments.compact(arguments))

/// Replaces this process with a program installed next to this executable (`archkb-engine`, `archkb-mcp`).
enum Sibling {
    static func exec(_ program: String, _ args: [String]) -> Never {
        let path = self.path(program)
        var cargs: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) }
        cargs.append(nil)
        execv(path, &cargs)
        StandardStream.error.write("archkb: cannot start \(path): \(String(cString: strerror(errno)))\n")
        exit(2)
    }

    /// The path of `program` in this executable's directory.
    static func path(_ program: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        var dir = "."
        if n > 0 {
            let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let slash = path.lastIndex(of: "/") { dir = String(path[..<slash]) }
        } else if let first = CommandLine.arguments.first, let slash = first.lastIndex(of: "/") {
            dir = String(first[..<slash])
        }
        return dir + "/" + program
    }
}
