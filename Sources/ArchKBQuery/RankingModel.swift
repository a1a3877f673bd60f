/// Every weight and threshold of entity ranking, in one value.
///
/// The linear part (`weights`, one per `RankingFeature`) is learned offline by
/// `scripts/train-ranker` from a labelled question file (`RankingModel+Learned.swift` holds the
/// result and its training figures); the rest are documented constants. `--explain` shows each
/// feature's value and weight, and a row's score is the sum of its explanation's terms.
public struct RankingModel: Sendable {
    /// Weight of each feature in the linear score, indexed by `RankingFeature.rawValue`.
    public var weights: [Double]

    // Retrieval and aggregation.
    /// Hits each retrieval list contributes.
    public var retrievalDepth = 300
    /// Candidates (by first-pass score) whose coverage and facets are computed; the rest cannot reach the answer.
    public var featureDepth = 40
    /// Weights of the bm25 and cosine parts in the first-pass score that picks `featureDepth` candidates.
    public var firstPassBM25 = 0.4
    public var firstPassCosine = 0.6

    // Question understanding.
    /// Content words above which a question is "long" and is judged on its salient terms only.
    public var longQuestionWords = 15
    /// How many salient terms a long question keeps.
    public var salientTerms = 10
    /// A one-word name is generic (not a constraint) when this many entity names or aliases share its
    /// stem and its idf is below `genericIDF` ("cache" 3.0, "queue" 3.3, "event" 3.0; not "kafka" 3.8, "graphql" 4.3).
    public var genericNameSharing = 4
    public var genericIDF = 3.5
    /// A named entity is an umbrella (`namedHub`) when its card lists at least this many related entities.
    public var hubRelated = 4
    /// A candidate covering every facet of the question is moved up to the second row when it scores at
    /// least this share of the best row (see `Searcher.diversifyFacets`).
    public var facetAllShare = 0.25
    /// A facet counts as covered when this share of its idf weight is covered.
    public var facetCovered = 0.5

    // Second-stage terms.
    /// How many of the best candidates spread activation to their related entities (`RankingFeature.relatedLift`).
    public var relatedSources = 6
    /// Team precedent: an accepted decision in force that chose the entity multiplies its score by
    /// `precedentFactor` and adds `precedentBonus`; an entity only precedent names starts at `precedentFloor` · best.
    public var precedentFactor = 1.2
    public var precedentBonus = 0.05
    public var precedentFloor = 0.3
    /// Rows scoring under this share of the best are cut instead of padding the table.
    public var cutShare = 0.18

    // Confidence.
    /// A row whose entity's name covers this share of the question is high once the gate passes it.
    public var highNameCoverage = 0.5
    /// Weight of an everyday question word relative to a domain word in coverage.
    public var plainWordWeight = 0.5
    /// The confidence gate: logistic weights by `ConfidenceFeature` (fitted by `scripts/train-gate`), and the
    /// probabilities from which a row is medium and high.
    public var gateWeights: [Double] = RankingModel.learnedGateWeights
    public var gateMedium = RankingModel.learnedGateMedium
    public var gateHigh = 0.9

    public init(weights: [Double]) {
        self.weights = weights
    }

    /// The weight of one feature (0 when the model predates the feature).
    public func weight(_ f: RankingFeature) -> Double {
        f.rawValue < weights.count ? weights[f.rawValue] : 0
    }

    /// The model archkb ranks with: learned weights.
    public static let standard = RankingModel(weights: RankingModel.learnedWeights)

    /// The previous hand-set ranking as a linear model, for ablation (`--model hand`):
    ///
    ///     score ≈ (0.4·bm25 + 0.6·cos) · (0.4 + 0.6·coverage) + c² + 0.3·[c = 1] − 0.15·catalog·fused + 0.25·related
    public static let handTuned = RankingModel(weights: RankingFeature.allCases.map { f in
        switch f {
        case .bm25: return 0.16
        case .cosine: return 0.24
        case .bm25Coverage: return 0.24
        case .cosineCoverage: return 0.36
        case .nameShare: return 1
        case .exactName: return 0.3
        case .relatedLift: return 0.25
        case .catalogFused: return -0.15
        default: return 0
        }
    })
}

