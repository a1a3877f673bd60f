import ArchKBClient
import Foundation
import Testing

/// Where clients look for the daemon when an MCP client or cron starts them with a minimal
/// environment (no XDG_RUNTIME_DIR): the login session's `/run/user/$UID`, when it is ours.
@Suite("Daemon socket path")
struct SocketPathTests {
    @Test("without XDG_RUNTIME_DIR, /run/user/$UID is used when it exists and is ours")
    func runUserFallback() throws {
        let base = try TempDir("archkb-run-user")
        defer { base.remove() }
        #expect(SocketPath.userRuntimeDirectory(base.path) == nil, "no directory for this user yet")
        let mine = base.url.appendingPathComponent(String(getuid()))
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        #expect(SocketPath.userRuntimeDirectory(base.path) == mine.path)
        // The flag, ARCHKB_SOCKET and XDG_RUNTIME_DIR still come first when set.
        #expect(SocketPath.resolve(flag: "/x/s.sock", runUser: base.path) == "/x/s.sock")
        let env = ProcessInfo.processInfo.environment
        if (env["ARCHKB_SOCKET"] ?? "").isEmpty && (env["XDG_RUNTIME_DIR"] ?? "").isEmpty {
            #expect(SocketPath.resolve(flag: nil, runUser: base.path) == mine.path + "/archkb/archkb.sock")
        }
        // A plain file in its place is not a runtime directory.
        try FileManager.default.removeItem(at: mine)
        try Data().write(to: mine)
        #expect(SocketPath.userRuntimeDirectory(base.path) == nil)
    }
}
