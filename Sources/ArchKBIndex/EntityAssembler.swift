import ArchKBCorpus

/// Builds the entity table from cards, catalog entries and guide rows, and links ADRs to entities.
///
/// Merge rules: a card defines an entity; a catalog entry or guide row whose name (or alias)
/// matches a card's name or alias adds evidence to that card; an unmatched catalog entry becomes an
/// entity of kind `capability`; an unmatched guide row is reported by `archkb doctor`.
struct EntityAssembler {
    var model: IndexModel
    var keyToEntity: [String: Int] = [:]
    var matcher = PhraseMatcher()

    /// Corpus roots, so that each collection's numeric dates are read in its own day/month order.
    var roots: [String]
    /// What the previous index linked, reused for its unchanged decisions (an incremental build).
    var linkCache: DecisionLinker.Cache?

    init(documents: [IndexModel.Document], roots: [String] = []) {
        model = IndexModel()
        model.documents = documents
        self.roots = roots
    }

    mutating func assemble() -> IndexModel {
        _ = DateOrderResolver.resolve(&model, roots: roots)
        PhaseClock.mark("a.dates")
        for (d, doc) in model.documents.enumerated() where doc.parsed.kind == .card { addCard(d) }
        // Entities come from cards, catalogs and guides only: an ADR's metadata bullets never make one.
        for (d, doc) in model.documents.enumerated() where doc.parsed.kind == .catalog && doc.parsed.decision == nil { addCatalog(d) }
        for (d, doc) in model.documents.enumerated() where doc.parsed.kind == .guide { addGuide(d) }
        for (d, doc) in model.documents.enumerated() where doc.parsed.kind == .adr || doc.parsed.kind == .note { addPlainSections(d) }
        PhaseClock.mark("a.entities+sections")
        DecisionLinker.link(&model, matcher: matcher, cache: linkCache)
        PhaseClock.mark("a.link")
        return model
    }

    static func key(_ name: String) -> String {
        var k = normalizedPhrase(name)
        for suffix in [" pattern", " patterns"] where k.hasSuffix(suffix) && k.count > suffix.count + 2 {
            k.removeLast(suffix.count)
        }
        return k
    }

    func lookup(_ name: String) -> Int? {
        if let id = keyToEntity[EntityAssembler.key(name)] { return id }
        let (bare, _) = CatalogParser.parenthetical(name)
        if bare != name, let id = keyToEntity[EntityAssembler.key(bare)] { return id }
        return nil
    }

    mutating func register(_ name: String, _ id: Int, path: String, line: Int) {
        let k = EntityAssembler.key(name)
        guard !k.isEmpty else { return }
        if let other = keyToEntity[k], other != id {
            model.problem(path, line, "'\(name)' already names \(model.entities[other].name); kept there")
            return
        }
        keyToEntity[k] = id
        matcher.add(name, entity: id)
    }

    mutating func addCard(_ d: Int) {
        let doc = model.documents[d].parsed
        guard let card = doc.card else { return }
        if let existing = keyToEntity[EntityAssembler.key(card.name)] {
            model.problem(doc.displayPath, card.line, "duplicate entity name '\(card.name)' (also in \(model.documents[model.entities[existing].document].parsed.displayPath)); this card's sections were merged into it")
            addCardSections(d, entity: existing)
            return
        }
        let id = model.entities.count
        var entity = IndexModel.Entity(id: id, name: card.name, aliases: card.aliases, kind: card.kind.rawValue, area: card.area,
                                       related: card.related, document: d, line: card.line, source: "card")
        for s in doc.sections {
            let role = SectionRole(heading: s.heading)
            switch role {
            case .summary where entity.summary.isEmpty && !s.text.isEmpty: entity.summary = s.text.sentences(1)
            case .whenToUse where entity.whenToUse.isEmpty: entity.whenToUse = s.text.sentences(2)
            case .tradeoffs where entity.tradeoffs.isEmpty: entity.tradeoffs = s.text.sentences(2)
            case .instead where entity.instead.isEmpty: entity.instead = s.text.sentences(2)
            default: break
            }
        }
        if entity.summary.isEmpty, let first = doc.sections.first(where: { !$0.text.isEmpty }) { entity.summary = first.text.sentences(1) }
        model.entities.append(entity)
        register(card.name, id, path: doc.displayPath, line: card.line)
        for alias in card.aliases { register(alias, id, path: doc.displayPath, line: card.line) }
        addCardSections(d, entity: id)
    }

