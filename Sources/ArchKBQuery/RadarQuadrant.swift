import ArchKBCorpus

/// A quadrant of the technology radar, in the four-quadrant style of public radars.
///
/// archkb's entity kinds and areas map onto the quadrants by this table (first match wins; an
/// area matches a row when it contains one of the row's words, ignoring case; the same table is
/// in docs/RADAR.md):
///
/// | Entity                                                         | Quadrant               |
/// |----------------------------------------------------------------|------------------------|
/// | any kind, area with "language" or "framework"                  | languages & frameworks |
/// | pattern, practice, anti-pattern, capability (other areas)      | techniques             |
/// | technology, area with "api design" or "resilience" (protocols, formats, libraries) | languages & frameworks |
/// | technology, area with "data", "messag", "event", "cach", "gateway", "load balanc", "deploy", "operation", "async", "microservice", "performance", "scal", "reliab" | platforms |
/// | any other technology (observability, testing, security, auth, API contracts, …) | tools |
public enum RadarQuadrant: String, Sendable, CaseIterable {
    case techniques, tools, platforms
    case languagesFrameworks = "languages-frameworks"

    /// The name public radars use ("Languages & Frameworks").
    public var title: String {
        switch self {
        case .techniques: "Techniques"
        case .tools: "Tools"
        case .platforms: "Platforms"
        case .languagesFrameworks: "Languages & Frameworks"
        }
    }

    /// Area words whose technologies are languages, frameworks, libraries or wire formats.
    static let languageWords = ["language", "framework"]
    static let frameworkWords = ["api design", "resilience"]
    /// Area words whose technologies are something the team runs.
    static let platformWords = ["data", "messag", "event", "cach", "gateway", "load balanc", "deploy", "operation", "async",
                                "microservice", "performance", "scal", "reliab"]

    /// The quadrant of an entity of `kind` (an `EntityKind` raw value) in `area` (see the table above).
    public init(kind: String, area: String) {
        let a = area.lowercased()
        func has(_ words: [String]) -> Bool { words.contains { a.contains($0) } }
        if has(Self.languageWords) {
            self = .languagesFrameworks
        } else if kind != EntityKind.technology.rawValue {
            self = .techniques
        } else if has(Self.frameworkWords) {
            self = .languagesFrameworks
        } else if has(Self.platformWords) {
            self = .platforms
        } else {
            self = .tools
        }
    }
}
