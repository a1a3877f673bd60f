/// The Porter (1980) stemming algorithm, the same family FTS5's `porter` tokenizer uses,
/// so that "invalidation", "invalidate" and "invalidating" share one term.
public enum PorterStemmer {
    /// Stems a lowercase ASCII word; other words are returned unchanged.
    public static func stem(_ word: String) -> String {
        var b = Array(word.utf8)
        guard b.count > 2, b.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return word }
        step1ab(&b)
        step1c(&b)
        step2(&b)
        step3(&b)
        step4(&b)
        step5(&b)
        return String(decoding: b, as: UTF8.self)
    }

    static func isConsonant(_ b: [UInt8], _ i: Int) -> Bool {
        switch b[i] {
        case 97, 101, 105, 111, 117: return false
        case 121: return i == 0 ? true : !isConsonant(b, i - 1)
        default: return true
        }
    }

    /// m(): the number of VC sequences in b[0..<end].
    static func measure(_ b: [UInt8], _ end: Int) -> Int {
        var n = 0
        var i = 0
        while i < end && isConsonant(b, i) { i += 1 }
        while i < end {
            while i < end && !isConsonant(b, i) { i += 1 }
            if i >= end { break }
            n += 1
            while i < end && isConsonant(b, i) { i += 1 }
        }
        return n
    }

    static func hasVowel(_ b: [UInt8], _ end: Int) -> Bool {
        (0..<end).contains { !isConsonant(b, $0) }
    }

    static func endsDoubleConsonant(_ b: [UInt8], _ end: Int) -> Bool {
        end >= 2 && b[end - 1] == b[end - 2] && isConsonant(b, end - 1)
    }

    /// cvc(i): consonant-vowel-consonant ending, last not w, x or y.
    static func cvc(_ b: [UInt8], _ end: Int) -> Bool {
        guard end >= 3, isConsonant(b, end - 1), !isConsonant(b, end - 2), isConsonant(b, end - 3) else { return false }
        let c = b[end - 1]
        return c != 119 && c != 120 && c != 121
    }

    static func ends(_ b: [UInt8], _ s: String) -> Bool {
        let n = s.utf8.count
        guard b.count >= n else { return false }
        var i = b.count - n
        for c in s.utf8 {
            if b[i] != c { return false }
            i += 1
        }
        return true
    }

    /// Replaces suffix `s` with `r` when the measure of the stem satisfies `minM`.
    @discardableResult
    static func replace(_ b: inout [UInt8], _ s: String, _ r: String, minM: Int) -> Bool {
        guard ends(b, s) else { return false }
        let stemEnd = b.count - s.utf8.count
        if measure(b, stemEnd) > minM {
            b.removeLast(s.utf8.count)
            b.append(contentsOf: r.utf8)
        }
        return true
    }

    static func step1ab(_ b: inout [UInt8]) {
        if ends(b, "sses") { b.removeLast(2) }
        else if ends(b, "ies") { b.removeLast(2) }
        else if ends(b, "ss") {}
        else if ends(b, "s") { b.removeLast() }

        var extra = false
        if ends(b, "eed") {
            if measure(b, b.count - 3) > 0 { b.removeLast() }
        } else if ends(b, "ed"), hasVowel(b, b.count - 2) {
            b.removeLast(2); extra = true
        } else if ends(b, "ing"), hasVowel(b, b.count - 3) {
            b.removeLast(3); extra = true
        }
        if extra {
            if ends(b, "at") || ends(b, "bl") || ends(b, "iz") {
                b.append(101)
            } else if endsDoubleConsonant(b, b.count), let last = b.last, last != 108, last != 115, last != 122 {
                b.removeLast()
            } else if measure(b, b.count) == 1 && cvc(b, b.count) {
                b.append(101)
            }
        }
    }

    static func step1c(_ b: inout [UInt8]) {
        if ends(b, "y"), hasVowel(b, b.count - 1) { b[b.count - 1] = 105 }
    }

    static let step2Rules: [(String, String)] = [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
    ]

    static func step2(_ b: inout [UInt8]) {
        for (s, r) in step2Rules where replace(&b, s, r, minM: 0) { return }
    }

    static let step3Rules: [(String, String)] = [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ]

    static func step3(_ b: inout [UInt8]) {
        for (s, r) in step3Rules where replace(&b, s, r, minM: 0) { return }
    }

    static let step4Suffixes = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
                                "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"]

    static func step4(_ b: inout [UInt8]) {
        for s in step4Suffixes where ends(b, s) {
            let stemEnd = b.count - s.utf8.count
            if s == "ion" {
                guard stemEnd > 0, b[stemEnd - 1] == 115 || b[stemEnd - 1] == 116 else { return }
            }
            if measure(b, stemEnd) > 1 { b.removeLast(s.utf8.count) }
            return
        }
    }

    static func step5(_ b: inout [UInt8]) {
        if ends(b, "e") {
            let m = measure(b, b.count - 1)
            if m > 1 || (m == 1 && !cvc(b, b.count - 1)) { b.removeLast() }
        }
        if measure(b, b.count) > 1 && endsDoubleConsonant(b, b.count) && b.last == 108 { b.removeLast() }
    }
}
