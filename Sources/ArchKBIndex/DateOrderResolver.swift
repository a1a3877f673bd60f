import ArchKBCorpus

/// Decides, per collection (corpus root), whether numeric dates are day-first or month-first, and
/// re-reads every ADR's date in that order.
///
/// Only dates with a part above 12 decide (`23/06/2018` is day-first, `11/14/2024` month-first);
/// the majority wins, and a collection with no deciding date is read day-first (the norm outside
/// the US). The choice is recorded in the index meta table (`date_orders`) for `archkb doctor`.
public enum DateOrderResolver {
    /// The order chosen for one collection and the evidence behind it.
    public struct Choice: Equatable, Sendable {
        public var root: String
        public var order: DateOrder
        public var dayFirst: Int
        public var monthFirst: Int

        var metaLine: String { "\(root)\t\(order.rawValue)\t\(dayFirst)\t\(monthFirst)" }
    }

    public static let metaKey = "date_orders"

    static func resolve(_ model: inout IndexModel, roots: [String]) -> [Choice] {
        var groups: [String: [Int]] = [:]
        for (i, d) in model.documents.enumerated() where d.parsed.decision != nil {
            groups[root(of: d.parsed.path, roots: roots), default: []].append(i)
        }
        var choices: [Choice] = []
        for (root, docs) in groups.sorted(by: { $0.key < $1.key }) {
            var day = 0, month = 0
            for i in docs {
                guard let e = model.documents[i].parsed.decision?.dateSource.evidence else { continue }
                day += e.dayFirst
                month += e.monthFirst
            }
            let order: DateOrder = month > day ? .monthFirst : .dayFirst
            for i in docs {
                model.documents[i].parsed.decision?.resolveDate(order: order)
                if let source = model.documents[i].parsed.decision?.dateSource {
                    reportContradictions(source, order: order, path: model.documents[i].parsed.displayPath, into: &model)
                }
            }
            choices.append(Choice(root: root, order: order, dayFirst: day, monthFirst: month))
        }
        model.meta[metaKey] = choices.map(\.metaLine).joined(separator: "\n")
        return choices
    }

    /// Problem rows for numeric dates that can only be read in the other order ("5-26-2021" in a
    /// day-first collection): archkb reads them as written, but the log is inconsistent.
    static func reportContradictions(_ source: DateSource, order: DateOrder, path: String, into model: inout IndexModel) {
        for (n, text) in source.texts.enumerated() {
            let e = DateText.evidence(in: text)
            let against = order == .dayFirst ? e.monthFirst : e.dayFirst
            guard against > 0 else { continue }
            let line = n < source.lines.count ? source.lines[n] : (source.line ?? 1)
            let iso = DateText.find(in: text, order: order == .dayFirst ? .monthFirst : .dayFirst).map { "; write \($0)" } ?? ""
            model.problem(path, line, "date-order: \"\(text.trimmed.prefix(40))\" is \(order == .dayFirst ? "month-first" : "day-first") but this collection's dates are \(order.rawValue)\(iso)")
        }
    }

    /// The longest root containing `path` ("" when none does).
    static func root(of path: String, roots: [String]) -> String {
        roots.filter { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }.max { $0.count < $1.count } ?? ""
    }

    /// Reads the choices back from the meta value written by `resolve`.
    public static func parse(_ meta: String?) -> [Choice] {
        (meta ?? "").split(separator: "\n").compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, let order = DateOrder(rawValue: f[1]), let d = Int(f[2]), let m = Int(f[3]) else { return nil }
            return Choice(root: f[0], order: order, dayFirst: d, monthFirst: m)
        }
    }
}
