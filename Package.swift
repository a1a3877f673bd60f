// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "archkb",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "archkb", targets: ["archkb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // Corpus parsing: files → documents, entity cards, guides, catalog entries, decision records.
        .target(name: "ArchKBCorpus", dependencies: ["Yams"]),
        // Index: SQLite FTS5 tables plus our TF-IDF vector index and thesaurus.
        .target(name: "ArchKBIndex", dependencies: ["ArchKBCorpus", "CSQLite"]),
        // Query and ranking: retrieval, fusion, entity aggregation, precedent, confidence.
        .target(name: "ArchKBQuery", dependencies: ["ArchKBIndex"]),
        // Rendering: terminal table, Markdown, plain text, JSON.
        .target(name: "ArchKBRender", dependencies: ["ArchKBQuery"]),
        .executableTarget(name: "archkb", dependencies: [
            "ArchKBRender",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "ArchKBTests", dependencies: ["ArchKBCorpus", "ArchKBIndex", "ArchKBQuery", "ArchKBRender"],
                    resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v5]
)
