import ArchKBCorpus
import ArchKBIndex
import ArchKBQuery
@testable import ArchKBRender
import Foundation
import MCP
import Testing

/// The radar's four formats on the fixture log (RadarTests), and the ring on `ask` rows.
@Suite("Team radar output")
struct RadarOutputTests {
    static func radar() throws -> Radar {
        let overrides = try RadarOverrideFile.parse("Strangler Fig: assess  # the billing split\n", path: "overrides.yml")
        return try RadarTests.log.get().searcher().radar(overrides: overrides, overridesPath: "overrides.yml")
    }

    @Test func jsonFollowsTheSchema() throws {
        let validator = try JSONSchemaValidator(schemaText: try AnswerSchemaTests.docsText("radar.schema.json"))
        let text = RadarJSON.render(try Self.radar())
        let value = try JSONDecoder().decode(MCP.Value.self, from: Data(text.utf8))
        #expect(validator.errors(value) == [])
        let blips = value.objectValue?["blips"]?.arrayValue ?? []
        #expect(blips.count == 9)
        let counts = value.objectValue?["counts"]?.objectValue
        #expect(counts?["adopt"]?.intValue == 2 && counts?["assess"]?.intValue == 2 && counts?["hold"]?.intValue == 3)
        // The validator can say no: a blip with an unknown ring fails.
        var bad = value.objectValue ?? [:]
        bad["blips"] = [["name": "x", "ring": "maybe"]]
        #expect(!validator.errors(.object(bad)).isEmpty)
    }

    @Test func csvHasTheBuildYourOwnRadarColumns() throws {
        let csv = RadarText.csv(try Self.radar())
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "name,ring,quadrant,isNew,description")
        #expect(lines.count == 10)
        #expect(lines.contains { $0.hasPrefix("Apache Kafka,adopt,platforms,FALSE,") })
        #expect(lines.contains { $0.hasPrefix("Circuit Breaker,trial,techniques,TRUE,") })
        #expect(lines.contains { $0.hasPrefix("RabbitMQ,hold,platforms,FALSE,") })
        let fig = try #require(lines.first { $0.hasPrefix("Strangler Fig,assess,techniques,FALSE,") })
        #expect(fig.contains("Ring: set by hand to assess (overrides.yml:1): the billing split"))
        // Every row has five fields once quoted commas are read as RFC 4180 does.
        for line in lines { #expect(Self.fields(line).count == 5, "\(line)") }
        #expect(RadarText.csvField("a, \"b\"") == "\"a, \"\"b\"\"\"")
    }

    /// RFC 4180 fields of one line.
    static func fields(_ line: String) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c != "\"" {
                    field.append(c)
                } else if i + 1 < chars.count && chars[i + 1] == "\"" {
                    field.append("\"")
                    i += 1
                } else {
                    quoted = false
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                out.append(field)
                field = ""
            } else {
                field.append(c)
            }
            i += 1
        }
        return out + [field]
    }

    @Test func textGroupsByRingWithHistory() throws {
        let text = RadarText.text(try Self.radar())
        #expect(text.hasPrefix("Team radar: 9 blips from 8 records in 1 log; adopt 2 · trial 2 · assess 2 · hold 3\n"))
        let headings = text.split(separator: "\n").filter { ["Adopt", "Trial", "Assess", "Hold"].contains($0.split(separator: " ").first.map(String.init) ?? "") }
        #expect(headings == ["Adopt (2)", "Trial (2)", "Assess (2)", "Hold (3)"])
        #expect(text.contains("  RabbitMQ — Platforms · technology\n    why: ADR 1, which chose it, superseded by ADR 3 (2023-02-01)\n"))
        #expect(text.contains("    2023-02-01  hold    ADR 3: Use Kafka for order events  docs/adr/0003-use-kafka-for-order-events.md:1\n"))
        #expect(text.contains("  Strangler Fig — Techniques · pattern · set by hand, no record names it\n"))
    }

    @Test func htmlIsSelfContainedAndLinksRelativePaths() throws {
        let r = try Self.radar()
        let base = RadarTests.logDir.appendingPathComponent("site").path
        let html = RadarHTML.render(r, linkBase: base)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Nothing from the network: no external scripts, styles, images or fonts.
        for bad in ["https://", "src=", "@import", "url("] { #expect(!html.contains(bad), "\(bad)") }
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        #expect(html.components(separatedBy: "class=\"blip\"").count - 1 == 9)
        for colour in RadarSVG.colours.values { #expect(html.contains("fill=\"\(colour)\"") || html.contains("background:\(colour)")) }
        #expect(html.contains("href=\"../docs/adr/0003-use-kafka-for-order-events.md\""))
        #expect(html.contains("href=\"../cards/strangler-fig.md\""))
        #expect(RadarHTML.href("/a/b c/d.md", from: "/a/x/y") == "../../b%20c/d.md")
        #expect(RadarHTML.escape("<a href=\"x\">&") == "&lt;a href=&quot;x&quot;&gt;&amp;")
    }

    @Test func theSameRadarDrawsTheSamePage() throws {
        let base = "/tmp/site"
        #expect(RadarHTML.render(try Self.radar(), linkBase: base) == RadarHTML.render(try Self.radar(), linkBase: base))
    }

    @Test func askRowsCarryTheTeamsRing() throws {
        let searcher = try RadarTests.log.get().searcher()
        let answer = try searcher.ask("message broker for order events")
        let kafka = try #require(answer.recommendation("Apache Kafka"))
        #expect(kafka.ring == .adopt)
        if let rabbit = answer.recommendation("RabbitMQ") { #expect(rabbit.ring == .hold) }
        let json = AnswerJSON.render(answer)
        #expect(json.contains("\"name\":\"Apache Kafka\""))
        #expect(json.contains("\"ring\":\"adopt\""))
        #expect(AnswerText.plain(answer).contains("Apache Kafka [technology, Messaging, "))
        #expect(AnswerText.plain(answer).contains(", radar: adopt] score"))
        #expect(AnswerText.markdown(answer).contains("radar: adopt)"))
        #expect(AnswerText.table(answer, width: 120).contains("radar: adopt"))
    }
}
