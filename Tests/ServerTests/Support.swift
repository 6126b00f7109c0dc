import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdBcrypt
import Testing
import HTTPTypes
@testable import PendampingServer

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixture(_ path: String) -> String { packageRoot.appendingPathComponent("fixtures/" + path).path }

/// A fresh temporary directory, removed by the caller's `defer`.
func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pendamping-server-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// A binary built beside the test bundle (the test target depends on both executables).
func builtBinary(_ name: String) -> String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path
}

/// Runs one of the built binaries to its end, output discarded; its exit status.
func runBinary(_ name: String, _ arguments: [String]) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: builtBinary(name))
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}

/// A store in `dir` with accounts `admin`, `kurator` (curator), `tamu` (viewer) and `lain`
/// (a curator of no programme), each with password `rahasia-<name>` (cheap bcrypt cost).
func seededWork(_ dir: URL) async throws -> ProgrammeWork {
    let store = try SQLiteStore(path: dir.appendingPathComponent("pendamping.sqlite").path)
    for (name, role) in [("admin", Role.admin), ("kurator", .curator), ("tamu", .viewer), ("lain", .curator)] {
        _ = try await store.addAccount(name: name, role: role, passwordHash: Bcrypt.hash("rahasia-" + name, cost: 4))
    }
    return try ProgrammeWork(store: store, dataDirectory: dir.path)
}

/// A signed-in client of the router test framework: keeps the session cookie and CSRF token.
struct Session {
    let client: any TestClientProtocol
    var cookie = ""
    var csrf = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    mutating func signIn(_ name: String, password: String? = nil) async throws -> HTTPResponse.Status {
        let body = try JSONSerialization.data(withJSONObject: ["name": name, "password": password ?? "rahasia-" + name])
        let r = try await client.execute(uri: "/api/login", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(bytes: body))
        if r.status == .ok {
            cookie = String((r.headers[.setCookie] ?? "").split(separator: ";").first ?? "")
            let json = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
            csrf = json?["csrf"] as? String ?? ""
        }
        return r.status
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, json: Any? = nil, csrf override: String? = nil,
              language: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.cookie: cookie, .contentType: "application/json"]
        headers[HTTPField.Name("X-CSRF-Token")!] = override ?? csrf
        if let language { headers[HTTPField.Name("X-Page-Language")!] = language }
        let body = try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0)) }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body)
    }

    func json(_ method: HTTPRequest.Method, _ uri: String, _ body: Any? = nil, language: String? = nil) async throws -> (HTTPResponse.Status, Any?) {
        let r = try await send(method, uri, json: body, language: language)
        return (r.status, try? JSONSerialization.jsonObject(with: Data(buffer: r.body)))
    }
}

/// A file of the fixtures as the API's upload part.
func filePart(_ path: String) throws -> [String: String] {
    ["file_name": (path as NSString).lastPathComponent, "base64": try Data(contentsOf: URL(fileURLWithPath: path)).base64EncodedString()]
}

/// The app on `work` for the router test framework.
/// A fresh data directory with the seeded accounts (``seededWork(_:)``) and the app's router on
/// it: `body` gets the programme work, the test client and the directory, which is removed after.
func withSeededApp(_ body: @escaping @Sendable (ProgrammeWork, any TestClientProtocol, URL) async throws -> Void) async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let work = try await seededWork(dir)
    try await testApp(work, dir: dir).test(.router) { client in try await body(work, client, dir) }
}

func testApp(_ work: ProgrammeWork, dir: URL) async throws -> some ApplicationProtocol {
    Application(router: try await ServerApp.router(work: work, settings: ServerSettings(dataDirectory: dir.path)))
}
