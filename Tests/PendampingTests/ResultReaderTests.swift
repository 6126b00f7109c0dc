import Foundation
@testable import Pendamping
import PendampingSynthetic
import Tabular
import Testing
@testable import PendampingPlanning

/// The readers of written results: shard merging, a round's manifest, `map.geojson` read back
/// for the report, and the plan's files. Each is checked against figures taken from the
/// results themselves, not from the code under test.
@Suite struct ResultReaderTests {
    /// Matches one fixture and writes its result directory; returns the result too.
    func writtenMatch(_ name: String, to dir: URL) throws -> MatchResult {
        let d = try DatasetReader.read(mentorsPath: fixture("\(name)/mentors.csv"), menteesPath: fixture("\(name)/mentees.csv"))
        let r = try Matcher(profile: .default).run(d)
        try OutputDirectory.write(try ResultFiles.render(r), to: dir.path)
        return r
    }

    /// Merging two shard results adds their counts and integer objectives exactly, keeps every
    /// row of each table, and refuses shards whose tables have other columns.
    @Test func shardMergeAddsTheShards() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try writtenMatch("jakarta-barat", to: dir.appendingPathComponent("a"))
        let b = try writtenMatch("jakarta-barat-scarce", to: dir.appendingPathComponent("b"))
        let files = Dictionary(uniqueKeysWithValues: try ShardMerge.merge([dir.appendingPathComponent("a").path,
                                                                            dir.appendingPathComponent("b").path]).map { ($0.name, $0.data) })
        let summaryData = try #require(files["summary.json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: summaryData) as? [String: Any])
        #expect(summary["objective_units"] as? Int64 == a.outcome.assignment.objective + b.outcome.assignment.objective)
        #expect(summary["mentees"] as? Int == a.dataset.mentees.count + b.dataset.mentees.count)
        #expect(summary["matched"] as? Int == a.matchedCount + b.matchedCount)
        #expect((summary["shards"] as? [Any])?.count == 2)
        // The mean score from the shards' exact pair score sums: the sum of the pairs' units over the pairs.
        let exactUnits = (a.pairs + b.pairs).reduce(Int64(0)) { $0 + $1.score }
        #expect(summary["pair_score_units"] as? Int64 == exactUnits)
        #expect(summary["mean_score"] as? Double == (Double(exactUnits) / 1e6 / Double(a.matchedCount + b.matchedCount) * 1e6).rounded() / 1e6)
        #expect(summary["schema_version"] as? Int == 1)
        let pairsData = try #require(files["pairs.csv"])
        let pairs = try CSVFile.parse(pairsData, name: "pairs.csv")
        #expect(pairs.recordCount == a.pairs.count + b.pairs.count)
        let firstColumn = pairs.records.map { $0.fields[0] }
        #expect(firstColumn == firstColumn.sorted())

