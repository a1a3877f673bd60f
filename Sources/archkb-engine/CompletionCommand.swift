import ArgumentParser
import ArchKBClient
import ArchKBDaemon
import ArchKBIndex
import ArchKBQuery
import Foundation

extension CompletionShell: @retroactive ExpressibleByArgument {}

struct Completion: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a shell completion script (bash, zsh or fish) that also completes question words.")

    @Argument(help: "bash, zsh or fish.")
    var shell: CompletionShell

    func run() throws {
        print(CompletionScript.text(for: shell))
    }
}

/// The argument parser's completion scripts, with fixes for what they get wrong.
enum CompletionScript {
    /// The script for `shell`; each fix is checked by the shell completion tests.
    static func text(for shell: CompletionShell) -> String {
        let script = ArchKB.completionScript(for: shell)
        switch shell {
        case .bash:
            // Options already given (`--limit 3`) were looked up among the flags, so bash offered them again.
            return fixRepeatedOptions(script)
        case .fish:
            // fish 3 cannot read the cursor position inside `complete -C`, so question words never
            // completed there; the current token up to the cursor gives the same number.
            return script.replacingOccurrences(of: "(__archkb_tokens -tC)", with: "(__archkb_cursor_index)") + fishCursorIndex
        default:
            return script
        }
    }

    /// Looks up given options among the options, not the flags, in the loop that runs when a
    /// word was not a flag.
    static func fixRepeatedOptions(_ script: String) -> String {
        guard let start = script.range(of: "if \"${not_found}\"; then"),
              let end = script.range(of: "done", range: start.upperBound..<script.endIndex) else { return script }
        let loop = script[start.lowerBound..<end.upperBound].replacingOccurrences(of: "non_repeating_flags", with: "non_repeating_options")
        return script.replacingCharacters(in: start.lowerBound..<end.upperBound, with: loop)
    }

    static let fishCursorIndex = """

        function __archkb_cursor_index
            set -l token (commandline -ct)
            string length -- "$token"
        end
        """
}

/// Question-word candidates for the argument parser's custom completion of `ask`: the shared
/// `QuestionCompletion` logic, with phrases from the daemon when it runs, else from the index.
enum QuestionWords {
    /// Candidates for the shell word at `index` of `words` (the whole command line, verbatim,
    /// quotes included), of which `prefix` is the part before the cursor.
    static func candidates(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        QuestionCompletion.candidates(words, index, prefix, shell: RequestingShell.current) { typed in
            QuestionCompletion.daemonPhrases(typed) ?? indexPhrases(typed)
        } ?? []
    }

    /// Completion phrases for the typed question from the index, which is never built here.
    static func indexPhrases(_ typed: TypedQuestion) -> [String] {
        guard let session = try? IndexSession.open(Workspace.resolve(indexFlag: typed.indexFlag), autoBuild: false, log: { _ in }) else { return [] }
        return CompletionIndex(reader: session.reader).complete(typed.text, limit: QuestionCompletion.phraseLimit)
    }
}

/// Completion of `archkb show <TAB>`: entity names and aliases from the index (the one `--index`
/// on the line names, else the default), word by word or as a quoted phrase like question words.
enum EntityNameWords {
    static func candidates(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        QuestionCompletion.candidates(words, index, prefix, shell: RequestingShell.current) { typed in
            guard let session = try? IndexSession.open(Workspace.resolve(indexFlag: typed.indexFlag), autoBuild: false, log: { _ in }) else { return [] }
            let text = typed.text
            var names: [String] = []
            var seen = Set<String>()
            for e in session.reader.entities {
                for n in [e.name] + e.aliases where n.lowercased().hasPrefix(text) && seen.insert(n.lowercased()).inserted { names.append(n) }
            }
            return names.sorted { $0.lowercased() < $1.lowercased() }
        } ?? []
    }
}

/// Completion of `--area`: the words of the index's areas (lowercase), since `--area` matches
/// any part of an area ("perf" finds "Performance & Scalability"); single words need no quoting.
enum AreaWords {
    static func candidates(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let typed = TypedQuestion(words: words, index: index, prefix: prefix)
        guard let session = try? IndexSession.open(Workspace.resolve(indexFlag: typed.indexFlag), autoBuild: false, log: { _ in }) else { return [] }
        var out = Set<String>()
        for area in session.reader.entities.map(\.area) {
            for w in area.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where w.count >= 3 && w != "and" {
                out.insert(String(w))
            }
        }
        return out.filter { $0.hasPrefix(prefix.lowercased()) }.sorted()
    }
}
