import ArchKBCorpus
import ArchKBIndex
@testable import ArchKBQuery
import Foundation
import Testing

/// The rationale and trade-offs shown for every card of the bundled corpus read as prose: no
/// leftovers of stripped Markdown (a space before a comma, list dashes inside a sentence, stray
/// backticks or emphasis stars).
@Suite("Rationale text", .enabled(if: FileManager.default.fileExists(atPath: Paths.bundledCorpus.path), "Corpus/ not found"))
struct RationaleTextTests {
    /// What stripped Markdown leaves behind, with the reason for each pattern.
    static let leftovers: [(pattern: String, what: String)] = [
        (" , ", "space before a comma (code span or link removed)"),
        (" ; ", "space before a semicolon"),
        (" . ", "space before a full stop"),
        (". - ", "a list dash inside running text"),
        (": - ", "a list dash inside running text"),
        ("; - ", "a list dash inside running text"),
        ("`", "a stray backtick"),
        ("**", "emphasis stars"),
        ("( ", "space after an opening parenthesis"),
        (" )", "space before a closing parenthesis"),
    ]

    static func problems(_ text: String) -> [String] {
        var found = leftovers.filter { text.contains($0.pattern) }.map(\.what)
        if text.hasPrefix("- ") || text.hasPrefix("* ") { found.append("starts with a list marker") }
        return found
    }

    @Test("every card's rationale and trade-offs, asked by its own name")
    func everyCard() throws {
        let reader = try BundledCorpusTests.reader()
        let searcher = Searcher(reader: reader)
        var bad: [String] = []
        for e in reader.entities {
            let answer = try searcher.ask(e.name, options: AskOptions(limit: 3))
            for r in answer.recommendations {
                for (field, text) in [("rationale", r.rationale), ("trade-offs", r.tradeoffs), ("instead", r.instead ?? "")] {
                    var p = Self.problems(text)
                    if field == "rationale" && text.range(of: "trade-offs:", options: .caseInsensitive) != nil { p.append("an inline Trade-offs: inside Why") }
                    if !p.isEmpty { bad.append("\(r.name) \(field): \(p.joined(separator: ", ")): \(text.prefix(160))") }
                }
            }
        }
        let unique = Array(Set(bad)).sorted()
        #expect(unique.isEmpty, "\(unique.count) texts with leftovers:\n\(unique.prefix(40).joined(separator: "\n"))")
    }

    @Test("inline markup is removed without leaving spaces behind", arguments: [
        ("`limit_req`, Envoy", "limit_req, Envoy"),
        ("until `exp`, so", "until exp, so"),
        ("use **bold** text", "use bold text"),
        ("a [link](http://x) here.", "a link here."),
        ("(`code`)", "(code)"),
        ("one slow command (`KEYS *`, huge `HGETALL`)", "one slow command (KEYS *, huge HGETALL)"),
        ("x`y`z", "x y z"),
    ])
    func inlineMarkup(_ input: String, _ expected: String) {
        #expect(InlineMarkup.plain(input) == expected)
    }

    @Test("an index built by an earlier indexing logic counts as changed, so the default index is rebuilt with the fixes")
    func olderBuilderRevisionIsRebuilt() throws {
        let dir = try TempDir("archkb-revision")
        defer { dir.remove() }
        let copy = dir.url.appendingPathComponent("i.sqlite").path
        try FileManager.default.copyItem(atPath: try FixtureIndex.get().indexPath, toPath: copy)
        #expect(try IndexReader(path: copy).corpusChanged() == false)
        for sql in ["UPDATE meta SET value = '11' WHERE key = 'builder_revision'", "DELETE FROM meta WHERE key = 'builder_revision'"] {
            let r = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [copy, sql], directory: dir.url, timeout: 30)
            try #require(r.status == 0, "sqlite3: \(r.stderr)")
            #expect(try IndexReader(path: copy).corpusChanged(), "\(sql)")
        }
    }
}
