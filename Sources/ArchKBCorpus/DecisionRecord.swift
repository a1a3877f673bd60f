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
        if t.isEmpty, let emoji = DecisionStatus.emoji(raw) {
            self = emoji
            return
        }
        let words = t.split(separator: " ").map(String.init)
        let first = words.first ?? ""
        let firstTwo = words.prefix(2).joined(separator: " ")
        if t.isEmpty || t.hasPrefix("deprecated proposed accepted") || t.hasPrefix("a decision may be") || t.contains("proposed accepted rejected") {
            self = .unknown
        } else if first.hasPrefix("supersed") || first.hasPrefix("superced") || first.hasPrefix("superseed") || firstTwo.hasPrefix("partly supersed") || firstTwo.hasPrefix("partially supersed") || first == "replaced" {
            self = .superseded
        } else if ["rejected", "declined", "abandoned", "refused", "dropped", "wontfix", "cancelled", "canceled", "discarded"].contains(first) || firstTwo == "won t" {
            self = .rejected
        } else if ["deprecated", "reverted", "obsolete", "retired", "withdrawn", "revoked"].contains(first) {
            self = .deprecated
        } else if first == "amended" {
            self = .amended
        } else if ["accepted", "approved", "implemented", "adopted", "agreed", "decided", "done", "active", "final", "completed", "valid"].contains(first)
                    || firstTwo == "partially accepted" || firstTwo == "partly accepted" || firstTwo == "partially implemented" {
            self = .accepted
        } else if ["proposed", "proposal", "draft", "pending", "incomplete", "unfinished", "considering", "provisional", "review", "open", "wip", "rfc", "discussion", "discussing", "suggested", "hold", "planned", "tentative", "experimental", "new", "postponed", "deferred", "submitted"].contains(first)
                    || firstTwo == "in review" || firstTwo == "under review" || firstTwo == "under consideration" || firstTwo == "work in" || firstTwo == "on hold" || firstTwo == "in progress" || firstTwo == "in discussion" {
            self = .proposed
        } else if t.contains("supersed") || t.contains("superced") {
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

    /// The status an emoji shows when no word does: ✅ accepted, 🚫/❌ rejected, ⚠️ deprecated, 🚧/📝 proposed.
    static func emoji(_ raw: String) -> DecisionStatus? {
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x2705, 0x2714, 0x2611, 0x1F7E2: return .accepted
            case 0x1F6AB, 0x274C, 0x26D4, 0x2716, 0x1F534: return .rejected
            case 0x1F7E1: return .proposed
            case 0x26A0: return .deprecated
            case 0x1F6A7, 0x1F4DD, 0x23F3: return .proposed
            default: continue
            }
        }
        return nil
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
    /// The 1-based line the status was read from (nil when there is none, 0 for front matter).
    public var statusLine: Int?
    /// Where the date was read from, kept so the index can re-read numeric dates once it knows the
    /// collection's day/month order.
    public var dateSource = DateSource()

    public init(number: Int?, title: String, status: DecisionStatus, rawStatus: String?, format: Format, line: Int) {
        self.number = number
        self.title = title
        self.status = status
        self.rawStatus = rawStatus
        self.format = format
        self.line = line
    }
}

/// The text a record's date is read from: a date field, the status line, the changelog, or the file name.
public struct DateSource: Sendable, Equatable {
    public enum Kind: String, Sendable { case field, status, changelog, fileName = "file name", none }

    public var kind: Kind = .none
    /// The lines holding the date (a changelog gives several; its earliest date is the record's).
    public var texts: [String] = []
    /// The 1-based line of the first text.
    public var line: Int?
    /// The 1-based line of each text (0 for front matter).
    public var lines: [Int] = []
    /// The ISO date of a date-prefixed file name, the fallback.
    public var fileNameDate: String?

    public init() {}

    /// The record's date when numeric dates are read in `order`.
    public func date(order: DateOrder) -> String? {
        let dates = texts.flatMap { DateText.all(in: $0, order: order) }
        let found = kind == .changelog ? dates.min() : dates.first
        return found ?? fileNameDate
    }

    /// Day-first and month-first evidence in the date texts (numbers > 12 that fix the order).
    public var evidence: (dayFirst: Int, monthFirst: Int) {
        texts.reduce((0, 0)) { acc, t in
            let e = DateText.evidence(in: t)
            return (acc.0 + e.dayFirst, acc.1 + e.monthFirst)
        }
    }
}

extension DecisionRecord {
    /// Sets `date` from `dateSource`, reading numeric dates in `order`.
    public mutating func resolveDate(order: DateOrder) {
        date = dateSource.date(order: order)
    }
}
