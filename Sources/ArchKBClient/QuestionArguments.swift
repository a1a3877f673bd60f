/// The words of a question on the command line, joined into one argument before the argument
/// parser sees them.
///
/// swift-argument-parser stores an array argument one value at a time at a cost that grows with
/// the values already stored: 10,000 question words took 3 s and 20,000 took 12 s. `ask`,
/// `complete` and `show` join their words with single spaces anyway, so passing them as one
/// argument after `--` gives the same question in linear time.
public enum QuestionArguments {
    /// Commands whose positional words form one text.
    public static let commands: Set<String> = ["ask", "complete", "show"]
    /// Options of these commands that take a value (the next argument).
    public static let valueOptions = TypedQuestion.valueOptions

    /// `arguments` (without the program name) with the question words of `ask`, `complete` or
    /// `show` joined into one argument after `--`; other command lines, and lines with at most one
    /// word, are returned as they are.
    public static func compact(_ arguments: [String]) -> [String] {
        guard let command = arguments.first, commands.contains(command), arguments.count > 2 else { return arguments }
        var options: [String] = [command]
        var words: [String] = []
        var optionsEnded = false
        var i = 1
        while i < arguments.count {
            let a = arguments[i]
            if optionsEnded || !a.hasPrefix("-") || a == "-" {
                words.append(a)
            } else if a == "--" {
                optionsEnded = true
            } else {
                options.append(a)
                if valueOptions.contains(a), i + 1 < arguments.count {
                    i += 1
                    options.append(arguments[i])
                }
            }
            i += 1
        }
        guard words.count > 1 else { return arguments }
        return options + ["--", join(words)]
    }

    /// `words` separated by single spaces, built in one pass.
    public static func join(_ words: [String]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.reduce(0) { $0 + $1.utf8.count + 1 })
        for (n, w) in words.enumerated() {
            if n > 0 { bytes.append(32) }
            bytes.append(contentsOf: w.utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
