/// The analysed terms of each section, stored so that an incremental build need not tokenize and
/// stem again the sections that did not change.
///
/// Tokenizing and stemming every section was the longest phase left in an incremental build
/// (ARCHKB_BUILD_PHASES at 100k sections, after FTS5 was patched instead of rewritten). Each index
/// stores its vocabulary (the terms sorted, as `build_cache` row `vocabulary`) and per section its
/// terms as ranks in that vocabulary with their counts (`section_terms`); a section whose heading
/// and body equal the previous index's section of the same id takes its terms and stem set from
/// there; when many sections of a chunk do not match by id (files added or removed early in the
/// corpus shift every later id), they are looked up by content instead. The terms are the same
/// multiset either way, and term ids are renumbered to the sorted vocabulary before anything is
/// written, so the tables equal a full build's.
final class SectionTermsReuse: @unchecked Sendable {
    static let vocabularyName = "vocabulary"

    /// The previous index, read only from the analysis thread (`AnalysisPipeline`).
    private let database: SQLiteDatabase
    private var vocabulary: [String]?
    /// Previous rank → term id in the vocabulary being built (-1: not interned yet).
    private var remap: [Int32] = []
    private(set) var reused = 0
    /// Previous sections by a hash of heading and body, built once many sections miss by id.
    private var byContent: [Int: [Int32]]?
    /// Misses in one chunk that make the content lookup worth building.
    static let contentLookupMisses = 32

    init(database: SQLiteDatabase) {
        self.database = database
    }

    /// A section's terms as bytes: ranks ascending, delta-coded, each with its count.
    static func encode(ranks: ArraySlice<Int32>, counts: ArraySlice<Int32>) -> [UInt8] {
        var w = PreloadBlob.Writer()
        w.int(ranks.count)
        var previous: Int32 = 0
        for (r, c) in zip(ranks, counts) {
            w.int(Int(r - previous))
            w.int(Int(c))
            previous = r
        }
        return w.bytes
    }

    /// The analyses of the sections in `range` whose heading and body are unchanged, by section id,
    /// their term ids interned into `terms`. Any failure to read the previous index reuses nothing.
    /// `sameRows` gets the ids whose whole `sections` row equals the previous index's row of that
    /// id, so the writer may copy those rows as they are.
    func analyses(_ range: Range<Int>, sections: [IndexModel.Section], headings: [String], bodies: [String],
                  into terms: inout TermVocabulary, sameRows: inout Set<Int>) -> [Int: TermAnalyzer.Analysis] {
        guard let vocabulary = loadVocabulary(), let rows = try? database.prepare("""
            SELECT s.id, s.heading, s.body, s.stems, t.terms, s.doc_id, s.entity_id, s.decision_id, s.trail, s.role,
                s.start_line, s.end_line FROM sections s LEFT JOIN section_terms t ON t.id = s.id
            WHERE s.id >= ? AND s.id < ? ORDER BY s.id
            """) else { return [:] }
        rows.bind([.int(Int64(range.lowerBound)), .int(Int64(range.upperBound))])
        var out: [Int: TermAnalyzer.Analysis] = [:]
        while (try? rows.step()) == true {
            let id = Int(rows.int(0))
            guard range.contains(id), rows.textEquals(1, headings[id]), rows.textEquals(2, bodies[id]),
                  let analysis = decode(rows.isNull(4) ? [0] : rows.blob(4), stems: rows.text(3), vocabulary: vocabulary, into: &terms)
            else { continue }
            out[id] = analysis
            let n = sections[id]
            func optional(_ col: Int32) -> Int? { rows.isNull(col) ? nil : Int(rows.int(col)) }
            if Int(rows.int(5)) == n.document, optional(6) == n.entity, optional(7) == n.decision, rows.textEquals(8, n.trail),
               rows.textEquals(9, n.role), Int(rows.int(10)) == n.startLine, Int(rows.int(11)) == n.endLine {
                sameRows.insert(id)
            }
        }
        let misses = range.filter { out[$0] == nil }
        if !misses.isEmpty, byContent != nil || misses.count >= SectionTermsReuse.contentLookupMisses, let map = contentMap(),
           let lookup = try? database.prepare("""
               SELECT s.heading, s.body, s.stems, t.terms FROM sections s LEFT JOIN section_terms t ON t.id = s.id WHERE s.id = ?
               """) {
            for id in misses {
                for old in map[SectionTermsReuse.contentKey(headings[id], bodies[id])] ?? [] {
                    lookup.bind([.int(Int64(old))])
                    guard (try? lookup.step()) == true, lookup.textEquals(0, headings[id]), lookup.textEquals(1, bodies[id]),
                          let analysis = decode(lookup.isNull(3) ? [0] : lookup.blob(3), stems: lookup.text(2), vocabulary: vocabulary, into: &terms)
                    else { continue }
                    out[id] = analysis
                    break
                }
            }
        }
        reused += out.count
        return out
    }

    /// A hash of a section's heading and body bytes (within this process only).
    static func contentKey(_ heading: UnsafeRawBufferPointer, _ body: UnsafeRawBufferPointer) -> Int {
        var h = Hasher()
        h.combine(heading.count)
        h.combine(bytes: heading)
        h.combine(bytes: body)
        return h.finalize()
    }

    static func contentKey(_ heading: String, _ body: String) -> Int {
        var (heading, body) = (heading, body)
        return heading.withUTF8 { h in body.withUTF8 { b in contentKey(UnsafeRawBufferPointer(h), UnsafeRawBufferPointer(b)) } }
    }

    private func contentMap() -> [Int: [Int32]]? {
        if let byContent { return byContent }
        guard let rows = try? database.prepare("SELECT id, heading, body FROM sections") else { return nil }
        var map: [Int: [Int32]] = [:]
        while (try? rows.step()) == true {
            map[SectionTermsReuse.contentKey(rows.textBytes(1), rows.textBytes(2)), default: []].append(Int32(rows.int(0)))
        }
        byContent = map
        return map
    }

    private func loadVocabulary() -> [String]? {
        if let vocabulary { return vocabulary }
        guard let s = try? database.prepare("SELECT data FROM build_cache WHERE name = ?") else { return nil }
        s.bind([.text(SectionTermsReuse.vocabularyName)])
        guard (try? s.step()) == true else { return nil }
        var r = PreloadBlob.Reader(s.blob(0))
        guard let list = r.strings(), r.atEnd else { return nil }
        vocabulary = list
        remap = [Int32](repeating: -1, count: list.count)
        return list
    }

    private func decode(_ bytes: [UInt8], stems: String, vocabulary: [String], into terms: inout TermVocabulary) -> TermAnalyzer.Analysis? {
        var r = PreloadBlob.Reader(bytes)
        guard let n = r.count() else { return nil }
        var ids: [Int32] = [], counts: [Int32] = []
        ids.reserveCapacity(n)
        counts.reserveCapacity(n)
        var rank = 0
        for _ in 0..<n {
            guard let delta = r.int(), let count = r.int(), delta >= 0, count > 0 else { return nil }
            rank += delta
            guard rank < vocabulary.count else { return nil }
            if remap[rank] < 0 { remap[rank] = terms.intern(vocabulary[rank]) }
            ids.append(remap[rank])
            counts.append(Int32(count))
        }
        guard r.atEnd else { return nil }
        return TermAnalyzer.Analysis(terms: ids, counts: counts, stemSet: stems)
    }
}
