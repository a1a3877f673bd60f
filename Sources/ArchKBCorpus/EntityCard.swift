/// A pattern, technology, practice or anti-pattern described by one card file.
public struct EntityCard: Sendable, Equatable {
    public var name: String
    public var aliases: [String]
    public var kind: EntityKind
    public var area: String
    public var related: [String]
    /// Line of the card's title (or its front matter when it has no title).
    public var line: Int

    public init(name: String, aliases: [String], kind: EntityKind, area: String, related: [String], line: Int) {
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.area = area
        self.related = related
        self.line = line
    }
}

/// The role a card section plays in answers, from its heading.
public enum SectionRole: String, Sendable, Codable {
    case summary, whenToUse, whenNot, tradeoffs, alternatives, implementations, recognise, instead, related, other

    /// Classifies a card heading such as "When not to use" or "Trade-offs".
    public init(heading: String) {
        let h = normalizedPhrase(heading)
        if h.isEmpty || h.hasPrefix("what it is") || h == "summary" || h == "overview" || h == "definition" {
            self = .summary
        } else if h.hasPrefix("when not") || h.contains("avoid") {
            self = .whenNot
        } else if h.hasPrefix("when to use") || h.hasPrefix("when") || h.hasPrefix("use when") || h.hasPrefix("use it") {
            self = .whenToUse
        } else if h.contains("trade off") || h.contains("tradeoff") || h.contains("cost") || h.contains("why it hurts") || h.contains("failure mode") {
            self = .tradeoffs
        } else if h.hasPrefix("alternative") || h.contains("how to choose") {
            self = .alternatives
        } else if h.contains("implementation") || h.contains("operating") || h.contains("tool") {
            self = .implementations
        } else if h.contains("recogni") || h.contains("symptom") || h.contains("smell") {
            self = .recognise
        } else if h.contains("instead") || h.contains("remed") || h.contains("fix") {
            self = .instead
        } else if h.hasPrefix("related") || h.hasPrefix("see also") {
            self = .related
        } else {
            self = .other
        }
    }
}
