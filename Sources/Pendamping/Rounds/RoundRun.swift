import Foundation
import Tabular

/// One curation round from its stored inputs to the files of its directory: what
/// `pendamping round` and the web app's "re-solve" both call, so that the two give the same
/// bytes for the same inputs.
public enum RoundRun {
    /// The inputs of a round, as bytes where the round directory keeps them.
    public struct Inputs: Sendable {
        /// SHA-256 (hex) of the mentors file as read.
        public var mentorsHash: String
        /// SHA-256 (hex) of the mentees file as read.
        public var menteesHash: String
        /// The previous round's `pairs.csv`, byte for byte.
        public var previousBytes: Data
        /// The decisions CSV (`mentee_id,mentor_id,decision`), byte for byte.
        public var decisionsBytes: Data
        /// The profile's stored bytes when re-running a round (hashed as they are), or `nil`
        /// to store the resolved profile.
        public var profileBytes: Data?

        /// The inputs of a round, as read.
        public init(mentorsHash: String, menteesHash: String, previousBytes: Data, decisionsBytes: Data, profileBytes: Data? = nil) {
            self.mentorsHash = mentorsHash
            self.menteesHash = menteesHash
            self.previousBytes = previousBytes
            self.decisionsBytes = decisionsBytes
            self.profileBytes = profileBytes
        }
    }

    /// The decisions file of a round with no decisions.
    public static let emptyDecisions = Data("mentee_id,mentor_id,decision\n".utf8)

    /// Solves the round and renders its directory's files (match outputs, `diff.csv`,
    /// `round.json`, `profile.json`, copies of the decisions and previous pairs).
    /// - Parameters:
    ///   - matcher: the profile and solver settings; `startFrom` empty for a cold start.
    ///   - timings: where the stages are timed (its `onStage` hears each one end).
    /// - Complexity: that of ``Matcher/run(_:timings:)`` plus `O(n + m)` to render.
    public static func run(dataset: Dataset, previous: [String: String], decisions: Decisions, inputs: Inputs,
                           matcher: Matcher, language: Language = .id,
                           timings: StageTimings = .init()) throws -> (round: CurationRound, files: [(name: String, data: Data)]) {
        let hashes = try inputHashes(inputs, profile: matcher.profile)
        let round = try CurationRound.run(dataset: dataset, previous: previous, decisions: decisions, matcher: matcher, timings: timings)
        let files = try RoundDirectory.render(round, profile: matcher.profile, inputHashes: hashes,
                                              decisionsBytes: inputs.decisionsBytes, previousBytes: inputs.previousBytes,
                                              language: language)
        return (round, files)
    }

    /// The hashes a round directory records for its inputs, by role, to check a rerun against.
    public static func inputHashes(_ inputs: Inputs, profile: Profile) throws -> [String: String] {
        let profileBytes = try inputs.profileBytes ?? RoundDirectory.profileFile(profile)
        return [
            "mentors.csv": inputs.mentorsHash,
            "mentees.csv": inputs.menteesHash,
            "previous-pairs.csv": CurationRound.sha256(inputs.previousBytes),
            "decisions.csv": CurationRound.sha256(inputs.decisionsBytes),
            "profile.json": CurationRound.sha256(profileBytes),
        ]
    }
}
