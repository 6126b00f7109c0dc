// swift-tools-version:6.1
// package-benchmark suites, kept out of `swift test`: run with
//   cd Benchmarks && swift package benchmark
import Foundation
import PackageDescription

// The parent package's identity is its directory name.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "PendampingBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MatchingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Pendamping", package: parent),
                .product(name: "PendampingSynthetic", package: parent),
                .product(name: "MinCostFlow", package: parent),
            ],
            path: "MatchingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
