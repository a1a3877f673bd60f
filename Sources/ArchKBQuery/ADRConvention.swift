import ArchKBCorpus
import Foundation

/// How a team's decision log names, numbers and formats its records, read from the records themselves.
///
/// Detection parses every record with the corpus parser (`DocumentParser`/`ADRParser`) and copies the
/// newest numbered record's conventions: file-name prefix and number width (`0007-`, `adr-007-`, `7-`,
/// or a date prefix), title prefix (`# 7. `, `# ADR 105: `), format (MADR or Nygard, Markdown or RST)
/// and where the status is written (a Status section, a `* Status:` line, or front matter).
public struct ADRConvention: Sendable, Equatable {
    /// How a record's file name starts.
    public enum Naming: Sendable, Equatable {
        /// `prefix` + number padded to `width` + `separator` + slug (`0007-use-kafka.md`, `adr-007-x.md`).
        case numbered(prefix: String, width: Int, separator: String)
        /// `YYYY-MM-DD-slug.md`: the log has no numbers.
        case datePrefixed
    }

    /// The formats `archkb adr new --format` writes.
    public enum Style: String, Sendable, CaseIterable { case nygard, madr }

    /// Where a record keeps its status.
    public enum StatusPlacement: String, Sendable, Equatable {
        /// A "Status" heading followed by the status (Nygard, MADR 1).
        case section
        /// A `* Status: accepted` line under the title (MADR 2 and 3).
        case field
        /// `status:` in YAML front matter (MADR 4).
        case frontMatter
    }

    /// One record of the log as the corpus parser read it.
    public struct Record: Sendable, Equatable {
        public var fileName: String
        public var record: DecisionRecord
    }

    public var naming: Naming
    public var format: DecisionRecord.Format
    public var fileExtension: String
    /// The title line's text before the title, with `{n}` for the number ("{n}. ", "ADR {n}: "), or "".
    public var titlePrefix: String
    public var statusPlacement: StatusPlacement
    /// Whether status values start lower case ("proposed" rather than "Proposed").
    public var lowerCaseStatus: Bool
    /// RST only: the title's and the sections' underline characters.
    public var rstMarks = "#*"
    public var records: [Record]

    /// The number the next record gets (nil for a date-prefixed log).
    public var nextNumber: Int? {
        guard case .numbered = naming else { return nil }
        return (records.compactMap(\.record.number).max() ?? 0) + 1
    }

    /// The record numbered `number`, if the log has one.
    public func record(numbered number: Int) -> Record? {
        records.first { $0.record.number == number }
    }

    /// The file name of a record with this number, title and ISO date.
    public func fileName(number: Int?, title: String, date: String) -> String {
        let slug = ADRConvention.slug(title)
        switch naming {
        case .datePrefixed:
            return "\(date)-\(slug).\(fileExtension)"
        case .numbered(let prefix, let width, let separator):
            return prefix + ADRConvention.padded(number ?? 1, width) + separator + slug + "." + fileExtension
        }
    }

    /// The title line's text: the prefix with its number filled in, then the title.
    public func titleText(number: Int?, title: String) -> String {
        guard !titlePrefix.isEmpty, let number else { return title }
        let width: Int
        if case .numbered(_, let w, _) = naming { width = w } else { width = 1 }
        let digits = titlePrefix.contains("{0n}") ? ADRConvention.padded(number, width) : String(number)
        return titlePrefix.replacingOccurrences(of: "{0n}", with: digits).replacingOccurrences(of: "{n}", with: digits) + title
    }

    /// `text` lower-cased, runs of anything but letters and digits turned into single hyphens.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.append(ch)
            } else {
                pendingHyphen = true
            }
        }
        return out.isEmpty ? "decision" : out
    }

    static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
