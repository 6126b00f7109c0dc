import ArgumentParser
import Foundation
import Pendamping
import Tabular

struct Shard: Subcommand {
    static let configuration = CommandConfiguration(
        abstract: "Split mentors and mentees into shards that match separately with exactly the answer of one run.",
        discussion: """
        Shards are groups of connected components of the candidate graph (no pair crosses two), keyed by province \
        or kabupaten/kota and packed up to --max-mentees; a component larger than that is kept whole and reported. \
        Writes DIR/shard-NNNN/{mentors.csv, mentees.csv, profile.json}, DIR/shards.csv and DIR/shards.txt. Match each \
        shard (e.g. with GNU parallel, a Slurm job array or a Kubernetes Indexed Job; see deploy/) and combine the \
        results with `pendamping merge`.
        """
    )

    @OptionGroup var data: DatasetOptions
    @Option(help: "Matching profile (JSON); default: the bundled profile. Copied into every shard.")
    var profile: String?
    @Option(help: "Group shards by: province or kabupaten.")
    var by: ShardPlan.Key = .province
    @Option(help: "Most mentees per shard (a component above it is kept whole).")
    var maxMentees: Int = 250_000
    @Option(help: "Output directory.")
    var out: String

    func validate() throws {
        guard maxMentees >= 1 else { throw ValidationError("--max-mentees must be at least 1") }
    }

    func execute() throws {
        let prof = try profile.map(Profile.read) ?? .default
        let dataset = try data.read()
        let options = try data.readOptions
        // Shards copy the lists' own rows: one table per list (the first sheet named, or the first).
        let mentorTable = try TableFile.read(path: data.mentors, encoding: options.encoding, sheet: options.sheets.first)
        let menteeTable = try TableFile.read(path: data.mentees, encoding: options.encoding, sheet: options.sheets.first)
        let plan = try ShardPlan.make(dataset: dataset, profile: prof, by: by, maxMentees: maxMentees)
        try OutputDirectory.write(try plan.files(dataset: dataset, mentorTable: mentorTable, menteeTable: menteeTable, profile: prof),
                                  to: out, inputs: data.paths + [profile].compactMap { $0 })
        print("Pendamping shard: \(dataset.mentees.count) mentees, \(dataset.mentors.count) mentors → \(plan.shards.count) shard(s) by \(by.rawValue)")
        for s in plan.shards where s.oversized {
            print("  \(s.name) (\(s.key)): one component of \(s.mentees.count) mentees, above --max-mentees \(maxMentees), kept whole")
        }
        let largest = plan.shards.map { $0.mentees.count }.max() ?? 0
        print("  largest shard \(largest) mentees; written \(out)/{shards.csv, shards.txt, shard-*/}")
    }
}

struct Merge: Subcommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine shard results (match output directories) into one result directory with a national summary."
    )

    @Argument(help: "Shard result directories (each written by match).")
    var directories: [String]
    @Option(help: "Output directory.")
    var out: String

    func execute() throws {
        let files = try ShardMerge.merge(directories)
        try OutputDirectory.write(files, to: out, inputs: directories)
        print("Pendamping merge: \(directories.count) shard result(s) → \(out)/{pairs.csv, unassigned.csv, mentors.csv, summary.json}")
    }
}
