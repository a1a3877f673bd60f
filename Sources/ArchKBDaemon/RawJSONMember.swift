import Foundation

/// The original text of one member of a JSON object, as the client wrote it.
///
/// Requests are parsed with JSONSerialization, which turns numbers into doubles: an id echoed
/// from that value came back rounded (`0.123456789` → `0.1235`), widened, or as `inf` (not JSON)
/// for 1e308. The daemon echoes the id's own bytes instead; the line was already validated as a
/// JSON object, so this scanner only walks it.
enum RawJSONMember {
    /// The text of the last top-level member `key` of the JSON object in `bytes`, or nil.
    static func text(of key: String, in bytes: ArraySlice<UInt8>) -> String? {
        var s = Scanner(bytes: bytes)
        s.skipSpace()
        guard s.take(UInt8(ascii: "{")) else { return nil }
        var found: Range<Int>?
        while true {
            s.skipSpace()
            guard let keyRange = s.string() else { return nil }
            s.skipSpace()
            guard s.take(UInt8(ascii: ":")) else { return nil }
            s.skipSpace()
            let start = s.i
            guard s.value() else { return nil }
            if decodedKey(bytes[keyRange]) == key { found = start..<s.i }
            s.skipSpace()
            if s.take(UInt8(ascii: ",")) { continue }
            guard s.take(UInt8(ascii: "}")) else { return nil }
            return found.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    /// A key token (with its quotes) as a string; keys with escapes are decoded by JSONSerialization.
    static func decodedKey(_ token: ArraySlice<UInt8>) -> String? {
        guard token.contains(UInt8(ascii: "\\")) else { return String(decoding: token.dropFirst().dropLast(), as: UTF8.self) }
        return (try? JSONSerialization.jsonObject(with: Data(token), options: [.fragmentsAllowed])) as? String
    }

    struct Scanner {
        let bytes: ArraySlice<UInt8>
        var i: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            i = bytes.startIndex
        }

        mutating func skipSpace() {
            while i < bytes.endIndex, [32, 9, 10, 13].contains(bytes[i]) { i += 1 }
        }

        mutating func take(_ b: UInt8) -> Bool {
            guard i < bytes.endIndex, bytes[i] == b else { return false }
            i += 1
            return true
        }

        /// A string token including its quotes.
        mutating func string() -> Range<Int>? {
            let start = i
            guard take(UInt8(ascii: "\"")) else { return nil }
            while i < bytes.endIndex {
                switch bytes[i] {
                case UInt8(ascii: "\\"): i += 2
                case UInt8(ascii: "\""): i += 1; return start..<i
                default: i += 1
                }
            }
            return nil
        }

        /// Skips one value: a string, or brackets matched outside strings, or a scalar token.
        mutating func value() -> Bool {
            guard i < bytes.endIndex else { return false }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while i < bytes.endIndex {
                    switch bytes[i] {
                    case UInt8(ascii: "\""): guard string() != nil else { return false }; continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { i += 1; return true }
                    default: break
                    }
                    i += 1
                }
                return false
            default:
                let start = i
                while i < bytes.endIndex, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 32, 9, 10, 13].contains(bytes[i]) { i += 1 }
                return i > start
            }
        }
    }
}
