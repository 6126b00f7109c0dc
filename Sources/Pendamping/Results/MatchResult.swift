import Optimisation

/// Why a mentee has no mentor.
public enum UnassignedReason: String, Sendable, CaseIterable, Codable {
    /// No mentor passes the hard rules (detail: the nearest mentor's distance).
    case noMentorWithinRules = "no_mentor_within_rules"
    /// Every allowed mentor was rejected by a curator.
    case allCandidatesRejected = "all_candidates_rejected"
    /// All its candidates are full with mentees that add more to the total score.
    case candidatesFull = "candidates_full"
    /// Candidate mentors have room, but the programme rules (cohorts, hours, quotas) keep it out.
    case programmeRules = "programme_rules"
    /// The solver stopped without any solution (time limit, stop).
    case notSolved = "not_solved"
}

/// A chosen pair with its explanation.
public struct MatchedPair: Sendable {
    /// The mentee's and mentor's ids, as in the input files.
    public var menteeID: String
    /// The mentor's id, as in the input file.
    public var mentorID: String
    /// Positions in ``MatchResult/dataset`` (`dataset.mentees[Int(mentee)]`), for code that
    /// works on the arrays.
    public var mentee: Int32
    /// The mentor's position in ``MatchResult/dataset``.
    public var mentor: Int32
    /// The score in integer units (``ScoringModel/integerScale`` per unit), exact.
    public var score: Int64
    /// The score in [0, 1].
    public var scoreValue: Double { Double(score) / ScoringModel.integerScale }
    /// The score's four terms and the distance behind them.
    public var breakdown: ScoreBreakdown
    /// The curator decision that fixed it, if any.
    public var decision: PairDecision?
    /// Co-mentoring only: the role the mentor fills for this beginner (a need, or nil for the
    /// general role) and every need of the beginner its expertise covers.
    public var role: Skill? = nil
    /// Co-mentoring only: the beginner's needs this mentor's expertise covers.
    public var coveredNeeds: SkillSet = []
    /// Whether the pair meets online (*daring*) rather than in person.
    public var online = false
}

/// A mentee left without a mentor, and why.
public struct UnassignedMentee: Sendable {
    /// The mentee's id, as in the input file.
    public var menteeID: String
    /// Position in ``MatchResult/dataset``.
    public var mentee: Int32
    /// Why: no candidate at all, every candidate full, a rule, …
    public var reason: UnassignedReason
    /// A sentence with the numbers behind the reason (ids and km, never names).
    public var detail: String
}

/// Wall-clock time of each pipeline stage, in order, with the process's peak resident
/// memory when the stage ended.
public struct StageTimings: Sendable {
    /// Each stage's name, seconds and the process's peak resident bytes at its end, in order.
    public private(set) var stages: [(name: String, seconds: Double, peakBytes: Int)] = []
    /// Called after each stage (e.g. to show progress).
    public var onStage: (@Sendable (String, Double) -> Void)?
    /// Empty timings; `onStage` is called after each recorded stage.
    public init(onStage: (@Sendable (String, Double) -> Void)? = nil) { self.onStage = onStage }
    /// Records stage `name` as taking `d`.
    public mutating func record(_ name: String, _ d: Duration) {
        let (s, a) = d.components
        let seconds = Double(s) + Double(a) / 1e18
        stages.append((name, seconds, ResourceUsage.peakResidentBytes()))
        onStage?(name, seconds)
    }
    /// Times `body` as stage `name`.
    public mutating func measure<R>(_ name: String, _ body: () throws -> R) rethrows -> R {
        let clock = ContinuousClock()
        let start = clock.now
        defer { record(name, clock.now - start) }
        return try body()
    }
    /// Seconds of all stages.
    public var total: Double { stages.reduce(0) { $0 + $1.seconds } }
}

