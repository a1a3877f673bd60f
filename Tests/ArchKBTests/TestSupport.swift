import ArchKBCorpus
import ArchKBIndex
import ArchKBQuery
import Foundation

/// Where the package, the fixtures and the optional shared seeds are.
enum Paths {
    /// The package root (/work/main), from this file's location: Tests/ArchKBTests/TestSupport.swift.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixture corpus, from the test bundle's resources (falls back to the source tree).
    static let fixtureCorpus: URL = {
        if let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) {
            let corpus = fixtures.appendingPathComponent("corpus")
            if FileManager.default.fileExists(atPath: corpus.path) { return corpus }
        }
        return packageRoot.appendingPathComponent("Tests/ArchKBTests/Fixtures/corpus")
    }()

    static var bundledCorpus: URL { packageRoot.appendingPathComponent("Corpus") }

    /// `../shared/seeds` relative to the package root.
    static var seeds: URL { packageRoot.appendingPathComponent("../shared/seeds").standardizedFileURL }

    static var seedsExist: Bool { FileManager.default.fileExists(atPath: seeds.path) }
}

/// Reads and parses files of the fixture corpus without building an index.
enum Fixture {
    static func url(_ relative: String) -> URL { Paths.fixtureCorpus.appendingPathComponent(relative) }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    static func parse(_ relative: String) throws -> ParsedDocument {
        try DocumentParser().parse(text: text(relative), path: url(relative).path, displayPath: "corpus/" + relative)
    }

    /// Parses inline text as if it were the file at `path`.
    static func parse(text: String, path: String) throws -> ParsedDocument {
        try DocumentParser().parse(text: text, path: path, displayPath: path)
    }
}

/// A fresh temporary directory, removed by `remove()`.
struct TempDir {
    let url: URL

    init(_ label: String = "archkb-tests") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Copies the fixture corpus to `<dir>/corpus` and returns that URL.
    func copyFixtureCorpus() throws -> URL {
        let target = url.appendingPathComponent("corpus")
        try FileManager.default.copyItem(at: Paths.fixtureCorpus, to: target)
        return target
    }
}

/// Runs `body` with a temporary directory that is removed afterwards.
func withTempDir<T>(_ body: (TempDir) throws -> T) throws -> T {
    let dir = try TempDir()
    defer { dir.remove() }
    return try body(dir)
}

/// The fixture corpus copied to a temporary project root and indexed once per test run.
///
/// Citations are relative to `root`, so they read `corpus/cards/…`. Each test opens its own
/// reader and searcher (a `Searcher` is not safe for concurrent use).
struct FixtureIndex: @unchecked Sendable {
    let root: URL
    let corpus: URL
    let indexPath: String
    let report: IndexBuildReport

    static let shared: Result<FixtureIndex, Error> = Result { try FixtureIndex.build() }

    static func get() throws -> FixtureIndex { try shared.get() }

    static func build() throws -> FixtureIndex {
        let dir = try TempDir("archkb-fixture-index")
        let corpus = try dir.copyFixtureCorpus()
        let indexPath = dir.url.appendingPathComponent("fixture.sqlite").path
        let report = try IndexBuilder(roots: [corpus.path], projectRoot: dir.path, indexPath: indexPath).build()
        SharedCleanup.register(dir.path)
        return FixtureIndex(root: dir.url, corpus: corpus, indexPath: indexPath, report: report)
    }

    func reader() throws -> IndexReader { try IndexReader(path: indexPath) }

    func searcher() throws -> Searcher { Searcher(reader: try reader()) }
}

/// Removes the directories of shared, process-lifetime indexes when the test process exits.
enum SharedCleanup {
    nonisolated(unsafe) static var paths: [String] = []
    static let lock = NSLock()
    static let installed: Bool = {
        atexit {
            SharedCleanup.lock.lock()
            for p in SharedCleanup.paths { try? FileManager.default.removeItem(atPath: p) }
            SharedCleanup.lock.unlock()
        }
        return true
    }()

