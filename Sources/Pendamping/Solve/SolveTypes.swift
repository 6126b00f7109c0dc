package import GLPK

/// What is true after a solve: the project's own status (GLPK's is mapped to it), separate
/// from errors, which are thrown.
public enum MatchStatus: String, Sendable, Codable, Equatable {
    /// A proven optimal solution.
    case optimal
    /// A feasible solution, not proven optimal (a relative gap tolerance was reached).
    case feasible
    /// No solution satisfies every constraint.
    case infeasible
    /// The time limit stopped the solve; the best solution found, if any, is returned.
    case timeLimit = "time_limit"
    /// A ``SolveStop`` request stopped the solve; the best solution found, if any, is returned.
    case stopped
    /// The solver ended without a usable answer.
    case undefined

    /// GLPK's status as a match status. A matching model's variables all lie in [0, 1], so GLPK
    /// cannot find it unbounded; were it to say so, that is no usable answer. `O(1)`.
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

    /// The less conclusive of two statuses (for a result assembled from parts). `O(1)`.
    static func worse(_ a: MatchStatus, _ b: MatchStatus) -> MatchStatus {
        let order: [MatchStatus] = [.optimal, .feasible, .timeLimit, .stopped, .undefined, .infeasible]
        return order.firstIndex(of: a)! >= order.firstIndex(of: b)! ? a : b
    }
}


/// A cut generator of the branch and cut (GLPK's `gmi_cuts`, `mir_cuts`, `cov_cuts`, `clq_cuts`).
public enum CutGenerator: String, Sendable, CaseIterable {
    /// Gomory mixed-integer, mixed-integer rounding, cover and clique cuts.
    case gomory, mir, cover, clique
}

/// A primal heuristic of the branch and cut (GLPK's `fp_heur`: feasibility pump; `ps_heur`:
/// proximity search).
public enum PrimalHeuristic: String, Sendable, CaseIterable {
    /// The feasibility pump and proximity search.
    case fp, ps
}

/// Whether an objective is maximised or minimised.
public enum ObjectiveSense: String, Sendable {
    /// Maximised (scores) or minimised (costs).
    case maximize, minimize
    var glpk: LinearModel.Sense { self == .maximize ? .maximize : .minimize }
}

extension MIPOptions {
    /// Exactly these cut generators and, when given, these heuristics.
    mutating func choose(cuts: Set<CutGenerator>?, heuristics: Set<PrimalHeuristic>?) {
        if let cuts { setCuts(Set(cuts.map(\.rawValue))) }
        if let heuristics { setHeuristics(Set(heuristics.map(\.rawValue))) }
    }
}

/// The engine that produced a solution or a bound.
public enum SolveEngine: String, Sendable, Codable, Equatable {
    /// The project's own network simplex (``NetworkMatchingSolver``).
    case networkSimplex = "network-simplex"
    /// GLPK's primal/dual simplex on the LP relaxation (`glp_simplex`).
    case glpkSimplex = "glpk-simplex"
    /// GLPK's branch and cut (`glp_intopt`).
    case glpkIntopt = "glpk-intopt"
    /// The Lagrangian relaxation of the programme rules (network simplex per step) with the
    /// rules repair heuristic (``RulesLagrangian``, ``RulesRepair``).
    case lagrangianRepair = "lagrangian-repair"
    /// Deferred acceptance with capacities (``DeferredAcceptance``), for the stable objectives.
    case deferredAcceptance = "deferred-acceptance"
    /// Threshold search with the network simplex (``MaxMinMatching``), for `maxmin`.
    case thresholdSearch = "threshold-search"
    /// Co-mentoring as a min-cost flow over roles (``CoMentoring``), several mentors per beginner.
    case roleFlow = "role-flow"
    /// No engine produced a rule-abiding solution (only the fixed pairs are returned).
    case none
}

/// A named step of a solve that runs in stages (the programme rules: core, Lagrangian, GLPK).
public enum SolveStageName: String, Sendable, Codable, Equatable {
    /// The core assignment without the rules, solved exactly by the network simplex.
    case core
    /// Subgradient steps of the Lagrangian relaxation, each relaxed optimum repaired.
    case lagrangian
    /// Large-neighbourhood search from the best repaired solution: groups of mentors
    /// re-solved exactly by GLPK (`RulesNeighbourhood`).
    case neighbourhood
    /// GLPK's LP relaxation of the rules model, warm-started from the core's optimal basis.
    case rootRelaxation = "root_relaxation"
    /// GLPK's branch and cut from the best repaired solution.
    case branchAndCut = "branch_and_cut"
}

/// What one stage of a solve reached: its engine, status, best solution's objective and the
/// bound it proved (integer score units), and its effort.
public struct SolveStage: Sendable, Codable, Equatable {
    /// Which stage.
    public var name: SolveStageName
    /// The engine the stage ran.
    public var engine: SolveEngine
    /// How the stage ended.
    public var status: MatchStatus
    /// Objective of the best rule-abiding solution this stage produced, if any.
    public var objective: Int64?
    /// Upper bound this stage proved on every rule-abiding solution, if any.
    public var bound: Double?
    /// Pivots, subgradient steps or simplex iterations; nil where the engine does not count
    /// them (GLPK's branch and cut).
    public var iterations: Int?
    /// Why the stage ended as it did, when that is not plain (e.g. the model is too large for GLPK).
    public var note: String?
}
