import ArchKBClient
import ArchKBCorpus
@testable import ArchKBDaemon
import ArchKBIndex
@testable import ArchKBMCP
import ArchKBQuery
import Foundation
import Testing

/// SplitMix64: a small deterministic generator, so a failing fuzz case can be replayed by seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Bounded fuzzing of every place outside bytes come in: question text, daemon protocol lines,
/// MCP lines, front matter and ADR files. Deterministic: `ARCHKB_FUZZ_SEED` picks the seed (default
/// 10) and `ARCHKB_FUZZ_SCALE` multiplies the case counts (default 1: a few seconds in CI;
/// `scripts/fuzz` runs it longer). Each target checks more than "did not crash": answers are valid
/// JSON with the id echoed, front matter stays within its limits or is rejected, and so on.
@Suite("Hardening: fuzz")
struct HardeningFuzzTests {
    @Test func questionText() throws {
        var g = Fuzz.generator("question")
        let searcher = try FixtureIndex.get().searcher()
        for n in 0..<Fuzz.count(300) {
            let q = g.text(maxLength: 200, alphabet: n % 3 == 0 ? Fuzz.words : Fuzz.anything)
            let answer = try searcher.ask(q, options: AskOptions(limit: Int(g.next() % 50) + 1))
            #expect(answer.recommendations.count <= 50)
            #expect(answer.recommendations.allSatisfy { $0.score.isFinite }, "seed \(Fuzz.seed) case \(n): \(q.debugDescription)")
        }
        Fuzz.executed("question text", Fuzz.count(300))
    }

