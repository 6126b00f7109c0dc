import Foundation
import Testing
@testable import Pendamping
import Optimisation
import Tabular

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixture(_ path: String) -> String { packageRoot.appendingPathComponent("fixtures/" + path).path }

/// A fresh temporary directory, removed by the caller's `defer`.
func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pendamping-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

func parseCSV(_ text: String, name: String = "test.csv") throws -> CSVFile {
    try CSVFile.parse(Data(text.utf8), name: name)
}

/// Issues of parsing mentors text (empty when it is valid).
func mentorIssues(_ text: String) throws -> [InputIssue] {
    var issues: [InputIssue] = []
    _ = DatasetReader.parseMentors(try parseCSV(text, name: "mentors.csv"), issues: &issues)
    return issues
}

/// A random dataset around Jakarta Barat for property tests.
func randomDataset(seed: UInt64, mentees n: Int, mentors m: Int, spreadDegrees: Double = 0.2) -> Dataset {
    var rng = SplitMix64(seed: seed)
    let kblis = ["10710", "10792", "14111", "13134", "15120", "01130", "47761", "56102", "C", "G"].compactMap { KBLICode($0) }
    let regions = ["31.73.01", "31.73.02", "31.73.05", "31.74.01", "32.01.01"].compactMap { RegionCode($0) }
    let langs = ["ind", "bew", "jav", "sun"]
    func point() -> GeoPoint { GeoPoint(lat: -6.17 + rng.double(in: -spreadDegrees...spreadDegrees), lon: 106.77 + rng.double(in: -spreadDegrees...spreadDegrees)) }
    func skills() -> SkillSet { SkillSet(rawValue: UInt16(rng.int(in: 0...1023))) }
    let mentors = (0..<m).map { j in
        Mentor(id: String(format: "M%04d", j), kbli: [kblis[rng.int(in: 0...9)]], location: point(), region: regions[rng.int(in: 0...4)],
               capacity: rng.int(in: 1...4), expertise: skills(), languages: Array(Set([langs[rng.int(in: 0...3)], "ind"])).sorted(),
               gender: rng.int(in: 0...1) == 0 ? .female : .male, scale: BusinessScale.allCases[rng.int(in: 0...3)],
               kind: MentorKind.allCases[rng.int(in: 0...3)])
    }
    let mentees = (0..<n).map { i in
        Mentee(id: String(format: "E%05d", i), kbli: [kblis[rng.int(in: 0...9)]], location: point(), region: regions[rng.int(in: 0...4)],
               needs: skills(), languages: [langs[rng.int(in: 0...3)]], gender: rng.int(in: 0...1) == 0 ? .female : .male,
               scale: BusinessScale.allCases[rng.int(in: 0...1)], preferences: rng.int(in: 0...3) == 0 ? [.gender(.female)] : [])
    }
    return Dataset(mentors: mentors, mentees: mentees)
}

/// The best total of `value` over the subsets of their indices whose size lies in `sizes` and
/// whose `hours` fit `room` (both summed in index order); nil when none does. Every subset
/// is tried: `O(2ⁿ·n)`, for knapsack tests of up to about 16 items.
func bestSubset(value: [Double], hours: [Double], room: Double, sizes: ClosedRange<Int>) -> Double? {
    var best: Double?
    for mask in 0..<(1 << value.count) where sizes.contains(mask.nonzeroBitCount) {
        var used = 0.0, total = 0.0
        for k in value.indices where mask & (1 << k) != 0 { used += hours[k]; total += value[k] }
        if used <= room { best = max(best ?? -.infinity, total) }
    }
    return best
}
