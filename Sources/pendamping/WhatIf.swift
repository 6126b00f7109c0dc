import ArgumentParser
import Foundation
import Pendamping

struct WhatIf: ParsableCommand {
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
    @Option(help: "Regions CSV for placing new mentors; default: the bundled sample.")
    var regions: String?
    @Option(name: .customLong("scenario"), help: "Scenario JSON file (repeatable).")
    var scenarios: [String] = []
    @Option(help: "Capacity factors for the coverage curve, comma-separated.")
    var curve: String = "0.25,0.5,0.75,1,1.25,1.5,2,3"
    @Option(help: "Output directory.")
    var out: String
    @Option(help: "Language of report.html: id (Indonesian, default) or en.")
    var lang: String = ReportLanguage.id.rawValue

    func validate() throws {
        guard ReportLanguage(rawValue: lang) != nil else { throw ValidationError("--lang must be id or en") }
        let factors = curve.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...100).contains(factors.count), factors.allSatisfy({ Double($0).map { (0...100).contains($0) } ?? false }) else {
            throw ValidationError("--curve takes 1 to 100 comma-separated capacity factors, each in [0, 100]")
        }
    }

    func run() throws {
        do {
            let dataset = try data.read()
            let prof = try profile.map(Profile.read) ?? .default
            let table = try regions.map(RegionTable.read) ?? RegionTable.bundled()
            let list = try scenarios.map(Scenario.read)
            let runner = WhatIfRunner(base: dataset, profile: prof, regions: table)
            let report = try WhatIfReport.run(runner, scenarios: list, curveFactors: curve.split(separator: ",").map { Double($0)! })
            try OutputDirectory.write(report.files() + report.reportFiles(language: ReportLanguage(rawValue: lang) ?? .id), to: out, inputs: data.paths + [profile, regions].compactMap { $0 } + scenarios)
            print(report.text(outDir: out))
        } catch {
            throw Failure.exit(error)
        }
    }
}
