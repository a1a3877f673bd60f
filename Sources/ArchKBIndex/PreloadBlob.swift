/// A compact binary encoding for tables stored in the index's `preload` table: unsigned LEB128
/// varints and length-prefixed UTF-8 strings, read back without any parsing beyond that.
enum PreloadBlob {
    /// Appends values to a byte buffer.
    struct Writer {
        var bytes: [UInt8] = []

        mutating func int(_ value: Int) {
            var v = UInt64(bitPattern: Int64(value))
            while v >= 0x80 {
                bytes.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func string(_ s: String) {
            let utf8 = s.utf8
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }

        mutating func strings(_ list: [String]) {
            int(list.count)
            for s in list { string(s) }
        }

        mutating func ints(_ list: [Int]) {
            int(list.count)
            for v in list { int(v) }
        }
    }

    /// Reads values back in the order they were written; nil once the bytes run out or are malformed.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func int() -> Int? {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let b = bytes[offset]
                offset += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return Int(Int64(bitPattern: v)) }
                shift += 7
            }
            return nil
        }

        /// A count: a non-negative int no larger than the bytes left (each element takes one byte at least).
        mutating func count() -> Int? {
            guard let n = int(), n >= 0, n <= bytes.count - offset else { return nil }
            return n
        }

        mutating func string() -> String? {
            guard let n = count() else { return nil }
            defer { offset += n }
            return String(decoding: bytes[offset..<(offset + n)], as: UTF8.self)
        }

        mutating func strings() -> [String]? {
            guard let n = count() else { return nil }
            var out: [String] = []
            out.reserveCapacity(n)
            for _ in 0..<n {
                guard let s = string() else { return nil }
                out.append(s)
            }
            return out
        }

        mutating func ints() -> [Int]? {
            guard let n = count() else { return nil }
            var out: [Int] = []
            out.reserveCapacity(n)
            for _ in 0..<n {
                guard let v = int() else { return nil }
                out.append(v)
            }
            return out
        }

        var atEnd: Bool { offset == bytes.count }
    }
}
