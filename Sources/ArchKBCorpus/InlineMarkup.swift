/// Removes inline Markdown and reStructuredText markup, keeping the words a reader sees.
public enum InlineMarkup {
    /// `[text](url)` → `text`, `**b**` → `b`, `` `code` `` → `code`, RST roles and bold removed.
    public static func plain(_ line: String) -> String {
        // Works on UTF-8 bytes: every character it looks for is ASCII, and Character iteration
        // made this the costliest step of parsing. Other bytes are copied as they are.
        let chars = Array(line.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(chars.count)
        let space: UInt8 = 0x20
        /// Letters, digits and non-ASCII bytes: what must not be glued together or split apart.
        func isWord(_ b: UInt8) -> Bool { b >= 0x80 || (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) }
        var i = 0
        /// Set after an RST role (`:ref:`): its backquoted target is markup, not a code span.
        var afterRole = false
        while i < chars.count {
            let c = chars[i]
            let next: UInt8 = i + 1 < chars.count ? chars[i + 1] : 0
            if c == UInt8(ascii: "!") && next == UInt8(ascii: "[") {
                i += 1
                continue
            }
            if c == UInt8(ascii: "]") && next == UInt8(ascii: "(") {
                // Skip the link target.
                var j = i + 2
                var depth = 1
                while j < chars.count && depth > 0 {
                    if chars[j] == UInt8(ascii: "(") { depth += 1 }
                    if chars[j] == UInt8(ascii: ")") { depth -= 1 }
                    j += 1
                }
                i = j
                continue
            }
            if c == UInt8(ascii: "]") && next == UInt8(ascii: "[") {
                // Reference-style link: drop the label.
                var j = i + 2
                while j < chars.count && chars[j] != UInt8(ascii: "]") { j += 1 }
                i = j + 1
                continue
            }
            if c == UInt8(ascii: "`"), !afterRole, let close = chars[(i + 1)...].firstIndex(of: UInt8(ascii: "`")), close > i + 1 {
                // A code span keeps its text verbatim (`KEYS *` stays "KEYS *").
                if let last = out.last, isWord(last) { out.append(space) }
                out.append(contentsOf: chars[(i + 1)..<close])
                if close + 1 < chars.count, isWord(chars[close + 1]) { out.append(space) }
                i = close + 1
                continue
            }
            if c == UInt8(ascii: "`") { afterRole = false }
            if c == UInt8(ascii: "*") || c == UInt8(ascii: "`") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
                || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "|") {
                // Removed without a trace ("`limit_req`, Envoy" → "limit_req, Envoy"), except that
                // two words it separated stay apart ("a|b" → "a b").
                if let last = out.last, isWord(last), isWord(next) { out.append(space) }
                i += 1
                continue
            }
            if c == UInt8(ascii: "_") && (i == 0 || chars[i - 1] == space || i + 1 == chars.count || next == space) {
                i += 1
                continue
            }
            if c == UInt8(ascii: ":") && (next == UInt8(ascii: "r") || next == UInt8(ascii: "t")) {
                // RST roles :ref:`X` and :term:`X`.
                if let close = chars[(i + 1)...].firstIndex(of: UInt8(ascii: ":")), close - i <= 8, close + 1 < chars.count,
                   chars[close + 1] == UInt8(ascii: "`") {
                    i = close + 1
                    afterRole = true
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return collapseSpaces(bytes: out)
    }

    /// Collapses runs of whitespace to one space and trims.
    public static func collapseSpaces(_ s: String) -> String {
        collapseSpaces(bytes: Array(s.utf8))
    }

    /// Collapses runs of spaces and tabs in UTF-8 text to one space, trimmed, as a String.
    static func collapseSpaces(bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var space = false
        for c in bytes {
            if c == 0x20 || c == 0x09 {
                space = true
            } else {
                if space && !out.isEmpty { out.append(0x20) }
                space = false
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
