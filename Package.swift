// swift-tools-version: 6.0
import PackageDescription

// The executables link the Swift runtime statically on Linux (faster start-up). ARCHKB_DYNAMIC_STDLIB=1
// links it dynamically instead: the Thread Sanitizer (scripts/tsan) cannot run a static runtime.
let staticStdlib: [String] = Context.environment["ARCHKB_DYNAMIC_STDLIB"] == nil ? ["-static-stdlib"] : []

let package = Package(
    name: "archkb",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "archkb", targets: ["archkb"]),
        .executable(name: "archkb-engine", targets: ["archkb-engine"]),
        .executable(name: "archkb-mcp", targets: ["archkb-mcp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // The leaf every layer may use: release and protocol versions, JSON string quoting.
        .target(name: "ArchKBCore"),
        // Corpus parsing: files → documents, entity cards, guides, catalog entries, decision records.
        .target(name: "ArchKBCorpus", dependencies: ["Yams"]),
        // Index: SQLite FTS5 tables plus our TF-IDF vector index and thesaurus.
        .target(name: "ArchKBIndex", dependencies: ["ArchKBCorpus", "ArchKBCore", "CSQLite"]),
        // Query and ranking: retrieval, fusion, entity aggregation, precedent, confidence.
        .target(name: "ArchKBQuery", dependencies: ["ArchKBIndex", "ArchKBCorpus"]),
        // Rendering: terminal table, Markdown, plain text, JSON.
        .target(name: "ArchKBRender", dependencies: ["ArchKBQuery", "ArchKBIndex", "ArchKBCorpus", "ArchKBCore"]),
        // Daemon client: C library only, so the thin `archkb` starts in milliseconds.
        .target(name: "ArchKBClient", dependencies: ["ArchKBCore"]),
        // Daemon: Unix-socket server, request handling, completion index.
        .target(name: "ArchKBDaemon", dependencies: [
            "ArchKBRender", "ArchKBQuery", "ArchKBIndex", "ArchKBCorpus", "ArchKBClient", "ArchKBCore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The full command-line program: every command, answered in process.
        .executableTarget(name: "archkb-engine", dependencies: [
            "ArchKBDaemon", "ArchKBRender", "ArchKBQuery", "ArchKBIndex", "ArchKBCorpus", "ArchKBClient", "ArchKBCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: [.unsafeFlags(staticStdlib, .when(platforms: [.linux]))],
        linkerSettings: [.unsafeFlags(staticStdlib, .when(platforms: [.linux]))]),
        // MCP server logic: tool definitions, argument checks, answers from the daemon or in process.
        .target(name: "ArchKBMCP", dependencies: [
            "ArchKBRender", "ArchKBQuery", "ArchKBIndex", "ArchKBCorpus", "ArchKBClient", "ArchKBCore",
            .product(name: "MCP", package: "swift-sdk"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // `archkb mcp`: the MCP server on stdio, exec'd by the thin client (keeps MCP out of its start-up).
        .executableTarget(name: "archkb-mcp", dependencies: [
            "ArchKBMCP", "ArchKBClient", "ArchKBCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The thin client users run: asks a running daemon, else hands over to archkb-engine (or archkb-mcp for `mcp`).
        // Linked with a static Swift runtime: no shared-library loading at start-up (≈2.3 ms vs ≈3.2 ms per run).
        .executableTarget(name: "archkb", dependencies: ["ArchKBClient", "ArchKBCore"],
                          linkerSettings: [.unsafeFlags(staticStdlib, .when(platforms: [.linux]))]),
        .testTarget(name: "ArchKBTests", dependencies: ["ArchKBCore", "ArchKBCorpus", "ArchKBIndex", "ArchKBQuery", "ArchKBRender", "ArchKBDaemon", "ArchKBClient", "ArchKBMCP",
                                                        .product(name: "MCP", package: "swift-sdk"), .product(name: "Logging", package: "swift-log")],
                    resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
