import ArchKBCorpus

/// Finds the entities a decision record names, by the rules the index links its own records with
/// (`DecisionLinker`), for a record that is not in the index: a draft being checked.
public struct DecisionEntityFinder: Sendable {
    let names: DecisionLinker.EntityNames
    let matcher: PhraseMatcher

    /// A finder over the index's entities (names and aliases; one-word names of three letters or
    /// fewer match only in the card's capitalisation, as at index time).
    public init(entities: [StoredEntity]) {
        var matcher = PhraseMatcher()
        for e in entities {
            for name in [e.name] + e.aliases { matcher.add(name, entity: e.id) }
        }
        self.matcher = matcher
        names = DecisionLinker.EntityNames(entities)
    }

    /// The entities the record's decision names, as `(entity, chosen)`: chosen when the chosen
    /// option (or the decision's first sentence) names it, or the title does and the decision
    /// section names it too.
    public func entities(of record: DecisionRecord) -> [(id: Int, chosen: Bool)] {
        var memo = StemMemo()
        return DecisionLinker.entities(of: record, names: names, matcher: matcher, stems: &memo).map { (id: $0.0, chosen: $0.1) }
    }

    /// Entity mentions in `text`: `strong` for a name, a several-word alias or a capitalised
    /// one-word alias; a one-word phrase must be spelled as on the card.
    public func mentions(in text: String) -> [(entity: Int, strong: Bool)] {
        var memo = StemMemo()
        return DecisionLinker.evidence(in: text, names: names, matcher: matcher, stems: &memo)
    }

    /// Every entity `text` names in any form the matcher knows (stems included): the permissive
    /// reading, for deciding whether a text mentions an entity at all.
    public func anyMention(in text: String) -> Set<Int> {
        Set(matcher.entities(in: text))
    }

    /// Whether `text` refuses entity `e`: one of `refusals` comes before its first mention ("we will
    /// not use a shared database", "Kafka instead of RabbitMQ" refuses RabbitMQ, not Kafka).
    public func refuses(_ e: Int, in text: String, refusals: Set<String>) -> Bool {
        let words = Tokenizer.words(text)
        guard let m = matcher.matches(in: text).first(where: { $0.entity == e }) else { return false }
        return words.prefix(m.start).contains { refusals.contains($0) }
    }
}
