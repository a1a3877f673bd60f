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
    public struct Unit {
        public var section: Int?
        public var entity: Int?
        public var counts: [String: Int]
    }

    public private(set) var units: [Unit] = []

    public init() {}

    public mutating func add(text: String, section: Int?, entity: Int?) {
        let counts = Tokenizer.termCounts(text)
        guard !counts.isEmpty else { return }
        units.append(Unit(section: section, entity: entity, counts: counts))
    }

    /// Smoothed idf as written above.
    public static func idf(documentFrequency df: Int, units n: Int) -> Double {
        log(Double(n + 1) / Double(df + 1)) + 1
    }

    /// term → (df, idf, postings as (unit, weight)).
    public func postings() -> [String: (df: Int, idf: Double, postings: [(Int32, Float)])] {
        var df: [String: Int] = [:]
        for u in units { for t in u.counts.keys { df[t, default: 0] += 1 } }
        let n = units.count
        var idf: [String: Double] = [:]
        for (t, f) in df { idf[t] = VectorIndexBuilder.idf(documentFrequency: f, units: n) }
        var out: [String: (df: Int, idf: Double, postings: [(Int32, Float)])] = [:]
        for (t, f) in df { out[t] = (f, idf[t] ?? 1, []) }
        for (i, u) in units.enumerated() {
            var weights: [(String, Double)] = []
            var norm = 0.0
            for (t, c) in u.counts {
                let w = (1 + log(Double(c))) * (idf[t] ?? 1)
                weights.append((t, w))
                norm += w * w
            }
            norm = norm.squareRoot()
            guard norm > 0 else { continue }
            for (t, w) in weights { out[t]?.postings.append((Int32(i), Float(w / norm))) }
        }
        return out
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

