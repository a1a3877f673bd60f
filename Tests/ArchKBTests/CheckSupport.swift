import ArchKBIndex
import ArchKBQuery
import Foundation

/// The `archkb check` fixture (Fixtures/check): a shop's decision log (`log/`, Nygard and MADR,
/// with decisions in force, superseded, rejected and deprecated), drafts with planted findings
/// (`planted/`) and clean drafts (`clean/`), copied to a temporary project whose `docs/adr` is the
/// log, indexed once with the bundled corpus beside it.
struct CheckFixture: @unchecked Sendable {
    let root: URL
    let indexPath: String

    /// Fixtures/check from the test bundle's resources (falls back to the source tree).
    static let source: URL = {
        if let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) {
            let check = fixtures.appendingPathComponent("check")
            if FileManager.default.fileExists(atPath: check.path) { return check }
        }
        return Paths.packageRoot.appendingPathComponent("Tests/ArchKBTests/Fixtures/check")
    }()

    static let shared: Result<CheckFixture, Error> = Result { try CheckFixture.build() }

    static func get() throws -> CheckFixture { try shared.get() }

    static func build() throws -> CheckFixture {
        let dir = try TempDir("archkb-check")
        let fm = FileManager.default
        try fm.createDirectory(at: dir.url.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try fm.copyItem(at: source.appendingPathComponent("log"), to: dir.url.appendingPathComponent("docs/adr"))
        try fm.copyItem(at: source.appendingPathComponent("planted"), to: dir.url.appendingPathComponent("planted"))
        try fm.copyItem(at: source.appendingPathComponent("clean"), to: dir.url.appendingPathComponent("clean"))
        let indexPath = dir.url.appendingPathComponent("check.sqlite").path
        _ = try IndexBuilder(roots: [Paths.bundledCorpus.path, dir.url.appendingPathComponent("docs/adr").path],
                             projectRoot: dir.path, indexPath: indexPath).build()
        SharedCleanup.register(dir.path)
        return CheckFixture(root: dir.url, indexPath: indexPath)
    }

    /// The drafts of `folder` (planted or clean), by file name.
    func drafts(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted()
    }

    /// Checks one file of the fixture in process, cited relative to the fixture's root.
    func check(_ relative: String) throws -> CheckReport {
        let url = root.appendingPathComponent(relative)
        let text = try String(contentsOf: url, encoding: .utf8)
        return try DraftCheck(searcher: Searcher(reader: IndexReader(path: indexPath))).check(text: text, path: url.path, displayPath: relative)
    }

    /// A citation's file: relative paths are under the fixture's root, corpus paths absolute.
    func file(_ path: String) -> String {
        path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
    }

    /// What each planted draft must be reported for: exactly these kinds, citing these files.
    static let planted: [String: (kinds: Set<String>, cites: [String])] = [
        "graphql-for-the-partner-api.md": (["precedent-conflict"], ["docs/adr/0007-rest-for-the-public-api.md", "api-design/graphql.md"]),
        "pulsar-for-the-audit-stream.rst": (["precedent-conflict"], ["docs/adr/0006-stream-order-events-through-kafka.md", "messaging/apache-pulsar.md"]),
        "rabbitmq-for-payment-events.md": (["precedent-conflict", "repeats-withdrawn"],
                                           ["docs/adr/0006-stream-order-events-through-kafka.md", "docs/adr/0003-publish-order-events-to-rabbitmq.md"]),
        "memcached-for-sessions.md": (["precedent-conflict", "repeats-withdrawn", "when-not-to-use"],
                                      ["docs/adr/0005-keep-sessions-in-redis.md", "docs/adr/0004-cache-sessions-in-memcached.md", "caching/memcached.md"]),
        "kafka-for-a-small-team.md": (["when-not-to-use"], ["messaging/apache-kafka.md"]),
        "server-sent-events-for-stock-levels.md": (["repeats-withdrawn"], ["docs/adr/0009-push-live-order-status-with-server-sent-events.md"]),
        "redis-for-rate-limits.md": (["unmentioned-alternatives"], ["caching/redis.md"]),
        "share-the-orders-database.md": (["anti-pattern"], ["data/shared-database.md"]),
        "reports-write-order-tables.md": (["anti-pattern"], ["data/shared-database.md"]),
        "no-status.md": (["no-status"], []),
        "no-date.md": (["no-date"], []),
        "broken-link.md": (["broken-link"], []),
    ]
}