        // A shard whose pairs.csv has other columns is refused, naming that file.
        let tampered = dir.appendingPathComponent("b/pairs.csv")
        let text = try String(contentsOf: tampered, encoding: .utf8)
        try text.replacingOccurrences(of: "mentee_id", with: "beginner").write(to: tampered, atomically: true, encoding: .utf8)
        #expect {
            _ = try ShardMerge.merge([dir.appendingPathComponent("a").path, dir.appendingPathComponent("b").path])
        } throws: { error in
            "\(error)".contains("b/pairs.csv") && "\(error)".contains("columns differ")
        }
        #expect(throws: InputError.self) { _ = try ShardMerge.merge([]) }
    }

    /// `summary.json` read back by the shared reader is the summary that was written; a summary
    /// from before `schema_version` and `pair_score_units` still reads (and merges, the pair
    /// sum taken from pairs.csv); a newer schema is refused by name.
    @Test func summaryReadsBackAndOlderOnesStillRead() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try writtenMatch("jakarta-barat", to: dir.appendingPathComponent("a"))
        let read = try ResultDirectory(dir.appendingPathComponent("a").path).summary()
        #expect(read.schemaVersion == ResultSummary.currentSchemaVersion)
        #expect(read.solve.objectiveUnits == ScoreUnits(a.outcome.assignment.objective))
        #expect(read.pairScoreUnits == ScoreUnits(a.pairs.reduce(Int64(0)) { $0 + $1.score }))
        #expect(read.matched == a.matchedCount && read.inputs.mentees == a.dataset.mentees.count)
        let merged = try ShardMerge.merge([dir.appendingPathComponent("a").path]).first { $0.name == "summary.json" }!.data

        // The same directory as an older version wrote it: the two keys absent.
        let path = dir.appendingPathComponent("a/summary.json")
        let lines = try String(contentsOf: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try lines.filter { !$0.contains("\"schema_version\"") && !$0.contains("\"pair_score_units\"") }.joined(separator: "\n")
            .write(to: path, atomically: true, encoding: .utf8)
        let older = try ResultDirectory(dir.appendingPathComponent("a").path).summary()
        #expect(older.schemaVersion == nil && older.pairScoreUnits == nil && older.solve == read.solve)
        #expect(try ShardMerge.merge([dir.appendingPathComponent("a").path]).first { $0.name == "summary.json" }!.data == merged)

        // A summary of a newer shape is refused, naming the field.
        let newer = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "\"coverage\"", with: "\"schema_version\" : 2,\n  \"coverage\"")
        try newer.write(to: path, atomically: true, encoding: .utf8)
        #expect { _ = try ResultDirectory(dir.appendingPathComponent("a").path).summary() } throws: { "\($0)".contains("schema_version") }
    }

    /// `map.geojson` read back holds every mentor and mentee of the result, each mentee with
    /// its mentor and score, and the status and objective it is given.
    @Test func geoJSONReadsBackTheResult() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try writtenMatch("jakarta-barat-scarce", to: dir)
        let files = try ResultFiles.reportFiles(r, language: .id)
        let map = try #require(files.first { $0.name == "map.geojson" }?.data)
        let input = try GeoJSON.decode(map, name: "map.geojson", status: "optimal", objective: 1.5)
        #expect(input.status == "optimal" && input.objective == 1.5)
        #expect(Set(input.mentors.map(\.id)) == Set(r.dataset.mentors.map(\.id)))
        #expect(Set(input.mentees.map(\.id)) == Set(r.dataset.mentees.map(\.id)))
        let mentorOf = Dictionary(uniqueKeysWithValues: r.pairs.map { (r.dataset.mentees[Int($0.mentee)].id, r.dataset.mentors[Int($0.mentor)].id) })
        for e in input.mentees { #expect(e.mentorID == mentorOf[e.id], "\(e.id)") }
        #expect(input.mentees.filter { $0.mentorID != nil }.count == r.pairs.count)
        #expect(input.mentees.allSatisfy { ($0.mentorID == nil) == ($0.score == nil) })
        #expect(throws: InputError.self) { _ = try GeoJSON.decode(Data("{\"type\":1}".utf8), name: "m.geojson", status: "", objective: 0) }
    }

    /// A round's manifest reads back as written, with the SHA-256 of each input as given.
    @Test func roundManifestReadsBack() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let d = try DatasetReader.read(mentorsPath: fixture("jakarta-barat/mentors.csv"), menteesPath: fixture("jakarta-barat/mentees.csv"))
        let first = try Matcher(profile: .default).run(d)
        let previous = Dictionary(uniqueKeysWithValues: first.pairs.map { (d.mentees[Int($0.mentee)].id, d.mentors[Int($0.mentor)].id) })
        var decisions = Decisions()
        let (rejectedMentee, rejectedMentor) = try #require(previous.min { $0.key < $1.key })
        decisions.entries.append(.init(menteeID: rejectedMentee, mentorID: rejectedMentor, decision: .reject, line: 2))
        let round = try CurationRound.run(dataset: d, previous: previous, decisions: decisions, matcher: Matcher(profile: .default))
        let hashes = ["mentors": String(repeating: "a", count: 64), "mentees": String(repeating: "b", count: 64)]
        let files = try RoundDirectory.render(round, profile: .default, inputHashes: hashes,
                                              decisionsBytes: Data("x".utf8), previousBytes: Data("y".utf8))
        try OutputDirectory.write(files, to: dir.path)
        let manifest = try RoundDirectory.manifest(in: dir.path)
        #expect(manifest.inputs == hashes)
        #expect(manifest.changes == round.counts)
        #expect(abs(manifest.objectiveBefore - Double(round.objectiveBefore) / 1e6) < 1e-9)
        #expect(manifest.objectiveAfter < manifest.objectiveBefore, "rejecting a pair of the optimum cannot raise the total")
        // The rejected pair is gone from the new pairs.
        #expect(round.result.pairs.allSatisfy { d.mentees[Int($0.mentee)].id != rejectedMentee || d.mentors[Int($0.mentor)].id != rejectedMentor })
        try Data("{}".utf8).write(to: dir.appendingPathComponent("round.json"))
        #expect(throws: InputError.self) { _ = try RoundDirectory.manifest(in: dir.path) }
    }

    /// The plan's CSV, reached year and text from years written here.
    @Test func planReportFromGivenYears() throws {
        func year(_ y: Int, ever: Int) -> PlanSimulation.Year {
            PlanSimulation.Year(year: y, mentors: 10, recruited: 2, alumniMentors: 1, retired: 0, freeSlots: 3, started: 5,
                                inMentoring: 20, graduated: 4, arrived: 0, umkm: 200, everMentored: ever)
        }
        let years = [year(1, ever: 10), year(2, ever: 19), year(3, ever: 20), year(4, ever: 30)]
        #expect(PlanReport.yearReached(years, target: 0.1) == 3)      // 20 of 200 is exactly 10 %
        #expect(PlanReport.yearReached(years, target: 0.2) == nil)
        let csv = try CSVFile.parse(Data(PlanReport.csv(years).utf8), name: "plan.csv")
        #expect(csv.header.first == "year" && csv.header.last == "coverage" && csv.recordCount == 4)
        #expect(csv.records.map { $0.fields.last } == ["0.0500", "0.0950", "0.1000", "0.1500"])
        #expect(PlanReport.text(years, target: 0.1).hasSuffix("target 10.0 % reached in year 3"))
        #expect(PlanReport.text(years, target: 0.2).hasSuffix("target 20.0 % not reached in 4 years (15.0 % at the end)"))
        #expect(PlanReport.svg(years, target: 0.1).contains("<svg"))
        // The same in Indonesian: the words and the decimal comma, the same figures on each line.
        let id = PlanReport.text(years, target: 0.1, language: .id).split(separator: "\n")
        #expect(id.first?.hasPrefix("tahun  pendamping  direkrut") == true)
        #expect(id[1].split(separator: " ") == ["1", "10", "2", "1", "0", "5", "20", "4", "0", "10", "5,0", "%"])
        #expect(id.last == "target 10,0 % tercapai pada tahun 3")
        #expect(PlanReport.text(years, target: 0.2, language: .id).hasSuffix("target 20,0 % tidak tercapai dalam 4 tahun (15,0 % di akhir)"))
        #expect(PlanReport.svg(years, target: 0.1, language: .id).contains("UMKM yang pernah didampingi, per tahun"))
        #expect(PlanReport.svg(years, target: 0.1) == PlanReport.svg(years, target: 0.1, language: .en))
    }
}

