import ArchKBCorpus
import Foundation

extension ADRConvention {
    /// The directories `archkb adr` looks for under the current directory, in order.
    public static let defaultDirectories = ["docs/adr", "doc/adr", "docs/decisions", "adr"]

    /// The first of `defaultDirectories` that exists under `root`, or nil.
    public static func defaultDirectory(under root: String) -> String? {
        var isDir: ObjCBool = false
        return defaultDirectories.first {
            FileManager.default.fileExists(atPath: root + "/" + $0, isDirectory: &isDir) && isDir.boolValue
        }
    }

    /// Reads the records in `dir` (not its subdirectories) and the conventions they follow.
    /// `format` (nygard or madr) overrides the detected format; an empty log gets Nygard with
    /// four-digit numbers, as adr-tools writes.
    public static func detect(in dir: String, format style: Style? = nil) throws -> ADRConvention {
        let override: DecisionRecord.Format? = style.map { $0 == .madr ? .madr : .nygard }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw QueryError.noDecisionLog(dir: dir)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        var records: [Record] = []
        var texts: [String: String] = [:]
        for name in names {
            let lower = name.lowercased()
            guard lower.hasSuffix(".md") || lower.hasSuffix(".markdown") || lower.hasSuffix(".rst"), !lower.contains("template") else { continue }
            guard let data = FileManager.default.contents(atPath: dir + "/" + name) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            guard let doc = try? DocumentParser().parse(text: text, path: dir + "/" + name, displayPath: name), let record = doc.decision else { continue }
            records.append(Record(fileName: name, record: record))
            texts[name] = text
        }
        var convention = ADRConvention(naming: .numbered(prefix: "", width: 4, separator: "-"), format: .nygard, fileExtension: "md",
                                       titlePrefix: "{n}. ", statusPlacement: .section, lowerCaseStatus: false, records: records)
        let dated = records.filter { DateText.fileNameDate($0.fileName) != nil }
        let numbered = records.filter { $0.record.number != nil && DateText.fileNameDate($0.fileName) == nil }
        let model: Record?
        if dated.count > numbered.count {
            convention.naming = .datePrefixed
            model = dated.max { $0.fileName < $1.fileName }
        } else {
            model = numbered.max { ($0.record.number ?? 0) < ($1.record.number ?? 0) }
            if let model { convention.naming = fileNaming(of: model.fileName) }
        }
        if let model, let text = texts[model.fileName] {
            convention.adopt(model, lines: text.lineArray)
        }
        if let override, override != convention.format {
            convention.format = override
            convention.fileExtension = "md"
            convention.statusPlacement = override == .madr ? .frontMatter : .section
            convention.lowerCaseStatus = override == .madr
            if override == .madr { convention.titlePrefix = "" } else if convention.titlePrefix.isEmpty { convention.titlePrefix = "{n}. " }
        }
        return convention
    }

    /// Prefix, number width and separator of a numbered file name ("adr-007-x.md" → "adr-", 3, "-").
    public static func fileNaming(of fileName: String) -> Naming {
        let chars = Array(fileName)
        guard let first = chars.firstIndex(where: { $0.isASCII && $0.isNumber }) else { return .numbered(prefix: "", width: 4, separator: "-") }
        var end = first
        while end < chars.count, chars[end].isASCII, chars[end].isNumber { end += 1 }
        let digits = end - first
        let width = chars[first] == "0" ? digits : 1
        let separator = end < chars.count && (chars[end] == "-" || chars[end] == "_") ? String(chars[end]) : "-"
        return .numbered(prefix: String(chars[..<first]), width: width, separator: separator)
    }

    /// Copies format, extension, title prefix and status placement from the newest record.
    mutating func adopt(_ model: Record, lines: [String]) {
        let record = model.record
        fileExtension = model.fileName.lowercased().hasSuffix(".rst") ? "rst" : (model.fileName.split(separator: ".").last.map(String.init) ?? "md")
        switch record.format {
        case .madr: format = .madr
        case .rst: format = .rst
        default: format = .nygard
        }
        titlePrefix = ""
        if record.line >= 1, record.line <= lines.count {
            var raw = Substring(lines[record.line - 1].trimmingCharacters(in: .whitespaces))
            raw = raw.drop { $0 == "#" }.drop { $0 == " " }
            if raw.hasSuffix(record.title), let number = record.number ?? record.titleNumber {
                let prefix = String(raw.dropLast(record.title.count))
                let padded = ADRConvention.padded(number, { if case .numbered(_, let w, _) = naming { return w } else { return 1 } }())
                if padded != String(number), prefix.contains(padded) {
                    titlePrefix = prefix.replacingOccurrences(of: padded, with: "{0n}")
                } else if prefix.contains(String(number)) {
                    titlePrefix = prefix.replacingOccurrences(of: String(number), with: "{n}")
                }
            }
        }
        if format == .rst, record.line < lines.count, let mark = lines[record.line].first {
            rstMarks = String(mark)
            if let s = lines.firstIndex(where: { normalizedPhrase($0) == "status" }), s + 1 < lines.count, let m = lines[s + 1].first, !m.isLetter {
                rstMarks.append(m)
            } else {
                rstMarks.append("*")
            }
        }
        lowerCaseStatus = record.rawStatus?.first.map { $0.isLowercase } ?? false
        if record.statusLine == 0 {
            statusPlacement = .frontMatter
        } else if let line = record.statusLine, line >= 1, line <= lines.count, ADRStatusEdit.labelled(lines[line - 1]) != nil {
            statusPlacement = .field
        } else {
            statusPlacement = .section
        }
        if format == .nygard && statusPlacement != .section { format = .madr }
    }
}
