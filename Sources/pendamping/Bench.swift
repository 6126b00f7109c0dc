import ArgumentParser
import Foundation
import Pendamping
import PendampingSynthetic
import Tabular

struct Bench: Subcommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole pipeline on a dataset and print time and peak memory per stage.",
        discussion: """
        Give a directory holding mentors.csv and mentees.csv (e.g. from `pendamping generate`), or --preset and \
        --seed to generate one first (not timed). Outputs are written to a temporary directory (or --out) and \
        timed as the 'write' stage. Progress goes to stderr when it is a terminal.
        """
    )

    @Argument(help: "Directory with mentors.csv and mentees.csv.")
    var directory: String?
    @OptionGroup var generation: PresetOptions
    @Option(help: "Matching profile (JSON).")
    var profile: String?
    @Option(help: "Candidates per mentee (overrides the profile's k).")
    var k: Int?
    @Option(help: "Solver: auto, network, glpk, glpk-mip.")
    var solver: SolverChoice = .auto
    @Flag(help: "Check the optimality certificate (timed within 'solve').")
    var certify = false
    @Option(help: "Where to write the match outputs; default: a temporary directory, removed afterwards.")
    var out: String?
    @Option(help: "text or json.")
    var format: OutputFormat = .text
    @Option(parsing: .upToNextOption,
            help: "After the run, re-solve the core model after this many rejections of its pairs, kept and cold (e.g. --resolve 1 30 300).")
    var resolve: [Int] = []

    func validate() throws {
        if (directory == nil) == (generation.tier() == nil) { throw ValidationError("give a directory or --preset, not both") }
        if resolve.contains(where: { $0 < 1 }) { throw ValidationError("--resolve takes counts of 1 or more") }
    }

    func execute() throws {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("pendamping-bench-\(getpid())")
        defer { try? fm.removeItem(at: scratch) }
        let dir = directory ?? scratch.appendingPathComponent("data").path
        if let tier = generation.tier() {
            try ProvinceGenerator(preset: tier, seed: generation.seed, regions: generation.regionTable()).write(to: dir)
        }
        let interactive = isatty(2) != 0
        let progress: @Sendable (String, Double) -> Void = { name, s in printErr("  \(name) done in \(formatFixed(s, 3)) s") }
        var timings = StageTimings(onStage: interactive ? progress : nil)
        let dataset = try timings.measure("parse") {
            try DatasetReader.read(mentorsPath: dir + "/mentors.csv", menteesPath: dir + "/mentees.csv")
        }
        var prof = try profile.map(Profile.read) ?? .default
        if let k { prof.k = k; try prof.validate(name: "--k") }
        var result = try Matcher(profile: prof, solver: solver, certify: certify).run(dataset, timings: timings)
        let outDir = out ?? scratch.appendingPathComponent("out").path
        let clock = ContinuousClock(), start = clock.now
        try OutputDirectory.write(to: outDir, inputs: [dir + "/mentors.csv", dir + "/mentees.csv"]) { sink in
            try ResultFiles.writeResults(result, to: sink)
            result.timings.record("write", clock.now - start)
            try sink.write(ResultFiles.timingsFile(result.timings))
        }
        var rows: [ResolveBench.Row]? = nil
        if !resolve.isEmpty {
            rows = try ResolveBench.run(Matcher(profile: prof, solver: solver), dataset, counts: resolve)
        }
        print(BenchReport.render(result, format: format, resolves: rows))
    }
}

/// The stage table printed by `bench`.
enum BenchReport {
    struct JSON: Encodable {
        struct Stage: Encodable { var stage: String; var seconds: Double; var peakRssMib: Double }
        var mentees: Int; var mentors: Int; var pairs: Int; var components: Int
        var solver: String; var status: String; var objective: Double; var objectiveUnits: Int64; var matched: Int
        var iterations: Int
        var stages: [Stage]; var totalSeconds: Double; var peakRssMib: Double
        /// `--resolve`'s rows; absent without it.
        var resolves: [ResolveBench.Row]?
    }

    static func render(_ r: MatchResult, format: OutputFormat, resolves: [ResolveBench.Row]? = nil) -> String {
        let mib = { (b: Int) in Double(b) / 1_048_576 }
        let peak = r.timings.stages.map(\.peakBytes).max() ?? 0
        switch format {
        case .json:
            let j = JSON(mentees: r.dataset.mentees.count, mentors: r.dataset.mentors.count, pairs: r.graph.pairCount,
                         components: r.componentCount, solver: r.outcome.engine.rawValue, status: r.outcome.status.rawValue,
                         objective: ScoreUnits(r.outcome.assignment.objective).score, objectiveUnits: r.outcome.assignment.objective,
                         matched: r.matchedCount, iterations: r.outcome.iterations,
                         stages: r.timings.stages.map { .init(stage: $0.name, seconds: ($0.seconds * 1e6).rounded() / 1e6, peakRssMib: (mib($0.peakBytes) * 10).rounded() / 10) },
                         totalSeconds: (r.timings.total * 1e6).rounded() / 1e6, peakRssMib: (mib(peak) * 10).rounded() / 10,
                         resolves: resolves)
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys]
            e.keyEncodingStrategy = .convertToSnakeCase
            return String(decoding: (try? e.encode(j)) ?? Data(), as: UTF8.self)
        case .text:
            var lines = ["\(r.dataset.mentees.count) mentees × \(r.dataset.mentors.count) mentors, \(r.graph.pairCount) pairs (k = \(r.profile.k)), \(r.componentCount) components",
                         "stage               seconds   peak RSS (MiB)"]
            for s in r.timings.stages {
                lines.append(s.name.padding(toLength: 18, withPad: " ", startingAt: 0) + formatFixed(s.seconds, 3).leftPad(9) + formatFixed(mib(s.peakBytes), 1).leftPad(17))
            }
            lines.append("total".padding(toLength: 18, withPad: " ", startingAt: 0) + formatFixed(r.timings.total, 3).leftPad(9) + formatFixed(mib(peak), 1).leftPad(17))
            lines.append("solver \(r.outcome.engine.rawValue): \(r.outcome.status.rawValue), objective \(formatFixed(r.objectiveScore, 6)), matched \(r.matchedCount) (\(formatFixed(r.coverage * 100, 1)) %), \(r.outcome.iterations) pivots/iterations")
            if let resolves { lines.append(ResolveBench.text(resolves)) }
            return lines.joined(separator: "\n")
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
