import ArchKBCorpus

/// How sure archkb is that a recommendation answers the question.
public enum Confidence: String, Sendable, Codable, Comparable {
    case low, medium, high
    public static func < (a: Confidence, b: Confidence) -> Bool {
        let order: [Confidence] = [.low, .medium, .high]
        return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
    }
}

/// Which retrieval lists feed the ranking (`--ranker`).
public enum Ranker: String, Sendable, CaseIterable {
    case bm25, tfidf, hybrid
}

/// A pointer into the knowledge base: file, 1-based line, section heading trail.
public struct Citation: Sendable, Equatable, Hashable {
    public var path: String
    public var line: Int
    public var section: String
}

/// One additive part of a recommendation's score: a feature value times its weight, or a
/// second-stage adjustment (precedent, related lift, placement) with weight 1.
public struct ScoreTerm: Sendable, Equatable {
    public var name: String
    public var value: Double
    public var weight: Double
    public var contribution: Double { value * weight }

    public init(name: String, value: Double, weight: Double) {
        self.name = name
        self.value = value
        self.weight = weight
    }
}

/// How a recommendation's score was made (`--explain`).
public struct Explanation: Sendable {
    /// The score's additive terms, in the order the stages added them: the score is their sum.
    public var terms: [ScoreTerm] = []
    /// Best bm25 of the entity's sections (FTS5 convention: negated, larger is better) and its normalised aggregate.
    public var bm25: Double = 0
    public var bm25Part: Double = 0
    /// Best cosine of the entity's units and its normalised aggregate.
    public var cosine: Double = 0
    public var cosinePart: Double = 0
    public var fused: Double = 0
    public var nameBoost: Double = 0
    public var precedentBoost: Double = 0
    /// Added because a better candidate lists this entity as related (the `related_lift` term).
    public var relatedBoost: Double = 0
    public var prior: Double = 1
    public var coverage: Double = 0
    public var evidence: [String] = []
}

/// One row of the answer table.
public struct Recommendation: Sendable {
    public var rank: Int
    public var entity: Int
    public var name: String
    public var aliases: [String]
    public var kind: String
    public var area: String
    public var score: Double
    public var confidence: Confidence
    public var rationale: String
    public var tradeoffs: String
    public var citations: [Citation]
    /// For anti-patterns: what to do instead.
    public var instead: String?
    /// Accepted ADRs of the team that chose this entity and match the question.
    public var precedents: [Int] = []
    public var explanation: Explanation?
    /// The entity's ring on the team's radar (`Searcher.radar`), when its decision records name it.
    public var ring: RadarRing?
}

/// An ADR that matches the question, with its status and successor.
public struct DecisionHit: Sendable {
    public var decision: Int
    public var number: Int?
    public var title: String
    public var status: DecisionStatus
    public var rawStatus: String?
    public var date: String?
    public var path: String
    public var line: Int
    public var supersededBy: [String]
    public var chosen: String?
    public var score: Double
    /// How well the whole record covers the question (high also for records named in it).
    public var confidence: Confidence = .low
    /// The section of the record that matched best.
    public var evidence: Citation?
    /// Later decisions in force that replaced this one although its status was never updated
    /// (see `Searcher.inferReplacements`), with the reason in `note`.
    public var replacedBy: [String] = []
    public var note: String?
    /// The score's parts, with `--explain`.
    public var explanation: String?
}

/// What archkb understood the question to name and ask (see `QuestionAnalysis`).
public struct QuestionUnderstanding: Sendable, Equatable {
    /// Entities the question names specifically (each is kept in the answer).
    public var named: [String] = []
    /// Entities it compares ("X vs Y").
    public var compared: [String] = []
    /// Its facets, each as the words it groups.
    public var facets: [String] = []
    /// For long questions, the words it was searched and judged by.
    public var salient: [String] = []
}

/// Everything archkb says about one question.
public struct Answer: Sendable {
    public var query: String
    public var recommendations: [Recommendation] = []
    public var decisions: [DecisionHit] = []
    /// False when nothing in the knowledge base is really about the question.
    public var confident = true
    /// A sentence for the user when the answer is empty or not confident.
    public var message: String?
    /// Entity names nearest to the question, shown when not confident.
    public var nearestTopics: [String] = []
    /// Set when the corpus changed since the index was built.
    public var stale = false
    public var ranker: Ranker = .hybrid
    public var elapsedMilliseconds: Double = 0
    /// What the question asks of the team's decisions; not `.none` means decisions are the answer.
    public var intent: DecisionIntent = .none
    /// Whether the team's decisions answer the question better than the cards do: renderers list them first.
    public var decisionsFirst = false
    /// What the question names and asks.
    public var understanding = QuestionUnderstanding()
    /// Side by side, when the question compares entities.
    public var comparison: [ComparisonSide] = []

    public init(query: String) { self.query = query }
}