    mutating func addCardSections(_ d: Int, entity: Int) {
        let doc = model.documents[d].parsed
        let e = model.entities[entity]
        let names = ([e.name] + e.aliases).joined(separator: " ; ")
        for s in doc.sections where !(s.text.isEmpty && s.level <= 1) {
            let role = SectionRole(heading: s.heading)
            model.sections.append(.init(document: d, entity: entity, decision: nil, heading: s.heading.isEmpty ? e.name : s.heading,
                                        trail: s.trail, role: role.rawValue, startLine: s.startLine, endLine: s.endLine,
                                        body: s.text, titleText: e.area + " " + s.heading, namesText: names))
        }
    }

    mutating func addCatalog(_ d: Int) {
        let doc = model.documents[d].parsed
        for entry in doc.catalogEntries {
            let text = entry.items.isEmpty ? entry.name : "\(entry.name): \(entry.items.joined(separator: ", "))"
            let id: Int
            if let found = lookup(entry.name) {
                id = found
            } else {
                id = model.entities.count
                var e = IndexModel.Entity(id: id, name: entry.name, aliases: [], kind: EntityKind.capability.rawValue, area: entry.area,
                                          document: d, line: entry.line, source: "catalog")
                e.summary = entry.items.isEmpty ? "\(entry.name) (\(entry.area))." : "\(entry.name): \(entry.items.joined(separator: ", "))."
                model.entities.append(e)
                register(entry.name, id, path: doc.displayPath, line: entry.line)
            }
            let e = model.entities[id]
            model.sections.append(.init(document: d, entity: id, decision: nil, heading: entry.area.isEmpty ? doc.title : entry.area,
                                        trail: [doc.title, entry.area].filter { !$0.isEmpty }.joined(separator: " > "), role: "catalog",
                                        startLine: entry.line, endLine: entry.line, body: text,
                                        titleText: entry.area + " " + entry.name, namesText: ([e.name] + e.aliases).joined(separator: " ; ")))
        }
    }

    mutating func addGuide(_ d: Int) {
        let doc = model.documents[d].parsed
        let rowLines = Set(doc.guideRows.map(\.line))
        for row in doc.guideRows {
            guard let id = lookup(row.option) else {
                model.problem(doc.displayPath, row.line, "guide row '\(row.option)' names no entity (add it as a card or an alias)")
                continue
            }
            let e = model.entities[id]
            model.sections.append(.init(document: d, entity: id, decision: nil, heading: doc.title, trail: doc.title + " > " + row.option,
                                        role: "guide", startLine: row.line, endLine: row.line, body: "\(row.option): \(row.text)",
                                        titleText: doc.title, namesText: ([e.name] + e.aliases).joined(separator: " ; ")))
        }
        // The guide's prose (outside the table) stays searchable, attached to no entity.
        for s in doc.sections where !s.text.isEmpty && !rowLines.contains(s.startLine) {
            model.sections.append(.init(document: d, entity: nil, decision: nil, heading: s.heading.isEmpty ? doc.title : s.heading,
                                        trail: s.trail, role: "guide-text", startLine: s.startLine, endLine: s.endLine,
                                        body: s.text, titleText: doc.title, namesText: ""))
        }
    }

    mutating func addPlainSections(_ d: Int) {
        let doc = model.documents[d].parsed
        var decision: Int?
        if let record = doc.decision {
            decision = model.decisions.count
            model.decisions.append(.init(id: model.decisions.count, document: d, record: record))
        }
        for s in doc.sections where !s.text.isEmpty || s.level == 1 {
            model.sections.append(.init(document: d, entity: nil, decision: decision, heading: s.heading.isEmpty ? doc.title : s.heading,
                                        trail: s.trail, role: doc.kind == .adr ? "adr" : "note", startLine: s.startLine, endLine: s.endLine,
                                        body: s.text, titleText: doc.title, namesText: ""))
        }
    }
}
