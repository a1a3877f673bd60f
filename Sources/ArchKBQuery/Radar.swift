import ArchKBCorpus
import ArchKBIndex

/// The team's technology radar, derived from its indexed decision records (see `Searcher.radar`).
///
/// Every entity a decision names is a blip with a ring (adopt, trial, assess, hold), a quadrant
/// (`RadarQuadrant`) and the history of records that moved it; rings set by hand in an override
/// file replace the derived ring and say so. Nothing depends on the clock: "recent" is measured
/// from the newest dated record of the same decision log.
public struct Radar: Sendable {
    /// Blips by ring (adopt, trial, assess, hold), then quadrant, then name.
    public var blips: [RadarBlip] = []
    /// How many days before a log's newest record count as recent (accepted → trial, isNew).
    public var windowDays: Int
    /// Each decision log (corpus root holding records) with the date recency is measured from.
    public var logs: [RadarLog] = []
    /// The override file the hand-set rings came from, if any.
    public var overridesPath: String?

    public init(windowDays: Int) { self.windowDays = windowDays }

    /// Blips per ring, every ring present (zero when empty).
    public var counts: [(ring: RadarRing, count: Int)] {
        RadarRing.allCases.map { r in (r, blips.filter { $0.ring == r }.count) }
    }

    /// The default recency window in days.
    public static let defaultWindowDays = 180
}

/// One decision log: the records under one corpus root.
public struct RadarLog: Sendable, Equatable {
    /// The root as the index records it, shown relative to the project when it is inside it.
    public var root: String
    public var records: Int
    /// The newest record date in the log, the reference for the recency window (nil when undated).
    public var newestDate: String?
}

/// A decision record as the radar cites it.
public struct RadarRecord: Sendable, Equatable {
    public var decision: Int
    public var number: Int?
    public var title: String
    public var date: String?
    /// The status in effect (a record with a live successor counts as superseded).
    public var status: DecisionStatus
    /// Path as citations show it (relative to the project root when inside it), and the file's absolute path.
    public var path: String
    public var absolutePath: String
    public var line: Int

    /// "ADR 7" or, for a record without a number, its title in quotes.
    public var label: String { number.map { "ADR \($0)" } ?? "\"\(title)\"" }
}

/// One step of a blip's history: a record that puts the entity in a ring.
public struct RadarMove: Sendable, Equatable {
    /// Why the record puts the entity in that ring.
    public enum Cause: String, Sendable {
        /// Chosen by an accepted (or amended) record in force.
        case accepted
        /// Chosen by an accepted record dated within the window: trial.
        case recent
        case proposed, rejected, deprecated
        /// A record that chose it was superseded (by `record`, its successor, when one is named).
        case superseded
        /// The entity is an anti-pattern the record names.
        case antiPattern = "anti-pattern"
        /// Named in the record's decision, but not chosen.
        case mentioned
        /// Chosen by a record whose status archkb cannot read.
        case unknownStatus = "unknown-status"
    }

    public var ring: RadarRing
    public var cause: Cause
    /// The record that made the move (for a supersession, the successor).
    public var record: RadarRecord
    /// For a supersession, the record that chose the entity and was superseded.
    public var superseded: RadarRecord?
    /// Whether the move sets a ring on its own; mentions and unreadable statuses only place an
    /// entity nothing else placed (in assess).
    public var decisive: Bool
    /// The move in words, e.g. "chosen by ADR 7 (accepted, 2024-03-01)".
    public var reason: String
}

/// A ring set by hand, as applied to a blip.
public struct RadarOverrideApplied: Sendable, Equatable {
    public var ring: RadarRing
    public var reason: String?
    /// The override file and the entry's line.
    public var path: String
    public var line: Int
}

/// One entity on the radar.
public struct RadarBlip: Sendable {
    public var entity: Int
    public var name: String
    public var kind: String
    public var area: String
    public var quadrant: RadarQuadrant
    /// The ring shown: the override's when there is one, else `derivedRing`.
    public var ring: RadarRing
    /// The ring the decisions give (nil for an entity only the override file places).
    public var derivedRing: RadarRing?
    /// Whether the move that set the ring lies within the window (false for a ring set by hand
    /// that differs from the derived one).
    public var isNew: Bool
    /// The entity's one-sentence summary.
    public var description: String
    /// The entity's card (path as citations show it, line) and the card file's absolute path.
    public var card: Citation
    public var cardAbsolutePath: String
    /// Every move, oldest first (by date, then number, then path).
    public var history: [RadarMove]
    /// The index in `history` of the move that set `derivedRing`.
    public var deciding: Int?
    public var override: RadarOverrideApplied?

    /// Why the blip is in its ring, in words.
    public var why: String {
        if let o = override {
            return "set by hand to \(o.ring.rawValue) (\(o.path):\(o.line))" + (o.reason.map { ": \($0)" } ?? "")
        }
        return deciding.map { history[$0].reason } ?? ""
    }
}
