// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Pendamping",
    products: [
        .library(name: "Pendamping", targets: ["Pendamping"]),
        .library(name: "PendampingSynthetic", targets: ["PendampingSynthetic"]),
        .library(name: "PendampingPlanning", targets: ["PendampingPlanning"]),
        .library(name: "GLPK", targets: ["GLPK"]),
        .library(name: "MinCostFlow", targets: ["MinCostFlow"]),
        .library(name: "GAP", targets: ["GAP"]),
        .executable(name: "pendamping", targets: ["pendamping"]),
        .library(name: "PendampingServer", targets: ["PendampingServer"]),
        .executable(name: "pendamping-server", targets: ["pendamping-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Excel workbooks (`.xlsx`) are ZIP archives of XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The HTML report is rendered from Mustache templates (every value HTML-escaped).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // `swift package generate-documentation` for the DocC catalog in Sources/Pendamping.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The web app (`pendamping-server`): HTTP server, bcrypt and sessions, SQLite store.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Graceful shutdown of open event streams (Hummingbird's own service lifecycle).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // GLPK's C API, from Debian's libglpk-dev (header in /usr/include, no pkg-config file).
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // SHA-256 from the system's OpenSSL libcrypto (Debian's libssl-dev), linked like GLPK.
        .systemLibrary(
            name: "COpenSSLCrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // C guards around GLPK entry points: fatal errors longjmp back instead of abort().
        .target(
            name: "CGLPKShims",
            dependencies: ["CGLPK"]
        ),
        // The only Swift module that imports CGLPK.
        .target(
            name: "GLPK",
            dependencies: ["CGLPK", "CGLPKShims"]
        ),
        // Generic tables in and out: CSV and XLSX reading, CSV and JSON writing, number formats,
        // input issues located by file, sheet, row and column, atomic output directories.
        .target(
            name: "Tabular",
            dependencies: ["Parallel", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Work shared between threads: ordered parallel maps and values computed beside the caller.
        .target(name: "Parallel"),
        // Optimisation toolkit: the exact 0-1 knapsack, seeded randomness, stopping and
        // following a long solve.
        .target(name: "Optimisation", dependencies: ["GLPK", "Parallel"]),
        // The OR-Library Generalized Assignment Problem solver (knows nothing of the product).
        .target(name: "GAP", dependencies: ["GLPK", "Tabular", "Optimisation", "Parallel"]),
        // Pure Swift exact min-cost-flow solver (no GLPK).
        .target(
            name: "MinCostFlow",
            swiftSettings: [.define("MINCOSTFLOW_INVARIANTS", .when(configuration: .debug))]
        ),
        .target(
            name: "Pendamping",
            dependencies: [
                "GLPK", "MinCostFlow", "COpenSSLCrypto", "Tabular", "Optimisation", "Parallel",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The Kemendagri regions table (centroids for records without coordinates) and its notice.
            resources: [.copy("Resources/regions.csv"), .copy("Resources/NOTICE-regions.md"), .copy("Resources/report")]
        ),
        // Synthetic provinces and national runs for benchmarks and tests (above the product:
        // nothing in it depends on them).
        .target(name: "PendampingSynthetic", dependencies: ["Pendamping", "Tabular", "Optimisation"]),
        // What-if scenarios, recruitment and year-by-year plans, above the product they ask about.
        .target(name: "PendampingPlanning", dependencies: ["Pendamping", "Tabular", "Optimisation", "GLPK"]),
        .executableTarget(
            name: "pendamping",
            dependencies: [
                "Pendamping", "PendampingSynthetic", "PendampingPlanning", "GAP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The web app: store (GRDB, SQLite in WAL mode), routes, pages and the API.
        .target(
            name: "PendampingServer",
            dependencies: [
                "Pendamping", "PendampingPlanning", "Tabular", "Optimisation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static"), .copy("Resources/openapi.json")]
        ),
        // A second executable so that the CLI neither builds nor loads the web stack.
        .executableTarget(
            name: "pendamping-server",
            dependencies: [
                "PendampingServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The tests' oracles: random models and datasets, exhaustive optima, an independent rule
        // checker (answers found without the code under test).
        .target(name: "PendampingTestSupport", dependencies: ["Pendamping", "Optimisation"], path: "Tests/PendampingTestSupport"),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK"]),
        .testTarget(name: "MinCostFlowTests", dependencies: ["MinCostFlow", "GLPK"]),
        .testTarget(name: "GAPTests", dependencies: ["GAP", "GLPK", "Optimisation", "Tabular"]),
        .testTarget(
            name: "PendampingTests",
            // The CLI tests run the `pendamping` binary: depending on it keeps it current.
            dependencies: ["Pendamping", "PendampingSynthetic", "PendampingPlanning", "PendampingTestSupport", "GLPK", "MinCostFlow", "Tabular", "Optimisation", "Parallel", "pendamping",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "PendampingServer", "Pendamping", "pendamping", "pendamping-server",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
