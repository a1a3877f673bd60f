import ArgumentParser
import ArchKBClient
import ArchKBDaemon
import ArchKBIndex
import ArchKBQuery

extension CompletionShell: @retroactive ExpressibleByArgument {}

struct Completion: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a shell completion script (bash, zsh or fish) that also completes question words.")

    @Argument(help: "bash, zsh or fish.")
    var shell: CompletionShell

    func run() throws {
        print(ArchKB.completionScript(for: shell))
    }
}

/// Question-word candidates for shell completion: from the daemon when it runs, else in process.
enum QuestionWords {
    static func candidates(_ arguments: [String]) -> [String] {
        // The shell passes the whole command line; keep the question words after `ask`.
        var words: [String] = []
        var skipValue = false
        var seenAsk = false
        for a in arguments {
            if !seenAsk { seenAsk = a == "ask"; continue }
            if skipValue { skipValue = false; continue }
            if a.hasPrefix("-") { skipValue = !["--json", "--explain", "--no-daemon"].contains(a); continue }
            words.append(a)
        }
        let prefix = words.joined(separator: " ")
        guard !prefix.isEmpty else { return [] }
        if let conn = DaemonConnection(path: SocketPath.resolve(flag: nil), timeoutSeconds: 2),
           let line = conn.request("{\"id\":1,\"op\":\"complete\",\"limit\":30,\"prefix\":\(MiniJSON.quote(prefix))}"),
           let list = MiniJSON.parse(line)?["result"]?["candidates"]?.array {
            return shellWords(list.compactMap(\.string), typed: words)
        }
        guard let session = try? IndexSession.open(Workspace.resolve(indexFlag: nil), autoBuild: false, log: { _ in }) else { return [] }
        return shellWords(CompletionIndex(reader: session.reader).complete(prefix, limit: 30), typed: words)
    }

    /// Shells complete the current word only: offer the candidate's word at the cursor position.
    static func shellWords(_ candidates: [String], typed: [String]) -> [String] {
        let index = max(typed.count - 1, 0)
        let prefix = typed.joined(separator: " ").lowercased()
        let current = typed.last ?? ""
        let lowercase = current == current.lowercased()
        var out: [String] = []
        for c in candidates where c.lowercased().hasPrefix(prefix) {
            let parts = c.split(separator: " ").map(String.init)
            guard index < parts.count else { continue }
            let word = lowercase ? parts[index].lowercased() : parts[index]
            if !out.contains(word) { out.append(word) }
        }
        return out
    }
}
