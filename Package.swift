// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Kodex",
    // Built and tested on Linux (Debian, Swift 6); macOS 15 is the first with the
    // Synchronization module's Mutex, which the library uses for every lock.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kodex", targets: ["kodex"]),
        .library(name: "KodexValidation", targets: ["KodexValidation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // MARK: - C libraries
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),

        // What the full screen's signal handlers touch, in C: see terminal_guard.h.
        .target(name: "CTerminalGuard"),
        // Linux's atomic exchange of two folders, which Swift's Glibc does not declare.
        .target(name: "CFileExchange"),

        // MARK: - Library layers, lowest first
        // What every layer may use and none owns: running work on every core, a JSON
        // writer, stable hashes, terminal cell widths, and starting programs.
        .target(name: "KodexSupport"),
        .target(name: "KodexYAML", dependencies: ["CYAML"]),
        .target(name: "KodexModel", dependencies: ["KodexYAML", "KodexSupport"]),
        // Text made safe for HTML, Markdown and CSS: for every module that writes them.
        .target(name: "KodexEscaping", dependencies: ["KodexModel"]),
        .target(name: "KodexValidation", dependencies: ["KodexModel", "KodexYAML", "KodexSupport"]),
        // Mustache page templates, parsed once and rendered against typed page data.
        .target(name: "KodexPageTemplates", dependencies: ["KodexEscaping"]),
        .target(
            name: "KodexPublishing",
            dependencies: [
                "KodexChanges", "KodexValidation", "KodexModel", "KodexYAML", "KodexEscaping", "KodexPageTemplates",
                "KodexSupport", "CCmark", "CFileExchange",
            ],
            plugins: ["EmbedTemplates"]
        ),
        // Two versions of a codex compared element by element: `kodex diff`.
        .target(name: "KodexChanges", dependencies: ["KodexStartup", "KodexValidation", "KodexModel", "KodexEscaping", "KodexSupport"]),
        // The live preview: the handbook served from memory and rebuilt on every change.
        .target(
            name: "KodexPreview",
            dependencies: [
                "KodexPublishing", "KodexValidation", "KodexModel", "KodexEscaping",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The codex in other tools' formats: helpdesk macros and replies, BPMN models: `kodex export`.
        .target(name: "KodexExports", dependencies: ["KodexPublishing", "KodexStartup", "KodexValidation", "KodexModel", "KodexEscaping", "KodexSupport"]),
        // The exam bank: questions generated from the codex, reviewed by trainers, and
        // exported for learning platforms: `kodex quiz`.
        .target(name: "KodexQuiz", dependencies: ["KodexChecklist", "KodexValidation", "KodexModel", "KodexYAML", "KodexEscaping", "KodexSupport"]),
        .target(name: "KodexChecklist", dependencies: ["KodexModel", "KodexSupport"]),
        // Sessions as data: journals imported into a store (SQLite, or PostgreSQL for a
        // team), and the report trainers read.
        .target(
            name: "KodexReports",
            dependencies: [
                "KodexChecklist", "KodexModel", "KodexEscaping", "KodexSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // What `kodex run` reads to start fast: the start-up cache, the preview's files and
        // the codex's fingerprint.
        .target(name: "KodexStartup", dependencies: ["KodexValidation", "KodexModel", "KodexSupport"]),
        .target(
            name: "KodexTerminal",
            dependencies: [
                "KodexChecklist", "KodexQuiz", "KodexStartup", "KodexValidation", "KodexEscaping", "KodexModel", "KodexSupport",
                "CTerminalGuard",
            ]
        ),

        // MARK: - Benchmark
        .target(name: "KodexSynthetic"),
        .executableTarget(
            name: "kodex-bench",
            dependencies: ["KodexSynthetic", "KodexChecklist", "KodexModel", "KodexYAML", "KodexSupport", "CYAML"]
        ),

        // MARK: - Fuzzing (see .ci/fuzz)
        .executableTarget(
            name: "kodex-fuzz",
            dependencies: ["KodexChecklist", "KodexPublishing", "KodexValidation", "KodexModel", "KodexYAML"]
        ),

        // MARK: - Build tools
        .executableTarget(name: "kodex-embed"),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["kodex-embed"]),

        // MARK: - Command line
        .executableTarget(
            name: "kodex",
            dependencies: [
                "KodexTerminal",
                "KodexChanges",
                "KodexExports",
                "KodexQuiz",
                "KodexPreview",
                "KodexChecklist",
                "KodexStartup",
                "KodexReports",
                "KodexPublishing",
                "KodexValidation",
                "KodexModel",
                "KodexSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["KodexSupport", "KodexChecklist", "KodexModel"], path: "Tests/TestSupport"),
        .testTarget(name: "KodexYAMLTests", dependencies: ["KodexYAML"]),
        .testTarget(
            name: "KodexReportsTests",
            dependencies: ["KodexReports", "KodexChecklist", "KodexModel", "KodexSupport", "TestSupport"]
        ),
        .testTarget(
            name: "KodexPageTemplatesTests",
            dependencies: ["KodexPageTemplates", "KodexEscaping", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(
            name: "KodexValidationTests",
            dependencies: ["KodexValidation", "KodexModel", "KodexYAML", "KodexSupport", "KodexSynthetic", "TestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "KodexPublishingTests",
            dependencies: ["KodexPublishing", "KodexChanges", "KodexValidation", "KodexModel", "KodexSupport", "CCmark", "TestSupport"],
            exclude: ["Golden", "Fixtures", "Browser"]
        ),
        .testTarget(
            name: "KodexPreviewTests",
            dependencies: ["KodexPreview", "KodexPublishing", "KodexValidation", "KodexModel", "TestSupport"]
        ),
        .testTarget(
            name: "KodexExportsTests",
            dependencies: ["KodexExports", "KodexPublishing", "KodexModel", "TestSupport"],
            exclude: ["Golden", "Schemas", "Readers"]
        ),
        .testTarget(
            name: "KodexQuizTests",
            dependencies: ["KodexQuiz", "KodexValidation", "KodexModel", "KodexSupport", "TestSupport"],
            exclude: ["Golden", "Readers"]
        ),
        .testTarget(name: "KodexChangesTests", dependencies: ["KodexChanges", "KodexModel", "TestSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "KodexChecklistTests",
            dependencies: ["KodexChecklist", "KodexStartup", "KodexTerminal", "KodexModel", "TestSupport"]
        ),
        .testTarget(
            name: "KodexCLITests",
            dependencies: ["kodex", "kodex-fuzz", "KodexSupport", "TestSupport"],
            exclude: ["Golden", "Fixtures", "Readers"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
