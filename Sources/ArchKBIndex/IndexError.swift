/// Errors raised while building or opening an index.
public enum IndexError: Error, CustomStringConvertible {
    /// No index file at the path.
    case missing(path: String)
    /// The file is not an archkb index, or is damaged.
    case corrupt(path: String, detail: String)
    /// The index was built by another schema version.
    case versionMismatch(path: String, found: Int, expected: Int)
    /// A table's rows break what the reader relies on (ids in row order, references in range).
    case invalidTable(path: String, table: String, detail: String)
    /// SQLite reported an error.
    case sqlite(code: Int32, message: String, sql: String)
    /// The index file could not be written or moved into place.
    case write(path: String, reason: String)
    /// The path cannot serve as an index (a directory, unreadable, another program's file…); `reason` says what to do.
    case unusablePath(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "no index at \(path); run `archkb index` to build it"
        case .corrupt(let path, let detail):
            return "\(path) is not a usable archkb index (\(detail)); run `archkb index` to rebuild it"
        case .versionMismatch(let path, let found, let expected):
            return "\(path) was built by another archkb version (schema \(found), this archkb reads \(expected)); run `archkb index` to rebuild it"
        case .invalidTable(let path, let table, let detail):
            return "\(path) is not a usable archkb index (table \(table): \(detail)); run `archkb index` to rebuild it"
        case .sqlite(let code, let message, let sql):
            return "sqlite error \(code): \(message) (in: \(sql.prefix(80)))"
        case .write(let path, let reason):
            return "cannot write index \(path): \(reason)"
        case .unusablePath(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
