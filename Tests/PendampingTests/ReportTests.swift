import Foundation
import Testing
@testable import Pendamping
import Tabular
import PendampingTestSupport

/// The HTML report and `map.geojson`: structure, escaping, determinism, re-rendering.
@Suite struct ReportTests {
    func fixtureResult() throws -> MatchResult {
        let d = try DatasetReader.read(mentorsPath: fixture("jakarta-barat/mentors.csv"), menteesPath: fixture("jakarta-barat/mentees.csv"))
        return try Matcher().run(d)
    }

    @Test func geoJSONFollowsRFC7946() throws {
        let r = try fixtureResult()
        let data = try GeoJSON.encode(ReportInput(r), regionNames: .bundled)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection")
        let features = try #require(root["features"] as? [[String: Any]])
        var kinds: [String: Int] = [:]
        for f in features {
            #expect(f["type"] as? String == "Feature")
            let g = try #require(f["geometry"] as? [String: Any]), p = try #require(f["properties"] as? [String: Any])
            let kind = try #require(p["kind"] as? String)
            kinds[kind, default: 0] += 1
            let positions: [[Double]]
            switch g["type"] as? String {
            case "Point": positions = [try #require(g["coordinates"] as? [Double])]
            case "LineString": positions = try #require(g["coordinates"] as? [[Double]]); #expect(positions.count == 2)
            default: Issue.record("unexpected geometry \(String(describing: g["type"]))"); continue
            }
            // Longitude first: Jakarta lies near 106.8° E, 6.2° S.
            for pos in positions { #expect(pos.count == 2 && (106...107.5).contains(pos[0]) && (-6.5...(-5.5)).contains(pos[1])) }
            if kind == "pair" { #expect(p["score"] is Double && p["mentee_id"] is String && p["mentor_id"] is String && p["distance_km"] is Double) }
            if kind == "mentor" { #expect(p["load"] is Int && p["capacity"] is Int) }
        }
        #expect(kinds == ["mentor": 4, "mentee": 57, "pair": r.pairs.count, "kabupaten": 1])
    }

    /// A mentee named like a script shows as text: escaped in the HTML, `\u003c` in the data.
    @Test func namesAreEscaped() throws {
        var d = try DatasetReader.read(mentorsPath: fixture("jakarta-barat/mentors.csv"), menteesPath: fixture("jakarta-barat/mentees.csv"))
        d.mentees[0].name = "<script>alert(1)</script>"
        d.mentors[0].name = "\"><img src=x onerror=alert(2)>"
        let r = try Matcher().run(d)
        let html = String(decoding: try HTMLReport.render(ReportInput(r), subtitle: "</title><script>alert(3)</script>"), as: UTF8.self)
        #expect(!html.contains("<script>alert(") && !html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"))
        #expect(html.contains("\\u003cscript>alert(1)\\u003c/script>"))
        // Exactly the template's own two script elements (data and code).
        #expect(html.components(separatedBy: "<script").count - 1 == 2)
    }

    /// The same result renders the same bytes; `report DIR` rebuilds the page from
    /// `map.geojson` and `summary.json` exactly as `match` wrote it, in either language.
    @Test func reportIsDeterministicAndRerendersFromItsDirectory() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try fixtureResult()
        let first = try ResultFiles.reportFiles(r, language: .en), second = try ResultFiles.reportFiles(r, language: .en)
        #expect(first.map(\.data) == second.map(\.data))
        let out = dir.appendingPathComponent("out").path
        try OutputDirectory.write(try ResultFiles.render(r) + (try ResultFiles.reportFiles(r, language: .id)), to: out)
        try ResultFiles.rerenderReport(directory: out, language: .en)
        let rerendered = try Data(contentsOf: URL(fileURLWithPath: out + "/report.html"))
        #expect(rerendered == first.first { $0.name == "report.html" }!.data)
        let html = String(decoding: rerendered, as: UTF8.self)
        #expect(html.contains("<html lang=\"en\">") && html.contains("UMKM Mentoring Report"))
        #expect(FileManager.default.fileExists(atPath: out + "/pairs.csv"))
    }

    @Test func largeInputsAggregateByKecamatan() throws {
        let d = randomDataset(seed: 5, mentees: 3_500, mentors: 120, spreadDegrees: 0.3)
        let r = try Matcher().run(d)
        let html = String(decoding: try HTMLReport.render(ReportInput(r), subtitle: "x"), as: UTF8.self)
        #expect(!html.contains("class=\"pair\"") && html.contains("class=\"bubble\""))
    }

    /// A province-sized page carries whole cohorts of the first mentors up to the row limit,
    /// says how many mentors have theirs, and every unassigned mentee it lists; a small one
    /// carries everything and no such count.
    @Test func provinceSizedPagesCarryTheFirstCohorts() throws {
        let d = randomDataset(seed: 9, mentees: 16_000, mentors: 6_000, spreadDegrees: 0.5)
        let r = try Matcher().run(d)
        let input = ReportInput(r)
        #expect(input.mentees.filter { $0.mentorID != nil }.count > HTMLReport.cohortRowsListed)
        let json = try HTMLReport.payload(input, words: [:], regionNames: [:])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let listed = try #require(object["cohortsListed"] as? Int)
        let rows = try #require(object["mentees"] as? [[Any]])
        // The carried matched rows are exactly the cohorts of the first `listed` mentors, whole.
        let expected = input.mentors.prefix(listed).reduce(0) { $0 + $1.load }
        let carried = rows.filter { ($0[4] as? Int ?? -1) >= 0 }
        #expect(carried.count == expected && expected <= HTMLReport.cohortRowsListed)
        #expect(carried.allSatisfy { ($0[4] as? Int ?? -1) < listed })
        #expect(expected + input.mentors[listed].load > HTMLReport.cohortRowsListed)
        #expect(rows.count - carried.count == min(HTMLReport.unassignedListed, input.mentees.filter { $0.mentorID == nil }.count))

        let small = try HTMLReport.payload(ReportInput(try Matcher().run(randomDataset(seed: 9, mentees: 300, mentors: 20))), words: [:], regionNames: [:])
        #expect(!small.contains("cohortsListed"))
    }

    /// The report reads neither the candidate graph nor the mentees' scoring rows, so `match`
    /// frees them before rendering: the files are the same without them; a result whose
    /// fairness figures are still to be computed keeps them.
    @Test func reportFilesNeedNoSearchState() throws {
        let d = try DatasetReader.read(mentorsPath: fixture("jakarta-barat-scarce/mentors.csv"), menteesPath: fixture("jakarta-barat-scarce/mentees.csv"))
        let r = try Matcher().run(d)
        var freed = r
        freed.releaseSearchState()
        #expect(r.graph.pairCount > 0 && freed.graph.pairCount == 0)
        #expect(!r.scoring.menteeFeatures.rows.isEmpty && freed.scoring.menteeFeatures.rows.isEmpty)
        let a = try ResultFiles.reportFiles(r, language: .en), b = try ResultFiles.reportFiles(freed, language: .en)
        #expect(a.map(\.name) == b.map(\.name))
        for (x, y) in zip(a, b) { #expect(x.data == y.data, "\(x.name)") }
        var unknown = r
        unknown.fairness = nil
        unknown.releaseSearchState()
        #expect(unknown.graph.pairCount == r.graph.pairCount)
    }
}
