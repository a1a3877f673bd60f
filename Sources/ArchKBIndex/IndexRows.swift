import ArchKBCorpus

// The index's row structs. Entities and problems have one shape from assembly to reading; the
// documents, sections and decisions the builder assembles also carry what it parsed (the document,
// the record, section text for FTS5) and are written through these rows (`row(id:)`). Each row's
// columns are mapped once (IndexRows+SQL.swift) for both the writer and the reader.

/// An entity row: assembled by `EntityAssembler` (as `IndexModel.Entity`), written by `IndexWriter`
/// and loaded by `IndexReader`.
public struct StoredEntity: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var aliases: [String]
    public var kind: String
    public var area: String
    public var summary = ""
    public var whenToUse = ""
    public var tradeoffs = ""
    public var instead = ""
    public var related: [String] = []
    public var document: Int
    public var line: Int
    public var source: String
}

/// A section's metadata (its body is read on demand).
public struct StoredSection: Sendable, Equatable {
    public var id: Int
    public var document: Int
    public var entity: Int?
    public var decision: Int?
    public var heading: String
    public var trail: String
    public var role: String
    public var startLine: Int
    public var endLine: Int
}

/// A document row: where a citation points.
public struct StoredDocument: Sendable, Equatable {
    public var id: Int
    public var path: String
    public var displayPath: String
    public var kind: String
    public var title: String
    public var lineCount: Int
    public var modified: Double
    public var size: Int
}

/// A decision record as stored, with links resolved to decision ids.
public struct StoredDecision: Sendable {
    public var id: Int
    public var document: Int
    public var number: Int?
    public var titleNumber: Int?
    public var title: String
    public var date: String?
    public var status: DecisionStatus
    public var rawStatus: String?
    public var format: String
    public var chosen: String?
    public var line: Int
    public var supersedes: [Int]
    public var supersededBy: [Int]
    public var amends: [Int]
    public var amendedBy: [Int]
    public var unresolved: [String]
    /// Entities named by the decision, and whether it chose them (title or chosen option).
    public var entities: [(id: Int, chosen: Bool)] = []
}

/// A problem recorded at index time (skipped file, unmatched guide row…): the same struct is
/// collected while building (`IndexModel.Problem`), written and read back.
public struct StoredProblem: Sendable, Equatable {
    public var path: String
    public var line: Int
    public var severity: String
    public var message: String
}
