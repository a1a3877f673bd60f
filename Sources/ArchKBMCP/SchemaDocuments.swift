import Foundation
import MCP

/// The JSON Schemas (draft 2020-12) of what the tools return as structured content.
///
/// `answerText` is docs/answer.schema.json, the contract of `archkb ask --json`, word for word (a
/// test keeps the two equal); the `show` and `decisions` schemas reuse its definitions.
public enum SchemaDocuments {
    /// The answer schema as published in docs/answer.schema.json.
    public static let answerText = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "title": "archkb answer",
      "description": "The object `archkb ask --json` prints, the daemon's `ask` result and the structured content of the MCP `ask` tool.",
      "type": "object",
      "required": ["query", "recommendations", "decisions", "confident", "message", "nearest_topics", "stale", "ranker"],
      "properties": {
        "query": {"type": "string", "description": "The question as asked."},
        "recommendations": {"type": "array", "items": {"$ref": "#/$defs/recommendation"}, "description": "Best first; empty when not confident."},
        "decisions": {"type": "array", "items": {"$ref": "#/$defs/decision"}, "description": "The team's ADRs that match the question."},
        "confident": {"type": "boolean", "description": "False when nothing in the knowledge base is really about the question."},
        "message": {"anyOf": [{"type": "string"}, {"type": "null"}], "description": "A sentence for the reader when the answer is empty, not confident or the question was cut."},
        "nearest_topics": {"type": "array", "items": {"type": "string"}, "description": "Entity names nearest to the question, when not confident."},
        "stale": {"type": "boolean", "description": "True when the corpus changed since the index was built."},
        "ranker": {"enum": ["bm25", "tfidf", "hybrid"]},
        "intent": {"enum": ["none", "decided", "in_use", "still_on", "why"], "description": "What the question asks of the team's decisions ('none' for advice questions)."},
        "decisions_first": {"type": "boolean", "description": "True when the team's decisions answer the question better than the cards: list them first."},
        "elapsed_ms": {"type": "number", "minimum": 0, "description": "Search time, with --explain only."},
        "understanding": {"$ref": "#/$defs/understanding"},
        "comparison": {"type": "array", "items": {"$ref": "#/$defs/side"}, "description": "Side by side, when the question compares entities (\"X vs Y\"), in the answer's order."}
      },
      "additionalProperties": false,
      "$defs": {
        "understanding": {
          "type": "object",
          "required": ["named", "compared", "facets", "salient"],
          "properties": {
            "named": {"type": "array", "items": {"type": "string"}, "description": "Entities the question names; each is kept in the answer."},
            "compared": {"type": "array", "items": {"type": "string"}, "description": "Entities it compares."},
            "facets": {"type": "array", "items": {"type": "string"}, "description": "Word groups the question combines."},
            "salient": {"type": "array", "items": {"type": "string"}, "description": "For long questions, the words that matter most."}
          },
          "additionalProperties": false
        },
        "side": {
          "type": "object",
          "required": ["name", "kind", "when_to_use", "when_not", "tradeoffs", "guide_rows", "citations"],
          "properties": {
            "name": {"type": "string"},
            "kind": {"type": "string"},
            "when_to_use": {"type": "string"},
            "when_not": {"type": "string"},
            "tradeoffs": {"type": "string"},
            "guide_rows": {"type": "array", "items": {"type": "string"}},
            "citations": {"type": "array", "items": {"$ref": "#/$defs/citation"}}
          },
          "additionalProperties": false
        },
        "term": {
          "type": "object",
          "required": ["name", "value", "weight", "contribution"],
          "properties": {
            "name": {"type": "string"},
            "value": {"type": "number"},
            "weight": {"type": "number"},
            "contribution": {"type": "number"}
          },
          "additionalProperties": false
        },
        "recommendation": {
          "type": "object",
          "required": ["rank", "name", "aliases", "kind", "area", "score", "confidence", "rationale", "tradeoffs", "citations"],
          "properties": {
            "rank": {"type": "integer", "minimum": 1},
            "name": {"type": "string"},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "kind": {"enum": ["pattern", "technology", "practice", "anti-pattern", "capability"]},
            "area": {"type": "string"},
            "score": {"type": "number", "minimum": 0},
            "confidence": {"enum": ["low", "medium", "high"]},
            "rationale": {"type": "string"},
            "tradeoffs": {"type": "string"},
            "citations": {"type": "array", "items": {"$ref": "#/$defs/citation"}},
            "instead": {"type": "string", "description": "Anti-patterns only: what to do instead."},
        "ring": {"enum": ["adopt", "trial", "assess", "hold"], "description": "The entity's ring on the team's radar (`archkb radar`), when its decision records name it."},
            "explanation": {"$ref": "#/$defs/explanation"}
          },
          "additionalProperties": false
        },
        "citation": {
          "type": "object",
          "required": ["path", "line", "section"],
          "properties": {
            "path": {"type": "string", "description": "Relative to the project root, absolute for corpora outside it."},
            "line": {"type": "integer", "minimum": 1},
            "section": {"type": "string", "description": "The heading trail of the cited section."}
          },
          "additionalProperties": false
        },
        "decision": {
          "type": "object",
          "required": ["title", "status", "date", "path", "line", "number", "raw_status", "superseded_by", "chosen", "confidence", "replaced_by", "note"],
          "properties": {
            "title": {"type": "string"},
            "status": {"enum": ["accepted", "proposed", "rejected", "deprecated", "superseded", "amended", "unknown"]},
            "date": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "path": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "number": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]},
            "raw_status": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "superseded_by": {"type": "array", "items": {"type": "string"}},
            "chosen": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "confidence": {"enum": ["low", "medium", "high"], "description": "How well the whole record covers the question (high for records named in it)."},
            "replaced_by": {"type": "array", "items": {"type": "string"}, "description": "Later decisions in force that replaced this one though its status was never updated (inferred; see note)."},
            "note": {"anyOf": [{"type": "string"}, {"type": "null"}], "description": "Why replaced_by was inferred."},
            "evidence": {"$ref": "#/$defs/citation"},
            "explanation": {"type": "string", "description": "The score's parts, with --explain only."}
          },
          "additionalProperties": false
        },
        "explanation": {
          "type": "object",
          "required": ["bm25", "bm25_part", "cosine", "cosine_part", "fused", "name_boost", "precedent_boost", "related_boost", "prior", "coverage", "evidence"],
          "properties": {
            "bm25": {"type": "number"},
            "bm25_part": {"type": "number"},
            "cosine": {"type": "number"},
            "cosine_part": {"type": "number"},
            "fused": {"type": "number"},
            "name_boost": {"type": "number"},
            "precedent_boost": {"type": "number"},
            "related_boost": {"type": "number"},
            "prior": {"type": "number"},
            "coverage": {"type": "number"},
            "evidence": {"type": "array", "items": {"type": "string"}},
            "terms": {"type": "array", "items": {"$ref": "#/$defs/term"}, "description": "The score's additive terms: the score is their sum."}
          },
          "additionalProperties": false
        }
      }
    }
    """#

    /// docs/answer.schema.json as a value.
    public static let answerDocument: Value = parse(answerText)

    /// The `ask` tool's output schema: the answer schema without its `$schema` line, which MCP
    /// clients that validate with an older draft by default would refuse.
    public static let answer: Value = withoutDialect(answerDocument)

    /// The `show` tool's output schema: the card `archkb show --json` prints.
    public static let card: Value = [
        "title": "archkb entity card",
        "type": "object",
        "required": ["name", "aliases", "kind", "area", "summary", "related", "sections", "decisions"],
        "properties": [
            "name": ["type": "string"],
            "aliases": ["type": "array", "items": ["type": "string"]],
            "kind": definition("recommendation", property: "kind"),
            "area": ["type": "string"],
            "summary": ["type": "string"],
            "related": ["type": "array", "items": ["type": "string"]],
            "sections": ["type": "array", "items": [
                "type": "object",
                "required": ["heading", "body", "citation"],
                "properties": ["heading": ["type": "string"], "body": ["type": "string"], "citation": ["$ref": "#/$defs/citation"]],
                "additionalProperties": false,
            ]],
            "decisions": ["type": "array", "items": ["$ref": "#/$defs/decision"]],
        ],
        "additionalProperties": false,
        "$defs": definitions,
    ]

    /// The `decisions` tool's output schema: the question, the status filter and the matching ADRs.
    public static let decisions: Value = [
        "title": "archkb decisions",
        "type": "object",
        "required": ["query", "status", "decisions"],
        "properties": [
            "query": ["type": "string"],
            "status": ["anyOf": [definition("decision", property: "status"), ["type": "null"]]],
            "decisions": ["type": "array", "items": ["$ref": "#/$defs/decision"]],
        ],
        "additionalProperties": false,
        "$defs": definitions,
    ]

    /// The `$defs` of the answer schema.
    static var definitions: Value { answerDocument.objectValue?["$defs"] ?? [:] }

    /// One property schema of one definition, e.g. the `kind` enum of a recommendation.
    static func definition(_ name: String, property: String) -> Value {
        definitions.objectValue?[name]?.objectValue?["properties"]?.objectValue?[property] ?? [:]
    }

    static func withoutDialect(_ schema: Value) -> Value {
        guard var fields = schema.objectValue else { return schema }
        fields["$schema"] = nil
        return .object(fields)
    }

    /// Parses schema text; an unparsable text gives an empty object, which the tests reject.
    static func parse(_ text: String) -> Value {
        (try? JSONDecoder().decode(Value.self, from: Data(text.utf8))) ?? [:]
    }
}
