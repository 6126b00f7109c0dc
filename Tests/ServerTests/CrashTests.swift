import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import PendampingServer

/// The real `pendamping-server` process, killed with SIGKILL and started again on the same data.
final class ServerProcess {
    let process = Process()
    let port: Int
    let output = Pipe()

    init(data: String, port: Int, demo: Bool) throws {
        self.port = port
        process.executableURL = URL(fileURLWithPath: builtBinary("pendamping-server"))
        process.arguments = ["serve", "--data", data, "--port", String(port)]
            + (demo ? ["--demo-mentors", fixture("jakarta-barat/mentors.csv"), "--demo-mentees", fixture("jakarta-barat-office/mentees.xlsx")] : [])
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Lines the server printed before it listened (the first admin's password among them).
    func startupLines() -> [String] {
        var text = ""
        while !text.contains("Pendamping web app:") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return text.split(separator: "\n").map(String.init)
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// A small HTTP client with one session cookie.
final class HTTPClient: @unchecked Sendable {
    let base: String
    var cookie = ""
    var csrf = ""
    init(port: Int) { base = "http://127.0.0.1:\(port)" }

    func request(_ method: String, _ path: String, json: Any? = nil) async throws -> (Int, Any?) {
        var r = URLRequest(url: URL(string: base + path)!)
        r.httpMethod = method
        r.setValue("application/json", forHTTPHeaderField: "Content-Type")
        r.setValue(cookie, forHTTPHeaderField: "Cookie")
        r.setValue(csrf, forHTTPHeaderField: "X-CSRF-Token")
        if let json { r.httpBody = try JSONSerialization.data(withJSONObject: json) }
        let (data, response) = try await URLSession.shared.data(for: r)
        let http = response as! HTTPURLResponse
        if let set = http.value(forHTTPHeaderField: "Set-Cookie") { cookie = String(set.split(separator: ";")[0]) }
        return (http.statusCode, try? JSONSerialization.jsonObject(with: data))
    }

    /// Waits until the server answers (up to 120 s: a debug build beside the rest of the suite
    /// on two cores starts slowly).
    func waitUntilUp() async throws {
        for _ in 0..<1200 {
            if (try? await request("GET", "/api/openapi.json"))?.0 == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw StoreRefusal("server did not start")
    }

    func signIn(_ name: String, _ password: String) async throws {
        let (s, body) = try await request("POST", "/api/login", json: ["name": name, "password": password])
        #expect(s == 200)
        csrf = (body as? [String: Any])?["csrf"] as? String ?? ""
    }
}

@Suite("Web app survives kill -9", .serialized) struct CrashTests {
    @Test("every acknowledged decision is present after kill -9 during decisions and during a solve; sessions survive the restart")
    func killNine() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let port = Int.random(in: 20_000...40_000)
        var server = try ServerProcess(data: dir.path, port: port, demo: true)
        let lines = server.startupLines()
        let password = try #require(lines.first { $0.contains("one-time password") }?.split(separator: " ").last.map(String.init))
        let client = HTTPClient(port: port)
        try await client.waitUntilUp()
        try await client.signIn("admin", password)
        // The demo's admin has a one-time password: nothing else until it is changed.
        #expect(try await client.request("POST", "/api/programmes/1/rounds").0 == 403)
        #expect(try await client.request("POST", "/api/password", json: ["current": password, "new": "sandi-baru-123"]).0 == 204)
        #expect(try await client.request("POST", "/api/programmes/1/rounds").0 == 201)
        let (_, round) = try await client.request("GET", "/api/programmes/1/rounds/1")
        let pairs = ((round as? [String: Any])?["cohorts"] as? [[String: Any]] ?? []).flatMap { $0["pairs"] as? [[String: Any]] ?? [] }
        #expect(pairs.count > 30)

        // Decisions one after another; the server is killed right after the 20th is acknowledged.
        var acknowledged: [Int] = []
        for (k, pair) in pairs.prefix(20).enumerated() {
            let (s, body) = try await client.request("POST", "/api/programmes/1/decisions", json: [
                "mentee_id": pair["mentee_id"] as? String ?? "", "mentor_id": pair["mentor_id"] as? String ?? "",
                "decision": k % 2 == 0 ? "accept" : "reject"])
            #expect(s == 201)
            if let id = (body as? [String: Any])?["id"] as? Int { acknowledged.append(id) }
        }
        server.kill9()
        server = try ServerProcess(data: dir.path, port: port, demo: true)
        try await client.waitUntilUp()
        // The session cookie still holds: sessions live in the store.
        let (s, decisions) = try await client.request("GET", "/api/programmes/1/decisions")
        #expect(s == 200)
        let stored = Set(((decisions as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int })
        #expect(Set(acknowledged).isSubset(of: stored))
        #expect(acknowledged.count == 20)

        // Killed while a round is being solved: afterwards the round is there whole or not at all.
        let solve = Task { _ = try? await client.request("POST", "/api/programmes/1/rounds") }
        try await Task.sleep(for: .milliseconds(40))
        server.kill9()
        await solve.value
        server = try ServerProcess(data: dir.path, port: port, demo: false)
        try await client.waitUntilUp()
        let (_, rounds) = try await client.request("GET", "/api/programmes/1/rounds")
        let numbers = ((rounds as? [[String: Any]]) ?? []).compactMap { $0["number"] as? Int }
        #expect(numbers == [1] || numbers == [1, 2])
        for n in numbers {
            let (fs, _) = try await client.request("GET", "/api/programmes/1/rounds/\(n)/files/summary.json")
            #expect(fs == 200)
        }
        // And the next solve works.
        #expect(try await client.request("POST", "/api/programmes/1/rounds").0 == 201)
        // A backup taken while the server runs holds every decision; it refuses to overwrite.
        let backup = dir.appendingPathComponent("copy.sqlite").path
        #expect(try runBinary("pendamping-server", ["backup", "--data", dir.path, backup]) == 0)
        #expect(try runBinary("pendamping-server", ["backup", "--data", dir.path, backup]) == 64)
        let copy = try SQLiteStore(path: backup)
        #expect(Set(try await copy.decisions(programmeID: 1).map { Int($0.id) }) == stored)
        server.kill9()
        // No scratch folder is left behind by the killed solve once the server started again.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("work").path).isEmpty)
    }
}
