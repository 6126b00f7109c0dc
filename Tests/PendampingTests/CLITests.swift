import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Pendamping

/// Runs the `pendamping` binary built beside the test bundle (the test target depends on it,
/// so it is always the current build) in `directory` (default: the package root).
func runCLI(_ arguments: [String], in directory: URL = packageRoot) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try cliBinary())
    p.arguments = arguments
    p.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

@Suite(.serialized) struct CLITests {
    static let cases: [(name: String, extra: [String])] = [
        ("jakarta-barat", []),
        ("jakarta-barat-scarce", ["--profile", "fixtures/jakarta-barat-scarce/profile.json"]),
    ]

    func matchArguments(_ fixtureName: String, _ extra: [String], out: String) -> [String] {
        ["match", "--mentors", "fixtures/\(fixtureName)/mentors.csv", "--mentees", "fixtures/\(fixtureName)/mentees.csv",
         "--out", out] + extra
    }

    /// Compares each output file with the golden copy. `PENDAMPING_UPDATE_GOLDEN=1` writes what
    /// this run produced beside it, into `Golden/NAME.new/`, for a person to review with `diff`
    /// and move over the golden copy; the comparison is always against the committed copy.
    @Test(arguments: [0, 1])
    func matchOutputEqualsGoldenBytes(index: Int) throws {
        let (name, extra) = Self.cases[index]
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try runCLI(matchArguments(name, extra, out: dir.path + "/out"))
        #expect(run.status == 0, "\(run.stderr)")
        let golden = packageRoot.appendingPathComponent("Tests/PendampingTests/Golden/\(name)")
        var produced = ResultFiles.deterministicNames.map { ($0, try! Data(contentsOf: dir.appendingPathComponent("out/" + $0))) }
        produced.append(("stdout.txt", Data(run.stdout.replacingOccurrences(of: dir.path, with: "TMP").utf8)))
        if ProcessInfo.processInfo.environment["PENDAMPING_UPDATE_GOLDEN"] == "1" {
            let candidate = golden.deletingLastPathComponent().appendingPathComponent(name + ".new")
            try FileManager.default.createDirectory(at: candidate, withIntermediateDirectories: true)
            for (file, data) in produced { try data.write(to: candidate.appendingPathComponent(file)) }
        }
        for (file, data) in produced {
            let expected = try Data(contentsOf: golden.appendingPathComponent(file))
            #expect(data == expected, "\(name)/\(file) differs from the golden copy")
        }
        let timings = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/timings.json"))) as? [String: Any]
        let stages = (timings?["stages"] as? [[String: Any]])?.compactMap { $0["stage"] as? String }
        #expect(stages == ["parse", "scoring model", "score+candidates", "build model", "solve", "certify", "marginal gains", "explain", "fairness", "write", "report"])
    }

