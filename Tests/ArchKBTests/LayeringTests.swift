import Foundation
import Testing

/// The layering docs/ARCHITECTURE.md states is the layering Package.swift declares, and the sources
/// import nothing their target does not declare.
@Suite struct LayeringTests {
    /// Target → its declared dependencies (targets and products by name), read from Package.swift.
    static func declared() throws -> [String: Set<String>] {
        let text = try String(contentsOf: Paths.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"\.(?:target|executableTarget|testTarget)\(name: "([^"]+)"(?:, dependencies: \[([^\]]*)\])?"#)
        let product = try NSRegularExpression(pattern: #"\.product\(name: "([^"]+)"[^)]*\)"#)
        let quoted = try NSRegularExpression(pattern: #""([^"]+)""#)
        var out: [String: Set<String>] = [:]
        let ns = text as NSString
        for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: m.range(at: 1))
            var deps = Set<String>()
            if m.range(at: 2).location != NSNotFound {
                let list = ns.substring(with: m.range(at: 2))
                let lns = list as NSString
                for p in product.matches(in: list, range: NSRange(location: 0, length: lns.length)) { deps.insert(lns.substring(with: p.range(at: 1))) }
                let plain = product.stringByReplacingMatches(in: list, range: NSRange(location: 0, length: lns.length), withTemplate: "")
                let pns = plain as NSString
                for q in quoted.matches(in: plain, range: NSRange(location: 0, length: pns.length)) { deps.insert(pns.substring(with: q.range(at: 1))) }
            }
            out[name] = deps
        }
        return out
    }

    /// The rows of ARCHITECTURE.md's dependency table, in order.
    static func documented() throws -> [(target: String, deps: Set<String>)] {
        let text = try String(contentsOf: Paths.packageRoot.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        guard let header = text.range(of: "| Target | Depends on |") else { return [] }
        var rows: [(String, Set<String>)] = []
        for line in text[header.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2) {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2 else { break }
            let deps = cells[1] == "—" ? [] : cells[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            rows.append((cells[0], Set(deps)))
        }
        return rows
    }

    @Test func architectureTableMatchesPackageSwift() throws {
        let declared = try LayeringTests.declared()
        let table = try LayeringTests.documented()
        #expect(table.count >= 11, "the dependency table in docs/ARCHITECTURE.md was not found or is short")
        let products = declared.values.reduce(into: Set<String>()) { $0.formUnion($1) }.subtracting(declared.keys)
        let documentedTargets = Set(table.map(\.target))
        for name in declared.keys where !name.hasSuffix("Tests") && name != "CSQLite" {
            #expect(documentedTargets.contains(name), "\(name) is in Package.swift but not in ARCHITECTURE.md's table")
        }
        var above = Set<String>(["CSQLite"])
        for row in table {
            #expect(declared[row.target] == row.deps, "\(row.target): Package.swift declares \(declared[row.target]?.sorted() ?? []), ARCHITECTURE.md says \(row.deps.sorted())")
            let ownTargets = row.deps.subtracting(products)
            #expect(ownTargets.isSubset(of: above), "\(row.target) depends on \(ownTargets.subtracting(above).sorted()), which are not above it: the layering is not one-way")
            above.insert(row.target)
        }
    }

    @Test func everyImportIsDeclared() throws {
        let declared = try LayeringTests.declared()
        // Product names differ from module names only where a module is imported under another name.
        let moduleOfProduct = ["ArgumentParser": "ArgumentParser", "Logging": "Logging", "MCP": "MCP", "Yams": "Yams"]
        let sources = Paths.packageRoot.appendingPathComponent("Sources")
        var checked = 0
        for target in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            guard let deps = declared[target] else { continue }
            let modules = Set(deps.map { moduleOfProduct[$0] ?? $0 })
            let dir = sources.appendingPathComponent(target)
            for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) where file.hasSuffix(".swift") {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                    let module = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces)
                    let ours = declared.keys.contains(module) || moduleOfProduct.values.contains(module)
                    guard ours else { continue }
                    checked += 1
                    #expect(modules.contains(module), "\(target)/\(file) imports \(module), which Package.swift does not declare for \(target)")
                }
            }
        }
        #expect(checked > 50)
    }
}