@Suite struct WhatIfReportTests {
    /// The what-if files carry one comparison row per scenario with the matched counts of the
    /// runs, one curve row per factor, and a report page.
    @Test func filesCarryTheRuns() throws {
        let d = try ProvinceGenerator(preset: .L, mentees: 600, mentors: 30, seed: 5, regions: RegionTable.bundled()).generateDataset()
        var half = Scenario(name: "half capacity")
        half.capacityScale = 0.5
        let runner = WhatIfRunner(base: d, profile: .default, regions: try RegionTable.bundled())
        let report = try WhatIfReport.run(runner, scenarios: [half], curveFactors: [0.5, 1])
        let files = Dictionary(uniqueKeysWithValues: report.files().map { ($0.name, $0.data) })
        let comparisonData = try #require(files["comparison.csv"])
        let comparison = try CSVFile.parse(comparisonData, name: "comparison.csv")
        #expect(comparison.records.map { $0.fields[0] } == ["base", "half capacity"])
        let matched = comparison.header.firstIndex(of: "matched")!
        let base = try Matcher(profile: .default).run(d)
        #expect(comparison.records[0].fields[matched] == String(base.matchedCount))
        #expect(Int(comparison.records[1].fields[matched])! <= base.matchedCount)
        let curveData = try #require(files["curve.csv"])
        #expect(try CSVFile.parse(curveData, name: "curve.csv").recordCount == 2)
        let page = try report.reportFiles(language: .en).first { $0.name == "report.html" }?.data
        #expect(page.map { String(decoding: $0, as: UTF8.self).contains("half capacity") } == true)
    }
}

