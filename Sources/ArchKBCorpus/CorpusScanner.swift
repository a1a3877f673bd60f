import Foundation

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
        return skippedPrefixes.contains { lower.hasPrefix($0) } || lower.contains("template")
    }

    /// All indexable files under `roots`, sorted by path; missing roots throw.
    public func files(under roots: [String]) throws -> [CorpusFile] {
        let fm = FileManager.default
        var out: [CorpusFile] = []
        var seen = Set<String>()
        for root in roots {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: root, isDirectory: &isDir) else { throw CorpusError.rootNotFound(path: root) }
            if !isDir.boolValue {
                if let f = file(at: root) { out.append(f) }
                continue
            }
            guard let walker = fm.enumerator(at: URL(fileURLWithPath: root), includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey],
                                             options: [.skipsHiddenFiles, .skipsPackageDescendants]) else { continue }
            for case let url as URL in walker {
                let name = url.lastPathComponent
                if name == "node_modules" || name == ".git" { walker.skipDescendants(); continue }
                let path = url.standardizedFileURL.path
                guard CorpusScanner.extensions.contains(url.pathExtension.lowercased()), !CorpusScanner.isSkipped(fileName: name),
                      !seen.contains(path), let f = file(at: path) else { continue }
                seen.insert(path)
                out.append(f)
            }
        }
        return out.sorted { $0.path < $1.path }
    }

    func file(at path: String) -> CorpusFile? {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
              (attrs[.type] as? FileAttributeType) == .typeRegular else { return nil }
        let size = (attrs[.size] as? NSNumber)?.intValue ?? 0
        let mtime = (attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return CorpusFile(path: path, displayPath: display(path), size: size, modified: mtime)
    }

    /// `path` relative to the project root when inside it, else absolute.
    public func display(_ path: String) -> String {
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
        for b in data {
            h ^= UInt64(b)
            h &*= 0x100_0000_01b3
        }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
