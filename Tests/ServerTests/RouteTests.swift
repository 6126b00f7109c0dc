import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import PendampingServer
import Pendamping
import HTTPTypes

@Suite("Web app routes") struct RouteTests {
    /// Creates a programme as `admin` with `kurator` and `tamu` as members and the Jakarta
    /// Barat lists (mentors CSV, the office's mentees workbook) uploaded; its id.
    func programmeWithLists(_ admin: Session) async throws -> Int {
        let (s, p) = try await admin.json(.post, "/api/programmes", ["name": "Kakak Asuh Jakarta Barat", "region": "31.73"])
        #expect(s == .created)
        let id = (p as? [String: Any])?["id"] as? Int ?? -1
        for name in ["kurator", "tamu"] {
            #expect(try await admin.send(.post, "/api/programmes/\(id)/members", json: ["name": name]).status == .noContent)
        }
        let (u, _) = try await admin.json(.post, "/api/programmes/\(id)/lists", [
            "mentors": try filePart(fixture("jakarta-barat/mentors.csv")),
            "mentees": try filePart(fixture("jakarta-barat-office/mentees.xlsx")),
        ])
        #expect(u == .ok)
        return id
    }

    @Test("sign-in, CSRF and roles are checked on the server; another programme's data answers 404")
    func accessRules() async throws {
        try await withSeededApp { work, client, dir in
            var admin = Session(client), curator = Session(client), viewer = Session(client), outsider = Session(client)
            #expect(try await admin.signIn("admin", password: "wrong-password") == .unauthorized)
            #expect(try await admin.signIn("admin") == .ok)
            #expect(try await curator.signIn("kurator") == .ok)
            #expect(try await viewer.signIn("tamu") == .ok)
            #expect(try await outsider.signIn("lain") == .ok)
            // Not signed in: 401; signed in without the CSRF token: 403.
            #expect(try await Session(client).send(.get, "/api/programmes").status == .unauthorized)
            #expect(try await admin.send(.post, "/api/programmes", json: ["name": "x", "region": "31"], csrf: "").status == .forbidden)
            #expect(try await curator.send(.post, "/api/programmes", json: ["name": "x", "region": "31"]).status == .forbidden)
            let id = try await programmeWithLists(admin)
            #expect(try await curator.send(.post, "/api/programmes/\(id)/rounds").status == .created)
            // A member reads; an account of no programme gets 404 for every route of this one.
            #expect(try await viewer.send(.get, "/api/programmes/\(id)/rounds/1").status == .ok)
            for uri in ["/api/programmes/\(id)", "/api/programmes/\(id)/rounds", "/api/programmes/\(id)/rounds/1",
                        "/api/programmes/\(id)/rounds/1/files/pairs.csv", "/api/programmes/\(id)/audit", "/p/\(id)/rounds/1"] {
                #expect(try await outsider.send(.get, uri).status == .notFound, "\(uri)")
            }
            #expect(try await outsider.send(.post, "/api/programmes/\(id)/decisions",
                                            json: ["mentee_id": "UM-001", "mentor_id": "KA-04", "decision": "reject"]).status == .notFound)
            // A viewer may not decide, propose or upload.
            #expect(try await viewer.send(.post, "/api/programmes/\(id)/decisions",
                                          json: ["mentee_id": "UM-001", "mentor_id": "KA-04", "decision": "reject"]).status == .forbidden)
            #expect(try await viewer.send(.post, "/api/programmes/\(id)/rounds").status == .forbidden)
            // Only an admin publishes.
            #expect(try await curator.send(.post, "/api/programmes/\(id)/rounds/1/publish").status == .forbidden)
            #expect(try await admin.send(.post, "/api/programmes/\(id)/rounds/1/publish").status == .noContent)
            #expect(try await curator.send(.post, "/api/programmes/\(id)/decisions",
                                           json: ["mentee_id": "UM-001", "mentor_id": "KA-04", "decision": "reject"]).status == .unprocessableContent)
        }
    }

    @Test("refused lists store nothing and say where the problem is")
    func refusedUpload() async throws {
        try await withSeededApp { work, client, dir in
            var admin = Session(client)
            _ = try await admin.signIn("admin")
            let id = try await programmeWithLists(admin)
            let before = try await work.store.currentLists(programmeID: Int64(id))
            let bad = "id,name,kbli,capacity,lat,lon,region\nKA-01,Rumah Tama,10710,lots,-6.2,106.7,31.73.01\n"
            let (s, body) = try await admin.json(.post, "/api/programmes/\(id)/lists", [
                "mentors": ["file_name": "mentor-baru.csv", "base64": Data(bad.utf8).base64EncodedString()]])
            #expect(s == .unprocessableContent)
            let issues = ((body as? [String: Any])?["issues"] as? [String]) ?? []
            #expect(issues.contains { $0.contains("mentor-baru.csv") && $0.contains("capacity") }, "\(issues)")
            #expect(!issues.joined().contains(dir.path), "staging paths must not show")
            // A page asks for Indonesian: the same issue in the list's words, and the checks
            // before reading (a file that is not a list) too.
            let (sID, bodyID) = try await admin.json(.post, "/api/programmes/\(id)/lists", [
                "mentors": ["file_name": "mentor-baru.csv", "base64": Data(bad.utf8).base64EncodedString()]], language: "id")
            #expect(sID == .unprocessableContent)
            let issuesID = ((bodyID as? [String: Any])?["issues"] as? [String]) ?? []
            #expect(issuesID == ["mentor-baru.csv, baris 2: kolom 'capacity': teks 4 huruf (tidak ditampilkan) bukan bilangan bulat dalam [1, 100000] (data KA-01)"], "\(issuesID)")
            let (_, notAList) = try await admin.json(.post, "/api/programmes/\(id)/lists", [
                "mentors": ["file_name": "catatan.txt", "base64": Data("x".utf8).base64EncodedString()]], language: "id")
            #expect(((notAList as? [String: Any])?["issues"] as? [String]) == ["pendamping: catatan.txt bukan berkas .csv atau .xlsx"])
            let after = try await work.store.currentLists(programmeID: Int64(id))
            #expect(after[.mentors]?.id == before[.mentors]?.id)
            // Not a workbook, not a known kind.
            let (s2, _) = try await admin.json(.post, "/api/programmes/\(id)/lists", [
                "mentees": ["file_name": "x.xlsx", "base64": Data("not a zip".utf8).base64EncodedString()]])
            #expect(s2 == .unprocessableContent)
            let (s3, _) = try await admin.json(.post, "/api/programmes/\(id)/lists", [
                "mentees": ["file_name": "../../etc/passwd", "base64": Data("x".utf8).base64EncodedString()]])
            #expect(s3 == .unprocessableContent)
        }
    }

    @Test("a round in the app gives the same bytes as pendamping round; conflicts are reported; the audit names the curator")
    func roundsMatchTheCLI() async throws {
        try await withSeededApp { work, client, dir in
            var admin = Session(client), curator = Session(client)
            _ = try await admin.signIn("admin")
            _ = try await curator.signIn("kurator")
            let id = try await programmeWithLists(admin)
            #expect(try await curator.send(.post, "/api/programmes/\(id)/rounds").status == .created)
            // Decisions: a reject, a lock, and a stale second decision on the rejected pair.
            let (s1, d1) = try await curator.json(.post, "/api/programmes/\(id)/decisions",
                                                  ["mentee_id": "UM-001", "mentor_id": "KA-04", "decision": "reject", "expected": 0])
            #expect(s1 == .created)
            let (s2, d2) = try await admin.json(.post, "/api/programmes/\(id)/decisions",
                                                ["mentee_id": "UM-001", "mentor_id": "KA-04", "decision": "accept", "expected": 0])
            #expect(s2 == .conflict)
            #expect(((d2 as? [String: Any])?["current"] as? [String: Any])?["by"] as? String == "kurator")
            let firstID = (d1 as? [String: Any])?["id"] as? Int ?? -1
            #expect(try await curator.send(.post, "/api/programmes/\(id)/decisions",
                                           json: ["mentee_id": "UM-002", "mentor_id": "KA-04", "decision": "lock"]).status == .created)
            #expect(firstID > 0)
            #expect(try await curator.send(.post, "/api/programmes/\(id)/rounds").status == .created)

            // The same round by the CLI from the stored inputs.
            let lists = try await work.store.currentLists(programmeID: Int64(id))
            let round1 = try #require(try await work.store.round(programmeID: Int64(id), number: 1))
            let round2 = try #require(try await work.store.round(programmeID: Int64(id), number: 2))
            let inputs = dir.appendingPathComponent("cli-inputs")
            try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
            try lists[.mentors]!.bytes.write(to: inputs.appendingPathComponent("mentors.csv"))
            try lists[.mentees]!.bytes.write(to: inputs.appendingPathComponent("mentees.xlsx"))
            try #require(try await work.store.roundFile(roundID: round1.id, name: "pairs.csv")).write(to: inputs.appendingPathComponent("pairs.csv"))
            try #require(try await work.store.roundFile(roundID: round2.id, name: "decisions.csv")).write(to: inputs.appendingPathComponent("decisions.csv"))
            try Data(RoundDirectory.profileFile(.default)).write(to: inputs.appendingPathComponent("profile.json"))
            let out = dir.appendingPathComponent("cli-round")
            #expect(try runBinary("pendamping", ["round", "--mentors", inputs.appendingPathComponent("mentors.csv").path,
                                                  "--mentees", inputs.appendingPathComponent("mentees.xlsx").path,
                                                  "--previous", inputs.appendingPathComponent("pairs.csv").path,
                                                  "--decisions", inputs.appendingPathComponent("decisions.csv").path,
                                                  "--profile", inputs.appendingPathComponent("profile.json").path, "--out", out.path]) == 0)
            // timings.json holds wall-clock times; .pendamping-output marks a CLI output folder.
            let cliFiles = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().filter { $0 != ".pendamping-output" }
            let appFiles = try await work.store.roundFileNames(roundID: round2.id)
            #expect(cliFiles == appFiles)
            #expect(cliFiles.count >= 14)
            for name in cliFiles where name != "timings.json" {
                let cli = try Data(contentsOf: out.appendingPathComponent(name))
                let app = try await work.store.roundFile(roundID: round2.id, name: name)
                #expect(cli == app, "\(name) differs")
            }
            let decisions = String(decoding: try Data(contentsOf: out.appendingPathComponent("decisions.csv")), as: UTF8.self)
            #expect(decisions == "mentee_id,mentor_id,decision\nUM-001,KA-04,reject\nUM-002,KA-04,lock\n")
            let diff = String(decoding: try Data(contentsOf: out.appendingPathComponent("diff.csv")), as: UTF8.self)
            #expect(diff.contains("UM-001,KA-04,") && diff.contains("previous pair rejected by curators"))
            #expect(diff.contains("UM-002,KA-04,KA-04,kept,locked by curators"))

            // The audit log names the curator for each decision, and cannot be edited.
            let audit = try await work.store.audit(programmeID: Int64(id))
            #expect(audit.contains { $0.by == "kurator" && $0.action == "reject" && $0.detail.contains("UM-001") })
            #expect(audit.contains { $0.by == "kurator" && $0.action == "lock" })
            #expect(!audit.contains { $0.action == "accept" }, "the refused decision must not be logged")
            // Pages render for members, in Indonesian by default.
            let page = try await curator.send(.get, "/p/\(id)/rounds/2")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("Ronde 2") && html.contains("data-mentee=\"UM-002\"") && html.contains("Terima"))
            // The best other mentor of each mentee and the blocking pairs, from the round's own files.
            let alternates = try RoundView.rows(try await work.store.roundFile(roundID: round2.id, name: "alternates.csv"), name: "a")
            let first = try #require(alternates.first)
            #expect(html.contains("Pendamping alternatif terbaik") && html.contains("Pasangan pengganjal"))
            #expect(html.contains("<td>\(first["mentee_id"]!)</td><td>\(first["mentor_id"]!)</td><td class=\"num\">\(first["score"]!.replacingOccurrences(of: ".", with: ","))</td>"))
            #expect(String(buffer: try await curator.send(.get, "/p/\(id)/rounds/2?lang=en").body).contains("Accept"))
        }
    }

    @Test("a what-if scenario in the app gives the files of pendamping whatif")
    func planningMatchesTheCLI() async throws {
        try await withSeededApp { work, client, dir in
            var admin = Session(client), viewer = Session(client)
            _ = try await admin.signIn("admin")
            _ = try await viewer.signIn("tamu")
            let id = try await programmeWithLists(admin)
            let scenario = #"{"name": "+3 kader", "add_mentors": [{"kind": "cadre", "count": 3, "capacity": 5, "kbli": ["47911"], "expertise": ["digital"], "languages": ["ind"], "place": "kabupaten"}]}"#
            #expect(try await viewer.send(.post, "/api/programmes/\(id)/scenarios", json: ["scenario": scenario]).status == .forbidden)
            let (bad, _) = try await admin.json(.post, "/api/programmes/\(id)/scenarios", ["scenario": #"{"name": "x", "add_mentors": [{"kind": "robot"}]}"#])
            #expect(bad == .unprocessableContent)
            // Every mentee is matched already: recruitment finds no place, and says so (422, not 500).
            let (nowhere, why) = try await admin.json(.post, "/api/programmes/\(id)/scenarios",
                                                      ["scenario": scenario.replacingOccurrences(of: "kabupaten", with: "recruit")])
            #expect(nowhere == .unprocessableContent)
            #expect(((why as? [String: Any])?["error"] as? String ?? "").contains("recruit"))
            let (s, body) = try await admin.json(.post, "/api/programmes/\(id)/scenarios", ["scenario": scenario])
            #expect(s == .created)
            let number = (body as? [String: Any])?["number"] as? Int ?? -1
            // The CLI on the same lists and scenario file.
            let lists = try await work.store.currentLists(programmeID: Int64(id))
            let inputs = dir.appendingPathComponent("cli-inputs")
            try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
            try lists[.mentors]!.bytes.write(to: inputs.appendingPathComponent("mentors.csv"))
            try lists[.mentees]!.bytes.write(to: inputs.appendingPathComponent("mentees.xlsx"))
            try Data(scenario.utf8).write(to: inputs.appendingPathComponent("scenario.json"))
            let out = dir.appendingPathComponent("cli-whatif")
            #expect(try runBinary("pendamping", ["whatif", "--mentors", inputs.appendingPathComponent("mentors.csv").path,
                                                  "--mentees", inputs.appendingPathComponent("mentees.xlsx").path,
                                                  "--scenario", inputs.appendingPathComponent("scenario.json").path, "--out", out.path]) == 0)
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.sorted()
            #expect(names.contains("comparison.csv") && names.contains("report.html") && names.count >= 8)
            for name in names {
                let app = try await work.store.scenarioFile(programmeID: Int64(id), number: number, name: name)
                #expect(app == (try Data(contentsOf: out.appendingPathComponent(name))), "\(name) differs")
            }
            let page = try await admin.send(.get, "/p/\(id)/planning/\(number)")
            #expect(page.status == .ok && String(buffer: page.body).contains("+3 kader"))

            // A year-by-year projection: the files of pendamping plan.
            let plan = try String(contentsOfFile: fixture("scenarios/plan-kalteng.json"), encoding: .utf8)
            let (ps, pb) = try await admin.json(.post, "/api/programmes/\(id)/projections", ["plan": plan, "years": 4, "target": 0.5, "by_year": 3])
            #expect(ps == .created)
            let planNumber = (pb as? [String: Any])?["number"] as? Int ?? -1
            let planOut = dir.appendingPathComponent("cli-plan")
            #expect(try runBinary("pendamping", ["plan", "--mentors", inputs.appendingPathComponent("mentors.csv").path,
                                                  "--mentees", inputs.appendingPathComponent("mentees.xlsx").path,
                                                  "--plan", fixture("scenarios/plan-kalteng.json"), "--years", "4",
                                                  "--target", "0.5", "--by-year", "3", "--out", planOut.path]) == 0)
            let planFiles = try FileManager.default.contentsOfDirectory(atPath: planOut.path).filter { !$0.hasPrefix(".") }.sorted()
            #expect(planFiles.contains("plan.csv") && planFiles.contains("plan.svg"))
            for name in planFiles {
                let app = try await work.store.scenarioFile(programmeID: Int64(id), number: planNumber, name: name)
                #expect(app == (try Data(contentsOf: planOut.appendingPathComponent(name))), "\(name) differs")
            }
            let (bad2, _) = try await admin.json(.post, "/api/programmes/\(id)/projections", ["plan": plan, "years": 99])
            #expect(bad2 == .unprocessableContent)
        }
    }

    @Test("a withdrawal shows on the pair and leaves the next round; the print view carries phone numbers to members only")
    func withdrawAndContacts() async throws {
        try await withSeededApp { work, client, dir in
            var admin = Session(client), outsider = Session(client)
            _ = try await admin.signIn("admin")
            _ = try await outsider.signIn("lain")
            let (_, p) = try await admin.json(.post, "/api/programmes", ["name": "P", "region": "31.73"])
            let id = (p as? [String: Any])?["id"] as? Int ?? -1
            // The pilot's mentees with a phone column, which no result file carries.
            let text = try String(contentsOfFile: fixture("jakarta-barat/mentees.csv"), encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[0] += ",No. HP"
            for k in 1..<lines.count where !lines[k].isEmpty { lines[k] += ",0812-555-\(1000 + k)" }
            let (u, _) = try await admin.json(.post, "/api/programmes/\(id)/lists", [
                "mentors": try filePart(fixture("jakarta-barat/mentors.csv")),
                "mentees": ["file_name": "umkm.csv", "base64": Data(lines.joined(separator: "\n").utf8).base64EncodedString()]])
            #expect(u == .ok)
            #expect(try await admin.send(.post, "/api/programmes/\(id)/rounds").status == .created)
            let pairs = String(buffer: try await admin.send(.get, "/api/programmes/\(id)/rounds/1/files/pairs.csv").body)
            #expect(!pairs.contains("0812-555"), "phone numbers stay out of the result files")
            let print = String(buffer: try await admin.send(.get, "/p/\(id)/rounds/1/print").body)
            #expect(print.contains("0812-555-1001"), "the print view lists the mentee's phone")
            #expect(try await outsider.send(.get, "/p/\(id)/rounds/1/print").status == .notFound)
            // Withdraw the first mentee: shown on its row, gone from round 2.
            let (w, _) = try await admin.json(.post, "/api/programmes/\(id)/decisions", ["mentee_id": "UM-001", "mentor_id": "", "decision": "withdraw"])
            #expect(w == .created)
            let (both, _) = try await admin.json(.post, "/api/programmes/\(id)/decisions", ["mentee_id": "UM-002", "mentor_id": "KA-01", "decision": "withdraw"])
            #expect(both == .unprocessableContent)
            let page = String(buffer: try await admin.send(.get, "/p/\(id)/rounds/1").body)
            #expect(page.contains(#"data-mentee="UM-001""#) && page.contains(#"data-state="withdraw""#))
            #expect(try await admin.send(.post, "/api/programmes/\(id)/rounds").status == .created)
            let after = String(buffer: try await admin.send(.get, "/api/programmes/\(id)/rounds/2/files/pairs.csv").body)
            #expect(!after.contains("UM-001,"))
            let diff = String(buffer: try await admin.send(.get, "/api/programmes/\(id)/rounds/2/files/diff.csv").body)
            #expect(diff.contains("UM-001,KA-04,,withdrawn,mentee withdrawn"))
        }
    }

    @Test("uploads are limited in size and in what a workbook expands to; no request path leaves the store")
    func limitsAndPaths() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seeded = try await seededWork(dir)
        var limits = UploadLimits()
        limits.expandedBytes = 4_000
        limits.fileBytes = 200_000
        let work = try ProgrammeWork(store: seeded.store, dataDirectory: dir.path, limits: limits)
        try await testApp(work, dir: dir).test(.router) { client in
            var admin = Session(client)
            _ = try await admin.signIn("admin")
            let (_, p) = try await admin.json(.post, "/api/programmes", ["name": "P", "region": "31.73"])
            let id = (p as? [String: Any])?["id"] as? Int ?? -1
            let (s1, b1) = try await admin.json(.post, "/api/programmes/\(id)/lists", [
                "mentors": try filePart(fixture("jakarta-barat/mentors.csv")),
                "mentees": try filePart(fixture("jakarta-barat-office/mentees.xlsx"))])
            #expect(s1 == .unprocessableContent)
            #expect((((b1 as? [String: Any])?["issues"] as? [String]) ?? []).contains { $0.contains("expands to more than") })
            let big = String(repeating: "x", count: 250_000)
            let (s2, b2) = try await admin.json(.post, "/api/programmes/\(id)/lists", [
                "mentors": ["file_name": "m.csv", "base64": Data(big.utf8).base64EncodedString()]])
            #expect(s2 == .unprocessableContent)
            #expect((((b2 as? [String: Any])?["issues"] as? [String]) ?? []).contains { $0.contains("larger than") })
            #expect(try await work.store.currentLists(programmeID: Int64(id)).isEmpty)
            // A refusal in the page's language beside the English error.
            var headers: HTTPFields = [.cookie: admin.cookie, .contentType: "application/json"]
            headers[HTTPField.Name("X-CSRF-Token")!] = admin.csrf
            headers[HTTPField.Name("X-Page-Language")!] = "id"
            let refused = try await client.execute(uri: "/api/programmes/\(id)/rounds", method: .post, headers: headers)
            #expect(refused.status == .unprocessableContent)
            let said = try JSONSerialization.jsonObject(with: Data(buffer: refused.body)) as? [String: String]
            #expect(said?["message"] == "Unggah dulu daftar pendamping dan daftar UMKM.")
            #expect(said?["error"] == "upload the mentors and the mentees lists first")
            // Paths: only the app's own static files, only stored round files.
            for uri in ["/static/..%2F..%2FPackage.swift", "/static/../../Package.swift", "/static/templates", "/static/round.mustache",
                        "/api/programmes/\(id)/rounds/1/files/..%2F..%2Fpendamping.sqlite"] {
                let r = try await admin.send(.get, uri)
                #expect(r.status == .notFound, "\(uri)")
            }
            #expect(try await admin.send(.get, "/static/app.js").status == .ok)
        }
    }

    @Test("a cancelled proposal stores nothing and a second solve of the same programme is refused meanwhile")
    func cancelStoresNothing() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let work = try await seededWork(dir)
        let admin = try #require(try await work.store.accounts().first { $0.role == .admin })
        let p = try await work.store.createProgramme(name: "P", region: "31.73",
                                                     profileJSON: String(decoding: try RoundDirectory.profileFile(.default), as: UTF8.self), by: admin)
        let upload = try await work.upload(programme: p,
            mentors: UploadedFile(fileName: "mentors.csv", bytes: try Data(contentsOf: URL(fileURLWithPath: fixture("jakarta-barat/mentors.csv")))),
            mentees: UploadedFile(fileName: "mentees.csv", bytes: try Data(contentsOf: URL(fileURLWithPath: fixture("jakarta-barat/mentees.csv")))),
            by: admin)
        #expect(upload.accepted)
        // Catch a proposal while it runs (it takes milliseconds; try until one is caught).
        var caught = false
        for _ in 0..<50 where !caught {
            let before = try await work.store.rounds(programmeID: p.id).count
            let task = Task { try await work.propose(programme: p, by: admin) }
            var job: SolveJobs.Job?
            for _ in 0..<20_000 {
                job = work.jobs.job(programme: p.id)
                if job != nil { break }
                await Task.yield()
            }
            if let job {
                job.cancel()
                let result = await task.result
                if case .failure(let e) = result, e is SolveJobs.Cancelled {
                    caught = true
                    #expect(try await work.store.rounds(programmeID: p.id).count == before)
                }
            } else {
                _ = await task.result
            }
        }
        #expect(caught)
        // While a solve holds the programme, another is refused.
        _ = try work.jobs.start(programme: p.id)
        await #expect(throws: ProgrammeWork.RoundRefusal.self) { _ = try await work.propose(programme: p, by: admin) }
        work.jobs.end(programme: p.id)
        _ = try await work.propose(programme: p, by: admin)
    }

    @Test("a password an admin chose is for one sign-in: nothing else until its owner changes it")
    func oneTimePasswords() async throws {
        try await withSeededApp { work, client, dir in
            var admin = Session(client), newcomer = Session(client)
            _ = try await admin.signIn("admin")
            let (made, _) = try await admin.json(.post, "/api/accounts", ["name": "baru", "role": "curator", "password": "sementara-1"])
            #expect(made == .created)
            #expect(try await newcomer.signIn("baru", password: "sementara-1") == .ok)
            #expect(try await newcomer.send(.get, "/api/programmes").status == .forbidden)
            let page = try await newcomer.send(.get, "/")
            #expect(page.status == .seeOther && page.headers[.location] == "/password")
            #expect(try await newcomer.send(.get, "/password").status == .ok)
            #expect(try await newcomer.send(.post, "/api/password", json: ["current": "salah-sekali", "new": "milik-sendiri-1"]).status == .forbidden)
            #expect(try await newcomer.send(.post, "/api/password", json: ["current": "sementara-1", "new": "pendek"]).status == .badRequest)
            #expect(try await newcomer.send(.post, "/api/password", json: ["current": "sementara-1", "new": "sementara-1"]).status == .badRequest)
            #expect(try await newcomer.send(.post, "/api/password", json: ["current": "sementara-1", "new": "milik-sendiri-1"]).status == .noContent)
            #expect(try await newcomer.send(.get, "/api/programmes").status == .ok)
            var again = Session(client)
            #expect(try await again.signIn("baru", password: "sementara-1") == .unauthorized)
            #expect(try await again.signIn("baru", password: "milik-sendiri-1") == .ok)
        }
    }

    @Test("the OpenAPI document names every API route the app serves")
    func openAPI() async throws {
        try await withSeededApp { work, client, dir in
            let r = try await client.execute(uri: "/api/openapi.json", method: .get)
            #expect(r.status == .ok)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
            #expect((doc["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = Set(((doc["paths"] as? [String: Any]) ?? [:]).keys)
            // Every route registered under /api/ in the source appears in the document.
            let source = try String(contentsOf: packageRoot.appendingPathComponent("Sources/PendampingServer/HTTP/APIRoutes.swift"), encoding: .utf8)
            let registered = source.matches(of: /(api|p)\.(get|post|put)\("([^"]*)"\)/).map { m -> String in
                (m.1 == "p" ? "/api/programmes/{programme}/" : "/api/") + String(m.3)
            } + ["/api/programmes/{programme}"]
            for path in Set(registered) {
                #expect(paths.contains(path), "\(path) missing from openapi.json")
            }
        }
    }
}
