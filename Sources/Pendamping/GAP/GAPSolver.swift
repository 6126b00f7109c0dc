internal import GLPK

/// Solves ``GAPInstance``s with GLPK's branch and cut, the engine the programme rules use.
///
/// Model: binary x_ij; each job on exactly one agent (Σ_i x_ij = 1); each agent within its
/// capacity (Σ_j a_ij x_ij ≤ b_i); optimise Σ c_ij x_ij. Pairs whose resource use exceeds the
/// agent's capacity are left out. GLPK's MIP presolver with MIR, cover, clique and Gomory cuts is
/// used. Measured on gapb-1/3/5 (30 s limit): no cuts 5.4/5.8/>30 s; MIR+cover+clique
/// 0.67/0.04/0.07 s; adding Gomory 2.7/0.3/1.3 s; adding the feasibility pump and proximity
/// search 6.9/8.9/14.0 s. On the hardest instance, gapb-4 (60 s limit), Gomory cuts leave a 0.25 %
/// gap against 4.21 % without them, so they stay on: the worst case decides. The branch and cut
/// starts from ``GAPLocalSearch``'s incumbent: with it gapb-4 reaches 2840 (0.46 % above the
/// optimum 2827) in the first 1.3 s, against 3285 after 10 s without it.
/// The corresponding GLPK routine is `glp_intopt`.
public struct GAPSolver: Sendable {
    public var sense: ObjectiveSense
    var options: MIPOptions
    /// Most rounds of the local search that gives the first incumbent (``GAPLocalSearch``;
    /// it also stops after 300 rounds without a better solution); 0 leaves it out.
    public var localSearchRounds = 1500

    /// - Parameters:
    ///   - timeLimit: stop and return the best solution after this long (nil: no limit).
    ///   - relativeGap: stop once the proven gap is at most this (0: prove optimality).
    public init(sense: ObjectiveSense, timeLimit: Duration? = nil, relativeGap: Double = 0) {
        self.init(sense: sense, options: Self.defaultOptions)
        options.timeLimit = timeLimit
        options.relativeGap = relativeGap
    }

    init(sense: ObjectiveSense, options: MIPOptions) {
        self.sense = sense
        self.options = options
    }

    static let defaultOptions = MIPOptions(presolve: true, gomoryCuts: true, mirCuts: true, coverCuts: true, cliqueCuts: true)

    public struct Outcome: Sendable {
        public var status: MatchStatus
        public var objective: Int?
        public var bound: Double?
        public var relativeGap: Double?
        /// Agent of each job when a solution exists.
        public var agentOf: [Int]
        public var seconds: Double
        /// The local search's objective, the branch and cut's first incumbent (``GAPLocalSearch``).
        public var heuristicObjective: Int? = nil
    }

    /// The MIP of `instance` as a ``LinearModel`` and each column's (agent, job).
    /// - Complexity: `O(agents·jobs)`.
    func model(_ g: GAPInstance) -> (LinearModel, [(agent: Int, job: Int)]) {
        var lm = LinearModel(sense: sense.glpk)
        for _ in 0..<g.jobs { lm.addRow(.fixed(1)) }
        for i in 0..<g.agents { lm.addRow(.upper(Double(g.capacity[i]))) }
        var columns: [(agent: Int, job: Int)] = []
        for i in 0..<g.agents {
            for j in 0..<g.jobs where g.resource[i][j] <= g.capacity[i] {
                let c = lm.addColumn(.range(0, 1), objective: Double(g.cost[i][j]), kind: .binary)
                lm.set(row: Int32(j), column: c, 1)
                lm.set(row: Int32(g.jobs + i), column: c, Double(g.resource[i][j]))
                columns.append((i, j))
            }
        }
        return (lm, columns)
    }

    /// Solves one instance, checking the answer's feasibility and objective before returning it.
    public func solve(_ g: GAPInstance, stop: SolveStop? = nil, progress: ((SolveProgress) -> Void)? = nil) throws -> Outcome {
        let (lm, columns) = model(g)
        let clock = ContinuousClock(), start = clock.now
        let report = progress.map { report in { (p: MIPProgress) in report(SolveProgress(p)) } }
        // The local search's incumbent starts the branch and cut (GLPK's glp_ios_heur_sol).
        let heuristic = localSearchRounds > 0 ? GAPLocalSearch.solve(g, sense: sense, rounds: localSearchRounds) : nil
        let incumbent = heuristic.map { agentOf in columns.map { agentOf[$0.job] == $0.agent ? 1.0 : 0.0 } }
        let heuristicObjective = heuristic.map { a in (0..<g.jobs).reduce(0) { $0 + g.cost[a[$1]][$1] } }
        // The local search's time counts against the limit.
        var mipOptions = options
        if let limit = options.timeLimit { mipOptions.timeLimit = max(.milliseconds(1), limit - (clock.now - start)) }
        let s = try GLPK.withProblem { p in try p.load(lm); return try p.intopt(mipOptions, start: incumbent, stop: stop?.flag, progress: report) }
        let (sec, atto) = (clock.now - start).components
        var agentOf = [Int](repeating: -1, count: g.jobs)
        var objective: Int?
        if s.hasSolution {
            var used = [Int](repeating: 0, count: g.agents), total = 0
            for (c, v) in s.columnValues.enumerated() where v > 0.5 {
                let (i, j) = columns[c]
                guard agentOf[j] < 0 else { throw MatchingError.invalidSolution("job \(j) assigned twice") }
                agentOf[j] = i; used[i] += g.resource[i][j]; total += g.cost[i][j]
            }
            guard agentOf.allSatisfy({ $0 >= 0 }), (0..<g.agents).allSatisfy({ used[$0] <= g.capacity[$0] }),
                  Double(total) == s.objective!.rounded() else {
                throw MatchingError.invalidSolution("GLPK's GAP solution is not feasible")
            }
            objective = total
        }
        return Outcome(status: MatchStatus(s.status), objective: objective, bound: s.bound, relativeGap: s.relativeGap,
                       agentOf: agentOf, seconds: Double(sec) + Double(atto) / 1e18, heuristicObjective: heuristicObjective)
    }
}
