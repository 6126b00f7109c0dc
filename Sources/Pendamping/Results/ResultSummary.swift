import Tabular

/// `summary.json`, the figures of one run, as it is written and read back: one type for the
/// writer and for every reader (`pendamping merge`, `pendamping report DIR`). Keys are written
/// in snake case, sorted, decimals rounded to six places; figures in score units are exact
/// (``ScoreUnits``). A summary without ``schemaVersion`` was written before the field existed
/// and reads as version 1.
public struct ResultSummary: Codable, Sendable, Equatable {
    /// The version of this shape that writers write now.
    public static let currentSchemaVersion = 1

    /// The records read: mentors, mentees and curator decisions.
    public struct Inputs: Codable, Sendable, Equatable {
        /// Mentor records read.
        public var mentors: Int
        /// Mentee records read.
        public var mentees: Int
        /// Curator decisions read (0 without a decisions file).
        public var decisions: Int
    }
    /// The candidate graph: `k` per mentee, the pairs kept, its connected components, and the
    /// mentees left with no candidate.
    public struct Candidates: Codable, Sendable, Equatable {
        /// Candidates kept per mentee.
        public var k: Int
        /// Candidate pairs in the graph.
        public var pairs: Int
        /// Connected components of the graph (solved independently).
        public var components: Int
        /// Mentees that no mentor may take (see `unassigned.csv` for why).
        public var menteesWithoutCandidates: Int
    }
    /// The solve: the engine, its status, the objective (in score points and exactly in
    /// units), the proven bound and relative gap when a branch and cut stopped short.
    public struct Solve: Codable, Sendable, Equatable {
        /// The engine that found the answer (``SolveEngine`` raw value).
        public var solver: String
        /// How the solve ended (``MatchStatus`` raw value).
        public var status: String
        /// The objective in score points, rounded to six places.
        public var objective: Double
        /// The objective exactly, in score units.
        public var objectiveUnits: ScoreUnits
        /// The best proven bound when the solve stopped short of proving the optimum.
        public var bound: Double?
        /// `(bound − objective) / objective` when ``bound`` is given.
        public var relativeGap: Double?
        /// The stages of a solve with programme rules (absent for a single engine).
        public var stages: [SolveStage]?
    }
    /// The mentors' total capacity and load, load over capacity, and how many are full.
    public struct Mentors: Codable, Sendable, Equatable {
        /// Total capacity of the mentors.
        public var capacity: Int
        /// Mentees assigned, over all mentors.
        public var load: Int
        /// `load / capacity` (0 without capacity).
        public var utilisation: Double
        /// Mentors whose load equals their capacity.
        public var full: Int
    }
    /// ``currentSchemaVersion`` when written; nil in a summary from before the field.
    public var schemaVersion: Int?
    /// The records read.
    public var inputs: Inputs
    /// The candidate graph.
    public var candidates: Candidates
    /// The solve and its proof.
    public var solve: Solve
    /// Mentees with a mentor.
    public var matched: Int
    /// Mentees without one (`unassigned.csv`'s rows).
    public var unassigned: Int
    /// `matched` over all mentees.
    public var coverage: Double
    /// The mean score of the matched pairs, in [0, 1].
    public var meanScore: Double
    /// The exact sum of the matched pairs' scores (`mean_score` is this over `matched`); nil
    /// in a summary from before the field.
    public var pairScoreUnits: ScoreUnits?
    /// Unassigned mentees by reason (``UnassignedReason`` raw values).
    public var unassignedByReason: [String: Int]
    /// The mentors' capacity and load.
    public var mentors: Mentors
    /// Score units per score point (10⁶): what `objective_units` and `pair_score_units` count in.
    public var scoreScale: Int
    /// Present with `--certify`: the network certificate held and GLPK confirmed the optimum.
    public var certificate: GLPKBasisCertificate.Report?
    /// Active programme rules and how many of their rows bind (slack 0).
    public var rules: Rules?
    /// The active rules by name, their rows in the model, and the rows that bind.
    public struct Rules: Codable, Sendable, Equatable {
        /// The active rules by profile key, e.g. `min_mentees`.
        public var active: [String]
        /// Rows the rules add to the model.
        public var rows: Int
        /// Rows with no slack at the answer.
        public var binding: Int
    }
    /// How the worst-off fare and the solution's stability (see ``Fairness``).
    public var fairness: FairnessFigures
    /// The worst and the 10th-percentile matched score, the lowest and highest coverage of a
    /// kabupaten/kota and their spread, and the blocking pairs.
    public struct FairnessFigures: Codable, Sendable, Equatable {
        /// The lowest score of a matched pair (nil without pairs).
        public var worstScore: Double?
        /// The 10th-percentile score of the matched pairs (nil without pairs).
        public var percentile10Score: Double?
        /// The lowest share of a kabupaten/kota's mentees that are matched.
        public var kabupatenCoverageMin: Double
        /// The highest share of a kabupaten/kota's mentees that are matched.
        public var kabupatenCoverageMax: Double
        /// `kabupaten_coverage_max − kabupaten_coverage_min`.
        public var kabupatenCoverageSpread: Double
        /// Absent with co-mentoring, where one beginner has several mentors.
        public var blockingPairs: Int?
    }
    /// Co-mentoring: mentors per beginner allowed, pairs, and mean mentors per matched beginner.
    public var coMentoring: CoMentoringFigures?
    /// Co-mentoring's figures: what the profile allows and what the answer uses.
    public struct CoMentoringFigures: Codable, Sendable, Equatable {
        /// Mentors a mentee may have (the profile's `mentors_per_mentee`).
        public var mentorsPerMentee: Int
        /// Pairs in the answer (more than the matched mentees when some have several mentors).
        public var pairs: Int
        /// Pairs over matched mentees.
        public var meanMentorsPerMatchedMentee: Double
    }

