#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starting a daemon in the background when `archkb ask` finds none, as watchman and gpg-agent
/// do: the first question is answered in process while the daemon loads, the next ones by it.
///
/// Opt out with `ARCHKB_NO_AUTOSTART=1` (any value but empty or `0`). The daemon exits after
/// `ARCHKB_IDLE_EXIT` seconds without a connection (default 1800); `archkb daemon stop` stops it.
public enum DaemonAutostart {
    /// Default idle time before a background daemon exits: 30 minutes.
    public static let defaultIdleExitSeconds = 1800

    /// Whether the environment allows starting a daemon.
    public static var enabled: Bool {
        guard let v = SocketPath.environment("ARCHKB_NO_AUTOSTART") else { return true }
        return v.isEmpty || v == "0"
    }

    /// Seconds a background daemon waits without a connection before it exits (0: never):
    /// `ARCHKB_IDLE_EXIT` when it is a number, else 30 minutes.
    public static var idleExitSeconds: Int {
        if let v = SocketPath.environment("ARCHKB_IDLE_EXIT"), let n = Int(v), n >= 0 { return n }
        return defaultIdleExitSeconds
    }

    /// Starts `engine serve --socket socket --idle-exit N` in a new session with its output
    /// appended to `archkb.log` beside the socket, without waiting for it. The daemon inherits
    /// the working directory and environment, so it serves the index this ask would open, but no
    /// other open file: a caller reading this ask's output through a pipe must see it end when
    /// the ask ends, not when the daemon does. Two racing starts are harmless: the second daemon
    /// finds the first one's lock and exits. Returns whether the process was started.
    @discardableResult
    public static func start(engine: String, socket: String) -> Bool {
        let dir = socket.lastIndex(of: "/").map { String(socket[..<$0]) } ?? "."
        if !dir.isEmpty { _ = mkdir(dir, 0o700) }
        let log = dir + "/archkb.log"
        let args = [engine, "serve", "--socket", socket, "--idle-exit", String(idleExitSeconds)]
        // Everything the child needs is made before fork: after it, only async-signal-safe calls.
        var cargs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) }
        cargs.append(nil)
        defer { for p in cargs { free(p) } }
        let logPath = strdup(log), devNull = strdup("/dev/null")
        defer { free(logPath); free(devNull) }
        guard let logPath, let devNull else { return false }
        let maxFD = Int32(min(max(sysconf(Int32(_SC_OPEN_MAX)), 256), 65536))
        let pid = fork()
        if pid == 0 {
            _ = setsid()
            let input = open(devNull, O_RDONLY)
            let output = open(logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            if input >= 0 { _ = dup2(input, 0) }
            if output >= 0 { _ = dup2(output, 1); _ = dup2(output, 2) }
            var fd: Int32 = 3
            while fd < maxFD { _ = close(fd); fd += 1 }
            if let program = cargs[0] { execv(program, &cargs) }
            _exit(127)
        }
        return pid > 0
    }
}
