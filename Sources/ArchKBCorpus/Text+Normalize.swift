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
        // "\r\n" is a single Character in Swift, so split on both forms.
        var lines = split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
