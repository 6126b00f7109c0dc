import ArgumentParser
import Foundation
import Pendamping

struct Round: ParsableCommand {
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
    @Option(help: "The previous round's pairs.csv.")
    var previous: String?
    @Option(help: "Decisions CSV: mentee_id, mentor_id, decision (accept, reject, lock, withdraw).")
    var decisions: String?
    @Option(help: "Matching profile (JSON).")
    var profile: String?
    @Option(help: "Re-run the round stored in this directory.")
    var rerun: String?
    @Option(help: "Round directory to write.")
    var out: String

    func validate() throws {
        if rerun == nil && previous == nil { throw ValidationError("give --previous (and usually --decisions), or --rerun DIR") }
        if rerun != nil && (previous != nil || decisions != nil || profile != nil) {
            throw ValidationError("--rerun takes its previous pairs, decisions and profile from the round directory")
        }
    }

    func run() throws {
        do {
            let previousPath = rerun.map { $0 + "/previous-pairs.csv" } ?? previous!
            let decisionsPath = rerun.map { $0 + "/decisions.csv" } ?? decisions
            let profilePath = rerun.map { $0 + "/profile.json" } ?? profile
            let hashes = [
                "mentors.csv": try CurationRound.sha256(path: data.mentors),
                "mentees.csv": try CurationRound.sha256(path: data.mentees),
                "previous-pairs.csv": try CurationRound.sha256(path: previousPath),
                "decisions.csv": try decisionsPath.map(CurationRound.sha256) ?? "none",
            ]
            if let rerun {
                let manifest = try RoundDirectory.manifest(in: rerun)
                for role in ["mentors.csv", "mentees.csv"] where manifest.inputs[role] != hashes[role] {
                    throw InputError.invalid([InputIssue(file: role == "mentors.csv" ? data.mentors : data.mentees, line: 0,
                                                         message: "differs from the \(role) round \(rerun) was run on (SHA-256 mismatch)")])
                }
            }
            let dataset = try DatasetReader.read(mentorsPath: data.mentors, menteesPath: data.mentees)
            let prof = try profilePath.map(Profile.read) ?? .default
            let dec = try decisionsPath.map { try Decisions.read(path: $0, dataset: dataset) } ?? Decisions()
            let prev = try CurationRound.readPrevious(path: previousPath)
            let round = try CurationRound.run(dataset: dataset, previous: prev, decisions: dec, matcher: Matcher(profile: prof))
            let files = try RoundDirectory.render(round, profile: prof, inputHashes: hashes,
                                                  decisionsBytes: decisionsPath.flatMap { FileManager.default.contents(atPath: $0) }
                                                      ?? Data("mentee_id,mentor_id,decision\n".utf8),
                                                  previousBytes: FileManager.default.contents(atPath: previousPath) ?? Data())
            try OutputDirectory.write(files, to: out)
            let c = round.counts
            print("Pendamping round: \(round.result.dataset.mentees.count) mentees, \(round.result.dataset.mentors.count) mentors, \(dec.entries.count) decisions")
            print("  kept \(c["kept"] ?? 0), moved \(c["moved"] ?? 0), lost \(c["lost"] ?? 0), gained \(c["gained"] ?? 0), withdrawn \(c["withdrawn"] ?? 0)")
            print("  total score before \(formatScore(round.objectiveBefore)), after \(formatScore(round.objectiveAfter)) (stability penalty \(formatFixed(prof.stability.penalty, 3)) per moved pair)")
            print("  written     \(out)/{pairs.csv, diff.csv, round.json, …}")
        } catch {
            throw Failure.exit(error)
        }
    }
}
