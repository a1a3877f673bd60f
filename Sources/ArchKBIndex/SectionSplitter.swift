import Foundation

/// Splits over-long sections into parts of bounded size at index time.
///
/// Query-time work per hit grows with the section's length (stems, coverage, body reads): a
/// corpus file with a 10 MB single-line paragraph made every ask that hit it take over a second.
/// Each part keeps its section's heading, trail, role, owner and line range, so citations still
/// point inside the section.
public enum SectionSplitter {
    /// Bodies longer than this many UTF-8 bytes are split.
    public static let maxBodyBytes = 16 * 1024

    /// `sections` with every body over `limit` bytes split into consecutive parts of at most
    /// `limit` bytes, cut at the last white space before the limit (or at the limit when a part
    /// has none).
    public static func split(_ sections: [IndexModel.Section], limit: Int = maxBodyBytes) -> [IndexModel.Section] {
        guard sections.contains(where: { $0.body.utf8.count > limit }) else { return sections }
        var out: [IndexModel.Section] = []
        out.reserveCapacity(sections.count)
        for s in sections {
            guard s.body.utf8.count > limit else { out.append(s); continue }
            for part in parts(of: s.body, limit: limit) {
                var piece = s
                piece.body = part
                out.append(piece)
            }
        }
        return out
    }

    /// `text` cut into pieces of at most `limit` bytes, preferring white space, never inside a character.
    public static func parts(of text: String, limit: Int) -> [String] {
        let bytes = Array(text.utf8)
        var out: [String] = []
        var start = 0
        while start < bytes.count {
            var end = min(start + limit, bytes.count)
            if end < bytes.count {
                // Back up to a character boundary (not a UTF-8 continuation byte)…
                while end > start && bytes[end] & 0xC0 == 0x80 { end -= 1 }
                // …and to white space in the last quarter of the piece, when there is some.
                var cut = end
                while cut > start + limit * 3 / 4 && !(bytes[cut - 1] == 32 || bytes[cut - 1] == 10 || bytes[cut - 1] == 9) { cut -= 1 }
                if cut > start + limit * 3 / 4 { end = cut }
                if end == start { end = min(start + limit, bytes.count) }
            }
            let piece = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !piece.isEmpty { out.append(piece) }
            start = end
        }
        return out.isEmpty ? [text] : out
    }
}
