import ArchKBClient
import Foundation
import Testing

/// The thin `archkb` answers the completion scripts' call (`archkb ---completion ask -- positional@0
/// <word index> <cursor index> <words…>`, with SAP_SHELL set) itself, so it depends on the call
/// format of the swift-argument-parser version SwiftPM resolved. Package.resolved stays out of git
/// (the project's rule), so the version can move: this test reads the scripts that version
/// generates and fails, naming the version, when the call changes shape.
@Suite("swift-argument-parser's completion call, as resolved", .enabled(if: DaemonE2E.engine != nil, "archkb-engine not built"))
struct ResolvedArgumentParserTests {
    /// The resolved swift-argument-parser version, from Package.resolved (if SwiftPM wrote one).
    static let version: String = {
        let url = Paths.packageRoot.appendingPathComponent("Package.resolved")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let pins = object["pins"] as? [[String: Any]],
              let pin = pins.first(where: { ($0["identity"] as? String) == "swift-argument-parser" }),
              let state = pin["state"] as? [String: Any] else { return "(unknown version)" }
        return (state["version"] as? String) ?? (state["revision"] as? String) ?? "(unknown version)"
    }()

    @Test("every script calls the format QuestionCompletion.call reads", arguments: ["bash", "zsh", "fish"])
    func scriptsCallTheThinClientsFormat(_ shell: String) throws {
        let engine = try #require(DaemonE2E.engine)
        let dir = try TempDir("archkb-resolved")
        defer { dir.remove() }
        let r = try ProcessRunner.run(engine, ["completion", shell], directory: dir.url, timeout: 60)
        #expect(r.status == 0, "\(r.stderr)")
        let call = QuestionCompletion.callPrefix.joined(separator: " ")
        let lines = r.stdout.split(separator: "\n").filter { $0.contains(call + " ") }
        #expect(lines.count == 1, "swift-argument-parser \(Self.version): the \(shell) script no longer calls `\(call) <word index> <cursor index>`; update QuestionCompletion.call")
        #expect(r.stdout.contains("SAP_SHELL"), "swift-argument-parser \(Self.version): the \(shell) script no longer sets SAP_SHELL, which RequestingShell.current reads")
        // The word index and cursor index follow the prefix, then the words (passed by the helper function).
        if let line = lines.first, let range = line.range(of: call + " ") {
            let rest = line[range.upperBound...].split(separator: " ")
            #expect(rest.count >= 2, "\(line)")
        }
    }

    @Test("the call parses as the thin client expects")
    func callParses() throws {
        let parsed = try #require(QuestionCompletion.call(QuestionCompletion.callPrefix + ["2", "4", "archkb", "ask", "circ"]))
        #expect(parsed.words == ["archkb", "ask", "circ"] && parsed.index == 2 && parsed.prefix == "circ")
    }
}
