import CGLPK

/// Options of a simplex solve. The corresponding GLPK routine is `glp_simplex`.
public struct SimplexOptions: Sendable {
    public enum Method: Sendable { case primal, dual, dualThenPrimal }
    /// Wall-clock limit; `nil` for none (GLPK's `tm_lim`, milliseconds).
    public var timeLimit: Duration?
    /// Use GLPK's LP presolver (discards the basis; no warm start).
    public var presolve: Bool
    public var method: Method
    /// Print GLPK's own progress to stderr.
    public var verbose: Bool

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
    public var gomoryCuts: Bool
    public var mirCuts: Bool
    public var coverCuts: Bool
    public var cliqueCuts: Bool
    public var feasibilityPump: Bool
    public var proximitySearch: Bool
    /// Print GLPK's own progress to stderr.
    public var verbose: Bool
    /// Minimum interval between progress reports.
    public var progressInterval: Duration

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
    public var incumbent: Double?
    public var bound: Double
    public var relativeGap: Double
    public var activeNodes: Int
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
