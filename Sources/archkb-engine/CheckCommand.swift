import ArgumentParser
import ArchKBClient
import ArchKBQuery
import ArchKBRender
import Foundation

/// The output formats of `archkb check`.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `archkb check ADR.md...`: a cited checklist for draft or changed decision records (CI, pre-commit).
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check draft decision records against the cards and the team's precedent: a cited checklist.",
        discussion: """
            Reports conflicts with accepted decisions in force, options a superseded or rejected decision chose, \
            "When not to use" lines of the chosen option's card that match the draft's context, alternatives the card \
            lists that the draft never mentions, anti-patterns it adopts, and a missing status, date or supersession \
            link. Exit codes: 0 nothing needs attention, 1 findings (for CI and pre-commit hooks), 2 usage or file error.
            """)

    @OptionGroup var options: IndexOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: CheckFormat = .text

    @Option(name: .long, help: "Colour and links: auto (when standard output is a terminal and NO_COLOR is unset), always, never.")
    var color: ColorChoice = .auto

    @Argument(help: "The decision records to check (Markdown or reStructuredText).", completion: .file())
    var files: [String] = []

    func run() throws {
        guard !files.isEmpty else {
            printError("Error: check needs at least one ADR file, e.g. archkb check docs/adr/0012-use-kafka.md")
            printError("Usage: " + ArchKB.usageString(for: Check.self))
            throw Exit.error
        }
        try reportingErrors {
            let drafts = try files.map { file -> (path: String, shown: String, text: String) in
                let url = URL(fileURLWithPath: file)
                guard let data = FileManager.default.contents(atPath: url.path) else { throw QueryError.unreadableDraft(path: file) }
                guard let text = String(data: data, encoding: .utf8) else { throw QueryError.unreadableDraft(path: file) }
                return (url.standardizedFileURL.path, file, text)
            }
            let session = try options.openSession()
            let check = DraftCheck(searcher: session.searcher)
            let reports = try drafts.map { try check.check(text: $0.text, path: $0.path, displayPath: $0.shown) }
            switch format {
            case .json:
                print(CheckText.json(reports), terminator: "")
            case .text:
                let decoration = Terminal.decoration(color)
                let style = TextStyle(color: decoration.color, links: decoration.links, linkRoot: session.reader.meta["project_root"] ?? "")
                print(CheckText.text(reports, style: style), terminator: "")
            }
            if reports.contains(where: { !$0.findings.isEmpty }) { throw Exit.nothingFound }
        }
    }
}
