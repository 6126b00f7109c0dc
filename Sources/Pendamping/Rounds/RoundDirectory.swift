import Foundation
import Tabular

/// The files of a round directory: the match outputs, `diff.csv`, and what is needed to
/// re-run the round byte for byte: `round.json` (hashes of every input, counts, objectives),
/// the resolved `profile.json`, and copies of `decisions.csv` and `previous-pairs.csv`.
/// Mentor and mentee files are recorded by hash only (they may be large and hold personal data).
public enum RoundDirectory {
    /// `round.json`: what a round read and what it changed.
    public struct Manifest: Codable, Equatable, Sendable {
        /// The manifest's shape; 1 now.
        public var format = 1
        /// SHA-256 of each input, by role.
        public var inputs: [String: String]
        /// Mentees by change kind (``CurationRound/Change/Kind`` raw values).
        public var changes: [String: Int]
        /// Σ score of the previous pairs still possible, in score points.
        public var objectiveBefore: Double
        /// Σ score of this round's pairs, in score points.
        public var objectiveAfter: Double
    }

    /// Renders every file of the round. - Complexity: `O(n + m)`.
    public static func render(_ round: CurationRound, profile: Profile, inputHashes: [String: String],
                              decisionsBytes: Data, previousBytes: Data, language: Language = .id) throws -> [(name: String, data: Data)] {
        var files = try ResultFiles.render(round.result)
        let changes = HTMLReport.RoundChanges(rows: round.changes.map {
            .init(kind: $0.kind.rawValue, mentee: $0.menteeID, before: $0.before ?? "", after: $0.after ?? "", reason: $0.reason)
        })
        files += try ResultFiles.reportFiles(round.result, language: language, round: changes)
        var w = CSVTableWriter(header: ["mentee_id", "before", "after", "change", "reason", "score_before", "score_after"])
        for c in round.changes {
            w.appendRow([.text(c.menteeID), .text(c.before ?? ""), .text(c.after ?? ""), .text(c.kind.rawValue), .text(c.reason),
                         .number(c.scoreBefore.map(formatScore) ?? ""), .number(c.scoreAfter.map(formatScore) ?? "")])
        }
        files.append(("diff.csv", Data(w.text.utf8)))
        let manifest = Manifest(inputs: inputHashes, changes: round.counts,
                                objectiveBefore: rounded6(Double(round.objectiveBefore) / ScoringModel.integerScale),
                                objectiveAfter: rounded6(Double(round.objectiveAfter) / ScoringModel.integerScale))
        files.append(("round.json", try ResultFiles.json(manifest)))
        files.append(("profile.json", try profileFile(profile)))
        files.append(("decisions.csv", decisionsBytes))
        files.append(("previous-pairs.csv", previousBytes))
        return files
    }

    /// The bytes of a round's `profile.json` (the resolved profile, every setting written).
    public static func profileFile(_ profile: Profile) throws -> Data { try ResultFiles.json(profile) }

    /// Reads a round's manifest.
    public static func manifest(in dir: String) throws -> Manifest {
        let path = dir + "/round.json"
        let data = try InputFile.contents(path, name: path)
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        do { return try d.decode(Manifest.self, from: data) } catch {
            throw InputError.invalid([InputIssue(file: path, line: 0, message: "not a round manifest")])
        }
    }
}
