import ArgumentParser
import ArchKBCorpus
import ArchKBQuery
import ArchKBRender
import Foundation

extension RadarFormat: ExpressibleByArgument {}

struct RadarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "radar",
        abstract: "Show the team's technology radar derived from its decision records (adopt, trial, assess, hold).",
        discussion: """
            Every entity the indexed ADRs name gets a ring from the records that chose, proposed, rejected, \
            superseded or mentioned it, a quadrant from its kind and area, and its history. Rings set by hand \
            come from --overrides (YAML: `Name: ring  # reason`). See docs/RADAR.md. Exit codes: 0 printed, 2 error.
            """)

    @OptionGroup var options: IndexOptions

    @Option(name: .long, help: "Output format: text, json, csv (build-your-own-radar columns) or html (a self-contained page).")
    var format: RadarFormat = .text

    @Option(name: .long, help: ArgumentHelp("Rings set by hand: a YAML file of `Name: ring  # reason` lines.", valueName: "file"),
            completion: .file())
    var overrides: String?

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output (HTML links are relative to its folder).", valueName: "file"),
            completion: .file())
    var output: String?

    @Option(name: .long, help: "Days before a log's newest record that count as recent (accepted → trial, isNew).")
    var window = Radar.defaultWindowDays

    func validate() throws {
        guard (0...36_500).contains(window) else { throw ValidationError("--window must be between 0 and 36500 days") }
    }

    func run() throws {
        try reportingErrors {
            var hand: [RadarOverride] = []
            if let overrides {
                guard let data = FileManager.default.contents(atPath: overrides) else {
                    throw CorpusError.unreadable(path: overrides, reason: "no such file or not readable")
                }
                hand = try RadarOverrideFile.parse(String(decoding: data, as: UTF8.self), path: overrides)
            }
            let session = try options.openSession(autoBuild: options.workspace.isDefaultIndex)
            let radar = try session.searcher.radar(windowDays: window, overrides: hand, overridesPath: overrides)
            let text: String
            switch format {
            case .text: text = RadarText.text(radar)
            case .json: text = RadarJSON.render(radar)
            case .csv: text = RadarText.csv(radar)
            case .html:
                let cwd = FileManager.default.currentDirectoryPath
                let target = output.map { $0.hasPrefix("/") ? $0 : cwd + "/" + $0 }
                let base = target.map { URL(fileURLWithPath: $0).deletingLastPathComponent().standardizedFileURL.path } ?? cwd
                text = RadarHTML.render(radar, linkBase: base)
            }
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
                    printError("cannot write \(output)")
                    throw Exit.error
                }
            } else {
                print(text, terminator: "")
            }
        }
    }
}
