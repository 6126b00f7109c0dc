import GLPK

/// What is true of a Generalized Assignment Problem instance after a solve.
///
/// A GAP has finite costs, so unlike a general programme it is never unbounded.
public enum GAPStatus: String, Sendable, Codable, Equatable {
    /// A proven optimal assignment.
    case optimal
    /// An assignment, not proven optimal (the relative gap asked for was reached).
    case feasible
    /// No assignment of every job fits the capacities.
    case infeasible
    /// The time limit ended the search; the best assignment found so far is returned.
    case timeLimit = "time_limit"
    /// The caller stopped the search; the best assignment found so far is returned.
    case stopped
    /// The search ended without a usable answer.
    case undefined

    /// The status of GLPK's branch and cut on the pairs left, as a GAP status. `O(1)`.
    package init(_ status: TerminationStatus) {
        switch status {
        case .optimal: self = .optimal
        case .feasible: self = .feasible
        case .infeasible: self = .infeasible
        case .timeLimit: self = .timeLimit
        case .stopped: self = .stopped
        case .unbounded, .undefined: self = .undefined
        }
    }
}

/// A GAP solve that could not be carried out (as opposed to a ``GAPStatus``, which says what
/// is true of an instance that was solved).
public enum GAPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stage returned an assignment that breaks the instance (a defect, reported, not trusted).
    case invalidSolution(String)

    /// The error in words.
    public var description: String {
        switch self {
        case .invalidSolution(let s): return "invalid GAP solution: " + s
        }
    }
}
