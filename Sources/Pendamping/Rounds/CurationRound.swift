import Foundation
import Tabular

/// One curation round: the previous round's pairs and the curators' decisions in, a re-solve
/// that keeps accepted and locked pairs, never brings back rejected ones, and moves other
/// pairs only where the gain beats the profile's stability penalty; a diff out.
public struct CurationRound: Sendable {
    /// What happened to one mentee between the rounds.
    public struct Change: Sendable {
        /// Kept the same mentor, moved to another, lost its mentor, gained one, withdrew, or stayed unmatched.
        public enum Kind: String, Sendable {
            /// The same mentor as before.
            case kept
            /// Another mentor than before.
            case moved
            /// A mentor before, none now.
            case lost
            /// None before, a mentor now.
            case gained
            /// The mentee left the programme or the list.
            case withdrawn
            /// No mentor before or now.
            case unmatched
        }
        /// The mentee's id.
        public var menteeID: String
        /// The previous round's mentor id, if any.
        public var before: String?
        /// This round's mentor id, if any.
        public var after: String?
        /// What happened.
        public var kind: Kind
        /// Why, in words (ids only).
        public var reason: String
        /// The previous pair's score now, in score units, when it still exists.
        public var scoreBefore: Int64?
        /// This round's pair's score, in score units.
        public var scoreAfter: Int64?
    }

    /// This round's match.
    public var result: MatchResult
    /// Every mentee whose pair changed, or that withdrew or stayed unmatched, by id.
    public var changes: [Change]
    /// Σ score of the previous pairs that are still possible (both sides present), in score units.
    public var objectiveBefore: Int64
    /// Σ score of this round's pairs.
    public var objectiveAfter: Int64

    /// Reads the previous round's `pairs.csv` (columns `mentee_id`, `mentor_id`), as
    /// ``ResultDirectory/readPairs(path:)`` does.
    public static func readPrevious(path: String) throws -> [String: String] { try ResultDirectory.readPairs(path: path) }

    /// Runs the round on `dataset` (before withdrawals).
    /// - Throws: ``InfeasibleDecisions`` when a decision names a withdrawn mentor or mentee, or
    ///   decisions conflict.
    public static func run(dataset full: Dataset, previous: [String: String], decisions: Decisions,
                           matcher base: Matcher, timings: StageTimings = .init()) throws -> CurationRound {
        let goneMentees = decisions.withdrawnMentees, goneMentors = decisions.withdrawnMentors
        var conflicts: [InfeasibleDecisions.Conflict] = []
        for e in decisions.entries where e.decision == .accept || e.decision == .lock {
            if goneMentees.contains(e.menteeID) { conflicts.append(.withdrawnButDecided(mentor: false, id: e.menteeID, decision: e.decision.rawValue)) }
            if goneMentors.contains(e.mentorID) { conflicts.append(.withdrawnButDecided(mentor: true, id: e.mentorID, decision: e.decision.rawValue)) }
        }
        if !conflicts.isEmpty { throw InfeasibleDecisions(conflicts) }
        let dataset = Dataset(mentors: full.mentors.filter { !goneMentors.contains($0.id) },
                              mentees: full.mentees.filter { !goneMentees.contains($0.id) },
                              mentorExtraColumns: full.mentorExtraColumns, menteeExtraColumns: full.menteeExtraColumns)
        var matcher = base
        matcher.decisions = Decisions(entries: decisions.entries.filter { $0.decision != .withdraw })
        matcher.previous = previous
        // Warm start: the previous optimum, with the decisions applied (rejected pairs and
        // withdrawn people are no longer candidates; locked ones are fixed), seeds the simplex.
        if matcher.startFrom == nil { matcher.startFrom = previous }
        let result = try matcher.run(dataset, timings: timings)

        let scoring = result.scoring
        let menteeIndex = dataset.menteeIndex(), mentorIndex = dataset.mentorIndex()
        func score(_ me: String, _ mo: String) -> Int64? {
            guard let i = menteeIndex[me], let j = mentorIndex[mo] else { return nil }
            return ScoringModel.integer(scoring.breakdown(mentee: Int(i), mentor: Int(j)).total)
        }
        var after: [String: (String, Int64)] = [:]
        for p in result.pairs { after[dataset.mentees[Int(p.mentee)].id] = (dataset.mentors[Int(p.mentor)].id, p.score) }
        let decided = decisions.byPair
        let penalty = formatFixed(matcher.profile.stability.penalty, 3)
        var changes: [Change] = []
        for id in Set(previous.keys).union(after.keys).union(goneMentees).sorted() {
            let before = previous[id], now = after[id]
            let sb = before.flatMap { score(id, $0) }, sa = now?.1
            var c = Change(menteeID: id, before: before, after: now?.0, kind: .unmatched, reason: "", scoreBefore: sb, scoreAfter: sa)
            if goneMentees.contains(id) {
                c.kind = .withdrawn; c.reason = "mentee withdrawn"; c.after = nil; c.scoreAfter = nil
            } else if menteeIndex[id] == nil {
                c.kind = .withdrawn; c.reason = "mentee no longer in the mentees file"; c.after = nil; c.scoreAfter = nil
            } else if let b = before, let a = now?.0, a == b {
                c.kind = .kept
                c.reason = decided[PairID(id, b)].map { "\($0.rawValue)ed by curators" } ?? "kept (no change gains more than \(penalty))"
            } else if let b = before {
                c.kind = now == nil ? .lost : .moved
                if decided[PairID(id, b)] == .reject { c.reason = "previous pair rejected by curators" }
                else if goneMentors.contains(b) { c.reason = "previous mentor \(b) withdrawn" }
                else if mentorIndex[b] == nil { c.reason = "previous mentor \(b) no longer in the mentors file" }
                else if let a = now?.0, let d = decided[PairID(id, a)], d != .reject { c.reason = "\(d.rawValue) decision for \(a)" }
                else if now == nil { c.reason = "its slot went to a pairing that gains more than \(penalty)" }
                else { c.reason = "moving gains more than \(penalty) in total score" }
            } else if now != nil {
                c.kind = .gained
                c.reason = decided[PairID(id, now?.0 ?? "")].map { "\($0.rawValue) decision" } ?? "newly matched"
            } else { continue }
            changes.append(c)
        }
        let objectiveBefore = previous.compactMap { score($0.key, $0.value) }.reduce(0, +)
        let objectiveAfter = result.pairs.reduce(Int64(0)) { $0 + $1.score }
        return CurationRound(result: result, changes: changes, objectiveBefore: objectiveBefore, objectiveAfter: objectiveAfter)
    }

    /// Count of each change kind.
    public var counts: [String: Int] { Dictionary(changes.map { ($0.kind.rawValue, 1) }, uniquingKeysWith: +) }
    /// Mentees whose mentor changed (moved, lost or gained).
    public var changedPairs: Int { changes.filter { $0.kind == .moved || $0.kind == .lost || $0.kind == .gained }.count }

    /// SHA-256 of a file's bytes, hex. - Complexity: `O(bytes)`.
    public static func sha256(path: String) throws -> String {
        sha256(try InputFile.contents(path, name: path))
    }

    /// SHA-256 of `data`, hex. - Complexity: `O(bytes)`.
    public static func sha256(_ data: Data) -> String {
        Digest.sha256Hex(data)
    }
}