/// Everything a match run produced (docs/architecture.md).
public struct MatchResult: Sendable {
    /// The mentors and mentees the run matched.
    public var dataset: Dataset
    /// The profile the run used.
    public var profile: Profile
    /// The candidate pairs the solve chose from.
    public var graph: CandidateGraph
    /// The scoring model the run used (to score pairs the solve did not choose).
    public var scoring: ScoringModel
    /// Connected components of the candidate graph.
    public var componentCount: Int
    /// Curator decisions applied.
    public var decisionCount: Int
    /// The solve: status, assignment, bound, duals and engine.
    public var outcome: SolveOutcome
    /// Chosen pairs, by mentee index.
    public var pairs: [MatchedPair]
    /// Mentees without a mentor, by index.
    public var unassigned: [UnassignedMentee]
    /// Mentees given to each mentor.
    public var load: [Int32]
    /// Exact gain (integer score units) of one more slot at each mentor, when duals exist.
    public var slotGain: [Int64]?
    /// With `certify`: GLPK's confirmation of the network optimum from the translated basis.
    public var glpkCertificate: GLPKBasisCertificate.Report?
    /// Active programme rules, one line each (empty for the core model).
    public var rules: [String] = []
    /// Slack and root dual of each rule row.
    public var ruleReport: [RuleReport] = []
    /// With an objective other than total score: how it compares with the score optimum.
    public var objectiveComparison: ObjectiveComparison? = nil
    /// Worst scores, kabupaten coverage and blocking pairs (``Fairness``), computed by
    /// ``Matcher/run(_:timings:)``; nil for a result assembled otherwise (then computed on use).
    public var fairness: Fairness? = nil
    /// The fairness figures, computed now when the run did not. `O(pairs)` then, `O(1)` otherwise.
    public var fairnessFigures: Fairness { fairness ?? Fairness(self) }
    /// Curator-rejected mentors by mentee index (the pairs left out of the candidates).
    public var rejected: [Int32: [Int32]] = [:]
    /// Seconds and peak memory of each stage.
    public var timings: StageTimings

    /// Frees what only the search and the result files read — the candidate graph (an empty
    /// one of the same mentees takes its place) and the mentees' scoring rows — for a caller
    /// that has written the result files and goes on to the report: the report's files
    /// (``ReportInput``, `pairs.xlsx`) read neither, and at province scale they are the largest
    /// arrays a result holds (tier XL: 10 million pairs, about 140 MB, and 1,000,000 rows,
    /// about 80 MB). Afterwards nothing that reads candidates or scores a mentee may be called.
    /// Frees nothing while the fairness figures are still to be computed from them
    /// (``fairness`` nil). `O(mentees)`.
    package mutating func releaseSearchState() {
        guard fairness != nil else { return }
        graph = CandidateGraph(menteeCount: graph.menteeCount, mentorCount: graph.mentorCount,
                               offsets: [Int32](repeating: 0, count: graph.menteeCount + 1), mentor: [], score: [],
                               nearestWhenNone: [Double?](repeating: nil, count: graph.menteeCount))
        scoring.releaseMenteeRows()
    }

    /// Beginners with a mentor (with co-mentoring, fewer than the pairs).
    public var matchedCount: Int { matchedMentees }
    /// How many mentees are unassigned for each reason (by the reason's raw value).
    public var unassignedByReason: [String: Int] {
        Dictionary(unassigned.map { ($0.reason.rawValue, 1) }, uniquingKeysWith: +)
    }
    /// Beginners with at least one mentor over all beginners.
    public var coverage: Double { dataset.mentees.isEmpty ? 0 : Double(matchedMentees) / Double(dataset.mentees.count) }
    /// Beginners with at least one mentor (the pair count unless co-mentoring).
    public var matchedMentees: Int { dataset.mentees.count - unassigned.count }
    /// The objective (priority-weighted sum of scores) in score units.
    public var objectiveScore: Double { Double(outcome.assignment.objective) / ScoringModel.integerScale }
    /// Mean score of the chosen pairs (unweighted), in [0, 1].
    public var meanScore: Double {
        pairs.isEmpty ? 0 : Double(pairs.reduce(Int64(0)) { $0 + $1.score }) / ScoringModel.integerScale / Double(pairs.count)
    }
}
