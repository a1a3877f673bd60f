import ArchKBCorpus
import Foundation

/// Reads question files: JSON lines with a "query" field, or one plain question per line.
public enum QuestionFile {
    public static func read(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.lineArray.compactMap { line -> String? in
            let t = line.trimmed
            guard !t.isEmpty else { return nil }
            if t.hasPrefix("{"), let data = t.data(using: .utf8),
               let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                return obj["query"] as? String
            }
            return t
        }
    }
}
