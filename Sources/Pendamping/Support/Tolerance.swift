/// The floating-point tolerances of the project, each with what it guards. Objectives and
/// capacities are exact integers; only hours, shares and solver values are `Double`.
package enum Tolerance {
    /// Hours compared against a mentor's monthly limit (sums of a few dozen pair hours with
    /// two decimals of meaning): 10⁻⁹ h is far below any stated precision.
    package static let hours = 1e-9
    /// What a rules check allows above an hours limit before calling it broken (looser than
    /// ``hours``, because GLPK's solutions are feasible to about 10⁻⁷ relative).
    package static let hoursCheck = 1e-6
    /// A value GLPK returns for a binary or integral variable must be this close to an integer.
    package static let integrality = 1e-6
    /// A slack of the elastic rules model counts as a conflict above this.
    package static let slack = 1e-6
    /// Relative: a bound within this of an objective proves it optimal (both are integer sums
    /// up to ~10¹³ units, so this is below one unit).
    package static let boundMeetsObjective = 1e-9
    /// A share of mentees times a count is rounded up after subtracting this, so that 10 % of
    /// 30 is 3, not 4 from 3.0000000000000004.
    package static let share = 1e-9
    /// The Lagrangian bound counts as improved only when it drops by more than this (score units).
    package static let boundImprovement = 1e-9
    /// Added to |objective| in a relative gap's denominator, so that a zero objective divides safely.
    package static let gapDenominator = 1e-9
    /// Smallest relative gap the Lagrangian loop aims for (it cannot prove more than rounding allows).
    package static let lagrangianGap = 1e-6
    /// A rule row counts as binding when its reported slack (rounded to 10⁻⁶) is below this.
    package static let binding = 1e-6
    /// The subgradient step factor (halved after ten steps without progress) ends the
    /// Lagrangian loop below this: further steps would not move the bound measurably.
    package static let subgradientStepFloor = 1e-4
    /// Taken off the distance part a pair needs before the candidate search turns it into a
    /// longest chord (``ScoringModel/chordLimits(sumBelow:sector:capacityAtMost:)``): the terms
    /// are summed in another order there than in the score, and differ by about 10⁻¹⁶.
    package static let distanceNeed = 1e-12
    /// Relative: the squared longest chord is widened by this, so that rounding in its logarithm
    /// and sine never passes over a mentor that could reach.
    package static let chordWidening = 1e-9
    /// Relative gap at which a Lagrangian run stops when its caller sets none (``RulesSolver``
    /// sets the profile's gap, at least ``lagrangianGap``).
    package static let lagrangianDefaultGap = 1e-4
}
