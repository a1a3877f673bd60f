import ArchKBCorpus
import ArchKBIndex

/// The first stages of entity ranking for one question: what it names, what it was searched
/// by, and its candidates scored on their features (before precedent, related lift and constraints).
struct RankedCandidates {
    var analysis: QuestionAnalysis
    /// The coverage plan of the question's words (used for entities and decisions alike).
    var plan: CoveragePlan
    var candidates: [Candidate]
    var hits: [EntityHit]
}

/// One candidate as the learned ranker sees it (`archkb-engine features`, `scripts/train-ranker`).
public struct RankingSample: Sendable {
    public var name: String
    public var aliases: [String]
    /// Values by `RankingFeature` order.
    public var features: [Double]
    /// The linear score under the options' model.
    public var score: Double
    /// The best raw cosine of the entity's units, and its confidence label.
    public var cosine: Double
    public var confidence: Confidence
    /// What the confidence gate sees of this candidate, by name (for fitting the gate offline).
    public var gate: [(String, Double)] = []
}

extension Searcher {
    /// Analyses the question, retrieves, aggregates and scores the candidates that can reach the answer.
    func rankCandidates(_ question: Question, options: AskOptions) throws -> RankedCandidates {
        model = options.model
        var analysis = try analyse(question)
        if !options.facets { analysis.facets = [] }
        // A long question is searched by all its words: measured on the long questions of
        // scripts/eval/train-queries.jsonl, searching by the salient terms alone lost nDCG@5
        // (0.49 → 0.43), as rare filler words outweigh the need buried in the text.
        let evidence = try retrieve(question, ranker: options.ranker)
        let plan = try coveragePlan(question)
        let scored = scoreEntities(question, analysis: analysis, evidence: evidence, options: options)
        var candidates = scored.candidates
        try scoreFeatures(&candidates, hits: scored.hits, plan: plan, analysis: analysis,
                          depth: max(options.limit * 4, model.featureDepth), filter: options)
        return RankedCandidates(analysis: analysis, plan: plan, candidates: candidates, hits: scored.hits)
    }

    /// The scored candidates of a question with their feature values, best first: the training
    /// data of the learned ranker. Empty for questions without content words.
    public func rankingSamples(_ text: String, options: AskOptions = AskOptions()) throws -> [RankingSample] {
        let intent = DecisionIntent.of(Tokenizer.words(text))
        let question = Question(asking: text, intent: intent, thesaurus: reader.thesaurus, compounds: compoundSplits(text))
        guard !question.contentWords.isEmpty else { return [] }
        let ranked = try rankCandidates(question, options: options)
        return ranked.candidates.map { c in
            let e = reader.entities[c.entity]
            let cov = c.coverage ?? Coverage()
            let x = confidenceFeatures(c, coverage: cov, longQuestion: ranked.analysis.isLong)
            let gate = zip(ConfidenceFeature.allCases, x).map { ($0.label, $1) }
            return RankingSample(name: e.name, aliases: e.aliases, features: c.features, score: c.score, cosine: c.explanation.cosine,
                                 confidence: confidence(c, coverage: cov, longQuestion: ranked.analysis.isLong), gate: gate)
        }
    }
}
