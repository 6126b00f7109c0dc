@_spi(Stages) import Pendamping
import Foundation
import Tabular

/// How a programme grows year by year (`pendamping plan --plan FILE`), read from JSON:
/// ```json
/// { "recruit": [{ "kind": "cadre", "count": 120, "capacity": 10, "kbli": ["47911"],
///                 "expertise": ["digital", "qris"], "languages": ["ind", "bjn"], "place": "kabupaten" }],
///   "attrition": 0.05,
///   "alumni": { "share": 0.05, "capacity": 3 },
///   "arrivals": 0.02 }
/// ```
/// `recruit` lists the mentors added each year, in the scenario file's `add_mentors` form
/// (`count` per year; `place` `kabupaten`, `recruit` or region codes); `attrition` is the
/// share of mentors who stop taking new cohorts each year; `alumni` the share of each year's
/// graduates who mentor from the next year on, with their capacity; `arrivals` new UMKM a year
/// as a share of the starting list. Mentoring lasts the profile's `planning.mentoring_years`.
/// Unknown keys and values out of range are errors naming the file and key.
public struct PlanSettings: Sendable {
    /// Mentors recruited each year.
    public var recruit: [Scenario.NewMentors] = []
    /// Share of mentors who stop taking new cohorts each year (0–1).
    public var attrition = 0.0
    /// Share of each year's graduates who mentor from the next year on (0–1).
    public var alumniShare = 0.0
    /// Mentees each alumni mentor takes.
    public var alumniCapacity = 3
    /// New UMKM a year, as a share of the starting list.
    public var arrivals = 0.0

    /// No growth: nothing recruited, no attrition, no alumni, no arrivals.
    public init() {}

    /// Reads a plan file. - Throws: `InputError` naming the file and key.
    public static func read(path: String) throws -> PlanSettings {
        try decode(InputFile.contents(path, name: path), name: path)
    }

    /// Reads a plan from JSON bytes; `file` names it in errors. - Throws: `InputError`.
    public static func decode(_ data: Data, name file: String) throws -> PlanSettings {
        let root = try StrictJSON.object(data, file: file)
        var issues: [InputIssue] = []
        StrictJSON.unknownKeys(root, allowed: ["recruit", "attrition", "alumni", "arrivals"], at: "", file: file, into: &issues)
        if let alumni = root["alumni"] as? [String: Any] {
            StrictJSON.unknownKeys(alumni, allowed: ["share", "capacity"], at: "alumni", file: file, into: &issues)
        }
        if !issues.isEmpty { throw InputError.invalid(issues) }
        func bad(_ key: String, _ message: String) { issues.append(InputIssue(file: file, line: 0, column: key, message: message)) }
        func bad(_ key: String, _ problem: SettingProblem) { issues.append(InputIssue(file: file, line: 0, column: key, problem: problem)) }
        func share(_ value: Any?, _ key: String) -> Double {
            guard let value else { return 0 }
            guard let x = (value as? NSNumber)?.doubleValue, !(value is Bool), (0...1).contains(x) else { bad(key, "must be a share in [0, 1]"); return 0 }
            return x
        }
        var s = PlanSettings()
        s.attrition = share(root["attrition"], "attrition")
        s.arrivals = share(root["arrivals"], "arrivals")
        if let alumni = root["alumni"] {
            guard let a = alumni as? [String: Any] else { throw InputError.invalid([InputIssue(file: file, line: 0, column: "alumni", message: "must be an object with share and capacity")]) }
            s.alumniShare = share(a["share"], "alumni.share")
            if let c = a["capacity"] {
                if let n = c as? Int, !(c is Bool), (1...DatasetReader.maxCapacity).contains(n) { s.alumniCapacity = n } else {
                    bad("alumni.capacity", .wholeNumberIn("[1, \(DatasetReader.maxCapacity)]"))
                }
            }
        }
        if let recruit = root["recruit"] {
            // The additions are read by the scenario reader, so both files mean the same thing.
            let wrapped = try JSONSerialization.data(withJSONObject: ["name": "plan", "add_mentors": recruit], options: [.sortedKeys])
            do { s.recruit = try Scenario.decode(wrapped, name: file, fallbackName: "plan").addMentors } catch InputError.invalid(let found) {
                issues += found.map { var i = $0; i.column = i.column.map { $0.replacingOccurrences(of: "add_mentors", with: "recruit") }; return i }
            }
        }
        if !issues.isEmpty { throw InputError.invalid(issues) }
        return s
    }
}
