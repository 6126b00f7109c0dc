import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import PendampingServer
import Testing

extension RouteTests {
    /// Every API route of the OpenAPI document and every page, sent malformed bodies and path
    /// parameters by a signed-in admin: each answers a 4xx (or a success), never a 5xx; the
    /// programme's lists, rounds and decisions are as before (proposing and publishing, which
    /// take no body, are left out).
    @Test("malformed requests to every route answer 4xx, never 5xx, and change nothing")
    func malformedRequestsNeverFailTheServer() async throws {
        try await withSeededApp { work, client, dir in
            var admin = Session(client)
            _ = try await admin.signIn("admin")
            let id = try await programmeWithLists(admin)
            #expect(try await admin.send(.post, "/api/programmes/\(id)/rounds").status == .created)
            let listsBefore = try await work.store.currentLists(programmeID: Int64(id)).mapValues(\.id)
            let roundsBefore = try await work.store.rounds(programmeID: Int64(id)).count
            let decisionsBefore = try await work.store.decisions(programmeID: Int64(id)).count

            let doc = try JSONSerialization.jsonObject(with: try OpenAPIDocument.data()) as? [String: Any]
            let paths = (doc?["paths"] as? [String: [String: Any]]) ?? [:]
            let badIDs = ["abc", "-1", "0", "99999999999999999999", "1e3", "%2e%2e", String(repeating: "9", count: 400)]
            let bodies: [Data?] = [
                nil, Data(), Data("{".utf8), Data("[]".utf8), Data("null".utf8), Data("\"x\"".utf8), Data("{\"name\": 5}".utf8),
                Data("{\"mentors\": {\"file_name\": 1, \"base64\": []}}".utf8),
                Data("{\"mentee_id\": null, \"mentor_id\": [], \"decision\": {}, \"expected\": \"1\"}".utf8),
                Data("{\"scenario\": 7, \"years\": -3, \"plan\": {}}".utf8), Data("{\"profile\": \"{\\\"k\\\": 1e999}\"}".utf8),
                Data((String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)).utf8),
                Data([0xFF, 0xFE, 0x00, 0x41]),
            ]
            var sent = 0
            for (template, methods) in paths.sorted(by: { $0.key < $1.key }) {
                // The event stream stays open; logging out or changing the password would end the session.
                if template.hasSuffix("/events") || template == "/api/logout" || template == "/api/password" { continue }
                let valid = template.replacingOccurrences(of: "{programme}", with: "\(id)").replacingOccurrences(of: "{round}", with: "1")
                    .replacingOccurrences(of: "{scenario}", with: "1").replacingOccurrences(of: "{name}", with: "pairs.csv")
                var uris = [valid]
                for bad in badIDs where template.contains("{") {
                    for key in ["{programme}", "{round}", "{scenario}", "{name}"] where template.contains(key) {
                        uris.append(template.replacingOccurrences(of: key, with: bad).replacingOccurrences(of: "{programme}", with: "\(id)")
                            .replacingOccurrences(of: "{round}", with: "1").replacingOccurrences(of: "{scenario}", with: "1")
                            .replacingOccurrences(of: "{name}", with: "pairs.csv"))
                    }
                }
                for method in methods.keys.sorted() {
                    // Proposing and publishing take no body: any request is a real one.
                    if method == "post" && (template.hasSuffix("/rounds") || template.hasSuffix("/publish")) { continue }
                    let m: HTTPRequest.Method = method == "post" ? .post : method == "put" ? .put : .get
                    for uri in uris {
                        for body in (m == .get ? [nil] : bodies) {
                            var headers: HTTPFields = [.cookie: admin.cookie, .contentType: "application/json"]
                            headers[HTTPField.Name("X-CSRF-Token")!] = admin.csrf
                            let r = try await client.execute(uri: uri, method: m, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
                            sent += 1
                            #expect(r.status.code < 500, "\(method.uppercased()) \(uri.prefix(80)) with \(body.map { String(decoding: $0.prefix(40), as: UTF8.self) } ?? "no body"): \(r.status)")
                        }
                    }
                }
            }
            // The pages, with bad parameters too.
            for page in ["/p/abc", "/p/-1", "/p/\(id)/rounds/abc", "/p/\(id)/rounds/99999999999999999999", "/p/\(id)/rounds/1/print?lang=xx",
                         "/p/\(id)/planning/abc", "/p/\(id)/planning/1/report", "/p/\(id)/audit?lang=%00", "/p/%2e%2e/rounds/1"] {
                let r = try await client.execute(uri: page, method: .get, headers: [.cookie: admin.cookie])
                sent += 1
                #expect(r.status.code < 500, "GET \(page): \(r.status)")
            }
            #expect(sent > 500, "\(sent) requests")
            #expect(try await work.store.currentLists(programmeID: Int64(id)).mapValues(\.id) == listsBefore)
            #expect(try await work.store.rounds(programmeID: Int64(id)).count == roundsBefore)
            #expect(try await work.store.decisions(programmeID: Int64(id)).count == decisionsBefore)
        }
    }
}
