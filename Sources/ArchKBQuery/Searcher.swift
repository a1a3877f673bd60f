import ArchKBCorpus
import ArchKBIndex

/// Options for one question.
public struct AskOptions: Sendable {
    public var limit = 5
    public var ranker: Ranker = .hybrid
    public var explain = false
    /// Only entities of this kind (pattern, technology, practice, anti-pattern, capability).
    public var kind: String?
    /// Only entities whose area contains this text (case-insensitive).
    public var area: String?
    /// The ranking weights (ablation: `RankingModel.handTuned`).
    public var model: RankingModel = .standard
    /// Whether facets shape the ranking (ablation: off).
    public var facets = true

    public init(limit: Int = 5, ranker: Ranker = .hybrid, explain: Bool = false, kind: String? = nil, area: String? = nil) {
        self.limit = limit
        self.ranker = ranker
        self.explain = explain
        self.kind = kind
        self.area = area
    }
}

/// Answers questions against one index: retrieval, fusion, entity ranking, precedent, confidence.
///
/// Not safe for concurrent use (it owns prepared statements); give each thread its own.
public final class Searcher {
    public let reader: IndexReader
    let nameMatcher: PhraseMatcher
    /// Sections per entity, for citations of entities found by name only.
    let sectionsByEntity: [Int: [Int]]
    /// Word → stem memo for rationale snippets (a Searcher is used by one thread at a time).
    var stemMemo: [String: String] = [:]
    /// Caches that make a long-lived searcher (the daemon's) fast: stem sets of sections and
    /// entities, sentences of sections with their stems, and thesaurus expansions of words.
    var sectionStems: [Int: Set<String>] = [:]
    var entityStems: [Int: Set<String>] = [:]
    var sectionSentences: [Int: [(text: String, stems: Set<String>)]] = [:]
    var wordExpansions: [String: [[String]]] = [:]
    var decisionStems: [Int: Set<String>] = [:]
    /// Stems of entities' areas (the `areaMatch` feature), computed once per entity.
    var areaStemCache: [Int: Set<String>] = [:]
    var decisionRecordStems: [Int: Set<String>] = [:]
    var replacementTitledCache: ReplacementTitled?
    /// Entity id → its ring on the team's radar (`teamRing`), derived once.
    var radarRings: [Int: RadarRing]?
    /// Document id → index of the corpus root it came from (one team's log).
    var rootOfDocument: [Int: Int] = [:]

    /// The weights and thresholds of the current question (from `AskOptions.model`).
    var model = RankingModel.standard
    /// Stem → how many entities' names or aliases contain it (a one-word name many share is generic).
    let nameSharing: [String: Int]
    /// Stems of every entity name, alias and area: the domain's own vocabulary.
    let domainStems: Set<String>
    /// Entity id → ids of the entities its card lists as related.
    let relatedEntities: [[Int]]

    public init(reader: IndexReader) {
        self.reader = reader
        // Built at index time (SearchTables), so opening costs one blob read.
        let tables = reader.searchTables
        nameMatcher = tables.nameMatcher
        sectionsByEntity = tables.sectionsByEntity
        relatedEntities = tables.relatedEntities
        domainStems = tables.domainStems
        nameSharing = tables.nameMatcher.entityCountsByStem()
    }

    /// Answers `text`. Never throws for odd input; throws only when the index itself fails.
    public func ask(_ text: String, options: AskOptions = AskOptions()) throws -> Answer {
        let intent = DecisionIntent.of(Tokenizer.words(text))
        let question = Question(asking: text, intent: intent, thesaurus: reader.thesaurus, compounds: compoundSplits(text))
        var answer = Answer(query: text)
        answer.ranker = options.ranker
        answer.intent = intent
        guard !question.contentWords.isEmpty || !question.adrNumbers.isEmpty || !question.adrFiles.isEmpty else {
            answer.confident = false
            answer.message = question.words.isEmpty
                ? "the question has no words to search for; ask about a problem, pattern or technology"
                : "the question has only common words (\(question.words.prefix(6).joined(separator: " "))); add what it is about"
            return answer
        }
        let ranked = try rankCandidates(question, options: options)
        let (analysis, plan) = (ranked.analysis, ranked.plan)
        answer.understanding = understanding(analysis, question: question)
        var candidates = ranked.candidates
        let matches = try matchDecisions(question, plan: plan, ranker: options.ranker, listed: max(DecisionScoring.listed, options.limit))
        applyPrecedent(&candidates, decisions: matches)
        var decisions = matches.prefix(max(DecisionScoring.listed, options.limit)).map { decisionHit($0, explain: options.explain) }
        try inferReplacements(&decisions, plan: plan)
        answer.decisions = decisions
        let decisionConfident = decisions.prefix(3).contains { $0.confidence >= .medium }
        if question.namesOnlyRecords {
            answer.decisions = decisions.filter { $0.score >= DecisionScoring.directReference }
            answer.decisionsFirst = true
            if answer.decisions.isEmpty { answer.confident = false; answer.message = "no decision record with that number or file name" }
            return answer
        }
        candidates.sort(by: Searcher.byScore)
        applyConstraints(&candidates, analysis: analysis, limit: max(options.limit, 1))
        // Candidates precedent brought in still need sections.
        Searcher.rankSections(&candidates, upTo: options.limit, hits: ranked.hits)

        // Honest cut: drop rows far below the best, instead of padding the table.
        let best = candidates.first?.score ?? 0
        let kept = Set(analysis.named + analysis.compared)
        let top = candidates.prefix(max(options.limit, 1)).filter { $0.score >= best * model.cutShare || kept.contains($0.entity) }
        var recs: [Recommendation] = []
        for c in top {
            recs.append(try recommendation(for: c, question: question, plan: plan, analysis: analysis, explain: options.explain))
        }
        for i in recs.indices { recs[i].rank = i + 1 }
        if analysis.compared.count >= 2 {
            answer.comparison = try comparison(of: analysis.compared, order: recs.map(\.entity))
        }

        // A long question is answered when one of its first three rows is confident: a paragraph's best
        // row by score need not be the one that covers most of it.
        // A short one is answered when its first row is confident, or a row it names is.
        let named = Set(analysis.named)
        let confident = analysis.isLong ? recs.prefix(3).contains { $0.confidence >= .medium }
            : (recs.first.map { $0.confidence >= .medium } ?? false) || recs.contains { named.contains($0.entity) && $0.confidence >= .medium }
        // The team's record answers first when the question asks for it, or when it is the only confident match.
        answer.decisionsFirst = decisionConfident && (intent != .none || !confident || !question.adrNumbers.isEmpty || !question.adrFiles.isEmpty)
        if !confident && !decisionConfident && question.adrNumbers.isEmpty && question.adrFiles.isEmpty {
            answer.confident = false
            answer.nearestTopics = recs.prefix(3).map(\.name)
            answer.message = "no confident recommendation: nothing in the knowledge base is really about this question"
            return answer
        }
        answer.recommendations = confident ? recs : []
        if !confident { answer.nearestTopics = recs.prefix(3).map(\.name) }
        if question.truncated { answer.message = "the question was long; only its first \(Question.maxWords) words were used" }
        if answer.recommendations.isEmpty && answer.decisions.isEmpty {
            answer.confident = false
            answer.message = "nothing found"
        }
        return answer
    }
}
