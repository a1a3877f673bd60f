import ArchKBIndex

/// What a question asks of the team's own decisions, read from its wording.
///
/// "what did we decide about logging", "which CI do we use", "are we still on MongoDB" and "why
/// did we pick Kafka" ask for the team's record, not for advice: they are answered decisions
/// first. The words that only say "our decision" (decide, pick, still on, …) are removed before
/// retrieval, so the record is found by its subject.
public enum DecisionIntent: String, Sendable {
    /// Not a question about the team's decisions.
    case none
    /// "what did we decide / choose / go with for X".
    case decided
    /// "which X do we use", "what do we use for X".
    case inUse = "in_use"
    /// "are we still on / using X": the answer must say what replaced X.
    case stillOn = "still_on"
    /// "why did we pick / choose / adopt X".
    case why

    /// Verbs that, after "we" (or "did we"), mean "the team decided".
    static let decisionVerbs: Set<String> = [
        "decide", "decided", "choose", "chose", "chosen", "pick", "picked", "select", "selected", "adopt", "adopted",
        "settle", "settled", "agree", "agreed", "opt", "opted", "go", "went", "standardize", "standardise",
        "standardized", "standardised",
    ]
    static let useVerbs: Set<String> = ["use", "using", "run", "running", "rely", "relying", "host", "hosting", "deploy"]
    /// Words that only carry the intent; they are dropped from the words searched for.
    static let intentWords: Set<String> = decisionVerbs.union(useVerbs).union(["still", "team", "currently", "anymore", "today"])

    /// Reads the intent of `words` (lower-case tokens of the question).
    public static func of(_ words: [String]) -> DecisionIntent {
        let we = Set(words.indices.filter { words[$0] == "we" || words[$0] == "our" || words[$0] == "us" })
        guard !we.isEmpty else { return .none }
        func follows(_ set: Set<String>, within distance: Int) -> Bool {
            we.contains { i in (i + 1...i + distance).contains { j in j < words.count && set.contains(words[j]) } }
        }
        let stillOn = words.indices.contains { i in
            words[i] == "still" && we.contains { abs($0 - i) <= 2 }
        }
        if stillOn { return .stillOn }
        if words.first == "why" && follows(decisionVerbs.union(useVerbs), within: 2) { return .why }
        if follows(decisionVerbs, within: 2) { return .decided }
        if follows(useVerbs, within: 2) && ["which", "what"].contains(words.first ?? "") { return .inUse }
        if words.contains("decision") || words.contains("decisions") { return .decided }
        return .none
    }

    /// The question's words without the ones that only carry the intent.
    public func subjectWords(_ words: [String]) -> [String] {
        guard self != .none else { return words }
        return words.filter { !DecisionIntent.intentWords.contains($0) && $0 != "decision" && $0 != "decisions" }
    }
}
