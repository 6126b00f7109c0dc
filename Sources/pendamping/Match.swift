import ArgumentParser
import Foundation
import Pendamping
import Tabular

struct Match: Subcommand {
    static let configuration = CommandConfiguration(
        abstract: "Score every plausible pair, solve the assignment exactly and write explained results.",
        discussion: """
        Writes DIR/pairs.csv, DIR/unassigned.csv, DIR/mentors.csv, DIR/summary.json (byte-identical for the same \
        inputs and options) and DIR/timings.json. Nothing is written when the inputs are invalid.
        """
    )

    @OptionGroup var data: DatasetOptions
    @Option(help: "Matching profile (JSON); default: the bundled profile.")
    var profile: String?
    @Option(help: "Curator decisions CSV (mentee_id, mentor_id, decision = accept|reject|lock).")
    var decisions: String?
    @Option(help: "Output directory.")
    var out: String
    @Option(help: "Language of report.html: id (Indonesian, default) or en.")
    var lang: Language = .id
    @Flag(help: "Drop the later listing of each business listed twice (same NIB, or same name in the same kelurahan); DIR/duplicates.csv lists them.")
    var dedupe = false
    @Option(help: "Solver.")
    var solver: SolverChoice = .auto
    @Flag(help: "Check the optimum two ways: the network certificate (feasibility, complementary slackness, equal primal and dual objectives) and GLPK's simplex started from the network's basis (must need no pivots and agree).")
    var certify = false
    @Option(help: "Time limit for the solve, seconds (programme rules: default 60).")
    var timeLimit: Double?
    @Option(help: "Relative gap at which the programme rules' branch and cut may stop (e.g. 0.01).")
    var gap: Double = 0
    @Option(help: "GLPK cut generators for the programme rules' branch and cut, comma-separated: \(CutGenerator.allCases.map(\.rawValue).joined(separator: ", ")) or none (default: mir,cover,clique).")
    var cuts: String?
    @Option(help: "GLPK primal heuristics for the programme rules' branch and cut: fp (feasibility pump), ps (proximity search) or none (default: ps).")
    var heuristics: String?
    @Option(help: "Output on stdout: text or json (the summary).")
    var format: OutputFormat = .text
    @Option(help: "What to optimise: score (total score, default), stable-mentee or stable-mentor (deferred acceptance: no blocking pair; the summary shows the price against the score optimum), maxmin (the highest worst pair score among the matchings covering the most beginners, then the total).")
    var objective: MatchObjective = .score

    func validate() throws {
        if let t = timeLimit { try checkTimeLimit(t) }
        if !(gap >= 0 && gap < 1) { throw ValidationError("--gap must be in [0, 1)") }
        _ = try names(cuts, allowed: CutGenerator.allCases.map(\.rawValue), option: "--cuts")
        _ = try names(heuristics, allowed: PrimalHeuristic.allCases.map(\.rawValue), option: "--heuristics")
    }

    /// A comma-separated list checked against `allowed`; "none" is the empty set.
    func names(_ list: String?, allowed: [String], option: String) throws -> Set<String>? {
        guard let list else { return nil }
        let items = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { $0 != "none" && !$0.isEmpty }
        for n in items where !allowed.contains(n) {
            throw ValidationError("\(option): unknown name '\(n)'; use \(allowed.joined(separator: ", ")) or none")
        }
        return Set(items)
    }

    func execute() throws {
        removeStaleStaging(beside: out)
        var timings = StageTimings()
        // The profile and option combinations are checked before the (possibly long) read.
        let prof = try profile.map(Profile.read) ?? .default
        var check = Matcher(profile: prof, solver: solver)
        check.objective = objective
        try check.checkOptions()
        let (listed, quality) = try timings.measure("parse") { try data.readWithQuality() }
        let duplicates = quality.duplicates
        let dataset = dedupe ? listed.withoutDuplicates(duplicates) : listed
        if !duplicates.isEmpty {
            let ids = duplicates.prefix(3).map { "\($0.droppedID) = \($0.keptID)" }.joined(separator: ", ")
            printErr(dedupe ? "dropped \(duplicates.count) later listing(s) of businesses listed twice (\(ids)\(duplicates.count > 3 ? ", …" : "")); see duplicates.csv"
                            : "warning: \(duplicates.count) business(es) listed twice (\(ids)\(duplicates.count > 3 ? ", …" : "")); --dedupe drops the later listings")
        }
        let dec = try decisions.map { try Decisions.read(path: $0, dataset: dataset, encoding: data.encoding) } ?? Decisions()
        // match has no previous round to withdraw from: say so instead of ignoring the rows.
        let withdrawals = dec.entries.filter { $0.decision == .withdraw }
        if let path = decisions, !withdrawals.isEmpty {
            throw InputError.invalid(withdrawals.prefix(InputError.limit).map {
                InputIssue(file: path, line: $0.line, column: "decision", message: "'withdraw' is for `pendamping round`; "
                           + "to leave a record out of match, remove it from its list", recordID: $0.menteeID.isEmpty ? $0.mentorID : $0.menteeID)
            })
        }
        var matcher = Matcher(profile: prof, decisions: dec, solver: solver,
                              timeLimit: timeLimit.map { .milliseconds(Int64($0 * 1000)) }, certify: certify)
        matcher.relativeGap = gap
        matcher.objective = objective
        matcher.cuts = try names(cuts, allowed: CutGenerator.allCases.map(\.rawValue), option: "--cuts")
            .map { Set($0.compactMap(CutGenerator.init(rawValue:))) }
        matcher.heuristics = try names(heuristics, allowed: PrimalHeuristic.allCases.map(\.rawValue), option: "--heuristics")
            .map { Set($0.compactMap(PrimalHeuristic.init(rawValue:))) }
        let stop = SolveStop()
        let signals = SignalStop(stop)
        defer { withExtendedLifetime(signals) {} }
        matcher.stop = stop
        if isatty(2) != 0 {
            matcher.progress = ProgressLine.mip(label: "branch and cut")
        }
        var result = try matcher.run(dataset, timings: timings)
        if isatty(2) != 0 && !result.rules.isEmpty { ProgressLine.clear() }
        // The text summary counts the candidate pairs: made before the graph is released below.
        let text = format == .text ? SummaryText.render(result, outDir: out) : nil
        let clock = ContinuousClock(), start = clock.now
        let summary = try OutputDirectory.write(to: out, inputs: data.paths + [profile, decisions].compactMap { $0 }) { sink in
            let summary = try ResultFiles.writeResults(result, to: sink)
            result.timings.record("write", clock.now - start)
            // Nothing after the result files reads the candidates or scores: freed before the report.
            result.releaseSearchState()
            let reportStart = clock.now
            try ResultFiles.writeReport(result, language: lang, to: sink)
            result.timings.record("report", clock.now - reportStart)
            if dedupe { try sink.write(ResultFiles.duplicatesFile(duplicates)) }
            // timings.json comes last so that it includes the write and report stages.
            try sink.write(ResultFiles.timingsFile(result.timings))
            return summary
        }
        switch format {
        case .json: FileHandle.standardOutput.write(summary)
        case .text: print(text ?? "")
        }
        printErr("stages: " + result.timings.stages.map { "\($0.name) \(formatFixed($0.seconds, 3)) s" }.joined(separator: ", "))
    }
}
