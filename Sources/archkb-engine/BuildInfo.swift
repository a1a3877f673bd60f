import ArchKBCore
import ArchKBIndex
import Foundation

/// What `archkb --version` prints: the release and the commit it was built from.
///
/// The commit comes from the checkout the programs run in (`.git`, read as files: a worktree's
/// `.git` file, loose refs and packed-refs), or from the `COMMIT` file `scripts/install` writes
/// beside an installation's corpus; without either the release alone is printed.
enum BuildInfo {
    static var versionText: String {
        guard let commit = commit() else { return Release.version }
        return "\(Release.version) (commit \(commit.prefix(12)))"
    }

    static func commit(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let home = Workspace.resolve(indexFlag: nil, environment: environment).home
        if let text = try? String(contentsOfFile: home + "/COMMIT", encoding: .utf8) {
            let c = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if isHash(c) { return c }
        }
        return gitHead(in: home)
    }

    /// The commit HEAD names in the repository at `root`, read without running git.
    static func gitHead(in root: String) -> String? {
        let fm = FileManager.default
        var gitDir = root + "/.git"
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: gitDir, isDirectory: &isDir) else { return nil }
        if !isDir.boolValue {
            // A worktree: ".git" holds "gitdir: <path>".
            guard let text = try? String(contentsOfFile: gitDir, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
            gitDir = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let head = try? String(contentsOfFile: gitDir + "/HEAD", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref: ") else { return isHash(head) ? head : nil }
        let ref = String(head.dropFirst(5))
        // Refs live in the common directory for worktrees.
        var dirs = [gitDir]
        if let common = try? String(contentsOfFile: gitDir + "/commondir", encoding: .utf8) {
            let c = common.trimmingCharacters(in: .whitespacesAndNewlines)
            dirs.append(c.hasPrefix("/") ? c : gitDir + "/" + c)
        }
        for dir in dirs {
            if let text = try? String(contentsOfFile: dir + "/" + ref, encoding: .utf8) {
                let c = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if isHash(c) { return c }
            }
            if let packed = try? String(contentsOfFile: dir + "/packed-refs", encoding: .utf8) {
                for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                    let c = String(line.prefix { $0 != " " })
                    if isHash(c) { return c }
                }
            }
        }
        return nil
    }

    static func isHash(_ s: String) -> Bool { s.count >= 40 && s.allSatisfy(\.isHexDigit) }
}
