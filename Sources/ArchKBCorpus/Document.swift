/// What a corpus file is, decided from front matter, structure and path.
public enum DocumentKind: String, Sendable, Codable, CaseIterable {
    case card, guide, catalog, adr, note
}

/// The kind of thing an entity is.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
    case pattern, technology, practice
    case antiPattern = "anti-pattern"
    case capability

    /// Parses the `kind:` value of a card, accepting common spellings.
    public init?(card text: String) {
        switch normalizedPhrase(text) {
        case "pattern": self = .pattern
        case "technology", "tech", "tool", "product": self = .technology
        case "practice", "technique", "principle", "concept": self = .practice
        case "anti pattern", "antipattern": self = .antiPattern
        case "capability": self = .capability
        default: return nil
        }
    }
}

/// One titled part of a document, with its line range (1-based, inclusive).
public struct DocSection: Sendable, Equatable {
    /// The heading text ("" for text before the first heading).
    public var heading: String
    /// Headings from the document title down to this one, joined by " > ".
    public var trail: String
    public var level: Int
    public var startLine: Int
    public var endLine: Int
    /// Body text with markup removed and code blocks dropped.
    public var text: String

    public init(heading: String, trail: String, level: Int, startLine: Int, endLine: Int, text: String) {
        self.heading = heading
        self.trail = trail
        self.level = level
        self.startLine = startLine
        self.endLine = endLine
        self.text = text
    }
}

/// A row of a decision guide's table: evidence for the entity named in its first cell.
public struct GuideRow: Sendable, Equatable {
    public var option: String
    public var text: String
    public var line: Int

    public init(option: String, text: String, line: Int) {
        self.option = option
        self.text = text
        self.line = line
    }
}

/// An entry of a capability catalog: `- **Name**: item, item` or a table row.
public struct CatalogEntry: Sendable, Equatable {
    public var area: String
    public var name: String
    public var items: [String]
    public var line: Int

    public init(area: String, name: String, items: [String], line: Int) {
        self.area = area
        self.name = name
        self.items = items
        self.line = line
    }
}

/// A corpus file after parsing: its kind, sections and the knowledge extracted from it.
public struct ParsedDocument: Sendable, Equatable {
    public var path: String
    public var displayPath: String
    public var kind: DocumentKind
    public var title: String
    public var lineCount: Int
    public var sections: [DocSection]
    public var card: EntityCard?
    public var guideRows: [GuideRow] = []
    public var catalogEntries: [CatalogEntry] = []
    public var decision: DecisionRecord?
    /// Problems worth reporting that did not stop parsing (shown by `archkb doctor`).
    public var warnings: [String] = []

    public init(path: String, displayPath: String, kind: DocumentKind, title: String, lineCount: Int, sections: [DocSection]) {
        self.path = path
        self.displayPath = displayPath
        self.kind = kind
        self.title = title
        self.lineCount = lineCount
        self.sections = sections
    }
}
