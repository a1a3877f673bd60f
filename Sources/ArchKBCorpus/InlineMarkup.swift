/// Removes inline Markdown and reStructuredText markup, keeping the words a reader sees.
public enum InlineMarkup {
    /// `[text](url)` → `text`, `**b**` → `b`, `` `code` `` → `code`, RST roles and bold removed.
    public static func plain(_ line: String) -> String {
        var out = ""
        out.reserveCapacity(line.utf8.count)
        let chars = Array(line)
        var i = 0
        /// Set after an RST role (`:ref:`): its backquoted target is markup, not a code span.
        var afterRole = false
        while i < chars.count {
            let c = chars[i]
            if c == "!" && i + 1 < chars.count && chars[i + 1] == "[" {
                i += 1
                continue
            }
            if c == "]" && i + 1 < chars.count && chars[i + 1] == "(" {
                // Skip the link target.
                var j = i + 2
                var depth = 1
                while j < chars.count && depth > 0 {
                    if chars[j] == "(" { depth += 1 }
                    if chars[j] == ")" { depth -= 1 }
                    j += 1
                }
                i = j
                continue
            }
            if c == "]" && i + 1 < chars.count && chars[i + 1] == "[" {
                // Reference-style link: drop the label.
                var j = i + 2
                while j < chars.count && chars[j] != "]" { j += 1 }
                i = j + 1
                continue
            }
            if c == "`", !afterRole, let close = chars[(i + 1)...].firstIndex(of: "`"), close > i + 1 {
                // A code span keeps its text verbatim (`KEYS *` stays "KEYS *").
                if let last = out.last, last.isLetter || last.isNumber { out.append(" ") }
                out.append(contentsOf: chars[(i + 1)..<close])
                if close + 1 < chars.count, chars[close + 1].isLetter || chars[close + 1].isNumber { out.append(" ") }
                i = close + 1
                continue
            }
            if c == "`" { afterRole = false }
            if c == "*" || c == "`" || c == "[" || c == "]" || c == "<" || c == ">" || c == "|" {
                // Removed without a trace ("`limit_req`, Envoy" → "limit_req, Envoy"), except that
                // two words it separated stay apart ("a|b" → "a b").
                if let last = out.last, last.isLetter || last.isNumber, i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1].isNumber {
                    out.append(" ")
                }
                i += 1
                continue
            }
            if c == "_" && (i == 0 || chars[i - 1] == " " || i + 1 == chars.count || chars[i + 1] == " ") {
                i += 1
                continue
            }
            if c == ":" && i + 1 < chars.count && (chars[i + 1] == "r" || chars[i + 1] == "t") {
                // RST roles :ref:`X` and :term:`X`.
                if let close = chars[(i + 1)...].firstIndex(of: ":"), close - i <= 8, close + 1 < chars.count, chars[close + 1] == "`" {
                    i = close + 1
                    afterRole = true
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return collapseSpaces(out)
    }

    /// Collapses runs of whitespace to one space and trims.
    public static func collapseSpaces(_ s: String) -> String {
        var out = ""
        var space = false
        for c in s {
            if c == " " || c == "\t" {
                space = true
            } else {
                if space && !out.isEmpty { out.append(" ") }
                space = false
                out.append(c)
            }
        }
        return out
    }
}
