import ArchKBCorpus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds our TF-IDF vector index: one sparse vector per unit (a section, or an entity profile).
///
/// Weights, per unit u and term t (unigram stems and adjacent-stem bigrams):
///
///     tf(t,u)  = 1 + ln(count(t,u))                 (sublinear term frequency)
///     idf(t)   = ln((N + 1) / (df(t) + 1)) + 1       (smoothed inverse document frequency)
///     w(t,u)   = tf(t,u) · idf(t) / ‖tf·idf‖₂(u)       (L2-normalised)
///
/// Stored as an inverted index: for each term its idf and postings (unit id, w). A query vector
/// is weighted the same way, so cosine(q, u) = Σₜ q(t) · w(t,u).
public struct VectorIndexBuilder {
    /// A unit: a section or an entity profile, with its slice of the flat term arrays.
    struct Unit {
        var section: Int?
        var entity: Int?
        var start: Int
        var end: Int
        /// The number of distinct terms (stored as `norm_terms`).
        var termCount: Int { end - start }
    }

    /// Term id → term text, ascending once `renumber` has run.
    private(set) var vocabulary: [String] = []
    private(set) var units: [Unit] = []
    /// Every unit's term ids and counts, one after another (a unit's slice is `start..<end`).
    private var termIds: [Int32] = []
    private var termCounts: [Int32] = []

    init() {}

    /// Adopts the canonical vocabulary: ids become ranks in `sorted` (via `rank`), and each unit's
    /// terms are put back in id order, so sums over a unit run in an order independent of how the
    /// texts were analysed.
    mutating func renumber(sorted: [String], rank: [Int32]) {
        vocabulary = sorted
        var pairs: [(Int32, Int32)] = []
        for u in units {
            pairs.removeAll(keepingCapacity: true)
            for k in u.start..<u.end { pairs.append((rank[Int(termIds[k])], termCounts[k])) }
            pairs.sort { $0.0 < $1.0 }
            for (j, p) in pairs.enumerated() {
                termIds[u.start + j] = p.0
                termCounts[u.start + j] = p.1
            }
        }
    }

    /// Adds a unit from its analysed text; a text without terms makes no unit.
    mutating func add(_ analysis: TermAnalyzer.Analysis, section: Int?, entity: Int?) {
        guard !analysis.terms.isEmpty else { return }
        let start = termIds.count
        termIds.append(contentsOf: analysis.terms)
        termCounts.append(contentsOf: analysis.counts)
        units.append(Unit(section: section, entity: entity, start: start, end: termIds.count))
    }

    /// Calls `visit` with each section unit: its section, term ids and counts (in id order once
    /// `renumber` has run).
    func forEachSectionUnit(_ visit: (Int, ArraySlice<Int32>, ArraySlice<Int32>) throws -> Void) rethrows {
        for u in units {
            guard let section = u.section else { continue }
            try visit(section, termIds[u.start..<u.end], termCounts[u.start..<u.end])
        }
    }

    /// Smoothed idf as written above.
    public static func idf(documentFrequency df: Int, units n: Int) -> Double {
        log(Double(n + 1) / Double(df + 1)) + 1
    }

    /// Calls `visit` with each term that some unit has, in term order: its text, df, idf and
    /// packed postings (unit, weight) in unit order.
    func forEachTerm(_ visit: (String, Int, Double, [UInt8]) throws -> Void) rethrows {
        let v = vocabulary.count
        var df = [Int](repeating: 0, count: v)
        for t in termIds { df[Int(t)] += 1 }
        let n = units.count
        let idf = df.map { VectorIndexBuilder.idf(documentFrequency: $0, units: n) }
        // Postings laid out term after term: term t's postings start at offset[t].
        var offset = [Int](repeating: 0, count: v + 1)
        for t in 0..<v { offset[t + 1] = offset[t] + df[t] }
        var fill = offset
        var postingUnits = [Int32](repeating: 0, count: termIds.count)
        var postingWeights = [Float](repeating: 0, count: termIds.count)
        let logTable = (0..<64).map { $0 == 0 ? 0 : 1 + log(Double($0)) }
        var weights: [Double] = []
        for (i, u) in units.enumerated() {
            weights.removeAll(keepingCapacity: true)
            var norm = 0.0
            for k in u.start..<u.end {
                let c = Int(termCounts[k])
                let w = (c < 64 ? logTable[c] : 1 + log(Double(c))) * idf[Int(termIds[k])]
                weights.append(w)
                norm += w * w
            }
            norm = norm.squareRoot()
            guard norm > 0 else { continue }
            for k in u.start..<u.end {
                let t = Int(termIds[k])
                postingUnits[fill[t]] = Int32(i)
                postingWeights[fill[t]] = Float(weights[k - u.start] / norm)
                fill[t] += 1
            }
        }
        var bytes: [UInt8] = []
        for t in 0..<v where df[t] > 0 {
            bytes.removeAll(keepingCapacity: true)
            for k in offset[t]..<fill[t] {
                withUnsafeBytes(of: postingUnits[k].littleEndian) { bytes.append(contentsOf: $0) }
                withUnsafeBytes(of: postingWeights[k].bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
            try visit(vocabulary[t], df[t], idf[t], bytes)
        }
    }

    /// Packs postings as little-endian (Int32 unit, Float32 weight) pairs.
    public static func pack(_ postings: [(Int32, Float)]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(postings.count * 8)
        for (u, w) in postings {
            withUnsafeBytes(of: u.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: w.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    public static func unpack(_ bytes: [UInt8]) -> [(Int32, Float)] {
        var out: [(Int32, Float)] = []
        out.reserveCapacity(bytes.count / 8)
        var i = 0
        while i + 8 <= bytes.count {
            let u = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            let w = UInt32(bytes[i + 4]) | UInt32(bytes[i + 5]) << 8 | UInt32(bytes[i + 6]) << 16 | UInt32(bytes[i + 7]) << 24
            out.append((Int32(bitPattern: u), Float(bitPattern: w)))
            i += 8
        }
        return out
    }
}

