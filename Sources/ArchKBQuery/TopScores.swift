/// The `k` largest scores seen so far, for stopping a best-first scan once nothing left can place.
struct TopScores {
    let k: Int
    /// The kept scores, largest first (at most `k`).
    private(set) var scores: [Double] = []

    init(k: Int) {
        self.k = k
        if k > 0 && k <= 64 { scores.reserveCapacity(k) }
    }

    /// The k-th largest score so far; −∞ until `k` scores were added (or when `k` is not positive).
    var kth: Double { k > 0 && scores.count == k ? scores[k - 1] : -Double.infinity }

    mutating func add(_ score: Double) {
        guard k > 0 else { return }
        if scores.count == k {
            guard score > scores[k - 1] else { return }
            scores.removeLast()
        }
        // Binary search for the first kept score below this one (equal scores stay before it).
        var lo = 0, hi = scores.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if scores[mid] >= score { lo = mid + 1 } else { hi = mid }
        }
        scores.insert(score, at: lo)
    }
}
