/// What a match run optimises.
public enum MatchObjective: String, Sendable, CaseIterable {
    /// The largest total (priority-weighted) score: the default.
    case score
    /// The beginner-proposing stable matching (``DeferredAcceptance``), best for every beginner
    /// among the stable matchings.
    case stableMentee = "stable-mentee"
    /// The mentor-proposing stable matching, best for every mentor among the stable matchings.
    case stableMentor = "stable-mentor"
    /// The highest worst pair score among the matchings covering the most beginners, then the
    /// largest total (``MaxMinMatching``).
    case maxmin
}

/// How a run with an objective other than total score compares with the score optimum on the
/// same candidates (summary.json `objective`, the report, the text summary).
public struct ObjectiveComparison: Sendable, Equatable {
    /// The objective this run optimised.
    public var objective: MatchObjective
    /// The score-optimal matching's total, matched beginners and worst pair score (integer units).
    public var optimumTotal: Int64
    /// Beginners the score optimum matches.
    public var optimumMatched: Int
    /// The score optimum's worst pair score, in score units (nil without pairs).
    public var optimumWorst: Int64?
    /// This run's total, matched beginners and worst pair score.
    public var total: Int64
    /// Beginners this run matches.
    public var matched: Int
    /// This run's worst pair score, in score units (nil without pairs).
    public var worst: Int64?

    /// The share of the optimal total given up: `1 − total / optimum` (the price of stability
    /// for the stable objectives); 0 when the optimum is 0.
    public var price: Double { optimumTotal == 0 ? 0 : 1 - Double(total) / Double(optimumTotal) }
}
