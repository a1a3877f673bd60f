import ArchKBCorpus
import ArchKBIndex

extension Searcher {
    /// The team's radar: every entity its decision records name, in a ring, with the records that
    /// moved it there (`Radar`). Rings (docs/RADAR.md):
    ///
    /// - adopt: chosen by an accepted (or amended) record in force;
    /// - trial: chosen by a proposed record, or by an accepted one dated within `windowDays` of
    ///   the newest record of its log;
    /// - hold: chosen by a rejected or deprecated record, or by one a later record superseded (the
    ///   move is dated by the successor, and a successor that chooses the entity again moves it
    ///   itself); any entity of kind anti-pattern a record names;
    /// - assess: only mentioned in a decision, or chosen by a record whose status is unknown.
    ///
    /// Precedence: of the moves that set a ring on their own (all but mentions and unknown
    /// statuses), the newest wins, by record date, then number, then path and line (an undated
    /// record counts as older than any dated one); mentions count only for an entity no such move
    /// places. A hand-set ring from `overrides` replaces the derived one. Deterministic: no clock.
    public func radar(windowDays: Int = Radar.defaultWindowDays, overrides: [RadarOverride] = [], overridesPath: String? = nil) throws -> Radar {
        var radar = Radar(windowDays: windowDays)
        radar.overridesPath = overridesPath
        let logs = radarLogs()
        radar.logs = logs.map(\.log)
        var moves: [Int: [RadarMove]] = [:]
        for d in reader.decisions {
            let newest = newestDate(ofLogHolding: d.id, logs)
            for (e, chosen) in d.entities where e < reader.entities.count {
                moves[e, default: []] += radarMoves(of: d, entity: e, chosen: chosen, newest: newest, windowDays: windowDays)
            }
        }
        for (e, list) in moves {
            radar.blips.append(blip(entity: e, history: list.sorted { Searcher.radarOrder($0) < Searcher.radarOrder($1) }, logs: logs, windowDays: windowDays))
        }
        try applyOverrides(overrides, path: overridesPath ?? "overrides", to: &radar)
        radar.blips.sort { ($0.ring, $0.quadrant.rawValue, $0.name.lowercased(), $0.entity) < ($1.ring, $1.quadrant.rawValue, $1.name.lowercased(), $1.entity) }
        return radar
    }

    /// The ring each entity has on the team's radar without overrides, computed once per searcher
    /// (what `ask` rows show).
    func teamRing(of entity: Int) throws -> RadarRing? {
        if radarRings == nil { radarRings = Dictionary(uniqueKeysWithValues: try radar().blips.map { ($0.entity, $0.ring) }) }
        return radarRings?[entity]
    }