@Suite struct PairsWorkbookTests {
    /// `pairs.xlsx` reads back (by the project's own workbook reader) as a sheet per mentor,
    /// each holding exactly that mentor's pairs with kecamatan and kota names, a frozen header
    /// row and set widths; the same result writes the same bytes.
    @Test func aSheetPerMentorWithNames() throws {
        let d = try DatasetReader.read(mentorsPath: fixture("jakarta-barat/mentors.csv"), menteesPath: fixture("jakarta-barat/mentees.csv"))
        let r = try Matcher(profile: .default).run(d)
        let data = try #require(try PairsWorkbook.render(r, language: .id))
        #expect(try PairsWorkbook.render(r, language: .id) == data)
        let names = try XLSXReader.sheetNames(data, name: "pairs.xlsx")
        #expect(names == d.mentors.map { "\($0.id) \($0.name)" })
        for (j, m) in d.mentors.enumerated() {
            let sheet = try XLSXReader.read(data, name: "pairs.xlsx", sheet: names[j])
            #expect(sheet.header.prefix(6) == ["No.", "ID UMKM", "Nama Usaha", "Kecamatan", "Kabupaten/Kota", "KBLI"])
            let expected = Set(r.pairs.filter { Int($0.mentor) == j }.map { d.mentees[Int($0.mentee)].id })
            #expect(Set(sheet.records.map { $0.fields[1] }) == expected, "\(m.id)")
            #expect(sheet.records.allSatisfy { $0.fields[4] == "Kota Administrasi Jakarta Barat" || $0.fields[4].contains("Jakarta Barat") })
        }
        let first = try XLSXReader.read(data, name: "pairs.xlsx", sheet: names[0])
        #expect(first.records.contains { ["Tambora", "Cengkareng", "Kalideres", "Palmerah", "Taman Sari", "Kebon Jeruk", "Kembangan", "Grogol Petamburan"].contains($0.fields[3]) })
        // Frozen header and widths in the sheet part.
        let sheetXML = String(decoding: XLSXWriter.worksheet(XLSXSheet(name: "x", header: ["a"], rows: [[.text("b & <c>")]], widths: [10])).utf8, as: UTF8.self)
        #expect(sheetXML.contains("state=\"frozen\"") && sheetXML.contains("<col min=\"1\" max=\"1\" width=\"10.0\"") && sheetXML.contains("b &amp; &lt;c&gt;"))
        #expect(XLSXWriter.uniqueNames(["a/b", "A/B", String(repeating: "x", count: 40)]) == ["ab", "AB (2)", String(repeating: "x", count: 31)])
    }
}
