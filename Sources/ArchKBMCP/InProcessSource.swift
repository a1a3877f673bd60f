import ArchKBCore
import ArchKBIndex
import ArchKBQuery
import ArchKBRender
import Foundation
import Logging
import MCP

/// Answers in this process, as `archkb-engine ask` and `show` do: one index session, opened on
/// first use (building a missing index), reopened when `archkb index` replaces the file.
final class InProcessSource: Sendable {
    let workspace: Workspace
    let logger: Logger
    /// The open session and the file version it read; one call uses it at a time.
    private struct State {
        var session: IndexSession?
        var openedFile: FileStamp?
    }

    private let state = Guarded(State())

    init(workspace: Workspace, logger: Logger) {
        self.workspace = workspace
        self.logger = logger
    }

    /// The `archkb ask --json` answer as a value, and its Markdown table when `markdown` is set.
    func ask(_ call: AskCall, markdown: Bool) throws -> (structured: Value, text: String?) {
        try withSearcher { searcher, stale in
            let options = try searcher.validated(AskOptions(limit: call.limit, kind: call.kind, area: call.area))
            var answer = try searcher.ask(call.question, options: options)
            answer.stale = stale
            return (try StructuredValue.parse(AnswerJSON.render(answer)), markdown ? AnswerText.markdown(answer) : nil)
        }
    }

    /// The card of the entity `name` names (JSON value and text), or nil when none does.
    func show(_ name: String) throws -> (structured: Value, text: String)? {
        try withSearcher { searcher, _ in
            guard let id = try searcher.entity(named: name) else { return nil }
            let view = try searcher.view(entity: id)
            return (try StructuredValue.parse(CardText.value(view).serialized()), CardText.text(view, width: CardWidth.columns))
        }
    }

    /// The team's radar as the `archkb radar --format json` value, and as text. The daemon has
    /// no radar request: the radar is read from the index here.
    func radar(windowDays: Int) throws -> (structured: Value, text: String) {
        try withSearcher { searcher, _ in
            let radar = try searcher.radar(windowDays: windowDays)
            return (try StructuredValue.parse(RadarJSON.render(radar)), RadarText.text(radar))
        }
    }

    /// Runs `body` with the session's searcher, one call at a time (a `Searcher` is single-threaded).
    /// `body` is `@Sendable` and returns a `Sendable` value, so the searcher stays in the session.
    func withSearcher<T: Sendable>(_ body: @Sendable (Searcher, _ stale: Bool) throws -> T) throws -> T {
        try state.withLock { s in
            let path = workspace.indexPath
            if s.session == nil || FileStamp(path: path) != s.openedFile {
                if s.session != nil { logger.info("the index file changed; reopening \(path)") }
                // The stamp is taken before the file opens: a file swapped in meanwhile reopens next time.
                let stamp = FileStamp(path: path)
                do {
                    s.session = try IndexSession.open(workspace) { [logger] in logger.info("\($0.dropFirst(8))") }
                } catch {
                    s.session = nil
                    throw ArchKBMCPError.index(path: path, reason: "\(error)")
                }
                s.openedFile = stamp
            }
            guard let session = s.session else { throw ArchKBMCPError.index(path: path, reason: "no session") }
            return try body(session.searcher, session.stale)
        }
    }
}

/// Identifies one version of a file: inode and modification time (`archkb index` renames a new file in).
struct FileStamp: Equatable {
    var inode: UInt64
    var modified: Double

    init?(path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value,
              let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 else { return nil }
        self.inode = inode
        self.modified = modified
    }
}

/// The width cards are wrapped to for the `show` tool (the daemon's default).
enum CardWidth {
    static let columns = 100
}
