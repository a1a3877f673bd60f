import Foundation
import Testing
@testable import ArchKBCorpus
@testable import ArchKBIndex

/// The pieces that make index builds and queries scale (issue 11) give the same results as the
/// plain forms they replaced.
@Suite("Scale: build and query helpers")
struct ScaleTests {
    static let texts = [
        "Circuit breakers stop cascading failures; circuit breaker state is open, half-open or closed.",
        "We use C++ and C# (and F#) but not word+ or tag##; Ünïcödé Straße and ÉCOLE are words too.",
        "The the THE and of: only stopwords here, so no terms at all?",
        "", "a", String(repeating: "x", count: 41) + " short " + String(repeating: "y", count: 40),
        "Retry with exponential backoff; retries retried retrying. Idempotency keys make retries safe.",
    ]

    @Test func analyzerGivesTheTermCountsAndStemSetOfTheTokenizer() {
        var analyzer = TermAnalyzer()
        for text in Self.texts {
            let a = analyzer.analyze(text)
            var counts: [String: Int] = [:]
            for (t, c) in zip(a.terms, a.counts) { counts[analyzer.terms[Int(t)]] = Int(c) }
            #expect(counts == Tokenizer.termCounts(text), "\(text)")
            #expect(a.stemSet == IndexWriter.stemSet(text), "\(text)")
        }
    }

    @Test func vocabularyRenumberingDoesNotDependOnChunks() {
        var whole = TermVocabulary()
        let all = whole.analyze(count: Self.texts.count) { Self.texts[$0] }
        var parts = TermVocabulary()
        let first = parts.analyze(count: 3) { Self.texts[$0] }
        let rest = parts.analyze(count: Self.texts.count - 3) { Self.texts[3 + $0] }
        let a = whole.canonicalOrder(), b = parts.canonicalOrder()
        #expect(a.sorted == b.sorted)
        func canonical(_ analyses: [TermAnalyzer.Analysis], _ rank: [Int32]) -> [[Int32]] {
            analyses.map { $0.terms.map { rank[Int($0)] }.sorted() }
        }
        #expect(canonical(all, a.rank) == canonical(first + rest, b.rank))
    }

    @Test func wordsKeepSymbolNamesAndDropOverlongWords() {
        #expect(Tokenizer.words("C++ c# F# word+ tag## x+y") == ["c++", "c#", "f#", "word", "tag", "x+y"])
        #expect(Tokenizer.words("Ünïcödé STRASSE", keepingCase: true) == ["Ünïcödé", "STRASSE"])
        #expect(Tokenizer.words("Ünïcödé") == ["ünïcödé"])
        #expect(Tokenizer.words(String(repeating: "a", count: 41) + " ok") == ["ok"])
    }

    @Test func lineArraySplitsLikeCharactersDid() {
        #expect("a\nb\r\nc\r\r\nd\r".lineArray == ["a", "b", "c", "d"])
        #expect("a\n\nb\n".lineArray == ["a", "", "b"])
        #expect("".lineArray == [])
        #expect("x\ry".lineArray == ["x\ry"])
    }

    @Test func topKEqualsTheSortedPrefix() {
        var rng = SystemRandomNumberGenerator()
        for n in [0, 1, 5, 50, 1000, 20000] {
            // Few distinct values: many ties at the cut.
            let values = (0..<n).map { _ in Double(Int.random(in: 0..<40, using: &rng)) / 4 }
            let ids = Array(0..<n).shuffled(using: &rng)
            for k in [1, 3, 10, 300, n + 5] {
                let expected = ids.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }.prefix(k)
                #expect(TopK.smallest(ids, k: k) { values[$0] } == Array(expected), "n \(n) k \(k)")
            }
        }
    }

    @Test func kthSmallestMatchesSorting() {
        var values = (0..<999).map { Double(($0 * 7919) % 113) }
        let sorted = values.sorted()
        for index in [0, 1, 500, 998] {
            var copy = values
            #expect(TopK.kthSmallest(&copy, index) == sorted[index])
        }
        values = [3]
        #expect(TopK.kthSmallest(&values, 0) == 3)
    }
}
