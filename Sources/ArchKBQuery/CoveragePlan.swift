import ArchKBCorpus
import ArchKBIndex

/// A question's content words reduced once to what coverage checks need: each distinct stem,
/// its weight, and the stems of its thesaurus synonyms.
///
/// Coverage is asked for dozens of candidates per question; stemming and idf lookups happen
/// here once instead of once per candidate.
struct CoveragePlan {
    struct Term {
        var stem: String
        var weight: Double
        /// Content stems of each synonym phrase; the word counts as covered when all stems of one are present.
        var synonyms: [[String]]
        /// Whether the word belongs to the domain vocabulary (some entity's name, alias or area).
        var domain: Bool
    }

    var terms: [Term] = []
    /// The question's weight in total, on domain words, and on words the index never saw.
    var totalWeight = 0.0
    var domainWeight = 0.0
    var unknownWeight = 0.0
    /// Weight of an everyday word relative to a domain word when counting missing words (`RankingModel.plainWordWeight`).
    var plainWordWeight = 0.5

    /// Share of the question's weight that a set of stems covers:
    ///
    ///     coverage = Σ idf(w) over covered content words / Σ idf(w) over all content words
    /// A word is covered when its stem, or every stem of one of its thesaurus synonyms, is in the text.
    /// Words the index has never seen get the largest idf, so nonsense lowers coverage.
    func coverage(of stems: StemSets) -> Coverage {
        var out = Coverage()
        var covered = 0.0
        out.terms = terms.count
        for t in terms {
            let share = t.domain ? 1 : plainWordWeight
            out.words += share
            if t.domain { out.domainWords += 1 }
            if stems.contains(t.stem) || t.synonyms.contains(where: { $0.allSatisfy(stems.contains) }) {
                covered += t.weight
            } else {
                if t.weight > out.heaviestMissing { out.heaviestMissing = t.weight }
                out.missing += share
                if t.domain { out.domainMissing += 1 }
            }
        }
        out.ratio = totalWeight > 0 ? covered / totalWeight : 0
        (out.totalWeight, out.domainWeight, out.unknownWeight) = (totalWeight, domainWeight, unknownWeight)
        return out
    }
}

extension CoveragePlan {
    /// Units that only ever follow a number in the question ("2 hours", "40 min", "3 seconds"): like
    /// the number itself they say how much, not what about, so coverage leaves them out.
    static func unitsOfQuantities(_ words: [String]) -> Set<String> {
        var afterNumber = Set<String>(), elsewhere = Set<String>()
        for (i, w) in words.enumerated() where quantityUnits.contains(w) {
            if i > 0, words[i - 1].first?.isNumber == true { afterNumber.insert(w) } else { elsewhere.insert(w) }
        }
        return afterNumber.subtracting(elsewhere)
    }

    static let quantityUnits: Set<String> = [
        "ms", "millisecond", "milliseconds", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
        "h", "hr", "hrs", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
        "k", "m", "kb", "mb", "gb", "tb", "percent", "x", "times",
    ]
}

/// How much of a question some text covers (see `CoveragePlan.coverage(of:)`).
struct Coverage {
    var ratio = 0.0
    /// Distinct content words and the ones the text lacks, each counted 1 if it is domain
    /// vocabulary and `plainWordWeight` if it is an everyday word.
    var words = 0.0
    var missing = 0.0
    /// Domain-vocabulary words only: how many, and how many the text lacks.
    var domainWords = 0
    var domainMissing = 0

    /// Share of the question's distinct content words that are domain vocabulary (independent of the text).
    var domainShare: Double { terms > 0 ? Double(domainWords) / Double(terms) : 0 }
    /// Distinct content words of the question.
    var terms = 0
    /// The question's weight in total, on domain words and on words the index never saw (copied from the plan).
    var totalWeight = 0.0
    var domainWeight = 0.0
    var unknownWeight = 0.0
    /// Weight of the heaviest question word the text lacks.
    var heaviestMissing = 0.0

    /// Whether the text covers some domain words and lacks fewer than half of them.
    var coversTheDomainWords: Bool { domainWords > 0 && domainMissing * 2 < domainWords }
}

/// Membership in any of several stem sets, without building their union.
struct StemSets {
    let sets: [Set<String>]
    func contains(_ stem: String) -> Bool { sets.contains { $0.contains(stem) } }
}

extension Searcher {
    /// Builds the coverage plan of a question (stems, weights, synonym stems).
    ///
    ///     weight(w) = idf(w) · (1 if w is domain vocabulary — a word of some entity's name, alias or area — else `plainWordWeight`)
    /// so "break up our monolith bit by bit" is judged on "monolith" more than on "bit".
    func coveragePlan(_ q: Question) throws -> CoveragePlan {
        var plan = CoveragePlan()
        plan.plainWordWeight = model.plainWordWeight
        let maxIDF = VectorIndexBuilder.idf(documentFrequency: 0, units: reader.units.count)
        var seen = Set<String>()
        let units = CoveragePlan.unitsOfQuantities(q.words)
        for w in q.contentWords {
            let stem = Tokenizer.stem(w)
            guard !units.contains(w), seen.insert(stem).inserted else { continue }
            let seenIDF = try reader.inverseDocumentFrequency(stem)
            // Quantities the index has never seen ("200ms", "9am", "40k") say how much, not what about.
            if seenIDF == nil && w.contains(where: \.isNumber) { continue }
            let idf = seenIDF ?? maxIDF
            let weight = domainStems.contains(stem) ? idf : idf * model.plainWordWeight
            let synonyms = expansions(ofWord: w)
                .map { $0.filter { !Stopwords.contains($0) }.map(Tokenizer.stem) }
                .filter { !$0.isEmpty }
            let domain = domainStems.contains(stem)
            plan.terms.append(CoveragePlan.Term(stem: stem, weight: weight, synonyms: synonyms, domain: domain))
            plan.totalWeight += weight
            if domain { plan.domainWeight += weight }
            if seenIDF == nil { plan.unknownWeight += weight }
        }
        return plan
    }

    func expansions(ofWord w: String) -> [[String]] {
        if let cached = wordExpansions[w] { return cached }
        // Keyed by question words: bounded, so arbitrary input cannot grow it without end.
        if wordExpansions.count >= 50_000 { wordExpansions.removeAll(keepingCapacity: true) }
        let e = reader.thesaurus.expansions(of: [w])
        wordExpansions[w] = e
        return e
    }
}
