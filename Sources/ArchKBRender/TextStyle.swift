import ArchKBQuery
import Foundation

/// How terminal text is decorated: ANSI colour for names, confidence and statuses, and OSC 8
/// hyperlinks on citations. Layout is always computed on the undecorated text, so a decorated
/// answer has the same lines and columns as a plain one.
public struct TextStyle: Sendable, Equatable {
    public var color: Bool
    public var links: Bool
    /// The directory relative citation paths are inside (the index's project root), for links.
    public var linkRoot: String

    public init(color: Bool = false, links: Bool = false, linkRoot: String = "") {
        self.color = color
        self.links = links
        self.linkRoot = linkRoot
    }

    public static let plain = TextStyle()

    static let escape = "\u{1B}"

    func sgr(_ on: String, _ off: String, _ s: String) -> String {
        color && !s.isEmpty ? "\(Self.escape)[\(on)m\(s)\(Self.escape)[\(off)m" : s
    }

    func name(_ s: String) -> String { sgr("1", "22", s) }
    func dim(_ s: String) -> String { sgr("2", "22", s) }
    func precedent(_ s: String) -> String { sgr("36", "39", s) }

    func confidence(_ level: Confidence, _ s: String) -> String {
        switch level {
        case .high: return sgr("32", "39", s)
        case .medium: return sgr("33", "39", s)
        case .low: return sgr("31", "39", s)
        }
    }

    /// A decision status word: in force green, proposed yellow, withdrawn red, unknown dim.
    func status(_ s: String) -> String {
        switch s {
        case "accepted": return sgr("32", "39", s)
        case "proposed": return sgr("33", "39", s)
        case "superseded", "rejected", "deprecated": return sgr("31", "39", s)
        default: return dim(s)
        }
    }

    /// Colours the confidence words ("high confidence", …) wherever they appear in `line`.
    func confidenceWords(_ line: String) -> String {
        guard color else { return line }
        var out = line
        for level in [Confidence.high, .medium, .low] {
            let words = "\(level.rawValue) confidence"
            out = out.replacingOccurrences(of: words, with: confidence(level, words))
        }
        return out
    }

    /// Colours the status of a decision head line ("ADR 12 · accepted · …", "… · superseded (…)").
    func decisionHead(_ line: String) -> String {
        guard color else { return line }
        for s in ["accepted", "proposed", "superseded", "rejected", "deprecated", "unknown"] {
            if let r = line.range(of: " · " + s) ?? (line.trimmingCharacters(in: .whitespaces).hasPrefix(s) ? line.range(of: s) : nil),
               let word = line.range(of: s, range: r) {
                return line.replacingCharacters(in: word, with: status(s))
            }
        }
        return line
    }

    /// `citation` ("path:line") as an OSC 8 link to the file, when links are on.
    func link(_ citation: String) -> String {
        guard links, let colon = citation.lastIndex(of: ":") else { return citation }
        let path = String(citation[..<colon])
        let absolute = path.hasPrefix("/") ? path : (linkRoot.isEmpty ? "" : linkRoot + "/" + path)
        guard !absolute.isEmpty else { return citation }
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        return "\(Self.escape)]8;;file://\(Self.host)\(encoded)\(Self.escape)\\\(citation)\(Self.escape)]8;;\(Self.escape)\\"
    }

    /// `line` with the citation it ends with linked (lines are built so a citation ends them).
    func linkSuffix(_ line: String, _ citation: String) -> String {
        guard links, line.hasSuffix(citation) else { return line }
        return String(line.dropLast(citation.count)) + link(citation)
    }

    static let host: String = ProcessInfo.processInfo.hostName
}