/// The features of one candidate entity that the linear score weighs.
public enum RankingFeature: Int, Sendable, CaseIterable {
    /// part_bm25: the entity's aggregated bm25 hits, normalised so the best entity has 1.
    case bm25
    /// part_cos: the same for cosine similarity of the TF-IDF vectors.
    case cosine
    /// part_bm25 · coverage and part_cos · coverage: retrieval scaled by how much of the question the evidence covers.
    case bm25Coverage
    case cosineCoverage
    /// coverage: idf-weighted share of the question's (salient) words the entity's evidence covers.
    case coverage
    /// c²: c is the share of the question's content words that the entity's name or alias covers.
    case nameShare
    /// [c = 1]: the question is the entity's name.
    case exactName
    /// [named]: the question names the entity (not a generic one-word name), whatever its length.
    case named
    /// [named in a comparison]: "X vs Y", "X or Y", "X compared to Y".
    case compared
    /// The lowest covered share over the question's facets (word groups such as "cache invalidation" | "GraphQL").
    case facetMin
    /// [all facets covered], only for questions of two or more facets.
    case facetAll
    /// [catalog-only capability] · fused: capabilities without a card are weaker evidence.
    case catalogFused
    /// [anti-pattern]: the entity is a smell to avoid (its weight says how often smells are the answer).
    case antiPattern
    /// Share of the question's words that the entity's area names.
    case areaMatch
    /// [named] · [its card lists at least `hubRelated` related entities]: the question names an umbrella
    /// ("pagination", "load balancing") whose options may be the better answer.
    case namedHub
    /// 1 − ½ · j / n when the entity is j-th of the n related entities of an entity the question names
    /// (the options of what it names), else 0.
    case optionOfNamed
    /// One step of spreading activation over the cards' `related` lists: Σ over the best
    /// `relatedSources` candidates p (by their linear score without this feature) that list the
    /// entity j-th of n: score(p) · (1 − ½ · j / n). An umbrella answer brings its concrete options.
    case relatedLift
    /// coverage by the entity's header alone (name, aliases, summary, when to use): the card is *about* the question.
    case headerCoverage
    /// The best coverage by one of the entity's three best hit sections alone: the question's words close together.
    case sectionCoverage
    /// [named] · [the entity is a capability (`kind: capability`): a family of options such as "Load
    /// Balancing" or "Pagination"]: the question names what it needs, and the answer is one of its options.
    case namedCapability
    /// 1 − ½ · j / n when the entity is j-th of the n options (related entities) of a capability the question names, else 0.
    case optionOfCapability

    /// The name `--explain` and the JSON answer use.
    public var label: String {
        switch self {
        case .bm25: return "bm25_part"
        case .cosine: return "cosine_part"
        case .bm25Coverage: return "bm25_part×coverage"
        case .cosineCoverage: return "cosine_part×coverage"
        case .coverage: return "coverage"
        case .nameShare: return "name_share²"
        case .exactName: return "exact_name"
        case .named: return "named"
        case .compared: return "compared"
        case .facetMin: return "facet_min"
        case .facetAll: return "facet_all"
        case .catalogFused: return "catalog×fused"
        case .antiPattern: return "anti_pattern"
        case .areaMatch: return "area_match"
        case .namedHub: return "named_hub"
        case .optionOfNamed: return "option_of_named"
        case .relatedLift: return "related_lift"
        case .headerCoverage: return "header_coverage"
        case .sectionCoverage: return "section_coverage"
        case .namedCapability: return "named_capability"
        case .optionOfCapability: return "option_of_capability"
        }
    }
}
