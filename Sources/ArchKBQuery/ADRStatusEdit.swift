import ArchKBCorpus
import Foundation

/// The one write archkb makes to an existing record: its status line, rewritten to say which record
/// supersedes it, in the record's own convention. Every other byte stays as it was.
public struct ADRStatusEdit: Sendable, Equatable {
    /// The file's bytes after the edit.
    public var bytes: [UInt8]
    /// The 1-based line that changed.
    public var line: Int
    public var oldLine: String
    public var newLine: String
    /// Lines added before the 1-based line `insertedAt` when the record had no status (else empty).
    public var inserted: [String] = []
    public var insertedAt = 0

    init(bytes: [UInt8], line: Int, oldLine: String, newLine: String, inserted: [String], insertedAt: Int) {
        self.bytes = bytes
        self.line = line
        self.oldLine = oldLine
        self.newLine = newLine
        self.inserted = inserted
        self.insertedAt = insertedAt
    }

    /// Rewrites the status line of `bytes` (the record `record`, parsed from them) to "Superseded by
    /// `link`", keeping the line's list marker, checkbox, `Status:` label or YAML key, and the case
    /// of the old status word.
    public init(bytes original: [UInt8], record: DecisionRecord, link: String, file: String) throws {
        var lines = ADRStatusEdit.splitLines(original)
        guard let index = ADRStatusEdit.statusIndex(lines, record: record) else { throw QueryError.noStatusLine(file: file) }
        var content = lines[index]
        var ending: [UInt8] = []
        if content.last == 0x0D { ending = [0x0D]; content.removeLast() }
        let old = String(decoding: content, as: UTF8.self)
        let frontMatter = record.statusLine == 0
        let keep = ADRStatusEdit.keptPrefix(old, frontMatter: frontMatter)
        let rest = old.dropFirst(keep.count)
        let value = rest.drop { $0 == "*" || $0 == "_" || $0 == "\"" || $0 == "'" || $0 == " " }
        let lower = value.first.map { $0.isLowercase } ?? false
        let word = lower ? "superseded" : "Superseded"
        // A status word set in bold ("**Accepted** 2023-05-11") stays bold.
        let bold = rest.hasPrefix("**") ? "**" : rest.hasPrefix("__") ? "__" : ""
        var phrase = bold + word + " by" + bold + " " + link
        if frontMatter { phrase = "\"" + phrase.replacingOccurrences(of: "\"", with: "'") + "\"" }
        let new = keep + phrase + (frontMatter ? "" : ADRStatusEdit.note(after: rest))
        lines[index] = Array(new.utf8) + ending
        self.bytes = ADRStatusEdit.joinLines(lines)
        self.line = index + 1
        self.oldLine = old
        self.newLine = new
    }

    /// The index of the line holding the status: the parser's status line, or the `status:` key of
    /// the front matter.
    static func statusIndex(_ lines: [[UInt8]], record: DecisionRecord) -> Int? {
        guard let statusLine = record.statusLine else { return nil }
        if statusLine > 0 { return statusLine - 1 < lines.count ? statusLine - 1 : nil }
        guard let first = lines.first, String(decoding: first, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "---" else { return nil }
        for i in 1..<lines.count {
            let s = String(decoding: lines[i], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if s == "---" { return nil }
            if s.lowercased().hasPrefix("status:") { return i }
        }
        return nil
    }

    /// What follows the status word on its line and stays there: a note such as ". Tracking issue:
    /// [#2803][t]", " (PR #2897)" or a date. Words that continue the status ("Accepted by the
    /// council", "Partially accepted") go with it; so does a status that is no word (an emoji).
    static func note(after value: Substring) -> String {
        var rest = value.drop { $0 == "*" || $0 == "_" || $0 == "\"" || $0 == "'" || $0 == " " }
        let word = rest.prefix { $0.isLetter || $0 == "-" }
        guard !word.isEmpty else { return "" }
        rest = rest.dropFirst(word.count).drop { $0 == "*" || $0 == "_" || $0 == "\"" || $0 == "'" }
        guard let first = rest.first else { return "" }
        if first == " ", let next = rest.dropFirst().first, next.isLetter { return "" }
        return String(rest)
    }

    /// What stays of the status line: indentation, list marker, checkbox and a `Status:` label.
    static func keptPrefix(_ line: String, frontMatter: Bool) -> String {
        if frontMatter, let colon = line.firstIndex(of: ":") { return String(line[...colon]) + " " }
        if let label = labelled(line) { return label }
        var chars = Substring(line)
        var kept = String(chars.prefix { $0 == " " || $0 == "\t" })
        chars = chars.dropFirst(kept.count)
        if let f = chars.first, "*-+".contains(f), chars.dropFirst().first == " " {
            kept += String(f) + " "
            chars = chars.dropFirst(2)
        }
        if chars.hasPrefix("[x] ") || chars.hasPrefix("[X] ") { kept += String(chars.prefix(4)) }
        return kept
    }

    /// The line up to its value when it reads `* Status: x`, `Status: x` or `**Status:** x`, else nil.
    static func labelled(_ line: String) -> String? {
        var rest = Substring(line)
        rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "*" || $0 == "-" || $0 == "+" || $0 == "_" }
        guard rest.lowercased().hasPrefix("status") else { return nil }
        rest = rest.dropFirst(6).drop { $0 == "*" || $0 == "_" || $0 == " " }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == "*" || $0 == "_" || $0 == " " }
        return String(line.prefix(line.count - rest.count))
    }

    /// Lines split on LF, each keeping any CR; joining them with LF gives the bytes back exactly.
    static func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    }

    static func joinLines(_ lines: [[UInt8]]) -> [UInt8] {
        Array(lines.joined(separator: [0x0A]))
    }

    /// A unified diff of the edit (three lines of context) for `--dry-run`.
    public func unifiedDiff(original: [UInt8], file: String) -> String {
        let lines = ADRStatusEdit.splitLines(original).map { String(decoding: $0.last == 0x0D ? Array($0.dropLast()) : $0, as: UTF8.self) }
        if !inserted.isEmpty {
            let at = insertedAt - 1
            let lo = max(0, at - 3), hi = min(lines.count, at + 3)
            var out = "--- a/\(file)\n+++ b/\(file)\n@@ -\(lo + 1),\(hi - lo) +\(lo + 1),\(hi - lo + inserted.count) @@\n"
            for j in lo..<at { out += " \(lines[j])\n" }
            for l in inserted { out += "+\(l)\n" }
            for j in at..<hi { out += " \(lines[j])\n" }
            return out
        }
        let i = line - 1
        let lo = max(0, i - 3), hi = min(lines.count, i + 4)
        var out = "--- a/\(file)\n+++ b/\(file)\n@@ -\(lo + 1),\(hi - lo) +\(lo + 1),\(hi - lo) @@\n"
        for j in lo..<hi {
            if j == i {
                out += "-\(oldLine)\n+\(newLine)\n"
            } else {
                out += " \(lines[j])\n"
            }
        }
        return out
    }

    /// A unified diff that creates `file` with `text`.
    public static func creationDiff(_ text: String, file: String) -> String {
        let lines = text.hasSuffix("\n") ? text.dropLast().split(separator: "\n", omittingEmptySubsequences: false) : text.split(separator: "\n", omittingEmptySubsequences: false)
        return "--- /dev/null\n+++ b/\(file)\n@@ -0,0 +1,\(lines.count) @@\n" + lines.map { "+" + $0 + "\n" }.joined()
    }
}
