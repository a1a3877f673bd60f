/// Word-wrapping and column layout for terminal output.
public enum TextWrap {
    /// Wraps `text` into lines of at most `width` characters, breaking long words.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let w = max(width, 4)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                while word.count > w {
                    if !line.isEmpty { lines.append(line); line = "" }
                    lines.append(String(word.prefix(w)))
                    word = String(word.dropFirst(w))
                }
                if line.isEmpty {
                    line = word
                } else if line.count + 1 + word.count <= w {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = word
                }
            }
            lines.append(line)
        }
        while lines.last == "" && lines.count > 1 { lines.removeLast() }
        return lines
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
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
        var widths = headers.map(\.count)
        for i in 0..<n {
            let natural = max(headers[i].count, rows.map { $0[i].split(separator: "\n").map(\.count).max() ?? 0 }.max() ?? 0)
            widths[i] = natural
        }
        let fixed = (0..<n).filter { flex[$0] == 0 }.map { widths[$0] }.reduce(0, +)
        let shares = flex.reduce(0, +)
        let spare = max(total - fixed - sep * (n - 1), 10 * flex.filter { $0 > 0 }.count)
        for i in 0..<n where flex[i] > 0 {
            widths[i] = min(widths[i], max(10, spare * flex[i] / max(shares, 1)))
        }
        var out = ""
        func line(_ cells: [String]) {
            let wrapped = cells.enumerated().map { TextWrap.wrap($0.element, width: widths[$0.offset]) }
            let height = wrapped.map(\.count).max() ?? 1
            for r in 0..<height {
                var parts: [String] = []
                for c in 0..<n {
                    let text = r < wrapped[c].count ? wrapped[c][r] : ""
                    parts.append(c == n - 1 ? text : TextWrap.pad(text, widths[c]))
                }
                var l = parts.joined(separator: String(repeating: " ", count: sep))
                while l.hasSuffix(" ") { l.removeLast() }
                out += l + "\n"
            }
        }
        line(headers)
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: String(repeating: " ", count: sep)) + "\n"
        for (i, row) in rows.enumerated() {
            line(row)
            if i < rows.count - 1 { out += "\n" }
        }
        return out
    }
}