    @Test func twoRunsGiveIdenticalBytes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try runCLI(matchArguments("jakarta-barat-scarce", ["--format", "json"], out: dir.path + "/a"))
        let b = try runCLI(matchArguments("jakarta-barat-scarce", ["--format", "json"], out: dir.path + "/b"))
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout && !a.stdout.isEmpty)
        for f in ResultFiles.deterministicNames {
            #expect(try Data(contentsOf: dir.appendingPathComponent("a/" + f)) == Data(contentsOf: dir.appendingPathComponent("b/" + f)), "\(f)")
        }
    }

    @Test func malformedInputExits65AndWritesNothing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("mentors.csv")
        try "id,name,kbli,lat,lon,region,capacity\nKA-1,Rumah Tama,14111,-6.1,106.8,31.73.04,13\nKA-2,Cuma Kulit,15120,-96.2,106.7,31.73.01,17\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let run = try runCLI(["match", "--mentors", bad.path, "--mentees", "fixtures/jakarta-barat/mentees.csv", "--out", dir.path + "/out"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(bad.path):3: column 'lat': -96.2 is outside [-90, 90] (record KA-2)"))
        #expect(!run.stderr.contains("Cuma Kulit"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "mentors.csv" }
        #expect(leftovers.isEmpty)
    }

    /// `bench --resolve` re-solves the kept model after rejections and reports kept and cold
    /// rows (the command itself refuses when their objectives differ); a count below 1 is a
    /// usage error.
    @Test func benchResolvesKeptAndCold() throws {
        let run = try runCLI(["bench", "fixtures/jakarta-barat", "--resolve", "1", "5", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let rows = json?["resolves"] as? [[String: Any]] ?? []
        #expect(rows.map { $0["decisions"] as? Int } == [1, 5])
        #expect(rows.allSatisfy { ($0["cold_pivots"] as? Int ?? -1) >= 0 && ($0["kept_seconds"] as? Double ?? -1) >= 0 })
        #expect(try runCLI(["bench", "fixtures/jakarta-barat", "--resolve", "0"]).status == 64)
    }

    @Test func exitCodesByMeaning() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try runCLI(["match", "--mentors", "nope.csv", "--mentees", "fixtures/jakarta-barat/mentees.csv", "--out", dir.path + "/o"]).status == 66)
        #expect(try runCLI(["match", "--mentors", "fixtures/jakarta-barat/mentors.csv"]).status == 64)
        #expect(try runCLI(["match", "--mentors", "x", "--mentees", "y", "--out", "z", "--solver", "magic"]).status == 64)
        let decisions = dir.appendingPathComponent("d.csv")
        try "mentee_id,mentor_id,decision\nUM-001,KA-01,lock\nUM-001,KA-02,accept\n".write(to: decisions, atomically: true, encoding: .utf8)
        let locked = try runCLI(matchArguments("jakarta-barat", ["--decisions", decisions.path], out: dir.path + "/o"))
        #expect(locked.status == 69)
        #expect(locked.stderr.contains("mentee UM-001 is locked or accepted with 2 mentors"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/o"))
    }

    @Test func validateReportsAndTouchesNothing() throws {
        let ok = try runCLI(["validate", "--mentors", "fixtures/jakarta-barat/mentors.csv", "--mentees", "fixtures/jakarta-barat/mentees.csv"])
        #expect(ok.status == 0 && ok.stdout.hasPrefix("ok: 4 mentors, 57 mentees\ndata quality\n"))
        #expect(ok.stdout.contains("location from  given 57") && ok.stdout.contains("duplicates  none"))
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("e.csv")
        try "id,name,kbli,lat,lon,region\nE1,x,10710,-6.1,106.7,31.73.01\nE1,y,99999,-6.1,106.7,31.73.01\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try runCLI(["validate", "--mentors", "fixtures/jakarta-barat/mentors.csv", "--mentees", bad.path, "--format", "json"])
        #expect(r.status == 65)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["ok"] as? Bool == false)
        #expect((json["issues"] as? [[String: Any]])?.first?["line"] as? Int == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["e.csv"])
    }

    @Test func decisionsAreRespected() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let decisions = dir.appendingPathComponent("d.csv")
        // UM-001's best mentor is KA-04 (see the golden pairs); reject it and lock UM-002 to KA-01.
        try "mentee_id,mentor_id,decision\nUM-001,KA-04,reject\nUM-002,KA-01,lock\n".write(to: decisions, atomically: true, encoding: .utf8)
        let r = try runCLI(matchArguments("jakarta-barat", ["--decisions", decisions.path], out: dir.path + "/o"))
        #expect(r.status == 0)
        let pairs = try String(contentsOf: dir.appendingPathComponent("o/pairs.csv"), encoding: .utf8).split(separator: "\n")
        #expect(pairs.contains { $0.hasPrefix("UM-001,") } && !pairs.contains { $0.hasPrefix("UM-001,") && $0.contains(",KA-04,") })
        #expect(pairs.contains { $0.hasPrefix("UM-002,") && $0.contains(",KA-01,") && $0.contains(",lock,") })
    }
}

@Suite(.serialized) struct RoundCLITests {
    @Test func roundDirectoryRerunsToIdenticalBytes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = ["--mentors", "fixtures/jakarta-barat/mentors.csv", "--mentees", "fixtures/jakarta-barat/mentees.csv"]
        #expect(try runCLI(["match"] + m + ["--out", dir.path + "/r0"]).status == 0)
        let dec = dir.appendingPathComponent("d.csv")
        try "mentee_id,mentor_id,decision\nUM-001,KA-04,reject\nUM-002,KA-01,lock\nUM-003,,withdraw\n".write(to: dec, atomically: true, encoding: .utf8)
        let r1 = try runCLI(["round"] + m + ["--previous", dir.path + "/r0/pairs.csv", "--decisions", dec.path, "--out", dir.path + "/r1"])
        #expect(r1.status == 0, "\(r1.stderr)")
        let r2 = try runCLI(["round", "--rerun", dir.path + "/r1"] + m + ["--out", dir.path + "/r2"])
        #expect(r2.status == 0, "\(r2.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/r1").filter { $0 != "timings.json" }.sorted()
        #expect(files.contains("diff.csv") && files.contains("round.json") && files.contains("profile.json"))
        for f in files {
            #expect(try Data(contentsOf: dir.appendingPathComponent("r1/" + f)) == Data(contentsOf: dir.appendingPathComponent("r2/" + f)), "\(f)")
        }
        // The previous result's directory stands for its pairs.csv: the same round, byte for byte.
        let r4 = try runCLI(["round"] + m + ["--previous", dir.path + "/r0", "--decisions", dec.path, "--out", dir.path + "/r4"])
        #expect(r4.status == 0, "\(r4.stderr)")
        for f in files {
            #expect(try Data(contentsOf: dir.appendingPathComponent("r1/" + f)) == Data(contentsOf: dir.appendingPathComponent("r4/" + f)), "\(f)")
        }
        // A directory without pairs.csv is named in the error.
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let missing = try runCLI(["round"] + m + ["--previous", empty.path, "--out", dir.path + "/r5"])
        #expect(missing.status == 66 && missing.stderr.contains("empty/pairs.csv"), "\(missing.status) \(missing.stderr)")
        // A different mentees file is refused.
        let other = dir.appendingPathComponent("mentees.csv")
        try (String(contentsOfFile: packageRoot.appendingPathComponent("fixtures/jakarta-barat/mentees.csv").path, encoding: .utf8) + "\n")
            .write(to: other, atomically: true, encoding: .utf8)
        let bad = try runCLI(["round", "--rerun", dir.path + "/r1", "--mentors", "fixtures/jakarta-barat/mentors.csv", "--mentees", other.path, "--out", dir.path + "/r3"])
        #expect(bad.status == 65 && bad.stderr.contains("SHA-256 mismatch"))
    }
}

