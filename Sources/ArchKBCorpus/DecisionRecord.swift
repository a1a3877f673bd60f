/// The normalised status of an architecture decision record.
public enum DecisionStatus: String, Sendable, Codable, CaseIterable {
    case accepted, proposed, rejected, deprecated, superseded, amended, unknown

    /// Whether an ADR in this status counts as a team's precedent.
    public var isPrecedent: Bool { self == .accepted || self == .amended }

    /// Whether the decision is no longer (or never was) in force.
    public var isWithdrawn: Bool { self == .rejected || self == .deprecated || self == .superseded }

    /// Maps the raw status text teams write ("Accepted (PR #2897)", "**Provisional** 2025-03-18",
    /// "Partly superseded", "Rejected in favour of ADR 111") to a status.
    public init(raw: String) {
        let t = normalizedPhrase(raw)
        let words = t.split(separator: " ").map(String.init)
        let first = words.first ?? ""
        let firstTwo = words.prefix(2).joined(separator: " ")
        if t.isEmpty || t.hasPrefix("deprecated proposed accepted") || t.hasPrefix("a decision may be") || t.contains("proposed accepted rejected") {
            self = .unknown
        } else if first.hasPrefix("supersed") || firstTwo.hasPrefix("partly supersed") || firstTwo.hasPrefix("partially supersed") || first == "replaced" {
            self = .superseded
        } else if ["rejected", "declined", "abandoned", "refused", "dropped", "wontfix"].contains(first) || firstTwo == "won t" {
            self = .rejected
        } else if ["deprecated", "reverted", "obsolete", "retired", "withdrawn", "revoked"].contains(first) {
            self = .deprecated
        } else if first == "amended" {
            self = .amended
        } else if ["accepted", "approved", "implemented", "adopted", "agreed", "decided", "done", "active", "final", "completed", "valid"].contains(first)
                    || firstTwo == "partially accepted" || firstTwo == "partly accepted" || firstTwo == "partially implemented" {
            self = .accepted
        } else if ["proposed", "proposal", "draft", "pending", "provisional", "review", "open", "wip", "rfc", "discussion", "discussing", "suggested", "hold", "planned", "tentative", "experimental", "new"].contains(first)
                    || firstTwo == "in review" || firstTwo == "under review" || firstTwo == "on hold" || firstTwo == "in progress" || firstTwo == "in discussion" {
            self = .proposed
        } else if t.contains("supersed") {
            self = .superseded
        } else if t.contains("accepted") || t.contains("implemented") {
            self = .accepted
        } else if t.contains("rejected") || t.contains("declined") {
            self = .rejected
        } else if t.contains("deprecated") {
            self = .deprecated
        } else if t.contains("proposed") || t.contains("draft") {
            self = .proposed
        } else {
            self = .unknown
        }
    }
}

/// A reference from one ADR to another: by number, by file name, or both.
public struct DecisionLink: Sendable, Equatable, Hashable {
    public var number: Int?
    public var file: String?

    public init(number: Int?, file: String?) {
        self.number = number
        self.file = file
    }
}

/// What archkb knows about one architecture decision record.
public struct DecisionRecord: Sendable, Equatable {
    public enum Format: String, Sendable { case nygard, madr, adrNumbered = "adr-nnn", rst, unknown }

    public var number: Int?
    /// The number the title claims, when it differs from the file name's.
    public var titleNumber: Int?
    public var title: String
    public var date: String?
    public var status: DecisionStatus
    public var rawStatus: String?
    public var supersedes: [DecisionLink] = []
    public var supersededBy: [DecisionLink] = []
    public var amends: [DecisionLink] = []
    public var amendedBy: [DecisionLink] = []
    public var chosenOption: String?
    /// The decision itself in prose (Decision section or Decision Outcome), for linking entities.
    public var decisionText: String = ""
    public var format: Format
    public var line: Int

    public init(number: Int?, title: String, status: DecisionStatus, rawStatus: String?, format: Format, line: Int) {
        self.number = number
        self.title = title
        self.status = status
        self.rawStatus = rawStatus
        self.format = format
        self.line = line
    }
}
