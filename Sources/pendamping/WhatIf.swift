import ArgumentParser
import Foundation
import Pendamping
import Tabular
import PendampingPlanning

struct WhatIf: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Compare capacity scenarios against a base dataset; rank where extra capacity is worth most; sweep coverage.",
        discussion: """
        Each --scenario is a JSON file (see the README): add mentors of a kind (placed by kabupaten, at given \
        regions, or where a GLPK facility-location programme says they add most: "place": "recruit"), scale or \
        set capacities, change profile rules. Prints one comparison table and writes comparison.csv, regions.csv, \
        placements.csv, marginal.csv (exact gain of one more slot per mentor), marginal-regions.csv, curve.csv and \
        curve.svg (coverage as total capacity is scaled) into --out.
        """
    )

    @OptionGroup var data: DatasetOptions
    @Option(help: "Matching profile (JSON).")
    var profile: String?
    @Option(help: "Regions CSV for placing new mentors; default: the bundled Kemendagri table (7,837 regions).")
    var regions: String?
    @Option(name: .customLong("scenario"), help: "Scenario JSON file (repeatable).")
    var scenarios: [String] = []
    @Option(help: "Capacity factors for the coverage curve, comma-separated.")
    var curve: String = "0.25,0.5,0.75,1,1.25,1.5,2,3"
    @Option(help: "Output directory.")
    var out: String
    @Option(help: "Language of report.html: id (Indonesian, default) or en.")
    var lang: Language = .id
    @Option(help: "Mentor template for --target-coverage, --target-per-kabupaten and --budget: a scenario JSON whose first add_mentors entry describes the new mentor (its count and place are ignored).")
    var template: String?
    @Option(help: "Smallest number of new template mentors, and where, for this share of all UMKM matched (e.g. 0.10).")
    var targetCoverage: Double?
    @Option(help: "Smallest number of new template mentors, and where, for this share of every kabupaten/kota's UMKM matched.")
    var targetPerKabupaten: Double?
    @Option(help: "Rupiah for new template mentors (training, honoraria over the profile's mentoring_years, payments per mentee): the most UMKM it covers.")
    var budget: Double?

    func validate() throws {
        let factors = curve.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...100).contains(factors.count), factors.allSatisfy({ Double($0).map { (0...100).contains($0) } ?? false }) else {
            throw ValidationError("--curve takes 1 to 100 comma-separated capacity factors, each in [0, 100]")
        }
        for (name, v) in [("--target-coverage", targetCoverage), ("--target-per-kabupaten", targetPerKabupaten)] {
            if let v, !(v > 0 && v <= 1) { throw ValidationError("\(name) must be a share in (0, 1], e.g. 0.10") }
        }
        if let b = budget, !(b > 0 && b < 1e15) { throw ValidationError("--budget must be a positive amount of rupiah") }
        let goals = [targetCoverage, targetPerKabupaten, budget].compactMap { $0 }
        if !goals.isEmpty && template == nil { throw ValidationError("--target-coverage, --target-per-kabupaten and --budget need --template FILE (the new mentor)") }
        if goals.isEmpty && template != nil { throw ValidationError("--template is used with --target-coverage, --target-per-kabupaten or --budget") }
    }

    func execute() throws {
        removeStaleStaging(beside: out)
        let dataset = try data.read()
        let prof = try profile.map(Profile.read) ?? .default
        let table = try regions.map(RegionTable.read) ?? RegionTable.bundled()
        let list = try scenarios.map(Scenario.read)
        let runner = WhatIfRunner(base: dataset, profile: prof, regions: table)
        var goals: [RecruitmentTarget.Goal] = []
        if let x = targetCoverage { goals.append(.coverage(x)) }
        if let x = targetPerKabupaten { goals.append(.perKabupaten(x)) }
        if let x = budget { goals.append(.budget(x)) }
        let mentorTemplate = try template.map { path -> Scenario.NewMentors in
            guard let first = try Scenario.read(path: path).addMentors.first else {
                throw InputError.invalid([InputIssue(file: path, line: 0, column: "add_mentors", message: "the template needs one add_mentors entry (the new mentor)")])
            }
            return first
        }
        let report = try WhatIfReport.run(runner, scenarios: list, curveFactors: curve.split(separator: ",").map { Double($0)! },
                                          goals: goals, template: mentorTemplate)
        try OutputDirectory.write(report.files() + report.reportFiles(language: lang), to: out,
                                  inputs: data.paths + [profile, regions, template].compactMap { $0 } + scenarios)
        print(report.text(outDir: out))
    }
}
