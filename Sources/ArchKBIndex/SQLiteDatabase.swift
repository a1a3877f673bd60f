import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thin wrapper over one SQLite connection (C API), used by the index writer and reader.
public final class SQLiteDatabase {
    let handle: OpaquePointer
    public let path: String

    /// Opens `path` read-only or read-write (creating it when `create` is set).
    public init(path: String, readOnly: Bool, create: Bool = false) throws {
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw IndexError.sqlite(code: rc, message: message, sql: "open \(path)")
        }
        handle = db
        self.path = path
        sqlite3_busy_timeout(db, 2000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let message = err.map { String(cString: $0) } ?? "unknown"
            sqlite3_free(err)
            throw IndexError.sqlite(code: rc, message: message, sql: sql)
        }
    }

    public func prepare(_ sql: String) throws -> Statement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw IndexError.sqlite(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        return Statement(stmt, db: self, sql: sql)
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    func error(_ rc: Int32, _ sql: String) -> IndexError {
        IndexError.sqlite(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

/// A prepared statement; bind with 1-based indexes, then `step` through rows.
public final class Statement {
    let stmt: OpaquePointer
    unowned let db: SQLiteDatabase
    let sql: String

    init(_ stmt: OpaquePointer, db: SQLiteDatabase, sql: String) {
        self.stmt = stmt
        self.db = db
        self.sql = sql
    }

    deinit { sqlite3_finalize(stmt) }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    @discardableResult
    public func bind(_ values: [SQLValue]) -> Statement {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
        for (i, v) in values.enumerated() {
            let idx = Int32(i + 1)
            switch v {
            case .null: sqlite3_bind_null(stmt, idx)
            case .int(let n): sqlite3_bind_int64(stmt, idx, n)
            case .double(let d): sqlite3_bind_double(stmt, idx, d)
            case .text(let s): sqlite3_bind_text(stmt, idx, s, -1, Statement.transient)
            case .blob(let bytes):
                bytes.withUnsafeBytes { raw in
                    _ = sqlite3_bind_blob(stmt, idx, raw.baseAddress, Int32(raw.count), Statement.transient)
                }
            }
        }
        return self
    }

    /// Advances to the next row; false when done.
    public func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw db.error(rc, sql)
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [SQLValue]) throws {
        bind(values)
        while try step() {}
    }

    public func int(_ col: Int32) -> Int64 { sqlite3_column_int64(stmt, col) }
    public func double(_ col: Int32) -> Double { sqlite3_column_double(stmt, col) }
    public func isNull(_ col: Int32) -> Bool { sqlite3_column_type(stmt, col) == SQLITE_NULL }

    public func text(_ col: Int32) -> String {
        guard let p = sqlite3_column_text(stmt, col) else { return "" }
        return String(cString: p)
    }

    public func optionalText(_ col: Int32) -> String? { isNull(col) ? nil : text(col) }

    /// The UTF-8 bytes of text column `col`, valid until the statement steps or resets.
    func textBytes(_ col: Int32) -> UnsafeRawBufferPointer {
        guard let p = sqlite3_column_text(stmt, col) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, col)))
    }

    /// Whether column `col` holds exactly the UTF-8 bytes of `s`, compared without making a String.
    func textEquals(_ col: Int32, _ s: String) -> Bool {
        guard let p = sqlite3_column_text(stmt, col) else { return s.isEmpty }
        let n = Int(sqlite3_column_bytes(stmt, col))
        var s = s
        return s.withUTF8 { utf8 in utf8.count == n && (n == 0 || utf8.baseAddress.map { memcmp($0, p, n) == 0 } == true) }
    }

    public func blob(_ col: Int32) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(stmt, col))
        guard n > 0, let p = sqlite3_column_blob(stmt, col) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }
}

/// A value bound to a statement parameter.
public enum SQLValue {
    case null, int(Int64), double(Double), text(String), blob([UInt8])

    public static func opt(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
    public static func opt(_ n: Int?) -> SQLValue { n.map { .int(Int64($0)) } ?? .null }
}
