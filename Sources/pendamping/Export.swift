import ArgumentParser
import Foundation
@_spi(Stages) import Pendamping

struct Export: Subcommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the core model for other solvers: DIMACS min-cost flow, CPLEX LP or MPS.",
        discussion: """
        All formats minimise Σ −score·x in integer score units (10^6 per unit of score), so their optimum is \
        the negated objective of the non-fixed pairs: the same number from every solver.
        """
    )

    @OptionGroup var data: DatasetOptions
    @Option(help: "Matching profile (JSON).")
    var profile: String?
    @Option(help: "Curator decisions CSV.")
    var decisions: String?
    @Option(help: "Candidates per mentee (overrides the profile's k).")
    var k: Int?
    @Option(help: "dimacs, lp or mps.")
    var format: ModelExport.Format
    @Option(help: "Output file.")
    var out: String

    func execute() throws {
        let dataset = try data.read()
        var prof = try profile.map(Profile.read) ?? .default
        if let k { prof.k = k; try prof.validate(name: "--k") }
        let dec = try decisions.map { try Decisions.read(path: $0, dataset: dataset) } ?? Decisions()
        var timings = StageTimings()
        let prepared = try Matcher(profile: prof, decisions: dec).prepare(dataset, timings: &timings)
        try ModelExport.write(prepared.model, format: format, to: out,
                              inputs: data.paths + [profile, decisions].compactMap { $0 })
        printErr("wrote \(format.rawValue) model: \(prepared.graph.pairCount) pairs, \(dataset.mentees.count) mentees, \(dataset.mentors.count) mentors to \(out)")
    }
}

extension ModelExport.Format: ExpressibleByArgument {}
