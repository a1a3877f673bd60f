import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks on an index path before it is read or replaced, and clean-up of killed builds.
///
/// `archkb index --index FILE` renames a new file over FILE, so FILE must be an archkb index (or
/// absent, or empty): a user's database or notes given by a typo are refused, not overwritten.
/// Every build writes `<index>.tmp-<pid>` first; a build killed mid-write leaves that file behind,
/// and the next build removes the ones whose process is gone.
public enum IndexFileGuard {
    /// The first 16 bytes of every SQLite 3 database file.
    static let sqliteMagic = Array("SQLite format 3\u{0}".utf8)

    /// Checks that a build may write `path`, then removes stale temporary files beside it.
    public static func prepareToReplace(_ path: String) throws {
        try checkReplaceable(path)
        let dir = directory(of: path)
        if access(dir, W_OK) != 0 && FileManager.default.fileExists(atPath: dir) {
            let why = String(cString: strerror(errno))
            throw IndexError.unusablePath(path: path, reason: "cannot build the index here: the directory \(dir) is not writable (\(why)); choose another --index or fix the directory's permissions")
        }
        removeStaleTemporaries(of: path)
    }

    /// Throws unless `path` is absent, empty, or an archkb index (of any schema version).
    public static func checkReplaceable(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw IndexError.unusablePath(path: path, reason: "is a directory; give --index a file path, e.g. \(path)/archkb.sqlite")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw IndexError.unusablePath(path: path, reason: "is not a regular file; refusing to replace it with an index")
        }
        if st.st_size == 0 { return }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IndexError.unusablePath(path: path, reason: "cannot be read (\(String(cString: strerror(errno)))), so it cannot be checked to be an archkb index; refusing to replace it")
        }
        let head = (try? handle.read(upToCount: sqliteMagic.count)).map { [UInt8]($0) } ?? []
        try? handle.close()
        guard head == sqliteMagic else {
            throw IndexError.unusablePath(path: path, reason: "exists and is not an archkb index (not a SQLite file); refusing to replace it: remove it or choose another --index")
        }
        guard isArchKBIndex(path) else {
            throw IndexError.unusablePath(path: path, reason: "is a SQLite database but not an archkb index (no archkb metadata); refusing to replace it: remove it or choose another --index")
        }
    }

    /// Whether the SQLite file at `path` has archkb's `meta` table with a schema version.
    static func isArchKBIndex(_ path: String) -> Bool {
        guard let db = try? SQLiteDatabase(path: path, readOnly: true),
              let stmt = try? db.prepare("SELECT value FROM meta WHERE key = 'schema_version'"),
              let row = try? stmt.step() else { return false }
        return row
    }

    /// Throws a message that says what is wrong when `path` exists but cannot be read as an index
    /// file: a directory, or a file this user may not read. Other problems are the reader's to report.
    public static func checkReadable(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw IndexError.unusablePath(path: path, reason: "is a directory, not an index file; give --index the index file, e.g. \(path)/archkb.sqlite")
        }
        if access(path, R_OK) != 0 {
            let why = String(cString: strerror(errno))
            throw IndexError.unusablePath(path: path, reason: "cannot be read (\(why)); check its permissions (ls -l \(path)) or choose another --index")
        }
    }

    /// Removes `<path>.tmp-<pid>` files whose process no longer runs; returns the names removed.
    @discardableResult
    public static func removeStaleTemporaries(of path: String) -> [String] {
        let dir = directory(of: path)
        let prefix = (path as NSString).lastPathComponent + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid > 0, pid != getpid(), !processRuns(pid) else { continue }
            if unlink(dir + "/" + name) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Whether a process with this id exists (EPERM: it exists but belongs to another user).
    static func processRuns(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    static func directory(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }
}
