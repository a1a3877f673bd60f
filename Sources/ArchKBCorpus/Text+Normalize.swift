/// Lowercases and reduces a phrase to words separated by single spaces ("Trade-offs" → "trade offs").
///
/// Keeps `+` and `#` so that names such as C++ and C# survive.
public func normalizedPhrase(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        let kept: Bool
        if scalar.isASCII {
            // ASCII fast path: Unicode property lookups and lowercase mappings allocate.
            let v = UInt8(truncatingIfNeeded: scalar.value)
            kept = (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x2B || v == 0x23
            if kept {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                out.unicodeScalars.append(Unicode.Scalar(v >= 0x41 && v <= 0x5A ? v + 32 : v))
            }
        } else {
            kept = scalar.properties.isAlphabetic
            if kept {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                out.append(scalar.properties.lowercaseMapping)
            }
        }
        pendingSpace = !kept
    }
    return out
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and newlines.
    public var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}

extension String {
    /// Splits text into lines on `\n`, dropping a trailing `\r` from each.
    public var lineArray: [String] {
        // Split on bytes (Character iteration made this a tenth of parsing). A "\r\n" pair ends a
        // line like "\n" does, and one more "\r" before it is dropped too, as when lines were
        // Characters ("\r\n" is one Character) that lost a trailing "\r".
        var lines: [String] = []
        let bytes = Array(utf8)
        var start = 0
        func emit(_ end: Int, newline: Bool) {
            var e = end
            if newline && e > start && bytes[e - 1] == 0x0D { e -= 1 }
            if e > start && bytes[e - 1] == 0x0D { e -= 1 }
            lines.append(String(decoding: bytes[start..<e], as: UTF8.self))
        }
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            emit(i, newline: true)
            start = i + 1
        }
        emit(bytes.count, newline: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Whether the ASCII `needle` occurs in this text, comparing UTF-8 bytes (ASCII letters in any
    /// case when `ignoringCase`): a cheap test before slower searches.
    public func containsASCII(_ needle: String, ignoringCase: Bool = false) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        func fold(_ b: UInt8) -> UInt8 { ignoringCase && b >= 0x41 && b <= 0x5A ? b + 32 : b }
        let folded = n.map(fold)
        let found: Bool? = utf8.withContiguousStorageIfAvailable { h in
            guard h.count >= n.count else { return false }
            let f = fold(first)
            var i = 0
            while i + n.count <= h.count {
                if fold(h[i]) == f {
                    var k = 1
                    while k < n.count && fold(h[i + k]) == folded[k] { k += 1 }
                    if k == n.count { return true }
                }
                i += 1
            }
            return false
        }
        if let found { return found }
        return ignoringCase ? lowercased().contains(needle.lowercased()) : contains(needle)
    }
}
