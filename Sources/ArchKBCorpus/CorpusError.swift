/// Errors raised while reading and parsing corpus files.
public enum CorpusError: Error, CustomStringConvertible, Equatable {
    /// A corpus root given by the user does not exist or is not a directory.
    case rootNotFound(path: String)
    /// A file could not be read from disk.
    case unreadable(path: String, reason: String)
    /// A file is not valid UTF-8 text.
    case notText(path: String)
    /// A card's front matter is missing a required key or has a bad value.
    case invalidCard(path: String, line: Int, reason: String)
    /// A file's front matter is over a limit of `FrontMatter.Limits` (size, nesting, aliases).
    case invalidFrontMatter(path: String, reason: String)
    /// A radar override file has an entry archkb cannot read (line 0: the whole file).
    case invalidOverride(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .rootNotFound(let path): return "corpus root not found: \(path)"
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .notText(let path): return "\(path) is not UTF-8 text"
        case .invalidCard(let path, let line, let reason): return "\(path):\(line): \(reason)"
        case .invalidFrontMatter(let path, let reason): return "\(path): \(reason)"
        case .invalidOverride(let path, let line, let reason): return line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)"
        }
    }
}