@Suite(.serialized) struct WhatIfCLITests {
    @Test func whatifPrintsTableAndPlacementAndWritesCurve() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try runCLI(["generate", "--preset", "L", "--mentees", "3000", "--mentors", "100", "--seed", "2", "--out", dir.path + "/kt"]).status == 0)
        let r = try runCLI(["whatif", "--mentors", dir.path + "/kt/mentors.csv", "--mentees", dir.path + "/kt/mentees.csv",
                            "--scenario", "fixtures/scenarios/cadres-120.json", "--out", dir.path + "/wi"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("+120 student cadres") && r.stdout.contains("best placement for +120 student cadres"))
        let placements = try String(contentsOfFile: dir.path + "/wi/placements.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(placements.reduce(0) { $0 + Int($1.split(separator: ",").last!)! } == 120)
        #expect(XMLParser(contentsOf: URL(fileURLWithPath: dir.path + "/wi/curve.svg"))!.parse())
    }
}

@Suite struct LibraryClientTests {
    /// The example client package (built and run by `.ci/run`) holds exactly the README's
    /// library example, so the README shows code that compiles without `import GLPK`.
    @Test func clientRunsTheReadmeExampleVerbatim() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```swift\n"))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        let example = String(readme[start.upperBound..<end.lowerBound])
        let client = try String(contentsOf: packageRoot.appendingPathComponent("Examples/LibraryClient/Sources/LibraryClient/main.swift"),
                                encoding: .utf8)
        #expect(client == example + "\n")
        #expect(!example.contains("import GLPK") && !example.contains("Int(pair."))
    }
}

@Suite(.serialized) struct OfficeCLITests {
    /// The office fixture runs unedited: every beginner matched, `location_source` in the outputs,
    /// the duplicates warned about; `--dedupe` drops and lists them; `validate` reports quality.
    @Test func officeWorkbookMatchesAndValidates() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mentors = fixture("jakarta-barat/mentors.csv"), book = fixture("jakarta-barat-office/mentees.xlsx")
        let run = try runCLI(["match", "--mentors", mentors, "--mentees", book, "--out", dir.path + "/office"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("matched     52 of 52 (100.0 %)"))
        #expect(run.stderr.contains("warning: 2 business(es) listed twice (UM-901 = UM-001, UM-902 = UM-008)"))
        let pairs = try String(contentsOfFile: dir.path + "/office/pairs.csv", encoding: .utf8)
        #expect(pairs.hasPrefix("mentee_id,mentee_name,mentor_id,mentor_name,score,sector,location,capacity,culture,distance_km,decision,location_source,mentor_location_source,Kelurahan,NIB\n"))
        #expect(pairs.contains(",kecamatan,given,") && pairs.contains(",kabupaten,given,"))

        let twin = try runCLI(["match", "--mentors", mentors, "--mentees", fixture("jakarta-barat-office/mentees.csv"),
                               "--encoding", "windows-1252", "--dedupe", "--out", dir.path + "/twin"])
        #expect(twin.status == 0 && twin.stdout.contains("matched     50 of 50"), "\(twin.stderr)")
        let dups = try String(contentsOfFile: dir.path + "/twin/duplicates.csv", encoding: .utf8)
        #expect(dups == "kept_kind,kept_id,dropped_kind,dropped_id,reason\nmentee,UM-001,mentee,UM-901,nib\nmentee,UM-008,mentee,UM-902,name_in_kelurahan\n")

        let text = try runCLI(["validate", "--mentors", mentors, "--mentees", book])
        #expect(text.status == 0)
        #expect(text.stdout.contains("location from  kecamatan 40") && text.stdout.contains("kabupaten 12"))
        #expect(text.stdout.contains("regions by name  52") && text.stdout.contains("Nama Usaha → name"))
        #expect(text.stdout.contains("mentee UM-901 repeats mentee UM-001 (same NIB)"))
        let json = try runCLI(["validate", "--mentors", mentors, "--mentees", book, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let quality = object?["quality"] as? [String: Any]
        #expect((quality?["duplicates"] as? [Any])?.count == 2)
        let files = quality?["files"] as? [[String: Any]]
        let sources = files?.last?["location_source"] as? [String: [String: Any]]
        #expect(sources?["kecamatan"]?["count"] as? Int == 40)
    }
}
