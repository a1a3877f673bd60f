import Foundation
import Testing
@testable import ArchKBClient
@testable import ArchKBRender
@testable import ArchKBIndex

/// Byte-level text helpers: JSON string quoting (every daemon response) and terminal wrapping.
@Suite("text rendering")
struct TextRenderingTests {
    /// (input, exact JSON literal expected).
    @Test(arguments: [
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        ("back\\slash", #""back\\slash""#),
        ("line\nbreak\ttab\rcr", #""line\nbreak\ttab\rcr""#),
        ("bell\u{07}nul\u{00}esc\u{1B}", #""bell\u0007nul\u0000esc\u001b""#),
        ("sep\u{2028}para\u{2029}end", #""sep\u2028para\u2029end""#),
        ("dash — arrow → ellipsis … box ─", "\"dash — arrow → ellipsis … box ─\""),
        ("emoji 🚀 and é (e\u{301})", "\"emoji 🚀 and é (e\u{301})\""),
        ("\u{2027}\u{202A}", "\"\u{2027}\u{202A}\""),
        ("", #""""#),
    ])
    func quotingEscapesExactlyWhatJSONNeeds(input: String, expected: String) throws {
        let quoted = MiniJSON.quote(input)
        #expect(quoted == expected)
        let back = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: [.fragmentsAllowed]) as? String
        #expect(back == input)
    }

    /// (text, width, expected lines).
    @Test(arguments: [
        ("the quick brown fox jumps", 10, ["the quick", "brown fox", "jumps"]),
        ("a\n\nb", 10, ["a", "", "b"]),
        ("trailing\n", 20, ["trailing"]),
        ("", 10, [""]),
        ("abcdefghijkl xy", 5, ["abcde", "fghij", "kl xy"]),
        ("──────── →→", 4, ["────", "────", "→→"]),
        ("  spaced   out  ", 20, ["spaced out"]),
    ])
    func wrappingFitsTheWidthAndKeepsParagraphs(text: String, width: Int, expected: [String]) {
        let lines = TextWrap.wrap(text, width: width)
        #expect(lines == expected)
        #expect(lines.allSatisfy { TextWrap.width($0) <= max(width, 4) })
    }

    @Test func tablesPadByDisplayWidthNotBytes() {
        let table = TextTable(headers: ["#", "Name", "Why"], rows: [["1", "Cache → Redis", "fast"], ["2", "Plain", "cheap and simple"]],
                              flex: [0, 0, 1])
        let lines = table.render(width: 40).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The "Why" column starts at the same display column in every row despite the 3-byte arrow.
        let fast = lines.first { $0.contains("fast") }.map { TextWrap.width($0[..<($0.range(of: "fast")?.lowerBound ?? $0.endIndex)]) }
        let cheap = lines.first { $0.contains("cheap") }.map { TextWrap.width($0[..<($0.range(of: "cheap")?.lowerBound ?? $0.endIndex)]) }
        #expect(fast != nil && fast == cheap)
    }
}

/// Entity names found in questions and ADRs.
@Suite("phrase matching")
struct PhraseMatchingTests {
    static let matcher: PhraseMatcher = {
        var m = PhraseMatcher()
        m.add("Containerization", entity: 0)
        m.add("dockerizing", entity: 0)   // stems to "docker", like the next name
        m.add("Docker", entity: 1)
        m.add("Circuit Breaker", entity: 2)
        m.add("Go", entity: 3)
        m.add("circuit", entity: 4)
        return m
    }()

    /// (text, entities found in order).
    @Test(arguments: [
        ("which Docker base image", [1]),
        ("dockerizing a legacy app", [0]),
        ("circuit breakers for payments", [2]),
        ("a circuit board", [4]),
        ("we go with Go", [3]),
        ("we go with kafka", []),
    ])
    func exactSpellingWinsAmongEqualStemsAndLongestFirst(text: String, expected: [Int]) {
        #expect(Self.matcher.entities(in: text) == expected)
    }
}
