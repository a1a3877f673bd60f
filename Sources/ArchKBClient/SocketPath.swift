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
    /// `runUser` is where login sessions' runtime directories live (`/run/user`; tests pass another).
    public static func resolve(flag: String?, runUser: String = "/run/user") -> String {
        if let f = flag, !f.isEmpty { return f }
        if let e = environment("ARCHKB_SOCKET"), !e.isEmpty { return e }
        if let x = environment("XDG_RUNTIME_DIR"), !x.isEmpty { return x + "/archkb/archkb.sock" }
        if let run = userRuntimeDirectory(runUser) { return run + "/archkb/archkb.sock" }
        return "/tmp/archkb-\(getuid())/archkb.sock"
    }

    /// `<runUser>/$UID` (`/run/user/$UID`) when it is a directory owned by this user, else nil.
    public static func userRuntimeDirectory(_ runUser: String = "/run/user") -> String? {
        let path = "\(runUser)/\(getuid())"
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_uid == getuid() else { return nil }
        return path
    }

    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// `--color`: colour (and links) when standard output is a terminal, always, or never.
public enum ColorChoice: String, Sendable, CaseIterable {
    case auto, always, never
}

/// The terminal's width for tables: $COLUMNS, else the tty's, else 100.
public enum Terminal {
    /// Whether to colour output: `always`/`never` as asked; `auto` when standard output is a
    /// terminal, TERM is not "dumb" and NO_COLOR is unset or empty (https://no-color.org).
    /// Links (OSC 8) only with colour, and only where the terminal is known to show them
    /// (iTerm2, WezTerm, VS Code, ghostty, kitty, Windows Terminal, VTE ≥ 0.50), not inside tmux or
    /// screen unless ARCHKB_HYPERLINKS=1; ARCHKB_HYPERLINKS=0 turns them off.
    public static func decoration(_ choice: ColorChoice) -> (color: Bool, links: Bool) {
        func env(_ name: String) -> String? { SocketPath.environment(name).flatMap { $0.isEmpty ? nil : $0 } }
        let color: Bool
        switch choice {
        case .always: color = true
        case .never: color = false
        case .auto: color = env("NO_COLOR") == nil && isatty(STDOUT_FILENO) == 1 && env("TERM") != "dumb"
        }
        guard color else { return (false, false) }
        if let forced = env("ARCHKB_HYPERLINKS") { return (true, forced == "1") }
        if env("TMUX") != nil || env("STY") != nil { return (true, false) }
        let programs: Set<String> = ["iTerm.app", "WezTerm", "vscode", "ghostty"]
        let known = env("TERM_PROGRAM").map(programs.contains) == true || env("KITTY_WINDOW_ID") != nil || env("WT_SESSION") != nil
            || (env("VTE_VERSION").flatMap { Int($0) } ?? 0) >= 5000
        return (true, known)
    }

    public static func width() -> Int {
        if let c = getenv("COLUMNS"), let n = Int(String(cString: c)), n > 20 { return n }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }
}
