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
    }

    var terms: [Term] = []
    var totalWeight = 0.0

    /// Share of the question's weight that a set of stems covers:
    ///
    ///     coverage = Σ idf(w) over covered content words / Σ idf(w) over all content words
    /// A word is covered when its stem, or every stem of one of its thesaurus synonyms, is in the text.
    /// Words the index has never seen get the largest idf, so nonsense lowers coverage.
    func coverage(of stems: StemSets) -> (ratio: Double, missing: Int, words: Int) {
        var covered = 0.0
        var missing = 0
        for t in terms {
            if stems.contains(t.stem) || t.synonyms.contains(where: { $0.allSatisfy(stems.contains) }) {
                covered += t.weight
            } else {
                missing += 1
            }
        }
        return (totalWeight > 0 ? covered / totalWeight : 0, missing, terms.count)
    }
}

/// Membership in any of several stem sets, without building their union.
struct StemSets {
    let sets: [Set<String>]
    func contains(_ stem: String) -> Bool { sets.contains { $0.contains(stem) } }
}

extension Searcher {
    /// Builds the coverage plan of a question (stems, idf weights, synonym stems).
    func coveragePlan(_ q: Question) throws -> CoveragePlan {
        var plan = CoveragePlan()
        let maxIDF = VectorIndexBuilder.idf(documentFrequency: 0, units: reader.units.count)
        var seen = Set<String>()
        for w in q.contentWords {
            let stem = Tokenizer.stem(w)
            guard seen.insert(stem).inserted else { continue }
            let weight = try reader.inverseDocumentFrequency(stem) ?? maxIDF
            let synonyms = expansions(ofWord: w)
                .map { $0.filter { !Stopwords.contains($0) }.map(Tokenizer.stem) }
                .filter { !$0.isEmpty }
            plan.terms.append(CoveragePlan.Term(stem: stem, weight: weight, synonyms: synonyms))
            plan.totalWeight += weight
        }
        return plan
    }

    func expansions(ofWord w: String) -> [[String]] {
        if let cached = wordExpansions[w] { return cached }
        let e = reader.thesaurus.expansions(of: [w])
        wordExpansions[w] = e
        return e
    }
}
