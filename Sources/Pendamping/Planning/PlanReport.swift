import Foundation
import Tabular

/// The files and console table of `pendamping plan`: `plan.csv` (one row per year) and
/// `plan.svg` (coverage by year, the target drawn), with the year a target is reached.
public enum PlanReport {
    /// Everything `pendamping plan` answers: `plan.csv` and `plan.svg` for `years` years, the
    /// text summary, and with `target` and `byYear` the smallest yearly recruitment (the first
    /// recruit entry's count) reaching the target by then (`plan-smallest.csv`).
    /// - Complexity: one exact match per projected year (more for the smallest recruitment's search).
    public static func answer(_ simulation: PlanSimulation, years: Int, target: Double?, byYear: Int?) throws
        -> (files: [(name: String, data: Data)], text: String) {
        let projection = try simulation.run(years: years)
        var files: [(name: String, data: Data)] = [("plan.csv", Data(csv(projection).utf8)),
                                                   ("plan.svg", Data(svg(projection, target: target).utf8))]
        var summary = text(projection, target: target)
        if let target, let byYear {
            if let found = try simulation.smallestRecruitment(target: target, byYear: byYear) {
                let kind = simulation.settings.recruit.first?.kind.rawValue ?? "mentor"
                summary += "\nsmallest yearly recruitment reaching \(formatFixed(target * 100, 1)) % by year \(byYear): \(found.count) \(kind) a year"
                    + " (\(formatFixed((found.years.last?.coverage ?? 0) * 100, 1)) % in year \(byYear))"
                files.append(("plan-smallest.csv", Data(csv(found.years).utf8)))
            } else {
                summary += "\nno yearly recruitment up to 100,000 reaches \(formatFixed(target * 100, 1)) % by year \(byYear)"
            }
        }
        return (files, summary)
    }

    /// `plan.csv`. - Complexity: `O(years)`.
    public static func csv(_ years: [PlanSimulation.Year]) -> String {
        var w = CSVTableWriter(header: ["year", "mentors", "recruited", "alumni_mentors", "retired", "free_slots", "started", "in_mentoring",
                                        "graduated", "arrived", "umkm", "ever_mentored", "coverage"])
        for y in years {
            w.appendRow([y.year, y.mentors, y.recruited, y.alumniMentors, y.retired, y.freeSlots, y.started, y.inMentoring, y.graduated,
                          y.arrived, y.umkm, y.everMentored].map { .number(String($0)) } + [.number(formatFixed(y.coverage, 4))])
        }
        return w.text
    }

    /// `plan.svg`: coverage (%) by year, axes scaled to the data and the target. `O(years)`.
    public static func svg(_ years: [PlanSimulation.Year], target: Double?) -> String {
        let top = max(years.map { $0.coverage * 100 }.max() ?? 0, (target ?? 0) * 100)
        return SVGChart.line(title: "UMKM ever mentored, by year", xLabel: "year", yLabel: "coverage (% of UMKM)",
                             points: years.map { (Double($0.year), $0.coverage * 100) }, yRange: 0...SVGChart.roundUp(top * 1.1),
                             target: target.map { ($0 * 100, "target \(formatFixed($0 * 100, 1)) %") })
    }

    /// The first year whose coverage reaches `target`, if any. `O(years)`.
    public static func yearReached(_ years: [PlanSimulation.Year], target: Double) -> Int? {
        years.first { $0.coverage + 1e-12 >= target }?.year
    }

    /// The console table. `O(years)`.
    public static func text(_ years: [PlanSimulation.Year], target: Double?) -> String {
        var lines = ["year  mentors  recruited  alumni  retired  started  in mentoring  graduated  arrived  ever mentored  coverage"]
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
        for y in years {
            lines.append(pad(String(y.year), 6) + pad(String(y.mentors), 9) + pad(String(y.recruited), 11) + pad(String(y.alumniMentors), 8)
                         + pad(String(y.retired), 9) + pad(String(y.started), 9) + pad(String(y.inMentoring), 14) + pad(String(y.graduated), 11)
                         + pad(String(y.arrived), 9) + pad(String(y.everMentored), 15) + formatFixed(y.coverage * 100, 1) + " %")
        }
        if let target {
            if let y = yearReached(years, target: target) {
                lines.append("target \(formatFixed(target * 100, 1)) % reached in year \(y)")
            } else {
                lines.append("target \(formatFixed(target * 100, 1)) % not reached in \(years.count) years (\(formatFixed((years.last?.coverage ?? 0) * 100, 1)) % at the end)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
