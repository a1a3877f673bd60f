import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file found under a corpus root, before parsing.
public struct CorpusFile: Sendable, Equatable {
    public var path: String
    public var displayPath: String
    public var size: Int
    public var modified: Double
}

/// Walks corpus roots and lists the files archkb indexes.
public struct CorpusScanner {
    public static let extensions: Set<String> = ["md", "markdown", "rst"]
    /// File name prefixes that are never knowledge: licences, indexes, templates.
    public static let skippedPrefixes = ["readme", "license", "licence", "source", "changelog", "contributing", "index.", "code_of_conduct", "copying", "notice"]

    /// The directory citations are relative to.
    public let projectRoot: String

    public init(projectRoot: String) {
        self.projectRoot = projectRoot.hasSuffix("/") ? String(projectRoot.dropLast()) : projectRoot
    }

    /// Whether a file name is skipped whatever its extension.
    public static func isSkipped(fileName: String) -> Bool {
        let lower = fileName.lowercased()
        // A byte search: Foundation's `contains` made scanning 20k files (every one-shot ask checks
        // the corpus for changes) cost a quarter of a second.
        return skippedPrefixes.contains { lower.hasPrefix($0) } || lower.containsASCII("template")
    }

    /// All indexable files under `roots`, sorted by path; missing roots throw.
    public func files(under roots: [String]) throws -> [CorpusFile] {
        try scan(under: roots).files
    }

    /// The indexable files under `roots` and the ones passed over with a reason: symbolic links,
    /// directories that cannot be read, names that are not UTF-8. Hidden files, `node_modules`,
    /// licences, readmes and templates are passed over silently (they are never knowledge).
    public func scan(under roots: [String]) throws -> (files: [CorpusFile], skipped: [SkippedFile]) {
        var walk = Walk(scanner: self)
        for root in roots {
            var st = stat()
            guard stat(root, &st) == 0 else { throw CorpusError.rootNotFound(path: root) }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                walk.directory(root)
            } else if let f = file(at: root) {
                walk.add(f)
            }
        }
        return (walk.files.sorted { $0.path < $1.path }, walk.skipped.sorted { $0.path < $1.path })
    }

    /// Whether a file name has an extension archkb indexes.
    static func isIndexable(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }

    func file(at path: String) -> CorpusFile? {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
        return CorpusFile(path: path, displayPath: display(path), size: Int(st.st_size), modified: mtime)
    }

    /// `path` relative to the project root when inside it, else absolute (always, without a root).
    public func display(_ path: String) -> String {
        guard !projectRoot.isEmpty else { return path }
        let prefix = projectRoot + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Reads and parses one file; unreadable or non-UTF-8 files throw.
    public func parse(_ file: CorpusFile, with parser: DocumentParser = DocumentParser()) throws -> (ParsedDocument, String) {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw CorpusError.unreadable(path: file.displayPath, reason: "permission denied or vanished")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw CorpusError.notText(path: file.displayPath) }
        let doc = try parser.parse(text: text, path: file.path, displayPath: file.displayPath)
        return (doc, ContentHash.hex(data))
    }
}

/// FNV-1a 64-bit content hash, enough to tell whether a file changed.
public enum ContentHash {
    public static func hex(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        // Over the raw bytes: iterating `Data` itself cost a full build more than the hash does.
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            for b in raw {
                h ^= UInt64(b)
                h &*= 0x100_0000_01b3
            }
        }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
