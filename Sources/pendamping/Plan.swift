import ArgumentParser
import Foundation
import Pendamping
import Tabular
import PendampingPlanning

struct Plan: Subcommand {
    static let configuration = CommandConfiguration(
        abstract: "Project a programme year by year: cohorts, recruitment, attrition, alumni mentors, new UMKM; coverage by year.",
        discussion: """
        Each year is an exact match of the UMKM still waiting against the free mentor slots; mentoring lasts the \
        profile's planning.mentoring_years. --plan is a JSON file (see the README): recruit (add_mentors entries, \
        count per year), attrition, alumni {share, capacity}, arrivals. Writes plan.csv and plan.svg into --out; \
        with --target, the year it is reached; with --by-year too, the smallest yearly recruitment that reaches it.
        """
    )

    @OptionGroup var data: DatasetOptions
    @Option(help: "Matching profile (JSON).")
    var profile: String?
    @Option(help: "Regions CSV for placing recruits; default: the bundled Kemendagri table (7,837 regions).")
    var regions: String?
    @Option(help: "Plan settings (JSON): recruit, attrition, alumni, arrivals.")
    var plan: String
    @Option(help: "Years to project (1–50).")
    var years: Int = 10
    @Option(help: "Coverage target: share of UMKM ever mentored (e.g. 0.10).")
    var target: Double?
    @Option(help: "With --target: find the smallest yearly recruitment (the first recruit entry's count) that reaches it by this year.")
    var byYear: Int?
    @Option(help: "Output directory.")
    var out: String

    func validate() throws {
        guard (1...50).contains(years) else { throw ValidationError("--years must be in 1…50") }
        if let t = target, !(t > 0 && t <= 1) { throw ValidationError("--target must be a share in (0, 1], e.g. 0.10") }
        if let y = byYear {
            guard target != nil else { throw ValidationError("--by-year needs --target") }
            guard (1...50).contains(y) else { throw ValidationError("--by-year must be in 1…50") }
        }
    }

    func execute() throws {
        let settings = try PlanSettings.read(path: plan)
        let prof = try profile.map(Profile.read) ?? .default
        let dataset = try data.read()
        let table = try regions.map(RegionTable.read) ?? RegionTable.bundled()
        let simulation = PlanSimulation(base: dataset, profile: prof, settings: settings, regions: table)
        let answer = try PlanReport.answer(simulation, years: years, target: target, byYear: byYear)
        try OutputDirectory.write(answer.files, to: out, inputs: data.paths + [profile, regions, plan].compactMap { $0 })
        print(answer.text() + "\nwritten \(out)/{\(answer.files.map(\.name).joined(separator: ", "))}")
    }
}
