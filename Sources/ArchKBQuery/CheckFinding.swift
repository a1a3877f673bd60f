/// One item of the checklist `archkb check` prints for a draft decision record.
public struct CheckFinding: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The draft chooses another option than an accepted decision in force on the same concern.
        case precedentConflict = "precedent-conflict"
        /// The draft chooses an option a superseded, rejected or deprecated decision chose.
        case repeatsWithdrawn = "repeats-withdrawn"
        /// A "When not to use" line of the chosen entity's card matches the draft's context.
        case whenNotToUse = "when-not-to-use"
        /// Alternatives the chosen entity's card lists that the draft never mentions.
        case unmentionedAlternatives = "unmentioned-alternatives"
        /// The draft chooses, names or describes an anti-pattern.
        case antiPattern = "anti-pattern"
        case noStatus = "no-status"
        case unknownStatus = "unknown-status"
        case noDate = "no-date"
        case brokenLink = "broken-link"
    }

    public enum Severity: String, Sendable {
        case error, warning
    }

    public var kind: Kind
    public var severity: Severity
    public var message: String
    /// Where in the draft: its display path and a 1-based line.
    public var path: String
    public var line: Int
    /// The cards and records behind the finding.
    public var citations: [Citation]

    public init(kind: Kind, severity: Severity, message: String, path: String, line: Int, citations: [Citation] = []) {
        self.kind = kind
        self.severity = severity
        self.message = message
        self.path = path
        self.line = line
        self.citations = citations
    }
}

/// What `archkb check` found in one draft.
public struct CheckReport: Sendable {
    public var path: String
    public var title: String
    public var number: Int?
    public var status: String
    /// Names of the entities the draft chooses.
    public var chosen: [String]
    public var findings: [CheckFinding]

    public init(path: String, title: String, number: Int?, status: String, chosen: [String], findings: [CheckFinding]) {
        self.path = path
        self.title = title
        self.number = number
        self.status = status
        self.chosen = chosen
        self.findings = findings
    }
}

/// Every threshold `archkb check` uses, named. Each is a count or share of content stems
/// (Porter stems of words that are not stopwords, `Tokenizer.stems`).
public enum CheckThresholds {
    /// A "When not to use" condition (the line up to its first ": " or "; ") matches one sentence of
    /// the draft's Context when they share at least this many distinct stems…
    public static let whenNotSharedStems = 3
    /// …and those are at least this share of the condition's stems.
    public static let whenNotShare = 0.5
    /// A "How to recognise it" line of an anti-pattern card matches one sentence of the draft's
    /// Decision when they share at least this many distinct stems…
    public static let antiPatternSharedStems = 3
    /// …and those are at least this share of the line's stems (stricter: the decision must describe it).
    public static let antiPatternShare = 0.6
    /// A precedent is about the draft's subject when their titles share at least this many stems
    /// besides the options' names and generic title words (`DraftCheck.sameSubject`).
    public static let subjectSharedStems = 1
    /// Stems that never count towards a match: the vocabulary every decision record uses, and
    /// function words the tokenizer's stopword list keeps.
    public static let ignoredStems: Set<String> = ["decis", "decid", "adr", "record", "context", "consid", "propos", "chosen",
                                                    "option", "altern", "accept", "statu", "sinc", "usual", "often", "even",
                                                    "though", "although", "alreadi", "still", "everi", "realli"]
    /// Words that turn a sentence into a refusal ("avoid a shared database", "instead of"): a
    /// sentence holding one never names or describes an anti-pattern the draft adopts.
    public static let negationWords: Set<String> = ["not", "no", "never", "avoid", "avoids", "avoiding", "instead", "without",
                                                    "rather", "stop", "stops", "prevent", "prevents", "forbid", "forbids",
                                                    "against", "remove", "removes", "replace", "replaces", "eliminate", "nor",
                                                    "don", "won", "cannot", "reject", "rejected", "away"]
}
