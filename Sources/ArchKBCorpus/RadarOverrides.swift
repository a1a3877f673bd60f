import Yams

/// A ring of a technology radar, innermost first.
public enum RadarRing: String, Sendable, CaseIterable, Comparable {
    case adopt, trial, assess, hold

    /// The ring's name as shown ("Adopt").
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (a: RadarRing, b: RadarRing) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// A ring set by hand for one entity, read from a radar override file.
public struct RadarOverride: Sendable, Equatable {
    /// The entity's name or alias as written in the file.
    public var name: String
    public var ring: RadarRing
    /// Why the ring was set by hand (the line's `# comment`, or a `reason:` key), if given.
    public var reason: String?
    /// The 1-based line of the entry.
    public var line: Int

    public init(name: String, ring: RadarRing, reason: String?, line: Int) {
        self.name = name
        self.ring = ring
        self.reason = reason
        self.line = line
    }
}

/// Reads a radar override file: a YAML mapping from entity name (or alias) to ring.
///
///     # rings the team sets by hand
///     Apache Kafka: adopt            # the platform team runs it for everyone
///     MongoDB:
///       ring: hold
///       reason: licence change, see ADR 38
///
/// The short form takes its reason from the comment on its line; the long form from `reason`.
/// Anything else (an unknown ring or key, a list, a duplicate name) is an error naming the line.
public enum RadarOverrideFile {
    public static func parse(_ text: String, path: String) throws -> [RadarOverride] {
        if let why = FrontMatter.Limits.standard.violation(in: text) {
            throw CorpusError.invalidOverride(path: path, line: 0, reason: why.replacingFrontMatterWord())
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw CorpusError.invalidOverride(path: path, line: 0, reason: "not YAML: \(error)")
        }
        guard let node else { return [] }
        guard let map = node.mapping else {
            throw CorpusError.invalidOverride(path: path, line: node.mark?.line ?? 1, reason: "expected `name: ring` lines (a YAML mapping)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [RadarOverride] = []
        for (key, value) in map {
            let line = key.mark?.line ?? 0
            guard let name = key.scalar?.string.trimmed, !name.isEmpty else {
                throw CorpusError.invalidOverride(path: path, line: line, reason: "an entry needs an entity name before the colon")
            }
            let entry = try ringAndReason(value, name: name, path: path, line: line)
            if out.contains(where: { normalizedPhrase($0.name) == normalizedPhrase(name) }) {
                throw CorpusError.invalidOverride(path: path, line: line, reason: "\"\(name)\" is set twice")
            }
            let comment = line > 0 && line <= lines.count ? trailingComment(String(lines[line - 1])) : nil
            out.append(RadarOverride(name: name, ring: entry.ring, reason: entry.reason ?? comment, line: line))
        }
        return out
    }

    /// The ring (and reason) of one entry: a ring name, or a mapping with `ring` and `reason`.
    static func ringAndReason(_ value: Node, name: String, path: String, line: Int) throws -> (ring: RadarRing, reason: String?) {
        if let scalar = value.scalar { return (try ring(scalar.string, name: name, path: path, line: line), nil) }
        guard let map = value.mapping else {
            throw CorpusError.invalidOverride(path: path, line: line, reason: "\"\(name)\" needs a ring (adopt, trial, assess or hold)")
        }
        var ringText: String?
        var reason: String?
        for (k, v) in map {
            switch k.scalar?.string.lowercased() {
            case "ring": ringText = v.scalar?.string
            case "reason": reason = v.scalar?.string.trimmed
            default:
                throw CorpusError.invalidOverride(path: path, line: k.mark?.line ?? line,
                                                  reason: "unknown key \"\(k.scalar?.string ?? "?")\" for \"\(name)\" (use ring and reason)")
            }
        }
        guard let ringText else {
            throw CorpusError.invalidOverride(path: path, line: line, reason: "\"\(name)\" needs a ring (adopt, trial, assess or hold)")
        }
        return (try ring(ringText, name: name, path: path, line: line), reason.flatMap { $0.isEmpty ? nil : $0 })
    }

    static func ring(_ text: String, name: String, path: String, line: Int) throws -> RadarRing {
        guard let ring = RadarRing(rawValue: text.trimmed.lowercased()) else {
            throw CorpusError.invalidOverride(path: path, line: line,
                                              reason: "\"\(text.trimmed)\" is not a ring for \"\(name)\" (use adopt, trial, assess or hold)")
        }
        return ring
    }

    /// The text after ` #` on a line (outside quotes), or nil.
    static func trailingComment(_ line: String) -> String? {
        var quote: Character?
        var previous: Character = " "
        for (i, c) in zip(line.indices, line) {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" && (previous == " " || previous == "\t") {
                let comment = String(line[line.index(after: i)...]).trimmed
                return comment.isEmpty ? nil : comment
            }
            previous = c
        }
        return nil
    }
}

extension String {
    /// The front-matter limit messages, worded for an override file.
    func replacingFrontMatterWord() -> String {
        hasPrefix("front matter ") ? "the file " + dropFirst("front matter ".count) : self
    }
}
