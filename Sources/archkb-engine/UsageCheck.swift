import ArgumentParser
import Foundation

/// Usage errors the argument parser cannot see: an empty question or name, a mistyped command.
enum UsageCheck {
    /// The words as one text; `-` alone, or no words with piped standard input, reads the text
    /// from standard input when `stdin` is set. Empty text is a usage error: message and usage on
    /// stderr, exit 2.
    static func text(_ words: [String], command: ParsableCommand.Type, what: String, example: String, stdin: Bool) throws -> String {
        var text = words.joined(separator: " ")
        if stdin && (text == "-" || (text.isEmpty && isatty(STDIN_FILENO) == 0)) {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.isEmpty else { return text }
        printError("Error: \(command._commandName) needs \(what), e.g. \(example)" + (stdin ? " (or `-` to read it from standard input)" : ""))
        printError("Usage: " + ArchKB.usageString(for: command))
        throw Exit.error
    }

    /// Says "did you mean" for a first argument that is no command (`archkb aks …`), or nil.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = ArchKB.configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(first) else { return nil }
        let typed = first.lowercased()
        var best: (name: String, distance: Int)?
        for name in names {
            let d = distance(typed, name)
            if d < (best?.distance ?? Int.max) { best = (name, d) }
        }
        var message = "Error: unknown command \"\(first)\""
        if let best, best.distance <= max(2, first.count / 3) { message += "; did you mean `archkb \(best.name)`?" }
        return message + "\nCommands: " + names.filter { $0 != "help" }.joined(separator: ", ") + "\n  See 'archkb --help' for more information."
    }

    /// Damerau–Levenshtein (optimal string alignment) distance: a swap of two letters counts once.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty else { return y.count }
        guard !y.isEmpty else { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }
}
