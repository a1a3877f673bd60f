import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file or directory under a corpus root that archkb did not index, and why.
public struct SkippedFile: Sendable, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

extension CorpusScanner {
    /// A depth-first walk with POSIX calls, so that symbolic links, unreadable directories and
    /// names that are not UTF-8 are seen and reported instead of silently dropped.
    struct Walk {
        let scanner: CorpusScanner
        var files: [CorpusFile] = []
        var skipped: [SkippedFile] = []
        var seen = Set<String>()

        init(scanner: CorpusScanner) { self.scanner = scanner }

        mutating func add(_ f: CorpusFile) {
            if seen.insert(f.path).inserted { files.append(f) }
        }

        mutating func skip(_ path: String, _ reason: String) {
            skipped.append(SkippedFile(path: scanner.display(path), reason: reason))
        }

        mutating func directory(_ dir: String) {
            guard let handle = opendir(dir) else {
                skip(dir, "directory not readable (\(String(cString: strerror(errno)))); nothing under it was indexed")
                return
            }
            defer { closedir(handle) }
            var entries: [[UInt8]] = []
            while let entry = readdir(handle) {
                let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                entries.append(bytes)
            }
            for bytes in entries.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                visit(dir, bytes)
            }
        }

        mutating func visit(_ dir: String, _ bytes: [UInt8]) {
            guard let first = bytes.first, first != UInt8(ascii: ".") else { return }
            let lossy = String(decoding: bytes, as: UTF8.self)
            guard let name = String(validating: bytes, as: UTF8.self) else {
                var st = stat()
                let isDir = stat(dir + "/" + lossy, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
                if isDir || CorpusScanner.isIndexable(lossy) {
                    skip(dir + "/" + lossy, "file name is not UTF-8; rename it to index it")
                }
                return
            }
            if name == "node_modules" { return }
            let path = dir + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { return }
            switch st.st_mode & S_IFMT {
            case S_IFLNK:
                var target = stat()
                let toDir = stat(path, &target) == 0 && (target.st_mode & S_IFMT) == S_IFDIR
                if toDir || CorpusScanner.isIndexable(name) {
                    skip(path, "symbolic link; not followed (index its target with --corpus)")
                }
            case S_IFDIR:
                directory(path)
            case S_IFREG:
                guard CorpusScanner.isIndexable(name), !CorpusScanner.isSkipped(fileName: name) else { return }
                if access(path, R_OK) != 0 {
                    skip(path, "not readable (\(String(cString: strerror(errno))))")
                } else if let f = scanner.file(at: path) {
                    add(f)
                }
            default:
                return
            }
        }
    }
}
