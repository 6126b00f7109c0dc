/// The step lengths of a subgradient method on a Lagrangian dual, shared by every Lagrangian
/// of the package (the GAP bound, the programme rules' relaxation, the rules' knapsack bound):
/// Polyak's rule `t = θ · (distance to a target) / ‖g‖²`, the factor `θ` halved after
/// `patience` steps without a better bound, and the run over once `θ` falls below `floor`.
///
/// Each caller keeps its own multipliers, subgradient and test of a better bound (their
/// tolerances differ); the schedule holds what they share. Source: Held, Wolfe and Crowder,
/// "Validation of subgradient optimization", *Mathematical Programming* 6 (1974), the step
/// length; Fisher, "The Lagrangian relaxation method for solving integer programming
/// problems", *Management Science* 27 (1981), the halving of `θ` when the bound stalls.
public struct SubgradientSchedule: Sendable {
    /// The factor `θ` of the next step.
    public private(set) var factor: Double
    /// Steps without a better bound before `θ` is halved.
    public let patience: Int
    /// The least `θ`: below it the steps are too short to move the bound.
    public let floor: Double
    /// Steps since the bound last improved.
    public private(set) var stale = 0

    /// A schedule starting at step factor `factor`, halving it after `patience` steps without a better bound, down to `floor`.
    public init(factor: Double, patience: Int, floor: Double) {
        self.factor = factor; self.patience = patience; self.floor = floor
    }

    /// Counts one step, whose bound did or did not improve on the best so far. `O(1)`.
    public mutating func record(improved: Bool) { stale = improved ? 0 : stale + 1 }

    /// Halves `θ` once `patience` steps passed without a better bound; false when `θ` fell
    /// below ``floor`` (the caller stops). `O(1)`.
    public mutating func shrinkWhenStalled() -> Bool {
        guard stale >= patience else { return true }
        factor /= 2
        stale = 0
        return factor >= floor
    }

    /// Polyak's step length for a subgradient of squared norm `normSquared` (positive), at
    /// `distance` from the target objective, and never shorter than `leastShare` of the
    /// current value's magnitude (at least 1): `θ · max(distance, leastShare · max(1, |value|)) / ‖g‖²`.
    /// `O(1)`.
    public func length(distance: Double, value: Double, leastShare: Double, normSquared: Double) -> Double {
        factor * max(distance, leastShare * max(1, abs(value))) / normSquared
    }
}
