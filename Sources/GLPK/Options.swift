import CGLPK

/// Options of a simplex solve. The corresponding GLPK routine is `glp_simplex`.
public struct SimplexOptions: Sendable {
    /// GLPK's simplex variant: primal, dual, or dual then primal (`meth`).
    public enum Method: Sendable {
        /// The primal simplex (`GLP_PRIMAL`).
        case primal
        /// The dual simplex (`GLP_DUAL`).
        case dual
        /// The dual simplex, then the primal if the dual fails (`GLP_DUALP`).
        case dualThenPrimal
    }
    /// Wall-clock limit; `nil` for none (GLPK's `tm_lim`, milliseconds).
    public var timeLimit: Duration?
    /// Use GLPK's LP presolver (discards the basis; no warm start).
    public var presolve: Bool
    /// The simplex variant.
    public var method: Method
    /// Print GLPK's own progress to stderr.
    public var verbose: Bool

    /// Options for `glp_simplex`; the defaults: no limit, no presolve, primal, quiet.
    public init(timeLimit: Duration? = nil, presolve: Bool = false, method: Method = .primal, verbose: Bool = false) {
        self.timeLimit = timeLimit
        self.presolve = presolve
        self.method = method
        self.verbose = verbose
    }

    var glpMethod: Int32 {
        switch method {
        case .primal: return GLP_PRIMAL
        case .dual: return GLP_DUAL
        case .dualThenPrimal: return GLP_DUALP
        }
    }
}

/// Options of a branch-and-cut solve. The corresponding GLPK routine is `glp_intopt`.
public struct MIPOptions: Sendable {
    /// Wall-clock limit; `nil` for none.
    public var timeLimit: Duration?
    /// Relative gap at which the search stops with a feasible solution (GLPK's `mip_gap`).
    public var relativeGap: Double
    /// GLPK's MIP presolver; when off, the LP relaxation must already be solved optimally.
    public var presolve: Bool
    /// Gomory's mixed-integer cuts (`gmi_cuts`).
    public var gomoryCuts: Bool
    /// Mixed-integer rounding cuts (`mir_cuts`).
    public var mirCuts: Bool
    /// Mixed cover cuts (`cov_cuts`).
    public var coverCuts: Bool
    /// Clique cuts (`clq_cuts`).
    public var cliqueCuts: Bool
    /// The feasibility pump heuristic (`fp_heur`).
    public var feasibilityPump: Bool
    /// The proximity search heuristic (`ps_heur`).
    public var proximitySearch: Bool
    /// Print GLPK's own progress to stderr.
    public var verbose: Bool
    /// Minimum interval between progress reports.
    public var progressInterval: Duration

    /// Options for `glp_intopt`; the defaults: no limit, gap 0, presolve, no cuts or heuristics, quiet.
    public init(timeLimit: Duration? = nil, relativeGap: Double = 0, presolve: Bool = true,
                gomoryCuts: Bool = false, mirCuts: Bool = false, coverCuts: Bool = false,
                cliqueCuts: Bool = false, feasibilityPump: Bool = false, proximitySearch: Bool = false,
                verbose: Bool = false, progressInterval: Duration = .milliseconds(500)) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.gomoryCuts = gomoryCuts
        self.mirCuts = mirCuts
        self.coverCuts = coverCuts
        self.cliqueCuts = cliqueCuts
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.verbose = verbose
        self.progressInterval = progressInterval
    }
}

/// A snapshot of a running branch and cut, passed to a progress handler.
public struct MIPProgress: Sendable {
    /// The best solution's objective so far (nil before one is found).
    public var incumbent: Double?
    /// The best bound so far.
    public var bound: Double
    /// The relative gap between them.
    public var relativeGap: Double
    /// Nodes still open.
    public var activeNodes: Int
    /// Nodes created so far.
    public var totalNodes: Int
}

extension Duration {
    /// Whole milliseconds, clamped to GLPK's int range, at least 1.
    var glpkMilliseconds: Int32 {
        let (s, atto) = components
        let ms = Double(s) * 1000 + Double(atto) / 1e15
        return Int32(max(1, min(ms.rounded(.up), Double(Int32.max))))
    }
}

extension MIPOptions {
    /// GLPK's cut generators by name (`glp_intopt`'s `gmi_cuts`, `mir_cuts`, `cov_cuts`, `clq_cuts`).
    public static let cutNames = ["gomory", "mir", "cover", "clique"]
    /// GLPK's primal heuristics by name (`fp_heur`: feasibility pump, `ps_heur`: proximity search).
    public static let heuristicNames = ["fp", "ps"]

    /// Turns on exactly the cut generators named (names from ``cutNames``; others are ignored).
    public mutating func setCuts(_ names: Set<String>) {
        gomoryCuts = names.contains("gomory"); mirCuts = names.contains("mir")
        coverCuts = names.contains("cover"); cliqueCuts = names.contains("clique")
    }

    /// Turns on exactly the primal heuristics named (names from ``heuristicNames``).
    public mutating func setHeuristics(_ names: Set<String>) {
        feasibilityPump = names.contains("fp"); proximitySearch = names.contains("ps")
    }
}