    /// The moves one record makes for one entity it names.
    func radarMoves(of d: StoredDecision, entity e: Int, chosen: Bool, newest: String?, windowDays: Int) -> [RadarMove] {
        let record = radarRecord(d)
        if reader.entities[e].kind == EntityKind.antiPattern.rawValue {
            return [RadarMove(ring: .hold, cause: .antiPattern, record: record, decisive: true, reason: "anti-pattern named by \(record.label)\(Searcher.dated(record))")]
        }
        guard chosen else {
            return [RadarMove(ring: .assess, cause: .mentioned, record: record, decisive: false,
                              reason: "mentioned in the decision of \(record.label) (\(record.status.rawValue)\(Searcher.dated(record, comma: true)))")]
        }
        var out: [RadarMove] = []
        let live = d.supersededBy.filter { $0 < reader.decisions.count && !reader.decisions[$0].status.isWithdrawn }
        switch d.status {
        case .accepted, .amended:
            if let date = d.date, let newest, Searcher.days(from: date, to: newest).map({ $0 <= windowDays }) ?? false {
                out.append(RadarMove(ring: .trial, cause: .recent, record: record, decisive: true,
                                     reason: "chosen by \(record.label), accepted \(date), within \(windowDays) days of the log's newest record (\(newest))"))
            } else {
                out.append(RadarMove(ring: .adopt, cause: .accepted, record: record, decisive: true, reason: "chosen by \(record.label) (accepted\(Searcher.dated(record, comma: true)))"))
            }
        case .proposed:
            out.append(RadarMove(ring: .trial, cause: .proposed, record: record, decisive: true, reason: "chosen by \(record.label) (proposed\(Searcher.dated(record, comma: true)))"))
        case .rejected, .deprecated:
            out.append(RadarMove(ring: .hold, cause: d.status == .rejected ? .rejected : .deprecated, record: record, decisive: true,
                                 reason: "chosen by \(record.label) (\(d.status.rawValue)\(Searcher.dated(record, comma: true)))"))
        case .superseded:
            if live.isEmpty && d.supersededBy.isEmpty {
                out.append(RadarMove(ring: .hold, cause: .superseded, record: record, decisive: true,
                                     reason: "chosen by \(record.label) (superseded\(Searcher.dated(record, comma: true)); no successor named)"))
            } else {
                out.append(RadarMove(ring: .adopt, cause: .accepted, record: record, decisive: true, reason: "chosen by \(record.label)\(Searcher.dated(record)), later superseded"))
            }
        case .unknown:
            out.append(RadarMove(ring: .assess, cause: .unknownStatus, record: record, decisive: false,
                                 reason: "chosen by \(record.label)\(Searcher.dated(record)), whose status archkb cannot read"))
        }
        // A superseded record's choice goes on hold when its first successor is made, unless the
        // successor chooses the same entity (then the successor's own move counts).
        let successors = d.status == .superseded && live.isEmpty ? d.supersededBy : live
        let first = successors.filter { $0 < reader.decisions.count }.map { radarRecord(reader.decisions[$0]) }
            .min { Searcher.recordOrder($0) < Searcher.recordOrder($1) }
        if let s = first, !reader.decisions[s.decision].entities.contains(where: { $0.id == e && $0.chosen }) {
            out.append(RadarMove(ring: .hold, cause: .superseded, record: s, superseded: record, decisive: true,
                                 reason: "\(record.label), which chose it, superseded by \(s.label)\(Searcher.dated(s))"))
        }
        return out
    }

    /// A blip from an entity's history (oldest first).
    func blip(entity e: Int, history: [RadarMove], logs: [(root: Int, log: RadarLog)], windowDays: Int) -> RadarBlip {
        let entity = reader.entities[e]
        let deciding = history.lastIndex(where: \.decisive) ?? history.indices.last
        let ring = deciding.map { history[$0].ring } ?? .assess
        var isNew = false
        if let i = deciding, let date = history[i].record.date, let newest = newestDate(ofLogHolding: history[i].record.decision, logs) {
            isNew = Searcher.days(from: date, to: newest).map { $0 <= windowDays } ?? false
        }
        let doc = reader.documents[entity.document]
        return RadarBlip(entity: e, name: entity.name, kind: entity.kind, area: entity.area, quadrant: RadarQuadrant(kind: entity.kind, area: entity.area),
                         ring: ring, derivedRing: ring, isNew: isNew, description: entity.summary,
                         card: Citation(path: doc.displayPath, line: entity.line, section: entity.name), cardAbsolutePath: doc.path,
                         history: history, deciding: deciding)
    }

    /// Replaces derived rings with hand-set ones; an override for an entity no record names adds its blip.
    func applyOverrides(_ overrides: [RadarOverride], path: String, to radar: inout Radar) throws {
        for o in overrides {
            guard let e = try entity(named: o.name) else {
                throw QueryError.unknownRadarEntity(name: o.name, file: path, line: o.line)
            }
            let applied = RadarOverrideApplied(ring: o.ring, reason: o.reason, path: path, line: o.line)
            if let i = radar.blips.firstIndex(where: { $0.entity == e }) {
                if radar.blips[i].ring != o.ring { radar.blips[i].isNew = false }
                radar.blips[i].ring = o.ring
                radar.blips[i].override = applied
            } else {
                var b = blip(entity: e, history: [], logs: [], windowDays: radar.windowDays)
                b.ring = o.ring
                b.derivedRing = nil
                b.override = applied
                radar.blips.append(b)
            }
        }
    }