    /// With an objective other than total score: its figures beside the score optimum's.
    public var objective: ObjectiveFigures?
    /// The objective (``MatchObjective`` raw value), this run's total, matched mentees and
    /// worst pair, and the same for the score optimum on the same candidates.
    public struct ObjectiveFigures: Codable, Sendable, Equatable {
        /// The objective's name (``MatchObjective`` raw value).
        public var kind: String
        /// This run's total score of the matched pairs.
        public var total: Double
        /// Mentees matched by this run.
        public var matched: Int
        /// This run's lowest pair score (nil without pairs).
        public var worstScore: Double?
        /// The total score of the score optimum on the same candidates.
        public var scoreOptimum: Double
        /// Mentees matched by the score optimum.
        public var scoreOptimumMatched: Int
        /// The score optimum's lowest pair score (nil without pairs).
        public var scoreOptimumWorstScore: Double?
        /// 1 − total / score optimum: the price of stability for the stable objectives.
        public var price: Double

        /// The comparison these figures were written from (scores back in units).
        public var comparison: ObjectiveComparison? {
            guard let objective = MatchObjective(rawValue: kind) else { return nil }
            func units(_ v: Double) -> Int64 { ScoreUnits(score: v).units }
            return ObjectiveComparison(objective: objective, optimumTotal: units(scoreOptimum), optimumMatched: scoreOptimumMatched,
                                       optimumWorst: scoreOptimumWorstScore.map(units), total: units(total), matched: matched,
                                       worst: worstScore.map(units))
        }

        init(_ c: ObjectiveComparison) {
            func units(_ v: Int64) -> Double { rounded6(Double(v) / ScoringModel.integerScale) }
            kind = c.objective.rawValue
            total = units(c.total); matched = c.matched; worstScore = c.worst.map(units)
            scoreOptimum = units(c.optimumTotal); scoreOptimumMatched = c.optimumMatched; scoreOptimumWorstScore = c.optimumWorst.map(units)
            price = rounded6(c.price)
        }
    }

    /// The summary of `r`. - Complexity: `O(n + m)`.
    init(_ r: MatchResult, fairness f: Fairness) {
        schemaVersion = Self.currentSchemaVersion
        fairness = FairnessFigures(worstScore: f.worstScore.map { rounded6(Double($0) / ScoringModel.integerScale) },
                                   percentile10Score: f.percentile10.map { rounded6(Double($0) / ScoringModel.integerScale) },
                                   kabupatenCoverageMin: f.coverageMin, kabupatenCoverageMax: f.coverageMax,
                                   kabupatenCoverageSpread: rounded6(f.coverageMax - f.coverageMin),
                                   blockingPairs: r.profile.mentorsPerMentee > 1 ? nil : f.blocking.count)
        if r.profile.mentorsPerMentee > 1 {
            coMentoring = CoMentoringFigures(mentorsPerMentee: r.profile.mentorsPerMentee, pairs: r.pairs.count,
                                             meanMentorsPerMatchedMentee: rounded6(Double(r.pairs.count) / Double(max(1, r.matchedCount))))
        }
        inputs = Inputs(mentors: r.dataset.mentors.count, mentees: r.dataset.mentees.count, decisions: r.decisionCount)
        let without = (0..<r.graph.menteeCount).filter { r.graph.pairs(ofMentee: $0).isEmpty }.count
        candidates = Candidates(k: r.profile.k, pairs: r.graph.pairCount, components: r.componentCount,
                                menteesWithoutCandidates: without)
        let o = r.outcome
        solve = Solve(solver: o.engine.rawValue, status: o.status.rawValue, objective: rounded6(r.objectiveScore),
                      objectiveUnits: ScoreUnits(o.assignment.objective),
                      bound: o.bound.map { rounded6($0 / ScoringModel.integerScale) },
                      relativeGap: o.relativeGap.map(rounded6), stages: o.stages.isEmpty ? nil : o.stages)
        matched = r.matchedCount
        unassigned = r.unassigned.count
        coverage = rounded6(r.coverage)
        meanScore = rounded6(r.meanScore)
        pairScoreUnits = ScoreUnits(r.pairs.reduce(Int64(0)) { $0 + $1.score })
        unassignedByReason = r.unassignedByReason
        let cap = r.dataset.mentors.reduce(0) { $0 + $1.capacity }
        let load = r.load.reduce(0) { $0 + Int($1) }
        mentors = Mentors(capacity: cap, load: load, utilisation: rounded6(cap == 0 ? 0 : Double(load) / Double(cap)),
                          full: r.dataset.mentors.indices.filter { Int(r.load[$0]) >= r.dataset.mentors[$0].capacity }.count)
        scoreScale = Int(ScoringModel.integerScale)
        certificate = r.glpkCertificate
        objective = r.objectiveComparison.map(ObjectiveFigures.init)
        if !r.rules.isEmpty {
            rules = Rules(active: r.rules, rows: r.ruleReport.count, binding: r.ruleReport.filter { abs($0.slack) < Tolerance.binding }.count)
        }
    }
}

