/// JSON string quoting, shared by the thin client's requests and the renderers' output.
public enum JSONString {
    /// Writes `s` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// U+2028/U+2029 too (valid JSON, but line breaks in JavaScript strings).
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(s.utf8.count + 16)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var previous: (UInt8, UInt8) = (0, 0)
        for b in s.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            case 0xA8 where previous == (0xE2, 0x80), 0xA9 where previous == (0xE2, 0x80):
                // U+2028 / U+2029 (E2 80 A8/A9): valid JSON, but not in JavaScript strings.
                out.removeLast(2)
                out += [0x5C, 0x75, 0x32, 0x30, 0x32, b == 0xA8 ? 0x38 : 0x39]
            default: out.append(b)
            }
            previous = (previous.1, b)
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }
}
