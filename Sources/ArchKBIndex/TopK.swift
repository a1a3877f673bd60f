/// The best k of many scored items without sorting them all: at 100k sections a common question
/// word scores tens of thousands of sections, of which retrieval keeps a few hundred.
enum TopK {
    /// The `k` ids with the smallest `value`, ordered by (value, id) ascending: the same as
    /// sorting every id that way and keeping the first `k`.
    static func smallest(_ ids: [Int], k: Int, value: (Int) -> Double) -> [Int] {
        guard k > 0, !ids.isEmpty else { return [] }
        var candidates = ids
        if ids.count > k * 4 {
            // Everything at or below the k-th smallest value; ties with it are kept for the id order.
            var values = ids.map(value)
            let threshold = kthSmallest(&values, k - 1)
            candidates = ids.filter { value($0) <= threshold }
        }
        candidates.sort { a, b in
            let va = value(a), vb = value(b)
            return va < vb || (va == vb && a < b)
        }
        return Array(candidates.prefix(k))
    }

    /// The element that would stand at `index` if `values` were sorted (quickselect; reorders `values`).
    static func kthSmallest(_ values: inout [Double], _ index: Int) -> Double {
        var lo = 0, hi = values.count - 1
        while lo < hi {
            // Median of three as the pivot, then a three-way partition (many equal scores are common).
            let mid = lo + (hi - lo) / 2
            let pivot = [values[lo], values[mid], values[hi]].sorted()[1]
            var lt = lo, i = lo, gt = hi
            while i <= gt {
                if values[i] < pivot {
                    values.swapAt(lt, i); lt += 1; i += 1
                } else if values[i] > pivot {
                    values.swapAt(i, gt); gt -= 1
                } else {
                    i += 1
                }
            }
            if index < lt { hi = lt - 1 } else if index > gt { lo = gt + 1 } else { return pivot }
        }
        return values[lo]
    }
}
