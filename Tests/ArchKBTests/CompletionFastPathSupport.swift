import Foundation

/// A rig for the thin client's question-word completion: a daemon over the shell tests' index
/// (the fixture corpus plus the `JSON:API` / `Brewer's envelope` card), a copy of the thin
/// `archkb` alone in a directory (no `archkb-engine` beside it, so it cannot hand over), and a
/// recorder that stands in for `archkb` on PATH: it writes each call's `SAP_SHELL`,
/// `SAP_SHELL_VERSION` and arguments to a file, then runs the lone thin client.
///
/// Every binary is the one built next to the test bundle (`ProcessRunner.executable` and
/// `DaemonE2E.engine`), so the tests exercise the build under test.
final class FastPathRig {
    let box: DaemonSandbox
    let daemon: DaemonProcess?
    /// The thin `archkb`, copied alone into `<box>/lone/`.
    let lone: URL
    /// A directory holding the recorder, named `archkb`, to put first on PATH.
    let recorderDir: URL
    /// Where the recorder writes one file per call.
    let callsDir: URL

    /// One `archkb` call as a completion script made it.
    struct RecordedCall: CustomStringConvertible {
        var shell: String
        var version: String
        var arguments: [String]
        var description: String { "SAP_SHELL=\(shell) SAP_SHELL_VERSION=\(version) archkb \(arguments)" }
    }

    /// Sets up the sandbox; starts the daemon when `daemon` is true (else nothing listens on the socket).
    init(daemon startDaemon: Bool = true) throws {
        box = try DaemonSandbox()
        let fm = FileManager.default
        try fm.removeItem(atPath: box.index)
        try fm.copyItem(atPath: try ShellHome.shared.get().index, toPath: box.index)
        guard let thin = ProcessRunner.executable else { throw ProcessRunner.RunnerError.noExecutable }
        let loneDir = box.dir.appendingPathComponent("lone")
        recorderDir = box.dir.appendingPathComponent("rec")
        callsDir = box.dir.appendingPathComponent("calls")
        for dir in [loneDir, recorderDir, callsDir] { try fm.createDirectory(at: dir, withIntermediateDirectories: true) }
        lone = loneDir.appendingPathComponent("archkb")
        try fm.copyItem(at: thin, to: lone)
        let recorder = """
            #!/bin/sh
            f=$(mktemp \(callsDir.appendingPathComponent("call.XXXXXX").shellQuoted)) || exit 3
            printf '%s\\0' "${SAP_SHELL-}" "${SAP_SHELL_VERSION-}" "$@" > "$f"
            exec \(lone.shellQuoted) "$@"

            """
        let recorderFile = recorderDir.appendingPathComponent("archkb")
        try recorder.write(to: recorderFile, atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: recorderFile.path)
        do {
            daemon = startDaemon ? try DaemonProcess(box) : nil
        } catch {
            box.remove()
            throw error
        }
    }

    /// Kills the daemon and removes the sandbox.
    func remove() {
        daemon?.kill()
        box.remove()
    }

    /// The daemon's socket (or where none listens), and the index for answers in process.
    var environment: [String: String] {
        box.environment.merging(["ARCHKB_SOCKET": daemon?.socket ?? box.socket, "ARCHKB_INDEX": box.index]) { $1 }
    }

    /// For the shells of `ShellHome`: the recorder first on PATH and the daemon's socket.
    var shellEnvironment: [String: String] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return ["PATH": recorderDir.path + ":" + path, "ARCHKB_SOCKET": daemon?.socket ?? box.socket]
    }

    /// Runs `executable` with `arguments` as a completion script would: `SAP_SHELL` and
    /// `SAP_SHELL_VERSION` set (empty for nil, which neither reader takes for a shell).
    func run(_ executable: URL, _ arguments: [String], shell: String?, version: String?) throws -> ProcessResult {
        let env = environment.merging(["SAP_SHELL": shell ?? "", "SAP_SHELL_VERSION": version ?? ""]) { $1 }
        return try ProcessRunner.run(executable, arguments, environment: env, directory: box.dir, timeout: 60)
    }

    /// `archkb-engine`, the lone thin client and the thin client with the engine beside it, for one call.
    func engine(_ arguments: [String], shell: String?, version: String?) throws -> ProcessResult {
        guard let exe = DaemonE2E.engine else { throw ProcessRunner.RunnerError.noExecutable }
        return try run(exe, arguments, shell: shell, version: version)
    }

    func loneThin(_ arguments: [String], shell: String?, version: String?) throws -> ProcessResult {
        try run(lone, arguments, shell: shell, version: version)
    }

    func thin(_ arguments: [String], shell: String?, version: String?) throws -> ProcessResult {
        guard let exe = ProcessRunner.executable else { throw ProcessRunner.RunnerError.noExecutable }
        return try run(exe, arguments, shell: shell, version: version)
    }

    /// The calls the recorder has seen, in no particular order.
    func recordedCalls() throws -> [RecordedCall] {
        let files = try FileManager.default.contentsOfDirectory(at: callsDir, includingPropertiesForKeys: nil)
        return try files.map { file in
            var fields = try Data(contentsOf: file).split(separator: 0, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            if fields.last == "" { fields.removeLast() }  // after the last terminator
            guard fields.count >= 2 else { throw ShellHome.SetupError(description: "short record \(file.path)") }
            return RecordedCall(shell: fields[0], version: fields[1], arguments: Array(fields[2...]))
        }
    }
}

extension ProcessResult {
    /// Candidates as the scripts read them: one a line, without zsh's trailing single-space line.
    var candidateLines: [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter { $0 != " " }
    }
}
