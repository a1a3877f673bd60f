#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the daemon listens: `--socket`, else `ARCHKB_SOCKET`, else
/// `$XDG_RUNTIME_DIR/archkb/archkb.sock`, else `/run/user/$UID/archkb/archkb.sock` when that
/// runtime directory exists and is ours (what XDG_RUNTIME_DIR would be in a login session: an MCP
/// client or cron starts archkb with a minimal environment), else `/tmp/archkb-$UID/archkb.sock`.
public enum SocketPath {
    public static func resolve(flag: String?) -> String {
        if let f = flag, !f.isEmpty { return f }
        if let e = environment("ARCHKB_SOCKET"), !e.isEmpty { return e }
        if let x = environment("XDG_RUNTIME_DIR"), !x.isEmpty { return x + "/archkb/archkb.sock" }
        if let run = userRuntimeDirectory() { return run + "/archkb/archkb.sock" }
        return "/tmp/archkb-\(getuid())/archkb.sock"
    }

    /// `/run/user/$UID` when it is a directory owned by this user, else nil.
    public static func userRuntimeDirectory() -> String? {
        let path = "/run/user/\(getuid())"
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_uid == getuid() else { return nil }
        return path
    }

    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// The terminal's width for tables: $COLUMNS, else the tty's, else 100.
public enum Terminal {
    public static func width() -> Int {
        if let c = getenv("COLUMNS"), let n = Int(String(cString: c)), n > 20 { return n }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }
}
