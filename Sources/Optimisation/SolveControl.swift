import GLPK

/// A request to stop a running solve early, safe to make from any thread (e.g. a Ctrl-C
/// handler); the solve then returns the best solution it has, with its proven gap.
public final class SolveStop: Sendable {
    package let flag = StopFlag()
    /// A request not yet made.
    public init() {}
    /// Requests the stop.
    public func stop() { flag.stop() }
    /// True once ``stop()`` was called.
    public var isStopped: Bool { flag.isStopped }
}

/// Where a branch and cut stands, reported while it runs.
public struct SolveProgress: Sendable {
    /// The best solution's objective so far, if any.
    public var incumbent: Double?
    /// The proven bound.
    public var bound: Double
    /// |incumbent − bound| / |incumbent|.
    public var relativeGap: Double
    /// Branch-and-bound nodes still open.
    public var activeNodes: Int
    /// Nodes created so far.
    public var totalNodes: Int

    package init(_ p: MIPProgress) {
        incumbent = p.incumbent; bound = p.bound; relativeGap = p.relativeGap
        activeNodes = p.activeNodes; totalNodes = p.totalNodes
    }

    /// Progress before the branch and cut (a heuristic's incumbent, a relaxation's bound).
    package init(incumbent: Double?, bound: Double) {
        self.incumbent = incumbent; self.bound = bound
        relativeGap = incumbent.map { abs($0 - bound) / (abs($0) + Double.ulpOfOne) } ?? .infinity
        activeNodes = 0; totalNodes = 0
    }
}