    static func register(_ path: String) {
        _ = installed
        lock.lock()
        paths.append(path)
        lock.unlock()
    }
}

extension Answer {
    var names: [String] { recommendations.map(\.name) }

    func recommendation(_ name: String) -> Recommendation? { recommendations.first { $0.name == name } }
}

extension IndexReader {
    func decision(number: Int) -> StoredDecision? { decisions.first { $0.number == number } }

    func entity(named name: String) -> StoredEntity? { entities.first { $0.name == name } }

    /// Runs a single-value COUNT query.
    func count(_ sql: String) throws -> Int {
        let stmt = try database.prepare(sql)
        guard try stmt.step() else { return -1 }
        return Int(stmt.int(0))
    }
}

/// Line count of a text file as archkb counts lines (`String.lineArray`).
func lineCount(ofFile path: String) -> Int? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    return text.lineArray.count
}

/// The result of running a child process to completion.
struct ProcessResult {
    var status: Int32
    var reason: Process.TerminationReason
    var stdout: String
    var stderr: String
    var timedOut: Bool

    /// Exited normally (not killed by a signal, not timed out).
    var exitedNormally: Bool { reason == .exit && !timedOut }
}

/// Runs the built `archkb` executable (and shells) with a timeout.
enum ProcessRunner {
    /// The `archkb` executable built next to the test bundle, if any.
    static let executable: URL? = {
        let fm = FileManager.default
        var candidates: [URL] = [
            Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("archkb"),
            Bundle.main.bundleURL.appendingPathComponent("archkb"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("archkb"),
        ]
        if let argv0 = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: argv0).deletingLastPathComponent().appendingPathComponent("archkb"))
        }
        return candidates.first { url in
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue && fm.isExecutableFile(atPath: url.path)
        }
    }()

    static var archkbFound: Bool { executable != nil }

    /// Runs `executable` with `arguments`; stdout and stderr go to files so large output cannot block.
    /// With `inherit` false the child gets only `environment` (as `env -i` would). No child
    /// autostarts a daemon (ARCHKB_NO_AUTOSTART=1) unless `environment` sets the variable itself:
    /// one would outlive the test on the machine's default socket and answer other tests.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                    directory: URL, timeout: TimeInterval = 120, inherit: Bool = true) throws -> ProcessResult {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = directory
        var env = inherit ? ProcessInfo.processInfo.environment : [:]
        env["ARCHKB_NO_AUTOSTART"] = "1"
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let id = UUID().uuidString
        let outURL = directory.appendingPathComponent(".out-\(id)")
        let errURL = directory.appendingPathComponent(".err-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while p.isRunning {
            if Date() > deadline {
                timedOut = true
                p.terminate()
                break
            }
            usleep(20_000)
        }
        p.waitUntilExit()
        try? out.close()
        try? err.close()
        let stdout = (try? Data(contentsOf: outURL)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let stderr = (try? Data(contentsOf: errURL)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return ProcessResult(status: p.terminationStatus, reason: p.terminationReason, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }

    /// Runs `archkb` in `home` with ARCHKB_HOME and the config directory pinned to `home`,
    /// so no archkb.toml, ARCHKB_INDEX or bundled corpus from the machine leaks in; no daemon is
    /// autostarted (ARCHKB_NO_AUTOSTART=1) unless a test sets it otherwise.
    static func archkb(_ arguments: [String], home: URL, timeout: TimeInterval = 120) throws -> ProcessResult {
        guard let exe = executable else { throw RunnerError.noExecutable }
        return try run(exe, arguments, environment: environment(home: home), directory: home, timeout: timeout)
    }

    static func environment(home: URL) -> [String: String] {
        ["ARCHKB_HOME": home.path, "ARCHKB_INDEX": "", "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path,
         "COLUMNS": "120", "ARCHKB_NO_AUTOSTART": "1"]
    }

    enum RunnerError: Error { case noExecutable }
}
