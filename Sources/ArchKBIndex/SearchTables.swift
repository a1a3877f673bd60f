import ArchKBCorpus

/// What a searcher derives from an index's entities and sections before its first answer: the
/// entity-name matcher, the sections of each entity, the resolved `related` lists and the domain
/// vocabulary.
///
/// Built once at index time and stored in the index's `preload` table (see `SearchTables+Blob`),
/// so a one-shot `archkb ask` reads one blob instead of stemming every name and alias again; an
/// index without the blob (older builder revision, hand-made test index) builds them on open.
public struct SearchTables: Sendable {
    /// Entity names and aliases, matched whatever their capitalisation (questions are typed loosely).
    public var nameMatcher: PhraseMatcher
    /// Entity id → its sections, for citations of entities found by name only.
    public var sectionsByEntity: [Int: [Int]]
    /// Entity id → ids of the entities its card lists as related, in card order.
    public var relatedEntities: [[Int]]
    /// Stems of every entity name, alias and area: the domain's own vocabulary.
    public var domainStems: Set<String>

    public init(nameMatcher: PhraseMatcher, sectionsByEntity: [Int: [Int]], relatedEntities: [[Int]], domainStems: Set<String>) {
        self.nameMatcher = nameMatcher
        self.sectionsByEntity = sectionsByEntity
        self.relatedEntities = relatedEntities
        self.domainStems = domainStems
    }

    /// The fields of an entity the tables are made from.
    public struct EntityNames: Sendable {
        public var id: Int
        public var names: [String]
        public var area: String
        public var related: [String]

        public init(id: Int, names: [String], area: String, related: [String]) {
            self.id = id
            self.names = names
            self.area = area
            self.related = related
        }
    }

    /// Derives the tables from the entities (in id order) and the entity of each section (by section id).
    public static func build(entities: [EntityNames], sectionEntities: [Int?]) -> SearchTables {
        var matcher = PhraseMatcher()
        for e in entities {
            for name in e.names { matcher.add(name, entity: e.id, exactCaseForShortNames: false) }
        }
        var byEntity: [Int: [Int]] = [:]
        for (s, e) in sectionEntities.enumerated() { if let e { byEntity[e, default: []].append(s) } }
        // Names and aliases were stemmed for the matcher; areas are few.
        var domain = matcher.stems
        for area in Set(entities.map(\.area)) { domain.formUnion(Tokenizer.words(area).map(Tokenizer.stem)) }
        return SearchTables(nameMatcher: matcher, sectionsByEntity: byEntity, relatedEntities: resolveRelated(entities), domainStems: domain)
    }

    /// The entities each card lists as related, resolved to ids by name or alias, in card order.
    static func resolveRelated(_ entities: [EntityNames]) -> [[Int]] {
        var byName: [String: Int] = [:]
        for e in entities {
            for name in e.names { let k = normalizedPhrase(name); if byName[k] == nil { byName[k] = e.id } }
        }
        return entities.map { e in
            var seen = Set<Int>()
            return e.related.compactMap { byName[normalizedPhrase($0)] }.filter { $0 != e.id && seen.insert($0).inserted }
        }
    }

    static let empty = SearchTables(nameMatcher: PhraseMatcher(), sectionsByEntity: [:], relatedEntities: [], domainStems: [])
}