    @Test func protocolLines() throws {
        var g = Fuzz.generator("protocol")
        let handler = RequestHandler(pool: try SearcherPool(indexPath: try FixtureIndex.get().indexPath))
        let seeds = [#"{"id":1,"op":"ask","query":"kafka","limit":3}"#, #"{"id":"x","op":"complete","prefix":"cac"}"#,
                     #"{"id":[1],"op":"show","name":"redis","render":true}"#, #"{"id":2,"op":"stats","json":true,"render":true}"#,
                     #"{"op":"ask","query":"retry","kind":"pattern","explain":true,"format":"slack"}"#]
        for n in 0..<Fuzz.count(1500) {
            let line = g.mutate(Array(seeds[n % seeds.count].utf8))
            let response = handler.respond(to: line[...])
            let object = try #require(DaemonE2E.json(response), "seed \(Fuzz.seed) case \(n): not JSON: \(response.prefix(120))")
            #expect(object["ok"] is Bool)
            if let id = RawJSONMember.text(of: "id", in: line[...]), (try? JSONSerialization.jsonObject(with: Data(line))) is [String: Any] {
                #expect(response.hasPrefix("{\"id\":" + id + ","), "seed \(Fuzz.seed) case \(n): id \(id) came back as \(response.prefix(60))")
            }
        }
        Fuzz.executed("protocol lines", Fuzz.count(1500))
    }

    @Test func mcpLines() {
        var g = Fuzz.generator("mcp")
        let seeds = [#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"ask","arguments":{"question":"kafka"}}}"#,
                     #"{"jsonrpc":"2.0","id":"a","method":"ping"}"#, #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#]
        for n in 0..<Fuzz.count(3000) {
            let line = Data(g.mutate(Array(seeds[n % seeds.count].utf8)))
            if case .reply(let data) = JSONRPCGate.screen(line) {
                let object = DaemonE2E.json(String(decoding: data, as: UTF8.self))
                #expect(object?["jsonrpc"] as? String == "2.0" && object?["error"] is [String: Any], "seed \(Fuzz.seed) case \(n)")
            }
        }
        Fuzz.executed("MCP lines", Fuzz.count(3000))
    }

    @Test func frontMatter() throws {
        var g = Fuzz.generator("front matter")
        for n in 0..<Fuzz.count(1500) {
            var yaml = g.text(maxLength: 300, alphabet: Fuzz.yamlish)
            if n % 10 == 0 { yaml += String(repeating: "[", count: Int(g.next() % 3000)) }
            if n % 10 == 1 { yaml = HostileFiles.billionLaughs.split(separator: "\n").dropFirst().dropLast(3).joined(separator: "\n") + "\n" + yaml }
            let lines = ("---\n" + yaml + "\n---\n# T\n\nbody\n").lineArray
            let fm = FrontMatter.read(lines: lines)
            if fm.rejection == nil { #expect(FrontMatter.Limits.standard.violation(in: lines[1..<(fm.lineCount - 1)].joined(separator: "\n")) == nil) }
            _ = try? DocumentParser().parse(text: lines.joined(separator: "\n"), path: "/f/\(n).md", displayPath: "f/\(n).md")
        }
        Fuzz.executed("front matter", Fuzz.count(1500))
    }

    @Test func adrFiles() throws {
        var g = Fuzz.generator("adr")
        let base = try Fixture.text("adr/0005-use-kafka-for-order-events.md")
        let rst = try Fixture.text("adr/adr-003-evidence-handling.rst")
        for n in 0..<Fuzz.count(600) {
            let isRST = n % 4 == 0
            let text = String(decoding: g.mutate(Array((isRST ? rst : base).utf8), edits: 1 + Int(g.next() % 12)), as: UTF8.self)
            let name = isRST ? "adr-\(n).rst" : "\(String(format: "%04d", n))-fuzz.md"
            let doc = try? DocumentParser().parse(text: text, path: "/adr/" + name, displayPath: "adr/" + name)
            if let doc { #expect(doc.sections.allSatisfy { $0.startLine >= 1 && $0.endLine <= max(doc.lineCount, 1) }, "seed \(Fuzz.seed) case \(n)") }
        }
        Fuzz.executed("ADR files", Fuzz.count(600))
    }
}

/// The fuzz generator: alphabets, random text and byte mutations of seed inputs.
enum Fuzz {
    static let seed: UInt64 = UInt64(ProcessInfo.processInfo.environment["ARCHKB_FUZZ_SEED"] ?? "") ?? 10
    static let scale: Int = max(1, Int(ProcessInfo.processInfo.environment["ARCHKB_FUZZ_SCALE"] ?? "") ?? 1)

    static let jsonish = Array(#"{}[]:,"\ 0123456789eE+-.truefalsnul\u00"#.utf8) + [0x00, 0x0A, 0xC3, 0xA9, 0xFF, 0xED, 0xA0, 0x80]
    static let yamlish = Array("abc xyz:-[]{},&*!|>'\"#%@`?\n\n  \t0123456789.~\\".unicodeScalars)
    static let words = Array("cache invalidation circuit breaker kafka retry ADR-0012 the of \" * ( ) NEAR AND OR ^ - : \u{0}é☃😀\u{200B}\n".unicodeScalars)
    static let anything: [Unicode.Scalar] = (0..<512).compactMap { Unicode.Scalar(UInt32($0 * 131 % 0x2FFF)) } + ["\u{0}", "\u{10FFFF}", "\u{FFFD}"]

    static func count(_ n: Int) -> Int { n * scale }

    static func generator(_ target: String) -> SplitMix64 {
        SplitMix64(seed: seed ^ target.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 })
    }

    /// Prints what ran, for `scripts/fuzz` to add up.
    static func executed(_ target: String, _ n: Int) { print("fuzz: \(target): \(n) executions, seed \(seed)") }
}

extension SplitMix64 {
    mutating func text(maxLength: Int, alphabet: [Unicode.Scalar]) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<Int(next() % UInt64(maxLength + 1)) { s.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
        return String(s)
    }

    /// `bytes` with a few random edits: flips, insertions of JSON-ish bytes, deletions, duplications.
    mutating func mutate(_ bytes: [UInt8], edits: Int? = nil) -> [UInt8] {
        var b = bytes
        for _ in 0..<(edits ?? 1 + Int(next() % 4)) {
            let at = b.isEmpty ? 0 : Int(next() % UInt64(b.count))
            switch next() % 5 {
            case 0 where !b.isEmpty: b[at] ^= UInt8(truncatingIfNeeded: 1 << (next() % 8))
            case 1: b.insert(Fuzz.jsonish[Int(next() % UInt64(Fuzz.jsonish.count))], at: at)
            case 2 where !b.isEmpty: b.remove(at: at)
            case 3 where !b.isEmpty: b.insert(contentsOf: b[at..<min(b.count, at + Int(next() % 16))], at: at)
            default: b.insert(contentsOf: Array(String(repeating: "[", count: Int(next() % 40)).utf8), at: at)
            }
        }
        return b.filter { $0 != 10 }
    }
}
