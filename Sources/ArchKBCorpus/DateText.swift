/// Which component comes first in a numeric date such as `05/02/2018`.
public enum DateOrder: String, Sendable, Codable {
    case dayFirst = "day-first"
    case monthFirst = "month-first"
}

/// Recognises dates in the forms ADRs use and writes them as YYYY-MM-DD.
///
/// Reads ISO dates (`2017-07-19`, `2020-4-15`), numeric dates with `/`, `-` or `.` and a two- or
/// four-digit year (`05/02/2018`, `10/04/18`, `02.04.20`), and dates with month names
/// (`July 15 2021`, `20 April 2021`, `20-Aug-2021`, `November 2nd 2018`). Link targets and URLs are
/// ignored, so a date inside `(https://…/2019/05/x)` is never taken.
public enum DateText {
    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// Normalises a whole field ("2017-07-19", "July 15 2021", "15 July 2021"); nil if none is found.
    public static func normalize(_ text: String, order: DateOrder = .dayFirst) -> String? { find(in: text, order: order) }

    /// The first date found in `text`; `order` decides numeric dates whose day and month are both ≤ 12.
    public static func find(in text: String, order: DateOrder = .dayFirst) -> String? {
        all(in: text, order: order).first
    }

    /// Every date in `text`, in reading order.
    public static func all(in text: String, order: DateOrder = .dayFirst) -> [String] {
        var out: [String] = []
        for token in tokens(withoutLinks(text)) {
            if let d = numeric(token, order: order) { out.append(d) }
        }
        out += named(withoutLinks(text))
        return out
    }

    /// How many numeric dates in `text` can only be day-first (first part > 12) or only month-first.
    public static func evidence(in text: String) -> (dayFirst: Int, monthFirst: Int) {
        var day = 0, month = 0
        for token in tokens(withoutLinks(text)) {
            guard let p = parts(token), p.count == 3, p[0].count <= 2, p[1].count <= 2 else { continue }
            guard let a = Int(p[0]), let b = Int(p[1]) else { continue }
            if a > 12 && a <= 31 && b <= 12 { day += 1 } else if b > 12 && b <= 31 && a <= 12 { month += 1 }
        }
        return (day, month)
    }

    /// `text` without Markdown link targets `](…)`, autolinks `<…>` and bare URLs.
    static func withoutLinks(_ text: String) -> String {
        var out = ""
        var chars = Substring(text)
        while let c = chars.first {
            if c == "]", chars.dropFirst().first == "(", let close = chars.firstIndex(of: ")") {
                out.append(" ")
                chars = chars[chars.index(after: close)...]
                continue
            }
            if c == "<", let close = chars.firstIndex(of: ">"), chars[chars.startIndex..<close].contains("://") {
                chars = chars[chars.index(after: close)...]
                continue
            }
            if chars.hasPrefix("http://") || chars.hasPrefix("https://") {
                chars = chars.drop { $0 != " " && $0 != "\t" && $0 != ")" }
                continue
            }
            out.append(c)
            chars = chars.dropFirst()
        }
        return out
    }

    /// Runs of digits and date separators.
    static func tokens(_ text: String) -> [Substring] {
        text.split(whereSeparator: { !($0.isASCII && ($0.isNumber || $0 == "-" || $0 == "/" || $0 == ".")) })
            .map { $0.trimmingPrefix(in: "-/.").trimmingSuffix(in: "-/.") }
            .filter { $0.count >= 6 }
    }

    static func parts(_ token: Substring) -> [Substring]? {
        guard let sep = token.first(where: { !$0.isNumber }) else { return nil }
        let p = token.split(separator: sep, omittingEmptySubsequences: false)
        guard p.count == 3, p.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        return p
    }

    /// A numeric date token: `2020-04-15`, `2020-4-15`, `15/04/2020`, `04/15/2020`, `02.04.20`.
    static func numeric(_ token: Substring, order: DateOrder) -> String? {
        guard let p = parts(token) else { return nil }
        if p[0].count == 4 {
            guard let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), p[1].count <= 2, p[2].count <= 2 else { return nil }
            return valid(y, m, d)
        }
        guard p[0].count <= 2, p[1].count <= 2, p[2].count == 4 || p[2].count == 2,
              let a = Int(p[0]), let b = Int(p[1]), var y = Int(p[2]) else { return nil }
        if p[2].count == 2 { y += 2000 }
        if a > 12 { return valid(y, b, a) }
        if b > 12 { return valid(y, a, b) }
        return order == .dayFirst ? valid(y, b, a) : valid(y, a, b)
    }

    /// Dates with a month name: "July 15 2021", "15 July 2021", "20-Aug-2021", "November 2nd 2018".
    static func named(_ text: String) -> [String] {
        var out: [String] = []
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { w -> Substring in
            // "2nd", "21st", "3rd", "15th" → the number.
            let digits = w.prefix { $0.isNumber }
            if !digits.isEmpty, ["st", "nd", "rd", "th"].contains(String(w.dropFirst(digits.count))) { return digits }
            return w
        }
        for (j, w) in words.enumerated() {
            guard w.count >= 3, let m = months.firstIndex(where: { $0 == w || $0.hasPrefix(w) }) else { continue }
            if j + 2 < words.count, let d = Int(words[j + 1]), let y = Int(words[j + 2]), (1...31).contains(d), let v = valid(y, m + 1, d) {
                out.append(v)
            } else if j >= 1, j + 1 < words.count, let d = Int(words[j - 1]), let y = Int(words[j + 1]), (1...31).contains(d), let v = valid(y, m + 1, d) {
                out.append(v)
            }
        }
        return out
    }

    static func valid(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1970...2100).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
        return format(y, m, d)
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(pad(m))-\(pad(d))"
    }

    /// The ISO date a file name starts with (`2023-06-26-use-x.md`, `20230626_use-x.md`), if any.
    public static func fileNameDate(_ fileName: String) -> String? { fileNameDatePrefix(fileName)?.date }

    /// The date a file name (or title) starts with and how many characters it takes, separator included.
    public static func fileNameDatePrefix(_ name: String) -> (date: String, length: Int)? {
        let separators: Set<Character> = ["-", "_", ".", " ", ":"]
        if name.count > 10, separators.contains(name[name.index(name.startIndex, offsetBy: 10)]),
           let p = parts(Substring(name.prefix(10))), p[0].count == 4, p[1].count == 2, p[2].count == 2,
           let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), let date = valid(y, m, d) {
            return (date, 11)
        }
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        if digits.count == 8, name.count > 8, separators.contains(name[name.index(name.startIndex, offsetBy: 8)]),
           let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)), let d = Int(digits.suffix(2)), let date = valid(y, m, d) {
            return (date, 9)
        }
        return nil
    }
}

extension Substring {
    func trimmingPrefix(in chars: String) -> Substring { drop { chars.contains($0) } }

    func trimmingSuffix(in chars: String) -> Substring {
        var s = self
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return s
    }
}
