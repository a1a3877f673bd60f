/// Errors of a question's options: values that cannot match anything in the index.
public enum QueryError: Error, CustomStringConvertible, Equatable {
    /// `--kind` (or the MCP `kind` argument) is not one of the entity kinds.
    case unknownKind(given: String, valid: [String])
    /// `--area` is contained in no entity's area.
    case unknownArea(given: String, valid: [String])
    /// `archkb adr`: the decision log directory does not exist (or none of the default ones does).
    case noDecisionLog(dir: String)
    /// `archkb adr supersede`: the log has no record with this number.
    case noSuchRecord(number: Int, dir: String)
    /// `archkb adr supersede`: the record's status line could not be found or rewritten.
    case noStatusLine(file: String)
    /// `archkb adr`: the file to write exists already (archkb never overwrites one).
    case fileExists(path: String)
    /// `archkb radar --overrides`: an entry names no entity of the index.
    case unknownRadarEntity(name: String, file: String, line: Int)
    /// `archkb check`: a draft that cannot be read as UTF-8 text.
    case unreadableDraft(path: String)

    public var description: String {
        switch self {
        case .unknownKind(let given, let valid):
            return "unknown kind \"\(given)\"; valid kinds: " + valid.joined(separator: ", ")
        case .unknownArea(let given, let valid):
            return "no area contains \"\(given)\"; valid areas: " + valid.joined(separator: ", ")
        case .noDecisionLog(let dir):
            return dir.isEmpty ? "no decision log here: none of " + ADRConvention.defaultDirectories.joined(separator: ", ") + " exists under the current directory; pass --dir DIR"
                : "no decision log directory \(dir) (pass --dir with an existing directory)"
        case .noSuchRecord(let number, let dir):
            return "no record numbered \(number) in \(dir)"
        case .noStatusLine(let file):
            return "\(file) has no status line archkb can rewrite; edit its status by hand"
        case .fileExists(let path):
            return "\(path) exists already; archkb never overwrites a record (choose another title)"
        case .unknownRadarEntity(let name, let file, let line):
            return "\(file):\(line): no entity named \"\(name)\" (use a name or alias `archkb show` knows)"
        case .unreadableDraft(let path):
            return "cannot read \(path) (no such file, not readable, or not UTF-8 text)"
        }
    }
}
