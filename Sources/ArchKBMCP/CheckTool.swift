import ArchKBQuery
import ArchKBRender
import Foundation
import MCP

/// The MCP tool `check`: `archkb check` on a draft's text, with the same JSON as the CLI.
enum CheckTool {
    static let name = "check"

    static var tool: Tool {
        ToolCatalog.tool(name, title: "Check a draft architecture decision record", description: """
            Checks a draft (or changed) architecture decision record against the knowledge base and the team's own \
            ADRs, deterministically: conflicts with an accepted decision still in force on the same concern, an option \
            a superseded or rejected decision chose, "When not to use" lines of the chosen option's card that match the \
            draft's context, alternatives the card lists that the draft never mentions, anti-patterns it adopts, and a \
            missing status, date or supersession link. Each finding has a severity, the draft's line and file:line \
            citations. The structured result is the `archkb check --format json` report.
            """,
            properties: [
                "text": ["type": "string", "minLength": 1,
                         "description": "The draft record's full text (Markdown or reStructuredText), as in the file."],
                "path": ["type": "string", "minLength": 1,
                         "description": "Where the draft lives (e.g. docs/adr/0012-use-kafka.md): its file name tells Markdown from reStructuredText, its folder resolves supersession links, and an indexed record at that path is not compared with itself."],
            ],
            required: ["text"], output: SchemaDocuments.check)
    }

    /// The checked arguments: the text exactly as given (line numbers must match the file), and the path.
    static func parse(_ arguments: [String: Value]?) throws -> ToolCall {
        let a = try ToolArguments(tool: name, values: arguments, known: ["text", "path"])
        guard let value = a.present("text") else { throw ArchKBMCPError.missingArgument(tool: name, name: "text") }
        guard case .string(let text) = value else { throw a.wrongType("text", expected: "a string", value) }
        guard !text.trimmed.isEmpty else { throw ArchKBMCPError.emptyArgument(tool: name, name: "text") }
        return .check(text: text, path: try a.optionalText("path"))
    }

    /// The report (JSON value and text) of one draft, checked in this process.
    static func report(text: String, path: String?, searcher: Searcher) throws -> (structured: Value, text: String) {
        let shown = path ?? "draft.md"
        let absolute = path.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? ""
        let report = try DraftCheck(searcher: searcher).check(text: text, path: absolute, displayPath: shown)
        return (try StructuredValue.parse(CheckText.json([report])), CheckText.text([report]))
    }
}

extension SchemaDocuments {
    /// The check report schema as published in docs/check.schema.json (a test keeps the two equal).
    public static let checkText = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "title": "archkb check report",
      "description": "What `archkb check --format json` prints and the MCP tool `check` returns as structured content: one report per draft decision record, each finding with the draft's line and citations (file:line:section) into the cards and the team's records.",
      "type": "object",
      "required": ["drafts", "summary"],
      "properties": {
        "drafts": {"type": "array", "items": {"$ref": "#/$defs/draft"}},
        "summary": {
          "type": "object",
          "required": ["drafts", "findings", "errors", "warnings"],
          "properties": {
            "drafts": {"type": "integer", "minimum": 0},
            "findings": {"type": "integer", "minimum": 0},
            "errors": {"type": "integer", "minimum": 0},
            "warnings": {"type": "integer", "minimum": 0}
          },
          "additionalProperties": false
        }
      },
      "additionalProperties": false,
      "$defs": {
        "draft": {
          "type": "object",
          "required": ["path", "title", "number", "status", "chosen", "findings"],
          "properties": {
            "path": {"type": "string", "description": "The draft as given on the command line (or the tool's path argument)."},
            "title": {"type": "string"},
            "number": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
            "status": {"enum": ["accepted", "proposed", "rejected", "deprecated", "superseded", "amended", "unknown"]},
            "chosen": {"type": "array", "items": {"type": "string"}, "description": "Entities the draft chooses (its chosen option, else its Decision's first sentence)."},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}}
          },
          "additionalProperties": false
        },
        "finding": {
          "type": "object",
          "required": ["kind", "severity", "message", "path", "line", "citations"],
          "properties": {
            "kind": {"enum": ["precedent-conflict", "repeats-withdrawn", "when-not-to-use", "unmentioned-alternatives", "anti-pattern",
                              "no-status", "unknown-status", "no-date", "broken-link"]},
            "severity": {"enum": ["error", "warning"]},
            "message": {"type": "string", "minLength": 1},
            "path": {"type": "string", "description": "The draft."},
            "line": {"type": "integer", "minimum": 1, "description": "The draft's line the finding is about."},
            "citations": {"type": "array", "items": {"$ref": "#/$defs/citation"}}
          },
          "additionalProperties": false
        },
        "citation": {
          "type": "object",
          "required": ["path", "line", "section"],
          "properties": {
            "path": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "section": {"type": "string"}
          },
          "additionalProperties": false
        }
      }
    }
    """#

    public static let checkDocument: Value = parse(checkText)

    /// The output schema of the `check` tool.
    public static let check: Value = withoutDialect(checkDocument)
}
