import ArchKBCorpus
import Foundation
import Testing

/// CatalogParser on a small catalog in the seed (agent-definition) format, and on the shared seeds.
@Suite("Catalog parsing")
struct CatalogParserTests {
    static let catalog = """
    ---
    name: tiny-architect
    description: A backend architect agent, cut down for tests.
    kind: catalog
    ---

    You are a backend architect.

    ## Capabilities

    - **API design**: REST, GraphQL

    ### Resilience
    - **Circuit breakers**: Hystrix, Resilience4j → Polly
    - **Retry policies**: exponential backoff, jitter, retry budgets
    1. **Bulkheads**: thread pools (per dependency), semaphores

    ### Messaging
    - Kafka, RabbitMQ (classic broker)
    - Why does this matter?

    | Pattern | When | Trade-offs |
    |---------|------|------------|
    | Outbox | Reliable publishing | Extra table |

    ```
    - **In code**: never an entry
    ```

    | Concern | Recommended |
    |---------|-------------|
    | Caching | Redis, Memcached |
    """

    static func parse(_ text: String) -> [CatalogEntry] {
        let lines = text.lineArray
        let fm = FrontMatter.read(lines: lines)
        let outline = MarkdownOutline(lines: lines, skip: fm.lineCount)
        return CatalogParser(lines: lines, inCode: outline.inCode, headings: outline.headings).entries()
    }

    @Test func entriesFromBulletsPlainListsAndTables() {
        let entries = Self.parse(Self.catalog)
        #expect(entries.map(\.name) == ["API design", "Circuit breakers", "Retry policies", "Bulkheads", "Kafka", "RabbitMQ",
                                        "Outbox", "Redis", "Memcached"])
        #expect(entries.map(\.area) == ["Capabilities", "Resilience", "Resilience", "Resilience", "Messaging", "Messaging",
                                        "Messaging", "Messaging", "Messaging"])
    }

    @Test func itemsAreSplitOnCommasArrowsAndKeepParentheses() throws {
        let entries = Self.parse(Self.catalog)
        let breakers = try #require(entries.first { $0.name == "Circuit breakers" })
        #expect(breakers.items == ["Hystrix", "Resilience4j", "Polly"])
        let bulkheads = try #require(entries.first { $0.name == "Bulkheads" })
        #expect(bulkheads.items == ["thread pools (per dependency)", "semaphores"])
        let rabbit = try #require(entries.first { $0.name == "RabbitMQ" })
        #expect(rabbit.items == ["classic broker"])
        let outbox = try #require(entries.first { $0.name == "Outbox" })
        #expect(outbox.items == ["Reliable publishing", "Extra table"])
        let redis = try #require(entries.first { $0.name == "Redis" })
        #expect(redis.items == ["Caching"])
    }

    @Test func entryLinesPointAtTheirSourceLines() throws {
        let lines = Self.catalog.lineArray
        for e in Self.parse(Self.catalog) {
            let line = lines[e.line - 1]
            #expect(line.contains(e.name), "line \(e.line) '\(line)' should name \(e.name)")
        }
    }

    @Test func documentParserClassifiesTheCatalog() throws {
        let doc = try Fixture.parse(text: Self.catalog, path: "/repo/agents/tiny-architect.md")
        #expect(doc.kind == .catalog)
        #expect(doc.catalogEntries.count == 9)
    }

    @Test func fiveBoldBulletsMakeACatalogWithoutAKind() throws {
        let bullets = (1...5).map { "- **Entry \($0)**: a, b" }.joined(separator: "\n")
        let doc = try Fixture.parse(text: "# Things\n\n### Area\n" + bullets + "\n", path: "/repo/x/things.md")
        #expect(doc.kind == .catalog)
        #expect(doc.catalogEntries.map(\.items) == Array(repeating: ["a", "b"], count: 5))
        let four = try Fixture.parse(text: "# Things\n\n" + bullets.lineArray.prefix(4).joined(separator: "\n") + "\n", path: "/repo/x/t.md")
        #expect(four.kind == .note)
    }

    // MARK: - Shared seeds (../shared/seeds), when present

    static func seedFile(prefix: String) -> URL? {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Paths.seeds.path)) ?? []
        return files.sorted().first { $0.hasPrefix(prefix) }.map { Paths.seeds.appendingPathComponent($0) }
    }

    @Test("shared seed files parse as catalogs", .enabled(if: Paths.seedsExist, "../shared/seeds not found next to the package; skipped"),
          arguments: [("003", 25), ("000", 15)])
    func seed(_ prefix: String, _ minimum: Int) throws {
        let url = try #require(Self.seedFile(prefix: prefix), "no seed file starting with \(prefix) in \(Paths.seeds.path)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let entries = Self.parse(text)
        #expect(entries.count >= minimum, "\(url.lastPathComponent): \(entries.count) entries")
        #expect(entries.allSatisfy { !$0.name.isEmpty && $0.line >= 1 })
        #expect(Set(entries.map(\.area)).count >= 3, "entries spread over several areas")
        let lines = text.lineArray
        for e in entries {
            #expect(e.line <= lines.count)
            #expect(!lines[e.line - 1].trimmed.isEmpty)
        }
    }

    @Test("the large seed is recognised as a catalog by structure alone", .enabled(if: Paths.seedsExist, "../shared/seeds not found; skipped"))
    func seedKindByStructure() throws {
        let url = try #require(Self.seedFile(prefix: "003"))
        let doc = try Fixture.parse(text: String(contentsOf: url, encoding: .utf8), path: url.path)
        #expect(doc.kind == .catalog)
        #expect(doc.catalogEntries.count >= 25)
    }
}
