import ArchKBCorpus
import ArchKBQuery
@testable import ArchKBRender
import Foundation
import MCP
import Testing

/// `archkb radar` run as a program on the four public logs in ../shared/corpora (each indexed
/// beside the bundled corpus), and the HTML page drawn by a real headless Chromium.
@Suite("Team radar end to end")
struct RadarEndToEndTests {
    static let logs = ["adr-madr", "alphagov-govuk-aws", "cometbft-cometbft", "openedx-openedx-events"]

    @Test("radar on a public log", .enabled(if: Paths.sharedCorporaExist, "../shared/corpora not found next to the package; skipped"),
          .enabled(if: ProcessRunner.archkbFound, "archkb executable not built"), arguments: logs)
    func publicLog(_ log: String) throws {
        try withTempDir { dir in
            let index = dir.url.appendingPathComponent("radar.sqlite").path
            let built = try ProcessRunner.archkb(["index", "--corpus", Paths.bundledCorpus.path, "--corpus", Paths.sharedCorpora.appendingPathComponent(log).path,
                                                  "--index", index], home: dir.url, timeout: 300)
            #expect(built.status == 0, "\(built.stderr)")
            let json = try ProcessRunner.archkb(["radar", "--index", index, "--format", "json"], home: dir.url)
            #expect(json.status == 0 && json.stderr.isEmpty, "\(json.stderr)")
            let value = try JSONDecoder().decode(MCP.Value.self, from: Data(json.stdout.utf8))
            let validator = try JSONSchemaValidator(schemaText: try AnswerSchemaTests.docsText("radar.schema.json"))
            #expect(validator.errors(value) == [])
            let counts = value.objectValue?["counts"]?.objectValue ?? [:]
            let blips = value.objectValue?["blips"]?.arrayValue ?? []
            let total = RadarRing.allCases.compactMap { counts[$0.rawValue]?.intValue }.reduce(0, +)
            #expect(!blips.isEmpty)
            #expect(total == blips.count)
            // The ring counts are reported (scripts/test shows them; the closing note quotes them).
            print("radar \(log): " + RadarRing.allCases.map { "\($0.rawValue) \(counts[$0.rawValue]?.intValue ?? -1)" }.joined(separator: ", "))
            for format in ["text", "csv"] {
                let out = try ProcessRunner.archkb(["radar", "--index", index, "--format", format], home: dir.url)
                #expect(out.status == 0 && !out.stdout.isEmpty && out.stderr.isEmpty, "\(format): \(out.stderr)")
                if format == "csv" { #expect(out.stdout.split(separator: "\n").count == blips.count + 1) }
            }
            let page = dir.url.appendingPathComponent("site/radar.html")
            try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
            let html = try ProcessRunner.archkb(["radar", "--index", index, "--format", "html", "--output", "site/radar.html"], home: dir.url)
            #expect(html.status == 0 && html.stdout.isEmpty, "\(html.stderr)")
            let text = try String(contentsOf: page, encoding: .utf8)
            #expect(text.components(separatedBy: "class=\"blip\"").count - 1 == blips.count)
        }
    }

    @Test(.enabled(if: ProcessRunner.archkbFound, "archkb executable not built"))
    func aBadOverrideFileIsAnErrorWithItsLine() throws {
        try withTempDir { dir in
            let overrides = dir.url.appendingPathComponent("rings.yml")
            try "Kafka: soon\n".write(to: overrides, atomically: true, encoding: .utf8)
            let r = try ProcessRunner.archkb(["radar", "--index", RadarTests.log.get().indexPath, "--overrides", overrides.path], home: dir.url)
            #expect(r.status == 2)
            #expect(r.stderr == "archkb: \(overrides.path):1: \"soon\" is not a ring for \"Kafka\" (use adopt, trial, assess or hold)\n")
        }
    }

    /// Chromium from Debian (scripts/setup installs it); scripts/test sets ARCHKB_SETUP_RAN, so
    /// there a missing browser fails the test instead of skipping it.
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let browserRequired = ProcessInfo.processInfo.environment["ARCHKB_SETUP_RAN"] == "1"

    @Test("the page draws the radar in headless Chromium",
          .enabled(if: chromium != nil || browserRequired, "chromium not found and scripts/setup not run (it installs it); skipped"))
    func screenshot() throws {
        let browser = try #require(Self.chromium, "scripts/setup ran but chromium is not installed")
        try withTempDir { dir in
            let radar = try RadarOutputTests.radar()
            let page = dir.url.appendingPathComponent("radar.html")
            try RadarHTML.render(radar, linkBase: dir.path).write(to: page, atomically: true, encoding: .utf8)
            let png = dir.url.appendingPathComponent("radar.png")
            let shot = try ProcessRunner.run(URL(fileURLWithPath: browser),
                                             ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--screenshot=\(png.path)",
                                              "--window-size=900,900", "--user-data-dir=\(dir.url.appendingPathComponent("profile").path)", page.absoluteString],
                                             directory: dir.url, timeout: 120)
            #expect(shot.status == 0, "\(shot.stderr)")
            let colours = RadarRing.allCases.compactMap { RadarSVG.colours[$0] }
            let stats = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", Paths.packageRoot.appendingPathComponent("scripts/png-stats.py").path, png.path] + colours,
                                              directory: dir.url)
            #expect(stats.status == 0, "\(stats.stderr)")
            let value = try JSONDecoder().decode(MCP.Value.self, from: Data(stats.stdout.utf8)).objectValue ?? [:]
            #expect(value["width"]?.intValue == 900 && value["height"]?.intValue == 900)
            let drawn = Double(value["non_background"]?.intValue ?? 0) / Double(value["pixels"]?.intValue ?? 1)
            // The radar's discs cover about half of the view; a blank or error page covers almost nothing.
            #expect(drawn > 0.3, "only \(drawn) of the pixels differ from the background")
            // Each ring has blips in the fixture radar: its colour fills at least a few blips' worth of pixels.
            for colour in colours {
                #expect((value["colours"]?.objectValue?[colour]?.intValue ?? 0) >= 150, "\(colour) missing: \(stats.stdout)")
            }
            print("radar screenshot: \(stats.stdout)")
        }
    }
}
