import Foundation
import Testing
@testable import Pendamping
import Parallel
import Tabular
import PendampingTestSupport

/// `map.geojson` at province scale: the mentees in groups, read back as exactly what the
/// one-feature-per-mentee file holds, and `report DIR` renders the same page from it.
@Suite struct GeoJSONGroupTests {
    func result(_ name: String) throws -> MatchResult {
        let d = try DatasetReader.read(mentorsPath: fixture("\(name)/mentors.csv"), menteesPath: fixture("\(name)/mentees.csv"))
        return try Matcher().run(d)
    }

    func details(_ r: MatchResult) -> [String: String] {
        Dictionary(uniqueKeysWithValues: r.unassigned.map { ($0.menteeID, $0.detail) })
    }

    /// Grouped and single files read back to the same input (every mentee with its point,
    /// region, section, needs, pair and terms, or reason and detail), for a fixture and a
    /// random province with many unassigned; the grouped file has no single mentee or pair.
    @Test func groupedMapReadsBackAsTheSingleOne() throws {
        let random = try Matcher().run(randomDataset(seed: 17, mentees: 600, mentors: 12, spreadDegrees: 0.4))
        for r in [try result("jakarta-barat-scarce"), try result("jakarta-barat"), random] {
            let input = ReportInput(r)
            let single = try GeoJSON.encode(input, regionNames: .bundled)
            let grouped = try GeoJSON.encode(input, regionNames: .bundled, groupAbove: 0)
            let a = try GeoJSON.decode(single, name: "single", status: "optimal", objective: 1)
            let b = try GeoJSON.decode(grouped, name: "grouped", status: "optimal", objective: 1, details: { details(r) })
            #expect(a.mentors == b.mentors)
            #expect(a.mentees.count == b.mentees.count)
            for (x, y) in zip(a.mentees, b.mentees) { #expect(x == y, "\(x.id)") }
            let root = try #require(try JSONSerialization.jsonObject(with: grouped) as? [String: Any])
            let features = try #require(root["features"] as? [[String: Any]])
            var kinds: [String: Int] = [:], points = 0
            for f in features {
                let p = try #require(f["properties"] as? [String: Any]), g = try #require(f["geometry"] as? [String: Any])
                kinds[p["kind"] as? String ?? "", default: 0] += 1
                if g["type"] as? String == "MultiPoint" {
                    let positions = try #require(g["coordinates"] as? [[Double]])
                    #expect(positions.count == p["mentees"] as? Int && (p["mentee_ids"] as? [String])?.count == positions.count)
                    points += positions.count
                }
            }
            #expect(kinds["mentee"] == nil && kinds["pair"] == nil && kinds["mentor"] == r.dataset.mentors.count)
            #expect(points == r.dataset.mentees.count && (kinds["unassigned"] ?? 0 > 0) == !r.unassigned.isEmpty)
        }
    }

    /// The grouped map written in many pieces on several threads is the file one writer gives
    /// (commas at every piece's edge, with and without mentors before the groups), and reads
    /// back.
    @Test func piecesJoinIntoOneFile() throws {
        let r = try Matcher().run(randomDataset(seed: 23, mentees: 900, mentors: 15, spreadDegrees: 0.5))
        var noMentors = ReportInput(r)
        noMentors.mentors = []
        for input in [ReportInput(r), noMentors] {
            let one = GeoJSON.Pieces(input, regionNames: .bundled, groupAbove: 0, menteesPerRun: 1_000_000)
            let many = GeoJSON.Pieces(input, regionNames: .bundled, groupAbove: 0, menteesPerRun: 20)
            #expect(one.count == 3 && many.count > 4)
            let whole = GeoJSON.Pieces.assemble((0..<one.count).map(one.render))
            let joined = GeoJSON.Pieces.assemble(try concurrentMap(many.count) { many.render($0) })
            #expect(joined == whole)
            #expect(try JSONSerialization.jsonObject(with: joined) is [String: Any])
        }
    }

    /// The layout follows the mentee count: one feature each up to `groupAbove`, groups above.
    @Test func groupsOnlyAboveTheThreshold() throws {
        let input = ReportInput(try result("jakarta-barat"))
        let n = input.mentees.count
        let at = String(decoding: try GeoJSON.encode(input, groupAbove: n), as: UTF8.self)
        let above = String(decoding: try GeoJSON.encode(input, groupAbove: n - 1), as: UTF8.self)
        #expect(at.contains("\"kind\":\"mentee\"") && !at.contains("\"kind\":\"cohort\""))
        #expect(!above.contains("\"kind\":\"mentee\"") && above.contains("\"kind\":\"cohort\""))
    }

    /// `report DIR` on a directory whose map is grouped renders the page `match` wrote, byte
    /// for byte, taking the details from `unassigned.csv`.
    @Test func reportDirectoryRerendersFromAGroupedMap() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try result("jakarta-barat-scarce")
        #expect(!r.unassigned.isEmpty)
        let written = try ResultFiles.reportFiles(r, language: .en)
        let grouped = try GeoJSON.encode(ReportInput(r), regionNames: .bundled, groupAbove: 0)
        let out = dir.appendingPathComponent("out").path
        try OutputDirectory.write(try ResultFiles.render(r) + written.filter { $0.name != "map.geojson" } + [("map.geojson", grouped)], to: out)
        try ResultFiles.rerenderReport(directory: out, language: .en)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/report.html")) == written.first { $0.name == "report.html" }!.data)
        // Without unassigned.csv the grouped map cannot give the details: the file is named.
        try FileManager.default.removeItem(atPath: out + "/unassigned.csv")
        #expect { try ResultFiles.rerenderReport(directory: out, language: .id) } throws: { "\($0)".contains("unassigned.csv") }
    }

    /// A grouped file whose arrays disagree, or whose mentees repeat, is refused by name.
    @Test func damagedGroupsAreRefused() throws {
        let r = try result("jakarta-barat")
        let text = String(decoding: try GeoJSON.encode(ReportInput(r), groupAbove: 0), as: UTF8.self)
        let shorter = text.replacingOccurrences(of: "\"mentee_ids\":[\"", with: "\"mentee_ids\":[\"X\",\"")
        #expect { _ = try GeoJSON.decode(Data(shorter.utf8), name: "m.geojson", status: "", objective: 0) } throws: {
            "\($0)".contains("m.geojson") && "\($0)".contains("differ in length")
        }
        // The first group with two mentees names its first one twice.
        let repeated = text.replacing(/"mentee_index":\[(\d+),(\d+)/, maxReplacements: 1) { m in "\"mentee_index\":[\(m.1),\(m.1)" }
        #expect(repeated != text)
        #expect { _ = try GeoJSON.decode(Data(repeated.utf8), name: "m.geojson", status: "", objective: 0) } throws: { "\($0)".contains("twice") }
    }
}
