import ArchKBCorpus
import ArchKBIndex

/// What a question names and asks, found before ranking: the entities it names, whether it
/// compares them, its facets (groups of words that belong together), and for long pasted text
/// the salient terms it is judged on.
///
/// "cache invalidation for GraphQL" has two facets, {cache, invalidation} and {graphql};
/// "kafka vs rabbitmq" names and compares two technologies; a 60-word ticket keeps its ten
/// heaviest domain words.
struct QuestionAnalysis {
    /// An entity name or alias found in the question, by word span.
    struct Mention {
        var entity: Int
        var start: Int
        var length: Int
        /// A one-word name many entities share ("cache", "queue"): context, not a constraint.
        var generic: Bool
        /// Share of the question's content words the name covers.
        var share: Double
    }

    var mentions: [Mention] = []
    /// Entities named specifically: each must appear in the answer.
    var named: [Int] = []
    /// Entities the question compares ("X vs Y", "X or Y", "X compared to Y"), in question order.
    var compared: [Int] = []
    /// Stem groups of the question's domain words, split at stop words and at names.
    var facets: [[String]] = []
    /// For long questions: the stems the question is judged on (nil for short questions).
    var salient: [String]?
    /// The words of the salient terms, as typed (for searching a long question by what matters in it).
    var salientWords: [String] = []

    var isLong: Bool { salient != nil }

    /// Words that join two compared names.
    static let comparators: Set<String> = ["vs", "v", "versus", "or", "compared", "comparing", "against", "over", "than"]
    /// Words after which "and" also compares ("difference between X and Y", "X and Y differences").
    static let comparisonCues: Set<String> = ["difference", "differences", "between", "compare", "comparison", "choose", "pick"]
}

extension Searcher {
    /// Analyses a question (see `QuestionAnalysis`).
    ///
    ///     salient: the question's named words, then its domain words (entity names, aliases, areas) by idf, then everyday words by idf — top `salientTerms`
    func analyse(_ q: Question) throws -> QuestionAnalysis {
        var a = QuestionAnalysis()
        let contentCount = Double(max(q.contentWords.count, 1))
        for m in nameMatcher.matches(in: q.words.joined(separator: " ")) {
            let phrase = Array(q.words[m.start..<(m.start + m.length)])
            let content = phrase.filter { !Stopwords.contains($0) }
            if content.isEmpty { continue }
            if phrase.count == 1 && phrase[0].count <= 2 && q.contentWords.count > 1 { continue }
            let stem = Tokenizer.stem(content[0])
            let generic = try content.count == 1 && (nameSharing[stem] ?? 0) >= model.genericNameSharing
                && (reader.inverseDocumentFrequency(stem) ?? .infinity) < model.genericIDF
            a.mentions.append(QuestionAnalysis.Mention(entity: m.entity, start: m.start, length: m.length, generic: generic,
                                                       share: min(1, Double(content.count) / contentCount)))
        }
        a.named = a.mentions.filter { !$0.generic }.map(\.entity)
        a.compared = comparedEntities(q.words, mentions: a.mentions)
        a.facets = facets(q.words, mentions: a.mentions)
        if q.contentWords.count > model.longQuestionWords {
            let ranked = try salientTerms(q, mentions: a.mentions)
            a.salient = ranked.map(\.stem)
            a.salientWords = ranked.map(\.word)
            // A long question's facets are its salient words; its sentences are too loose to group.
            a.facets = []
        }
        return a
    }

    /// Pairs of names joined by a comparator within two words: "kafka vs rabbitmq", "redis or memcached".
    func comparedEntities(_ words: [String], mentions: [QuestionAnalysis.Mention]) -> [Int] {
        let cue = words.contains { QuestionAnalysis.comparisonCues.contains($0) }
        var out: [Int] = []
        for (x, y) in zip(mentions, mentions.dropFirst()) where x.entity != y.entity {
            let gap = words[(x.start + x.length)..<max(x.start + x.length, y.start)]
            guard gap.count <= 3 else { continue }
            if gap.contains(where: QuestionAnalysis.comparators.contains) || (cue && gap.contains("and")) {
                if !out.contains(x.entity) { out.append(x.entity) }
                if !out.contains(y.entity) { out.append(y.entity) }
            }
        }
        return out
    }

    /// Runs of domain words between stop words, each name its own run; at most four, heaviest first kept.
    func facets(_ words: [String], mentions: [QuestionAnalysis.Mention]) -> [[String]] {
        var boundaries = Set<Int>()
        for m in mentions { boundaries.insert(m.start); boundaries.insert(m.start + m.length) }
        var runs: [[String]] = []
        var current: [String] = []
        for (i, w) in words.enumerated() {
            if boundaries.contains(i) || Stopwords.contains(w) {
                if !current.isEmpty { runs.append(current) }
                current = []
            }
            if Stopwords.contains(w) { continue }
            let stem = Tokenizer.stem(w)
            if domainStems.contains(stem) && !current.contains(stem) { current.append(stem) }
        }
        if !current.isEmpty { runs.append(current) }
        var unique: [[String]] = []
        for r in runs where !unique.contains(where: { Set($0) == Set(r) }) { unique.append(r) }
        return Array(unique.prefix(4))
    }

    /// The heaviest content words of a long question, names first.
    func salientTerms(_ q: Question, mentions: [QuestionAnalysis.Mention]) throws -> [(stem: String, word: String)] {
        let maxIDF = VectorIndexBuilder.idf(documentFrequency: 0, units: reader.units.count)
        var named = Set<String>()
        for m in mentions where !m.generic {
            for w in q.words[m.start..<(m.start + m.length)] where !Stopwords.contains(w) { named.insert(Tokenizer.stem(w)) }
        }
        var scored: [(stem: String, word: String, weight: Double)] = []
        var seen = Set<String>()
        for w in q.contentWords {
            let stem = Tokenizer.stem(w)
            guard seen.insert(stem).inserted else { continue }
            // Words the index has never seen say nothing about what the corpus holds.
            guard let idf = try reader.inverseDocumentFrequency(stem), idf < maxIDF else { continue }
            // Domain words (entity names, aliases, areas) first, then everyday words by idf.
            let weight = named.contains(stem) ? .infinity : domainStems.contains(stem) ? 100 + idf : idf
            scored.append((stem, w, weight))
        }
        scored.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.stem < $1.stem) }
        return scored.prefix(max(model.salientTerms, named.count)).map { ($0.stem, $0.word) }
    }
}

extension Searcher {
    /// The answer's account of an analysis, in names and words.
    func understanding(_ a: QuestionAnalysis, question q: Question) -> QuestionUnderstanding {
        var u = QuestionUnderstanding()
        u.named = a.named.map { reader.entities[$0].name }
        u.compared = a.compared.map { reader.entities[$0].name }
        u.facets = a.facets.map { facet in
            q.contentWords.filter { facet.contains(Tokenizer.stem($0)) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                .joined(separator: " ")
        }
        u.salient = a.salientWords
        return u
    }
}
