import ArchKBCorpus

/// A quadrant of the technology radar, in the four-quadrant style of public radars.
///
/// archkb's entity kinds and areas map onto the quadrants by this table (first match wins; the
/// same table is in docs/RADAR.md):
///
/// | Entity                                                        | Quadrant                |
/// |---------------------------------------------------------------|-------------------------|
/// | any kind, area "Languages & Frameworks"                       | languages & frameworks  |
/// | pattern, practice, anti-pattern, capability (other areas)     | techniques              |
/// | technology in API Design or Resilience (protocols, libraries) | languages & frameworks  |
/// | technology in Data, Messaging & Events, Caching, Gateways & Load Balancing, Deployment & Operations, Async Processing, Microservices, Performance & Scalability, Reliability & DR | platforms |
/// | any other technology (Observability, Testing, Security, Authentication & Authorization, API Contracts & Documentation, …) | tools |
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

    /// Areas whose technologies are libraries, languages or wire formats rather than products.
    static let frameworkAreas: Set<String> = ["api design", "resilience"]
    /// Areas whose technologies are something the team runs.
    static let platformAreas: Set<String> = [
        "data", "messaging & events", "caching", "gateways & load balancing", "deployment & operations",
        "async processing", "microservices", "performance & scalability", "reliability & dr",
    ]

    /// The quadrant of an entity of `kind` (an `EntityKind` raw value) in `area` (see the table above).
    public init(kind: String, area: String) {
        let a = area.trimmed.lowercased()
        if a == "languages & frameworks" {
            self = .languagesFrameworks
        } else if kind != EntityKind.technology.rawValue {
            self = .techniques
        } else if Self.frameworkAreas.contains(a) {
            self = .languagesFrameworks
        } else if Self.platformAreas.contains(a) {
            self = .platforms
        } else {
            self = .tools
        }
    }
}