    /// The decision logs (corpus roots holding records) with their newest record date.
    func radarLogs() -> [(root: Int, log: RadarLog)] {
        var byRoot: [Int: RadarLog] = [:]
        let roots = reader.roots
        for d in reader.decisions {
            let r = root(ofDocument: d.document)
            var log = byRoot[r] ?? RadarLog(root: r >= 0 && r < roots.count ? displayRoot(roots[r]) : "", records: 0, newestDate: nil)
            log.records += 1
            if let date = d.date, date > (log.newestDate ?? "") { log.newestDate = date }
            byRoot[r] = log
        }
        return byRoot.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The newest record date of the log that holds decision `id`.
    func newestDate(ofLogHolding id: Int, _ logs: [(root: Int, log: RadarLog)]) -> String? {
        guard id < reader.decisions.count else { return nil }
        let r = root(ofDocument: reader.decisions[id].document)
        return logs.first { $0.root == r }?.log.newestDate
    }

    /// A corpus root relative to the project root when it lies inside it.
    func displayRoot(_ root: String) -> String {
        let project = reader.meta["project_root"] ?? ""
        guard !project.isEmpty else { return root }
        if root == project { return "." }
        let prefix = project.hasSuffix("/") ? project : project + "/"
        return root.hasPrefix(prefix) ? String(root.dropFirst(prefix.count)) : root
    }

    func radarRecord(_ d: StoredDecision) -> RadarRecord {
        let doc = reader.documents[d.document]
        return RadarRecord(decision: d.id, number: d.number, title: d.title, date: d.date, status: effectiveStatus(d),
                           path: doc.displayPath, absolutePath: doc.path, line: d.line)
    }

    /// The order of records: by date (undated first), then number, then path and line.
    static func recordOrder(_ r: RadarRecord) -> RecordKey {
        RecordKey(date: r.date ?? "", number: r.number ?? -1, path: r.path, line: r.line, step: 0, tie: "")
    }

    /// The order of moves: a supersession comes after the superseded record's own move even when
    /// the successor is undated or dated earlier. Moves of one record and date go mentions first,
    /// then by cause and the superseded record, so the order is total.
    static func radarOrder(_ m: RadarMove) -> RecordKey {
        var key = recordOrder(m.record)
        if let old = m.superseded {
            var after = recordOrder(old)
            after.step = 1
            key = max(key, after)
        }
        key.tie = (m.decisive ? "1" : "0") + m.cause.rawValue + (m.superseded.map { "\($0.path):\($0.line)" } ?? "")
        return key
    }

    /// ", 2024-03-01" (or " (2024-03-01)") when the record has a date.
    static func dated(_ r: RadarRecord, comma: Bool = false) -> String {
        guard let date = r.date else { return "" }
        return comma ? ", \(date)" : " (\(date))"
    }

    /// Days from one ISO date (YYYY-MM-DD) to another, nil when either is not one.
    static func days(from a: String, to b: String) -> Int? {
        guard let x = dayNumber(a), let y = dayNumber(b) else { return nil }
        return y - x
    }

    /// Days since 1970-01-01 of an ISO date (the civil-from-days inverse, proleptic Gregorian).
    static func dayNumber(_ iso: String) -> Int? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let y = parts[1] <= 2 ? parts[0] - 1 : parts[0]
        let m = parts[1], d = parts[2]
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// A sortable position of a record or move (see `Searcher.radarOrder`).
struct RecordKey: Comparable {
    var date: String
    var number: Int
    var path: String
    var line: Int
    var step: Int
    var tie: String

    static func < (a: RecordKey, b: RecordKey) -> Bool {
        (a.date, a.number, a.path, a.line, a.step, a.tie) < (b.date, b.number, b.path, b.line, b.step, b.tie)
    }
}
