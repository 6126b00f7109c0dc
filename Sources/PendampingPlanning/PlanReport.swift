@_spi(Stages) import Pendamping
import Foundation
import Tabular

/// The files and console table of `pendamping plan`: `plan.csv` (one row per year) and
/// `plan.svg` (coverage by year, the target drawn), with the year a target is reached.
public enum PlanReport {
    /// What `pendamping plan` answers: its files and what its summary says.
    public struct Answer: Sendable {
        /// `plan.csv`, `plan.svg`, and `plan-smallest.csv` when a smallest recruitment was found.
        public var files: [(name: String, data: Data)]
        /// The projection, year by year.
        public let years: [PlanSimulation.Year]
        let target: Double?
        let byYear: Int?
        /// The smallest yearly count of the first recruit entry reaching the target by `byYear`,
        /// its kind and the coverage it reaches; nil when none up to 100,000 does.
        let smallest: (count: Int, kind: String, coverage: Double)?

        /// The summary: the year-by-year table, the year the target is reached and the smallest
        /// recruitment, in `language` (English is what the command line prints).
        public func text(_ language: Language = .en) -> String {
            var summary = PlanReport.text(years, target: target, language: language)
            guard let target, let byYear else { return summary }
            let t = PlanReport.percent(target, language)
            if let smallest {
                let reached = PlanReport.percent(smallest.coverage, language)
                summary += language == .en
                    ? "\nsmallest yearly recruitment reaching \(t) % by year \(byYear): \(smallest.count) \(smallest.kind) a year (\(reached) % in year \(byYear))"
                    : "\nrekrutmen tahunan terkecil yang mencapai \(t) % pada tahun \(byYear): \(smallest.count) \(smallest.kind) per tahun (\(reached) % pada tahun \(byYear))"
            } else {
                summary += language == .en
                    ? "\nno yearly recruitment up to 100,000 reaches \(t) % by year \(byYear)"
                    : "\ntidak ada rekrutmen tahunan hingga 100.000 yang mencapai \(t) % pada tahun \(byYear)"
            }
            return summary
        }
    }

    /// Everything `pendamping plan` answers: `plan.csv` and `plan.svg` for `years` years, the
    /// summary, and with `target` and `byYear` the smallest yearly recruitment (the first
    /// recruit entry's count) reaching the target by then (`plan-smallest.csv`).
    /// - Complexity: one exact match per projected year (more for the smallest recruitment's search).
    public static func answer(_ simulation: PlanSimulation, years: Int, target: Double?, byYear: Int?) throws -> Answer {
        let projection = try simulation.run(years: years)
        var files: [(name: String, data: Data)] = [("plan.csv", Data(csv(projection).utf8)),
                                                   ("plan.svg", Data(svg(projection, target: target).utf8))]
        var smallest: (count: Int, kind: String, coverage: Double)? = nil
        if let target, let byYear, let found = try simulation.smallestRecruitment(target: target, byYear: byYear) {
            smallest = (found.count, simulation.settings.recruit.first?.kind.rawValue ?? "mentor", found.years.last?.coverage ?? 0)
            files.append(("plan-smallest.csv", Data(csv(found.years).utf8)))
        }
        return Answer(files: files, years: projection, target: target, byYear: byYear, smallest: smallest)
    }

    /// A share as a percentage with one decimal, the language's decimal sign.
    static func percent(_ share: Double, _ language: Language) -> String { formatFixed(share * 100, 1, language) }

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

    /// `plan.svg`: coverage (%) by year, axes scaled to the data and the target, its words in
    /// `language` (the command line's file is English). `O(years)`.
    public static func svg(_ years: [PlanSimulation.Year], target: Double?, language: Language = .en) -> String {
        let top = max(years.map { $0.coverage * 100 }.max() ?? 0, (target ?? 0) * 100)
        let en = language == .en
        return SVGChart.line(title: en ? "UMKM ever mentored, by year" : "UMKM yang pernah didampingi, per tahun",
                             xLabel: en ? "year" : "tahun", yLabel: en ? "coverage (% of UMKM)" : "cakupan (% dari UMKM)",
                             points: years.map { (Double($0.year), $0.coverage * 100) }, yRange: 0...SVGChart.roundUp(top * 1.1),
                             target: target.map { ($0 * 100, "target \(percent($0, language)) %") }, language: language)
    }

    /// The first year whose coverage reaches `target`, if any. `O(years)`.
    public static func yearReached(_ years: [PlanSimulation.Year], target: Double) -> Int? {
        years.first { $0.coverage + 1e-12 >= target }?.year
    }

    /// The console table. `O(years)`.
    public static func text(_ years: [PlanSimulation.Year], target: Double?, language: Language = .en) -> String {
        let en = language == .en
        var lines = [en ? "year  mentors  recruited  alumni  retired  started  in mentoring  graduated  arrived  ever mentored  coverage"
                        : "tahun  pendamping  direkrut  alumni  berhenti  mulai  didampingi  lulus  datang  pernah didampingi  cakupan"]
        let widths = en ? [6, 9, 11, 8, 9, 9, 14, 11, 9, 15] : [7, 12, 10, 8, 10, 7, 12, 7, 8, 19]
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
        for y in years {
            let cells = [y.year, y.mentors, y.recruited, y.alumniMentors, y.retired, y.started, y.inMentoring, y.graduated, y.arrived, y.everMentored]
            lines.append(zip(cells, widths).map { pad(String($0), $1) }.joined() + percent(y.coverage, language) + " %")
        }
        if let target {
            let t = percent(target, language)
            if let y = yearReached(years, target: target) {
                lines.append(en ? "target \(t) % reached in year \(y)" : "target \(t) % tercapai pada tahun \(y)")
            } else {
                let last = percent(years.last?.coverage ?? 0, language)
                lines.append(en ? "target \(t) % not reached in \(years.count) years (\(last) % at the end)"
                                : "target \(t) % tidak tercapai dalam \(years.count) tahun (\(last) % di akhir)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
