import ArgumentParser
import ArchKBQuery
import Foundation

extension ADRConvention.Style: ExpressibleByArgument {}

/// `archkb adr new|supersede`: drafts a decision record in the log's own convention.
struct Adr: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draft a decision record (ADR) in your log's convention: `adr new`, `adr supersede`.",
        subcommands: [AdrNew.self, AdrSupersede.self])
}

/// Options both `adr` subcommands take.
struct AdrLogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The decision log (default: the first of docs/adr, doc/adr, docs/decisions, adr under the current directory).", valueName: "dir"),
            completion: .directory)
    var dir: String?

    /// The log directory: `--dir`, else a default one under the current directory.
    func directory() throws -> String {
        if let dir { return dir }
        let cwd = FileManager.default.currentDirectoryPath
        guard let found = ADRConvention.defaultDirectory(under: cwd) else { throw QueryError.noDecisionLog(dir: "") }
        return found
    }

    /// Today's date, ISO (UTC).
    static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }

    /// Writes `text` to a new file at `path`; an existing file is never replaced.
    static func create(_ path: String, _ text: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw QueryError.fileExists(path: path) }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}

struct AdrNew: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Write the next decision record (status proposed, today's date).")

    @OptionGroup var log: AdrLogOptions
    @OptionGroup var options: IndexOptions

    @Argument(help: "The decision's title, e.g. \"Use Kafka for ledger events\".")
    var title: [String] = []

    @Option(name: .long, help: "Record format when not the log's own: nygard or madr.")
    var format: ADRConvention.Style?

    @Option(name: .customLong("for"), help: ArgumentHelp("Pre-fill the considered options and related decisions from archkb's answer to this question.", valueName: "question"))
    var question: String?

    func run() throws {
        let text = try UsageCheck.text(title, command: AdrNew.self, what: "a title", example: "archkb adr new \"Use Kafka for ledger events\"", stdin: false)
        try reportingErrors {
            let dir = try log.directory()
            let convention = try ADRConvention.detect(in: dir, format: format)
            var draft = ADRDraft(convention: convention, title: text, date: AdrLogOptions.today())
            if let question {
                let session = try options.openSession()
                let answer = try session.searcher.ask(question, options: AskOptions(limit: 5))
                try draft.fill(from: answer, searcher: session.searcher)
                if answer.recommendations.isEmpty || !answer.confident {
                    printError("no confident answer to \"\(question)\"" + (answer.nearestTopics.isEmpty ? "" : " (nearest topics: " + answer.nearestTopics.joined(separator: ", ") + ")")
                               + "; the considered options are left to you")
                }
            }
            let path = dir + "/" + draft.fileName
            try AdrLogOptions.create(path, draft.text())
            print(path)
        }
    }
}

struct AdrSupersede: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "supersede",
        abstract: "Write a record that supersedes record N and mark N \"Superseded by\" (its status line only).")

    @OptionGroup var log: AdrLogOptions

    @Argument(help: "The number of the record to supersede.")
    var number: Int

    @Argument(help: "The new decision's title.")
    var title: [String] = []

    @Flag(name: .long, help: "Show the new record and the status change as a unified diff; write nothing.")
    var dryRun = false

    func run() throws {
        let text = try UsageCheck.text(title, command: AdrSupersede.self, what: "a title", example: "archkb adr supersede 7 \"Use Pulsar for ledger events\"", stdin: false)
        try reportingErrors {
            let dir = try log.directory()
            let convention = try ADRConvention.detect(in: dir)
            guard let old = convention.record(numbered: number) else { throw QueryError.noSuchRecord(number: number, dir: dir) }
            var draft = ADRDraft(convention: convention, title: text, date: AdrLogOptions.today())
            draft.supersedes = (number, old.fileName)
            let oldPath = dir + "/" + old.fileName
            guard let data = FileManager.default.contents(atPath: oldPath) else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: oldPath]) }
            let original = [UInt8](data)
            let link = ADRDraft.link(number: draft.number ?? 0, file: draft.fileName, rst: convention.format == .rst)
            let edit = try ADRStatusEdit.superseding(bytes: original, record: old.record, link: link, file: old.fileName, convention: convention)
            let newText = draft.text()
            if dryRun {
                print(ADRStatusEdit.creationDiff(newText, file: draft.fileName) + edit.unifiedDiff(original: original, file: old.fileName), terminator: "")
                return
            }
            let newPath = dir + "/" + draft.fileName
            try AdrLogOptions.create(newPath, newText)
            try Data(edit.bytes).write(to: URL(fileURLWithPath: oldPath))
            print(newPath)
            print("\(oldPath):\(edit.line): \(edit.newLine)")
        }
    }
}
