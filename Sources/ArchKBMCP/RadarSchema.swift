import Foundation
import MCP

/// The output schema of the MCP `radar` tool: docs/radar.schema.json word for word (a test keeps
/// the two equal), without its `$schema` line as the other tools' schemas.
public enum RadarSchema {
    /// The radar schema as published in docs/radar.schema.json.
    public static let text = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "title": "archkb radar",
      "description": "The object `archkb radar --format json` prints and the structured content of the MCP `radar` tool (docs/RADAR.md).",
      "type": "object",
      "required": ["window_days", "logs", "overrides", "counts", "quadrants", "blips"],
      "properties": {
        "window_days": {"type": "integer", "minimum": 0, "description": "Days before a log's newest record that count as recent."},
        "logs": {"type": "array", "items": {"$ref": "#/$defs/log"}, "description": "The decision logs (corpus roots holding records)."},
        "overrides": {"anyOf": [{"type": "string"}, {"type": "null"}], "description": "The override file the hand-set rings came from."},
        "counts": {
          "type": "object",
          "required": ["adopt", "trial", "assess", "hold"],
          "properties": {
            "adopt": {"type": "integer", "minimum": 0},
            "trial": {"type": "integer", "minimum": 0},
            "assess": {"type": "integer", "minimum": 0},
            "hold": {"type": "integer", "minimum": 0}
          },
          "additionalProperties": false
        },
        "quadrants": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["id", "title"],
            "properties": {"id": {"$ref": "#/$defs/quadrant"}, "title": {"type": "string"}},
            "additionalProperties": false
          }
        },
        "blips": {"type": "array", "items": {"$ref": "#/$defs/blip"}, "description": "By ring (adopt, trial, assess, hold), then quadrant, then name."}
      },
      "additionalProperties": false,
      "$defs": {
        "ring": {"enum": ["adopt", "trial", "assess", "hold"]},
        "quadrant": {"enum": ["techniques", "tools", "platforms", "languages-frameworks"]},
        "log": {
          "type": "object",
          "required": ["root", "records", "newest_date"],
          "properties": {
            "root": {"type": "string"},
            "records": {"type": "integer", "minimum": 0},
            "newest_date": {"anyOf": [{"type": "string"}, {"type": "null"}], "description": "YYYY-MM-DD, null when no record of the log is dated."}
          },
          "additionalProperties": false
        },
        "blip": {
          "type": "object",
          "required": ["name", "kind", "area", "quadrant", "ring", "derived_ring", "is_new", "description", "why", "card", "override", "history"],
          "properties": {
            "name": {"type": "string"},
            "kind": {"enum": ["pattern", "technology", "practice", "anti-pattern", "capability"]},
            "area": {"type": "string"},
            "quadrant": {"$ref": "#/$defs/quadrant"},
            "ring": {"$ref": "#/$defs/ring", "description": "The ring shown: the override's when there is one."},
            "derived_ring": {"anyOf": [{"$ref": "#/$defs/ring"}, {"type": "null"}], "description": "The ring the records give; null for an entity only the override file places."},
            "is_new": {"type": "boolean", "description": "The move that set the ring lies within the window."},
            "description": {"type": "string", "description": "The entity's one-sentence summary."},
            "why": {"type": "string", "description": "Why the blip is in its ring, in words."},
            "card": {
              "type": "object",
              "required": ["path", "line"],
              "properties": {"path": {"type": "string"}, "line": {"type": "integer", "minimum": 1}},
              "additionalProperties": false
            },
            "override": {
              "anyOf": [
                {
                  "type": "object",
                  "required": ["ring", "reason", "path", "line"],
                  "properties": {
                    "ring": {"$ref": "#/$defs/ring"},
                    "reason": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    "path": {"type": "string"},
                    "line": {"type": "integer", "minimum": 0}
                  },
                  "additionalProperties": false
                },
                {"type": "null"}
              ]
            },
            "history": {"type": "array", "items": {"$ref": "#/$defs/move"}, "description": "Oldest first."}
          },
          "additionalProperties": false
        },
        "move": {
          "type": "object",
          "required": ["ring", "cause", "date", "decisive", "deciding", "reason", "record", "superseded"],
          "properties": {
            "ring": {"$ref": "#/$defs/ring"},
            "cause": {"enum": ["accepted", "recent", "proposed", "rejected", "deprecated", "superseded", "anti-pattern", "mentioned", "unknown-status"]},
            "date": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "decisive": {"type": "boolean", "description": "False for mentions and unreadable statuses, which place only an entity nothing else places."},
            "deciding": {"type": "boolean", "description": "The move that set the derived ring."},
            "reason": {"type": "string"},
            "record": {"$ref": "#/$defs/record", "description": "The record that made the move (for a supersession, the successor)."},
            "superseded": {"anyOf": [{"$ref": "#/$defs/record"}, {"type": "null"}], "description": "For a supersession, the record that chose the entity."}
          },
          "additionalProperties": false
        },
        "record": {
          "type": "object",
          "required": ["number", "title", "date", "status", "path", "line"],
          "properties": {
            "number": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
            "title": {"type": "string"},
            "date": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "status": {"enum": ["accepted", "proposed", "rejected", "deprecated", "superseded", "amended", "unknown"]},
            "path": {"type": "string"},
            "line": {"type": "integer", "minimum": 1}
          },
          "additionalProperties": false
        }
      }
    }
    """#

    /// docs/radar.schema.json as a value.
    public static let document: Value = SchemaDocuments.parse(text)

    /// The `radar` tool's output schema.
    public static let output: Value = SchemaDocuments.withoutDialect(document)
}
