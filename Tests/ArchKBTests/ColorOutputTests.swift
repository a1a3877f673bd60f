import ArchKBClient
@testable import ArchKBQuery
@testable import ArchKBRender
import Foundation
import Testing

/// Colour for names, confidence and statuses on a terminal, off with NO_COLOR or `--color never`;
/// OSC 8 links on citations where asked. Decoration never changes the layout.
@Suite("Colour and links")
struct ColorOutputTests {
    /// `text` without SGR colour codes and OSC 8 link wrappers.
    static func undecorated(_ text: String) -> String {
        var s = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: "\u{1B}\\]8;;[^\u{1B}]*\u{1B}\\\\", with: "", options: .regularExpression)
        return s
    }

    @Test("colour and links leave every line as the plain layout has it", arguments: TableLayoutTests.widths)
    func sameLayout(_ width: Int) {
        let a = TableLayoutTests.sample()
        let style = TextStyle(color: true, links: true, linkRoot: "/srv/kb")
        let decorated = AnswerText.render(a, format: .table, width: width, style: style)
        #expect(Self.undecorated(decorated) == AnswerText.render(a, format: .table, width: width))
        #expect(decorated.contains("\u{1B}[1mCircuit Breaker\u{1B}[22m") || decorated.contains("\u{1B}[1mCircuit\u{1B}[22m"))
        #expect(decorated.contains("\u{1B}[32mhigh confidence\u{1B}[39m") || width < 60)
        #expect(decorated.contains("\u{1B}[31mlow confidence\u{1B}[39m"))
        #expect(decorated.contains("\u{1B}]8;;file://\(TextStyle.host)/srv/kb/Corpus/resilience/circuit-breaker.md\u{1B}\\Corpus/resilience/circuit-breaker.md:8\u{1B}]8;;\u{1B}\\"))
        #expect(!AnswerText.render(a, format: .markdown, style: style).contains("\u{1B}"), "only the terminal table is decorated")
    }

    @Test("decision statuses are coloured: in force green, withdrawn red")
    func statuses() {
        let style = TextStyle(color: true)
        #expect(style.decisionHead("  ADR 3 · accepted · 2022-03-01 · Use X") == "  ADR 3 · \u{1B}[32maccepted\u{1B}[39m · 2022-03-01 · Use X")
        #expect(style.decisionHead("  superseded · Old").contains("\u{1B}[31msuperseded"))
        #expect(TextStyle.plain.decisionHead("  ADR 3 · accepted") == "  ADR 3 · accepted")
    }

    @Test("the CLI colours with --color always, not with --color never, NO_COLOR or a pipe; through the daemon too",
          .enabled(if: DaemonE2E.available, "archkb executables not built"))
    func commandLine() throws {
        let box = try DaemonSandbox()
        defer { box.remove() }
        let q = "stop cascading failures when the payment provider is down"
        let always = try box.archkb(["ask", "--no-daemon", "--index", box.index, "--color", "always", q])
        #expect(always.status == 0 && always.stdout.contains("\u{1B}[1m"), "\(always.stderr)")
        for args in [["--color", "never"], []] {
            let r = try box.archkb(["ask", "--no-daemon", "--index", box.index] + args + [q])
            #expect(r.status == 0 && !r.stdout.contains("\u{1B}"), "\(args): piped output is plain")
        }
        let daemon = try DaemonProcess(box)
        defer { daemon.kill() }
        let viaDaemon = try box.archkb(["ask", "--socket", daemon.socket, "--color", "always", q], environment: ["ARCHKB_HYPERLINKS": "1"])
        #expect(viaDaemon.status == 0 && viaDaemon.stdout.contains("\u{1B}[1m") && viaDaemon.stdout.contains("\u{1B}]8;;file://"), "\(viaDaemon.stderr)")
        let show = try box.archkb(["show", "--socket", daemon.socket, "--color", "always", "circuit breaker"])
        #expect(show.stdout.hasPrefix("\u{1B}[1mCircuit Breaker"), "\(show.stdout.prefix(80))")

        // On a terminal (script(1)), auto colours unless NO_COLOR is set.
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path), let thin = ProcessRunner.executable else { return }
        let command = "\(thin.path) ask --no-daemon --index \(box.index) '\(q)'"
        let tty = try ProcessRunner.run(script, ["-qec", command, "/dev/null"], environment: box.environment.merging(["TERM": "xterm", "NO_COLOR": ""]) { $1 }, directory: box.dir, timeout: 60)
        #expect(tty.stdout.contains("\u{1B}[1m"), "auto colours on a terminal: \(tty.stdout.prefix(200))")
        let noColor = try ProcessRunner.run(script, ["-qec", command, "/dev/null"], environment: box.environment.merging(["TERM": "xterm", "NO_COLOR": "1"]) { $1 },
                                            directory: box.dir, timeout: 60)
        #expect(!noColor.stdout.contains("\u{1B}["), "NO_COLOR turns colour off: \(noColor.stdout.prefix(200))")
    }
}
