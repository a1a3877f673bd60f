import ArchKBCorpus
import Foundation

/// Where archkb's files are: the project root, the index file and the corpus roots.
///
/// Resolution order — index: `--index`, `ARCHKB_INDEX`, config `index`, then the default:
/// `<home>/Index/archkb.sqlite` in a checkout, else `$XDG_DATA_HOME/archkb/archkb.sqlite`
/// (`~/.local/share/archkb/` without it); roots: `--corpus` flags, config `corpus`, the roots
/// recorded in the index, the bundled `Corpus/`.
/// Home is `ARCHKB_HOME`, else the working directory if it has a `Corpus/` folder, else the first
/// folder above the executable that has one (a checkout), or that has `share/archkb/Corpus` (an
/// installation made by `scripts/install`, whose citations are then absolute paths).
public struct Workspace: Sendable {
    public var home: String
    public var indexPath: String
    public var configRoots: [String]
    public var configPath: String?
    /// True when no flag, variable or config chose the index (the bundled default).
    public var isDefaultIndex: Bool
    /// True when `--index` chose the index: then it must exist unless `archkb index` builds it.
    public var indexFromFlag = false
    /// True when home is a checkout (or `ARCHKB_HOME`), false for an installation.
    public var isCheckout = true

    public var bundledCorpus: String { home + "/Corpus" }

    public static func resolve(indexFlag: String?, environment env: [String: String] = ProcessInfo.processInfo.environment) -> Workspace {
        let cwd = FileManager.default.currentDirectoryPath
        let (home, isCheckout) = findHome(env: env, cwd: cwd)
        let config = Config.load(cwd: cwd, env: env)
        var indexPath = isCheckout ? home + "/Index/archkb.sqlite" : dataDirectory(env) + "/archkb.sqlite"
        var isDefault = true
        var fromFlag = false
        if let flag = indexFlag, !flag.isEmpty {
            indexPath = IndexBuilder.absolute(flag); isDefault = false; fromFlag = true
        } else if let e = env["ARCHKB_INDEX"], !e.isEmpty {
            indexPath = IndexBuilder.absolute(e); isDefault = false
        } else if let c = config?.index {
            indexPath = c; isDefault = false
        }
        return Workspace(home: home, indexPath: indexPath, configRoots: config?.roots ?? [], configPath: config?.path,
                         isDefaultIndex: isDefault, indexFromFlag: fromFlag, isCheckout: isCheckout)
    }

    /// `$XDG_DATA_HOME/archkb`, else `~/.local/share/archkb`: the default index of an installation.
    public static func dataDirectory(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        xdg("XDG_DATA_HOME", fallback: ".local/share", env) + "/archkb"
    }

    /// `$XDG_STATE_HOME/archkb`, else `~/.local/state/archkb`: logs.
    public static func stateDirectory(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        xdg("XDG_STATE_HOME", fallback: ".local/state", env) + "/archkb"
    }

    /// An XDG base directory: the variable when it is an absolute path (the spec ignores relative
    /// ones), else `$HOME/<fallback>`.
    static func xdg(_ name: String, fallback: String, _ env: [String: String]) -> String {
        if let v = env[name], v.hasPrefix("/") { return v }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/" + fallback
    }

    /// The corpus roots to index: flags, else config, else the index's own record, else the bundled corpus.
    public func roots(flags: [String], recorded: [String]) -> [String] {
        if !flags.isEmpty { return flags.map(IndexBuilder.absolute) }
        if !configRoots.isEmpty { return configRoots }
        if !recorded.isEmpty { return recorded }
        return [bundledCorpus]
    }

    /// The directory citations are relative to: the home of a checkout when the roots are inside
    /// it; none for an installation (citations are absolute, so they open from any folder).
    public var projectRoot: String { isCheckout ? home : "" }

    /// The home directory and whether it is a checkout (else an installation's `share/archkb`).
    static func findHome(env: [String: String], cwd: String) -> (String, Bool) {
        let fm = FileManager.default
        if let h = env["ARCHKB_HOME"], !h.isEmpty { return (IndexBuilder.absolute(h), true) }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: cwd + "/Corpus", isDirectory: &isDir), isDir.boolValue { return (cwd, true) }
        var dir = (executablePath() as NSString).deletingLastPathComponent
        for _ in 0..<6 {
            if fm.fileExists(atPath: dir + "/Corpus", isDirectory: &isDir), isDir.boolValue { return (dir, true) }
            if fm.fileExists(atPath: dir + "/share/archkb/Corpus", isDirectory: &isDir), isDir.boolValue { return (dir + "/share/archkb", false) }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { break }
            dir = parent
        }
        return (cwd, false)
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
    /// Whether any corpus file was added, removed or modified since the index was built, or the
    /// index was built by another indexing logic (`IndexSchema.builderRevision`; an index built
    /// before the revision was recorded counts as another), so the default index is rebuilt then.
    public func corpusChanged() -> Bool {
        if meta["archkb_version"] != nil && meta["builder_revision"] != String(IndexSchema.builderRevision) { return true }
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
