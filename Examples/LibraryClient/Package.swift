// swift-tools-version:6.0
// A client of Pendamping that depends on it by path, as a new project would: it runs the
// README's library example (no `import GLPK`, no index arithmetic). `.ci/run` builds and runs it.
import PackageDescription

let package = Package(
    name: "LibraryClient",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Pendamping", path: "../..")],
    targets: [
        .executableTarget(name: "LibraryClient", dependencies: [.product(name: "Pendamping", package: "Pendamping")]),
    ]
)
