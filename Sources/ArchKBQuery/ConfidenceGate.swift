import ArchKBIndex
import Foundation

/// The inputs of the confidence gate: how well one row answers the question, and how much the
/// question is about this knowledge base at all.
///
/// The gate is a logistic model over these values (`RankingModel.gateWeights`), fitted offline by
/// `scripts/train-gate` on on-topic questions (the training file and informal ones) against
/// off-topic ones (everyday questions, some using software words in their everyday sense):
///
///     p(row) = 1 / (1 + exp(−Σᵢ wᵢ · xᵢ))        (xᵢ: `ConfidenceFeature`s, the last one the constant 1)
public enum ConfidenceFeature: Int, Sendable, CaseIterable {
    /// Coverage of the question by the row's evidence (header and three best sections).
    case coverage
    /// Coverage by the entity's header alone, and by its best single section.
    case headerCoverage
    case sectionCoverage
    /// The row's best raw cosine.
    case cosine
    /// Share of the question's weight on domain words (some entity's name, alias or area).
    case domainWeight
    /// Share of the question's weight on words the index has never seen ("sourdough", "ibuprofen").
    case unknownWeight
    /// Weight of the heaviest question word the row lacks, as a share of the question's weight.
    case heaviestMissing
    /// Share of the question's words the row lacks (everyday words counting `plainWordWeight`).
    case missingShare
    /// Share of the question's words the entity's name or alias covers.
    case nameCoverage
    /// [the question is long] (more than `longQuestionWords` content words).
    case long
    /// The constant 1 (the model's intercept).
    case bias

    /// The name `scripts/train-gate` and `archkb-engine features` use.
    public var label: String {
        switch self {
        case .coverage: return "coverage"
        case .headerCoverage: return "header_coverage"
        case .sectionCoverage: return "section_coverage"
        case .cosine: return "cosine"
        case .domainWeight: return "domain_weight"
        case .unknownWeight: return "unknown_weight"
        case .heaviestMissing: return "heaviest_missing"
        case .missingShare: return "missing_share"
        case .nameCoverage: return "name_coverage"
        case .long: return "long"
        case .bias: return "bias"
        }
    }
}

extension Searcher {
    /// The gate's input values for one row, by `ConfidenceFeature` order.
    func confidenceFeatures(_ c: Candidate, coverage d: Coverage, longQuestion: Bool) -> [Double] {
        let total = d.totalWeight > 0 ? d.totalWeight : 1
        func feature(_ f: RankingFeature) -> Double { f.rawValue < c.features.count ? c.features[f.rawValue] : 0 }
        var x = [Double](repeating: 0, count: ConfidenceFeature.allCases.count)
        x[ConfidenceFeature.coverage.rawValue] = d.ratio
        x[ConfidenceFeature.headerCoverage.rawValue] = feature(.headerCoverage)
        x[ConfidenceFeature.sectionCoverage.rawValue] = feature(.sectionCoverage)
        x[ConfidenceFeature.cosine.rawValue] = c.explanation.cosine
        x[ConfidenceFeature.domainWeight.rawValue] = d.domainWeight / total
        x[ConfidenceFeature.unknownWeight.rawValue] = d.unknownWeight / total
        x[ConfidenceFeature.heaviestMissing.rawValue] = d.heaviestMissing / total
        x[ConfidenceFeature.missingShare.rawValue] = d.words > 0 ? d.missing / d.words : 0
        x[ConfidenceFeature.nameCoverage.rawValue] = c.nameCoverage
        x[ConfidenceFeature.long.rawValue] = longQuestion ? 1 : 0
        x[ConfidenceFeature.bias.rawValue] = 1
        return x
    }

    /// The gate's probability that this row answers an on-topic question (see `ConfidenceFeature`).
    func confidenceProbability(_ c: Candidate, coverage d: Coverage, longQuestion: Bool) -> Double {
        let x = confidenceFeatures(c, coverage: d, longQuestion: longQuestion)
        let z = zip(model.gateWeights, x).reduce(0) { $0 + $1.0 * $1.1 }
        return 1 / (1 + exp(-z))
    }
}
