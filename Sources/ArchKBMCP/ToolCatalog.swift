import ArchKBCorpus
import ArchKBQuery
import MCP

/// The tools archkb offers over MCP: their descriptions, JSON input schemas and output schemas,
/// and the checked calls their arguments turn into.
public enum ToolCatalog {
    public static let askName = "ask"
    public static let showName = "show"
    public static let decisionsName = "decisions"
    public static let radarName = "radar"

    /// Entity kinds a question can be narrowed to (`kind` of `ask`).
    public static let kinds = AskOptions.kinds
    /// Decision statuses `decisions` can filter on.
    public static let statuses = DecisionStatus.allCases.map(\.rawValue)
    /// The range of `limit` (the daemon protocol's range).
    public static let limits = 1...50

    /// Every tool, in the order `tools/list` reports them.
    public static var tools: [Tool] { [askTool, showTool, decisionsTool, radarTool, CheckTool.tool] }

    static let readOnly = Tool.Annotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)

    static var askTool: Tool {
        tool(askName, title: "Ask archkb which pattern or technology fits", description: """
            Recommends backend-architecture patterns, technologies and practices for a problem, from a local \
            knowledge base of entity cards, decision guides and the team's own architecture decision records (ADRs). \
            Returns a ranked Markdown table (rationale, trade-offs, file:line citations) plus the team's matching ADRs \
            with their status; superseded or rejected ADRs are flagged, never recommended. When nothing in the \
            knowledge base is really about the question it says so ("no confident recommendation") and lists the \
            nearest topics instead of guessing. The structured result is the `archkb ask --json` answer.
            """,
            properties: [
                "question": ["type": "string", "minLength": 1,
                             "description": "The problem or question in plain words, e.g. \"prevent cascading failures when the payment provider is down\" or \"cache invalidation for GraphQL\". An ADR reference (\"ADR-0012\") also works."],
                "limit": ["type": "integer", "minimum": .int(limits.lowerBound), "maximum": .int(limits.upperBound), "default": 5,
                          "description": "How many recommendations at most (1-50, default 5). Weak rows are dropped rather than padded."],
                "kind": ["type": "string", "enum": .array(kinds.map { .string($0) }),
                         "description": "Only recommend entities of this kind."],
                "area": ["type": "string", "minLength": 1,
                         "description": "Only entities whose area contains this text, e.g. \"Resilience\", \"Messaging\", \"Caching\"."],
            ],
            required: ["question"], output: SchemaDocuments.answer)
    }

    static var showTool: Tool {
        tool(showName, title: "Show an archkb entity card", description: """
            Shows the full knowledge-base card of one pattern, technology, practice or anti-pattern by name or alias \
            (e.g. "circuit breaker", "Kafka", "CQRS"): every section (what it is, when to use, when not to use, \
            trade-offs, alternatives, implementations) with its file:line citation, related entities and the team's \
            ADRs that name it. Use after `ask` to read more about one recommendation.
            """,
            properties: ["name": ["type": "string", "minLength": 1, "description": "The entity's name or alias, e.g. \"circuit breaker\"."]],
            required: ["name"], output: SchemaDocuments.card)
    }

    static var decisionsTool: Tool {
        tool(decisionsName, title: "Find the team's architecture decisions", description: """
            Finds the team's architecture decision records (ADRs) that match a topic or an ADR reference, with each \
            one's status (accepted, proposed, rejected, deprecated, superseded, amended, unknown), date, successor \
            and file:line. Accepted ADRs are precedent; superseded, rejected and deprecated ones are not in force.
            """,
            properties: [
                "question": ["type": "string", "minLength": 1,
                             "description": "The topic, e.g. \"message broker for order events\", or an ADR reference such as \"ADR-0007\"."],
                "status": ["type": "string", "enum": .array(statuses.map { .string($0) }),
                           "description": "Only decisions with this status."],
            ],
            required: ["question"], output: SchemaDocuments.decisions)
    }

    static var radarTool: Tool {
        tool(radarName, title: "Show the team's technology radar", description: """
            The team's technology radar derived from its architecture decision records: every pattern or technology \
            the records name, in a ring (adopt: chosen by an accepted record in force; trial: proposed, or accepted \
            recently; assess: only mentioned; hold: superseded, rejected or deprecated choices and anti-patterns), \
            in a quadrant (techniques, tools, platforms, languages-frameworks), with the records that moved it \
            (number, title, date, file:line). The structured result is the `archkb radar --format json` output.
            """,
            properties: ["window_days": ["type": "integer", "minimum": 0, "maximum": .int(radarWindows.upperBound), "default": 180,
                                         "description": "Days before a log's newest record that count as recent (default 180)."]],
            required: [], output: RadarSchema.output)
    }

    /// The range of the radar's `window_days`.
    public static let radarWindows = 0...36_500

    /// A read-only tool whose input is an object of exactly `properties` (no others allowed).
    static func tool(_ name: String, title: String, description: String, properties: [String: Value], required: [String], output: Value) -> Tool {
        let input: Value = ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) }),
                            "additionalProperties": false]
        return Tool(name: name, title: title, description: description, inputSchema: input, annotations: readOnly, outputSchema: output)
    }
}

/// A checked tool call, ready to answer.
enum ToolCall: Equatable, Sendable {
    case ask(AskCall)
    case show(name: String)
    case decisions(question: String, status: String?)
    case radar(windowDays: Int)
    case check(text: String, path: String?)

    /// Checks the arguments of tool `name`; nil when archkb has no such tool.
    static func parse(name: String, arguments: [String: Value]?) throws -> ToolCall? {
        switch name {
        case ToolCatalog.askName:
            let a = try ToolArguments(tool: name, values: arguments, known: ["question", "limit", "kind", "area"])
            return .ask(AskCall(question: try a.requiredText("question"),
                                limit: try a.integer("limit", in: ToolCatalog.limits, default: 5),
                                kind: try a.choice("kind", from: ToolCatalog.kinds),
                                area: try a.optionalText("area")))
        case ToolCatalog.showName:
            let a = try ToolArguments(tool: name, values: arguments, known: ["name"])
            return .show(name: try a.requiredText("name"))
        case ToolCatalog.decisionsName:
            let a = try ToolArguments(tool: name, values: arguments, known: ["question", "status"])
            return .decisions(question: try a.requiredText("question"), status: try a.choice("status", from: ToolCatalog.statuses))
        case ToolCatalog.radarName:
            let a = try ToolArguments(tool: name, values: arguments, known: ["window_days"])
            return .radar(windowDays: try a.integer("window_days", in: ToolCatalog.radarWindows, default: 180))
        case CheckTool.name:
            return try CheckTool.parse(arguments)
        default:
            return nil
        }
    }
}

/// The checked arguments of `ask`.
struct AskCall: Equatable, Sendable {
    var question: String
    var limit = 5
    var kind: String?
    var area: String?
}
