/// Word-wrapping and column layout for terminal output.
public enum TextWrap {
    /// Wraps `text` into lines of at most `width` characters, breaking words longer than a line
    /// unless `splitLongWords` is false (then such a word, a path say, stands alone on a longer line).
    ///
    /// Works on UTF-8 bytes and measures in Unicode scalars (`width(_:)`), so it is linear in
    /// the text and cheap enough for every daemon answer.
    public static func wrap(_ text: String, width: Int, splitLongWords: Bool = true) -> [String] {
        let w = max(width, 4)
        var lines: [String] = []
        var line: [UInt8] = []
        var lineLength = 0
        func flush() {
            lines.append(String(decoding: line, as: UTF8.self))
            line.removeAll(keepingCapacity: true)
            lineLength = 0
        }
        func place(_ word: ArraySlice<UInt8>) {
            var word = word
            var length = scalarCount(word)
            while splitLongWords && length > w {
                if lineLength > 0 { flush() }
                let cut = byteOffset(ofScalar: w, in: word)
                line.append(contentsOf: word[word.startIndex..<cut])
                flush()
                word = word[cut...]
                length -= w
            }
            if lineLength == 0 {
                line.append(contentsOf: word)
                lineLength = length
            } else if lineLength + 1 + length <= w {
                line.append(0x20)
                line.append(contentsOf: word)
                lineLength += 1 + length
            } else {
                flush()
                line.append(contentsOf: word)
                lineLength = length
            }
        }
        let bytes = Array(text.utf8)
        var start = 0
        for i in 0...bytes.count {
            let b: UInt8 = i < bytes.count ? bytes[i] : 0x0A
            guard b == 0x20 || b == 0x0A else { continue }
            if i > start { place(bytes[start..<i]) }
            if b == 0x0A { flush() }
            start = i + 1
        }
        while lines.last == "" && lines.count > 1 { lines.removeLast() }
        return lines
    }

    /// Display width of `s`, counted in Unicode scalars (what a terminal shows for this text).
    public static func width<S: StringProtocol>(_ s: S) -> Int { scalarCount(s.utf8) }

    static func scalarCount<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// The byte index where scalar number `n` (0-based) of `bytes` starts.
    static func byteOffset(ofScalar n: Int, in bytes: ArraySlice<UInt8>) -> Int {
        var seen = 0
        for i in bytes.indices where bytes[i] & 0xC0 != 0x80 {
            if seen == n { return i }
            seen += 1
        }
        return bytes.endIndex
    }

    static func pad(_ s: String, _ width: Int) -> String {
        let w = TextWrap.width(s)
        return w >= width ? s : s + String(repeating: " ", count: width - w)
    }

    /// `text` wrapped at word boundaries to `width` with a first-line and a hanging indent; words
    /// are never split (a path longer than the line stands alone on its own line).
    public static func hanging(_ text: String, width: Int, first: String, rest: String) -> String {
        let lines = wrap(text, width: max(width - max(TextWrap.width(first), TextWrap.width(rest)), 16), splitLongWords: false)
        return lines.enumerated().map { ($0.offset == 0 ? first : rest) + $0.element }.joined(separator: "\n") + "\n"
    }

    /// The longest word of `text` (what a column must at least hold so no word is split).
    static func longestWord(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(width).max() ?? 0
    }
}

/// A table with wrapped cells, drawn to fit a terminal width.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]]
    /// Relative share of the spare width each column takes (fixed columns use 0).
    public var flex: [Int]

    public init(headers: [String], rows: [[String]], flex: [Int]) {
        self.headers = headers
        self.rows = rows
        self.flex = flex
    }

    public func render(width total: Int) -> String {
        let n = headers.count
        let sep = 3
        // Fixed columns (flex 0) keep their natural width; flex columns share what is left,
        // never narrower than 10 characters.
        var widths = headers.map(TextWrap.width)
        for i in 0..<n {
            let natural = max(widths[i], rows.map { $0[i].split(separator: "\n").map(TextWrap.width).max() ?? 0 }.max() ?? 0)
            widths[i] = natural
        }
        let fixed = (0..<n).filter { flex[$0] == 0 }.map { widths[$0] }.reduce(0, +)
        let shares = flex.reduce(0, +)
        let spare = max(total - fixed - sep * (n - 1), 10 * flex.filter { $0 > 0 }.count)
        for i in 0..<n where flex[i] > 0 {
            widths[i] = min(widths[i], max(10, spare * flex[i] / max(shares, 1)))
        }
        var out = ""
        func line(_ cells: [String]) { out += lines(cells, widths: widths).joined() }
        line(headers)
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: String(repeating: " ", count: sep)) + "\n"
        for (i, row) in rows.enumerated() {
            line(row)
            if i < rows.count - 1 { out += "\n" }
        }
        return out
    }

    /// One row's lines (each ending in a newline): cells wrapped to `widths`, padded, joined by the
    /// gap. `decorate` (column, line of the cell, text) adds colour or links after the padding is
    /// measured on the plain text.
    func lines(_ cells: [String], widths: [Int], gap: Int = 3, decorate: ((Int, Int, String) -> String)? = nil) -> [String] {
        let n = widths.count
        let wrapped = cells.enumerated().map { TextWrap.wrap($0.element, width: widths[$0.offset]) }
        let height = wrapped.map(\.count).max() ?? 1
        var out: [String] = []
        for r in 0..<height {
            var parts: [String] = []
            for c in 0..<n {
                let text = r < wrapped[c].count ? wrapped[c][r] : ""
                let shown = decorate.map { $0(c, r, text) } ?? text
                let padding = c == n - 1 ? 0 : max(widths[c] - TextWrap.width(text), 0)
                parts.append(shown + String(repeating: " ", count: padding))
            }
            out.append(parts.joined(separator: String(repeating: " ", count: gap)).trimmingTrailingSpaces() + "\n")
        }
        return out
    }
}
