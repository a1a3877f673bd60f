import ArchKBCorpus
import Foundation

/// The text of a new decision record in a log's convention: status proposed, today's date, and
/// (with a question) the considered options and related decisions archkb knows, each cited. The
/// decision itself is left to the author.
public struct ADRDraft: Sendable {
    /// One considered option: an entity of archkb's answer with its cited card sections.
    public struct Option: Sendable, Equatable {
        public var name: String
        /// (label, text, "path:line") for when to use, when not to use and trade-offs.
        public var points: [Point]

        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    /// One cited statement about an option.
    public struct Point: Sendable, Equatable {
        public var label: String
        public var text: String
        public var citation: String
    }

    /// A record of the team's log that bears on the question.
    public struct Related: Sendable, Equatable {
        public var title: String
        public var number: Int?
        public var status: String
        public var path: String
    }

    public var convention: ADRConvention
    public var title: String
    public var number: Int?
    public var date: String
    public var question: String?
    public var options: [Option] = []
    public var related: [Related] = []
    /// The record this one supersedes: its number and file name.
    public var supersedes: (number: Int, file: String)?

    public init(convention: ADRConvention, title: String, date: String) {
        self.convention = convention
        self.title = title
        self.date = date
        self.number = convention.nextNumber
    }

    /// The file name the record is written to.
    public var fileName: String { convention.fileName(number: number, title: title, date: date) }

    /// The prompt left where the author writes the decision.
    public static let decisionPrompt = "Chosen option: (to be decided)"

    /// A link to another record in the log's markup: `[ADR 7](0007-x.md)`, or `ADR 7 (0007-x.rst)` in RST.
    public static func link(number: Int, file: String, rst: Bool) -> String {
        rst ? "ADR \(number) (\(file))" : "[ADR \(number)](\(file))"
    }

    /// The record's full text.
    public func text() -> String {
        let rst = convention.format == .rst
        var out: [String] = []
        func heading(_ text: String, level: Int) {
            if rst {
                let marks = Array(convention.rstMarks)
                let mark = level == 1 ? (marks.first ?? "#") : level == 2 ? (marks.dropFirst().first ?? "*") : "="
                out += [text, String(repeating: mark, count: max(3, text.count)), ""]
            } else {
                out += [String(repeating: "#", count: level) + " " + text, ""]
            }
        }
        let status = convention.lowerCaseStatus ? "proposed" : "Proposed"
        let supersedesLine = supersedes.map { "Supersedes " + ADRDraft.link(number: $0.number, file: $0.file, rst: rst) }
        let madr = convention.format == .madr
        if madr && convention.statusPlacement == .frontMatter {
            out += ["---", "status: \(status)", "date: \(date)", "---"]
        }
        heading(convention.titleText(number: number, title: title), level: 1)
        switch (madr, convention.statusPlacement) {
        case (true, .frontMatter):
            if let supersedesLine { out += [supersedesLine, ""] }
        case (true, _), (false, .field):
            out += ["* Status: \(status)", "* Date: \(date)"] + (supersedesLine.map { ["* " + $0] } ?? []) + [""]
        default:
            out += ["Date: \(date)", ""]
            heading("Status", level: 2)
            out += [status, ""] + (supersedesLine.map { [$0, ""] } ?? [])
        }
        heading(madr ? "Context and Problem Statement" : "Context", level: 2)
        out += [question.map { "Question: \($0)" } ?? "(Describe the context and the problem this decision answers.)", ""]
        if !options.isEmpty || madr {
            heading("Considered Options", level: 2)
            out += options.isEmpty ? ["(List the options considered.)", ""] : options.map { "* \($0.name)" } + [""]
        }
        heading(madr ? "Decision Outcome" : "Decision", level: 2)
        out += [ADRDraft.decisionPrompt, ""]
        if !madr {
            heading("Consequences", level: 2)
            out += ["(What becomes easier or harder because of this decision?)", ""]
        }
        if !options.isEmpty {
            heading("Pros and Cons of the Options", level: 2)
            for option in options {
                heading(option.name, level: 3)
                out += option.points.map { "* \($0.label): \($0.text) (`\($0.citation)`)" } + [""]
            }
        }
        if !related.isEmpty {
            heading("Related Decisions", level: 2)
            out += related.map { r in
                let name = (r.number.map { "ADR \($0): " } ?? "") + r.title
                return rst ? "* \(name) (\(r.path)) — \(r.status)" : "* [\(name)](\(r.path)) — \(r.status)"
            } + [""]
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }
}
