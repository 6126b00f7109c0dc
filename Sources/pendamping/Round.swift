import ArgumentParser
import Foundation
import Pendamping
import Tabular

struct Round: Subcommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-solve a curation round around the curators' decisions, with as few changes as the stability penalty allows.",
        discussion: """
        Accepted and locked pairs stay, rejected pairs never return, withdrawn mentees and mentors leave; \
        every other previous pair changes only where that gains more than the profile's stability.penalty. \
        Writes the match outputs plus diff.csv (who kept, lost or gained a mentor, and why), round.json (input \
        hashes, counts, objective before and after), profile.json and copies of the decisions and previous pairs. \
        --rerun DIR re-runs a past round from its directory (the mentors and mentees files must match its hashes) \
        and gives identical bytes.
        """
    )

    @OptionGroup var data: DatasetOptions
    @Option(help: "The previous round's pairs.csv, or its result directory.")
    var previous: String?
    @Option(help: "Decisions CSV: mentee_id, mentor_id, decision (accept, reject, lock, withdraw).")
    var decisions: String?
    @Option(help: "Matching profile (JSON).")
    var profile: String?
    @Option(help: "Re-run the round stored in this directory.")
    var rerun: String?
    @Option(help: "Round directory to write.")
    var out: String
    @Option(help: "Language of report.html: id (Indonesian, default) or en.")
    var lang: Language = .id
    @Flag(help: "Start the solve from the greedy assignment instead of the previous pairs (for benchmarks: the optimum is the same).")
    var cold = false

    func validate() throws {
        if rerun == nil && previous == nil { throw ValidationError("give --previous (and usually --decisions), or --rerun DIR") }
        if rerun != nil && (previous != nil || decisions != nil || profile != nil) {
            throw ValidationError("--rerun takes its previous pairs, decisions and profile from the round directory")
        }
    }

    func execute() throws {
        removeStaleStaging(beside: out)
        // A directory stands for its pairs.csv, read through the one result-directory reader.
        var isDirectory: ObjCBool = false
        let previousDirectory = previous.flatMap {
            FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue ? ResultDirectory($0) : nil
        }
        let previousPath = rerun.map { $0 + "/previous-pairs.csv" } ?? previousDirectory?.file("pairs.csv") ?? previous!
        let decisionsPath = rerun.map { $0 + "/decisions.csv" } ?? decisions
        let profilePath = rerun.map { $0 + "/profile.json" } ?? profile
        // What the round directory stores, byte for byte; its hashes go into round.json.
        let previousBytes = try InputFile.read(previousPath)
        let decisionsBytes = try decisionsPath.map(InputFile.read) ?? RoundRun.emptyDecisions
        // A rerun hashes the stored profile.json as it is and decodes those same bytes.
        let storedProfile = try rerun.map { try InputFile.read($0 + "/profile.json") }
        let prof = try storedProfile.map { try Profile.decode($0, name: profilePath!) } ?? profilePath.map(Profile.read) ?? .default
        let inputs = RoundRun.Inputs(mentorsHash: try CurationRound.sha256(path: data.mentors),
                                     menteesHash: try CurationRound.sha256(path: data.mentees),
                                     previousBytes: previousBytes, decisionsBytes: decisionsBytes, profileBytes: storedProfile)
        if let rerun {
            let hashes = try RoundRun.inputHashes(inputs, profile: prof)
            let manifest = try RoundDirectory.manifest(in: rerun)
            let issues = hashes.keys.sorted().filter { manifest.inputs[$0] != hashes[$0] }.map { role in
                let file = role == "mentors.csv" ? data.mentors : role == "mentees.csv" ? data.mentees : rerun + "/" + role
                return InputIssue(file: file, line: 0, message: manifest.inputs[role] == nil
                    ? "round \(rerun) recorded no hash of its \(role); re-run that round from its inputs"
                    : "differs from the \(role) round \(rerun) recorded (SHA-256 mismatch); a round directory must not be edited")
            }
            if !issues.isEmpty { throw InputError.invalid(issues) }
        }
        let dataset = try data.read()
        let dec = try decisionsPath.map { try Decisions.read(path: $0, dataset: dataset, encoding: data.encoding) } ?? Decisions()
        let prev = try previousDirectory?.pairs() ?? CurationRound.readPrevious(path: previousPath)
        var matcher = Matcher(profile: prof)
        if cold { matcher.startFrom = [:] }
        let (round, files) = try RoundRun.run(dataset: dataset, previous: prev, decisions: dec, inputs: inputs,
                                              matcher: matcher, language: lang)
        try OutputDirectory.write(files, to: out, inputs: data.paths + [previousPath, decisionsPath, profilePath].compactMap { $0 })
        let c = round.counts
        print("Pendamping round: \(round.result.dataset.mentees.count) mentees, \(round.result.dataset.mentors.count) mentors, \(dec.entries.count) decisions")
        print("  kept \(c["kept"] ?? 0), moved \(c["moved"] ?? 0), lost \(c["lost"] ?? 0), gained \(c["gained"] ?? 0), withdrawn \(c["withdrawn"] ?? 0)")
        print("  total score before \(formatScore(round.objectiveBefore)), after \(formatScore(round.objectiveAfter)) (stability penalty \(formatFixed(prof.stability.penalty, 3)) per moved pair)")
        print("  written     \(out)/{pairs.csv, diff.csv, round.json, …}")
        printErr("stages: " + round.result.timings.stages.map { "\($0.name) \(formatFixed($0.seconds, 3)) s" }.joined(separator: ", ")
                 + "; \(round.result.outcome.iterations) pivots")
    }
}
