/// The bookkeeping of a large-neighbourhood search, shared by the package's two (the GAP
/// search and the programme rules' search): sub-solves counted against a budget, sub-solves
/// since the last improvement counted against a patience, a deadline and a caller's stop.
/// What a caller does when patience runs out differs — the GAP search widens its groups, the
/// rules' search ends — so the schedule says that patience ran out and the caller decides.
///
/// Counting sub-solves rather than time keeps a search deterministic; the deadline is only a
/// safety net. Source: the large-neighbourhood search of Shaw, "Using constraint programming
/// and local search methods to solve vehicle routing problems" (CP 1998): destroy a related
/// part, re-solve it, keep improvements.
public struct SearchSchedule: Sendable {
    /// Sub-solves allowed in all.
    public let budget: Int
    /// Sub-solves without an improvement after which ``isStale`` is true.
    public let patience: Int
    /// A wall-clock time after which no sub-solve starts.
    public let deadline: ContinuousClock.Instant?
    /// Sub-solves done.
    public private(set) var done = 0
    /// Sub-solves since the last improvement (or since ``restartPatience()``).
    public private(set) var stale = 0

    /// A schedule of `budget` sub-solves with `patience`, ending at `deadline` if given.
    public init(budget: Int, patience: Int, deadline: ContinuousClock.Instant? = nil) {
        self.budget = budget; self.patience = patience; self.deadline = deadline
    }

    /// Whether another sub-solve may start: budget left, the deadline not passed, and the
    /// caller's `stopped` false. `O(1)`.
    public func mayContinue(stopped: Bool = false) -> Bool {
        if done >= budget || stopped { return false }
        if let deadline, ContinuousClock.now >= deadline { return false }
        return true
    }

    /// `patience` sub-solves have passed without an improvement.
    public var isStale: Bool { stale >= patience }

    /// Records `count` sub-solves, and whether they improved the incumbent. `O(1)`.
    public mutating func record(_ count: Int = 1, improved: Bool) {
        done += count
        stale = improved ? 0 : stale + count
    }

    /// Counts patience afresh (e.g. after the caller widened its neighbourhoods). `O(1)`.
    public mutating func restartPatience() { stale = 0 }
}
