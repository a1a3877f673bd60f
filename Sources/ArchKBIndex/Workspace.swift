import ArchKBCorpus
import Foundation

/// Where archkb's files are: the project root, the index file and the corpus roots.
///
/// Resolution order — index: `--index`, `ARCHKB_INDEX`, config `index`, `<home>/Index/archkb.sqlite`;
/// roots: `--corpus` flags, config `corpus`, the roots recorded in the index, the bundled `Corpus/`.
/// Home is `ARCHKB_HOME`, else the working directory if it has a `Corpus/` folder, else the first
/// folder above the executable that has one.
public struct Workspace: Sendable {
    public var home: String
    public var indexPath: String
    public var configRoots: [String]
    public var configPath: String?
    /// True when no flag, variable or config chose the index (the bundled default).
    public var isDefaultIndex: Bool

    public var bundledCorpus: String { home + "/Corpus" }

    public static func resolve(indexFlag: String?, environment env: [String: String] = ProcessInfo.processInfo.environment) -> Workspace {
        let cwd = FileManager.default.currentDirectoryPath
        let home = findHome(env: env, cwd: cwd)
        let config = Config.load(cwd: cwd, env: env)
        var indexPath = home + "/Index/archkb.sqlite"
        var isDefault = true
        if let flag = indexFlag, !flag.isEmpty {
            indexPath = IndexBuilder.absolute(flag); isDefault = false
        } else if let e = env["ARCHKB_INDEX"], !e.isEmpty {
            indexPath = IndexBuilder.absolute(e); isDefault = false
        } else if let c = config?.index {
            indexPath = c; isDefault = false
        }
        return Workspace(home: home, indexPath: indexPath, configRoots: config?.roots ?? [], configPath: config?.path, isDefaultIndex: isDefault)
    }

    /// The corpus roots to index: flags, else config, else the index's own record, else the bundled corpus.
    public func roots(flags: [String], recorded: [String]) -> [String] {
        if !flags.isEmpty { return flags.map(IndexBuilder.absolute) }
        if !configRoots.isEmpty { return configRoots }
        if !recorded.isEmpty { return recorded }
        return [bundledCorpus]
    }

    /// The directory citations are relative to: the home when the roots are inside it.
    public var projectRoot: String { home }

    static func findHome(env: [String: String], cwd: String) -> String {
        let fm = FileManager.default
        if let h = env["ARCHKB_HOME"], !h.isEmpty { return IndexBuilder.absolute(h) }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: cwd + "/Corpus", isDirectory: &isDir), isDir.boolValue { return cwd }
        var dir = (executablePath() as NSString).deletingLastPathComponent
        for _ in 0..<6 {
            if fm.fileExists(atPath: dir + "/Corpus", isDirectory: &isDir), isDir.boolValue { return dir }
            if fm.fileExists(atPath: dir + "/share/archkb/Corpus", isDirectory: &isDir), isDir.boolValue { return dir + "/share/archkb" }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { break }
            dir = parent
        }
        return cwd
    }

    static func executablePath() -> String {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        return IndexBuilder.absolute(CommandLine.arguments.first ?? ".")
    }
}

/// `archkb.toml` in the working directory, or `$XDG_CONFIG_HOME/archkb/config.toml`.
///
/// Two keys are read: `corpus = ["dir", ...]` and `index = "file"`, relative to the config file.
public struct Config: Sendable {
    public var path: String
    public var roots: [String] = []
    public var index: String?

    static func load(cwd: String, env: [String: String]) -> Config? {
        let xdg = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? "") + "/.config")
        for p in [cwd + "/archkb.toml", xdg + "/archkb/config.toml"] {
            if let text = try? String(contentsOfFile: p, encoding: .utf8) { return parse(text, path: p) }
        }
        return nil
    }

    public static func parse(_ text: String, path: String) -> Config {
        var c = Config(path: path)
        let base = (path as NSString).deletingLastPathComponent
        func resolve(_ s: String) -> String {
            let expanded = s.hasPrefix("~/") ? NSHomeDirectory() + s.dropFirst(1) : s
            return expanded.hasPrefix("/") ? expanded : IndexBuilder.absolute(base + "/" + expanded)
        }
        for line in text.lineArray {
            let t = line.trimmed
            guard !t.hasPrefix("#"), let eq = t.firstIndex(of: "=") else { continue }
            let key = t[..<eq].trimmed
            var value = t[t.index(after: eq)...].trimmed
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]).trimmed }
            if key == "corpus" || key == "roots" {
                let inner = value.trimmingCharacters(in: "[] ")
                c.roots = inner.split(separator: ",").map { String($0).trimmed.trimmingCharacters(in: "\"' ") }.filter { !$0.isEmpty }.map(resolve)
            } else if key == "index" {
                c.index = resolve(value.trimmingCharacters(in: "\"' "))
            }
        }
        return c
    }
}

extension IndexReader {
    /// Whether any corpus file was added, removed or modified since the index was built.
    public func corpusChanged() -> Bool {
        let scanner = CorpusScanner(projectRoot: meta["project_root"] ?? "")
        guard let files = try? scanner.files(under: roots) else { return true }
        guard files.count == documents.count else { return true }
        var known: [String: (Int, Double)] = [:]
        for d in documents { known[d.path] = (d.size, d.modified) }
        for f in files {
            guard let (size, mtime) = known[f.path], size == f.size, abs(mtime - f.modified) < 0.001 else { return true }
        }
        let thesauri = roots.map { $0 + "/thesaurus.txt" }.filter { FileManager.default.fileExists(atPath: $0) }
        for t in thesauri {
            if let attrs = try? FileManager.default.attributesOfItem(atPath: t), let m = attrs[.modificationDate] as? Date,
               m.timeIntervalSince1970 > builtAt { return true }
        }
        return false
    }
}

extension Workspace {
    /// The `archkb-engine` executable next to the running program.
    public static func engineExecutable() -> String {
        ((executablePath() as NSString).deletingLastPathComponent as NSString).appendingPathComponent("archkb-engine")
    }
}
