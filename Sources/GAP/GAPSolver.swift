import GLPK
import Optimisation
import Parallel

/// Solves ``GAPInstance``s exactly: heuristics, a knapsack Lagrangian relaxation and its branch
/// and bound, then GLPK's branch and cut (the engine the programme rules use) when needed.
///
/// Model: binary x_ij; each job on exactly one agent (Σ_i x_ij = 1); each agent within its
/// capacity (Σ_j a_ij x_ij ≤ b_i); optimise Σ c_ij x_ij. Pairs whose resource use exceeds the
/// agent's capacity are left out. Stages (see ``solve(_:stop:progress:)``): `GAPTabuSearch`
/// beside `GAPLagrangian` on two threads, two more tabu searches, reduced-cost fixing,
/// `GAPBranchAndBound` under a ladder of targets, `GAPNeighbourhood`, and GLPK only if that
/// does not finish. Measured on gapb-4 (optimum 2827): GLPK alone 2831 with bound 2824 after
/// 60 s; local search 2840 in 1.3 s; with the relaxation's repairs and the neighbourhood search
/// 2828 in 3 s; the branch and bound proves 2827 (5.7 s in all). On a type E-like 20 × 100
/// instance (optimum 11,517) the searches stop near 11,690 and only the ladder's dive below
/// the bound reaches 11,518 within 10 s. GLPK's settings: MIP presolver with MIR, cover, clique and Gomory cuts
/// (measured on gapb-1/3/5, 30 s limit: no cuts 5.4/5.8/>30 s; MIR+cover+clique 0.67/0.04/0.07 s;
/// adding Gomory 2.7/0.3/1.3 s; but on gapb-4 Gomory cuts left 0.25 % against 4.21 % without).
/// The corresponding GLPK routine is `glp_intopt`.
public struct GAPSolver: Sendable {
    /// Whether the objective is minimised (the OR-Library's cost instances) or maximised.
    public var sense: LinearModel.Sense
    package var options: MIPOptions
    /// Rounds of the local search that gives the first incumbent, the tabu search's start
    /// (`GAPLocalSearch`; at most 50, and fewer on large instances); 0 leaves out every
    /// heuristic, negative chooses by size (`GAPLocalSearch/defaultRounds(jobs:)`).
    public var localSearchRounds = -1
    /// Most sub-solves of each round of the large-neighbourhood search (`GAPNeighbourhood`):
    /// one round without a time limit, rounds with new seeds beside the branch and bound and
    /// GLPK until they finish with one; 0 leaves it out.
    public var neighbourhoodSolves = 60
    /// Most nodes of the branch and bound on the knapsack relaxation (`GAPBranchAndBound`)
    /// before GLPK takes over; 0 leaves it out.
    public var branchAndBoundNodes = 20_000
    /// Most subgradient steps of the Lagrangian relaxation (`GAPLagrangian`); 0 leaves it out.
    public var lagrangianSteps = 3000
    /// Most steps of each tabu search (`GAPTabuSearch`): one from the local search's start
    /// beside the relaxation, two from the better incumbent after it; 0 leaves them out.
    public var tabuSteps = 20_000

    /// - Parameters:
    ///   - timeLimit: stop and return the best solution after this long (nil: no limit).
    ///   - relativeGap: stop once the proven gap is at most this (0: prove optimality).
    public init(sense: LinearModel.Sense, timeLimit: Duration? = nil, relativeGap: Double = 0) {
        self.init(sense: sense, options: Self.defaultOptions)
        options.timeLimit = timeLimit
        options.relativeGap = relativeGap
    }

    package init(sense: LinearModel.Sense, options: MIPOptions) {
        self.sense = sense
        self.options = options
    }

    package static let defaultOptions = MIPOptions(presolve: true, gomoryCuts: true, mirCuts: true, coverCuts: true, cliqueCuts: true)

    /// What a solve found, with what is proven.
    public struct Outcome: Sendable {
        /// Optimal, feasible within the limit, infeasible, or no solution found.
        public var status: GAPStatus
        /// The best objective found (nil without a solution).
        public var objective: Int?
        /// The best proven bound (nil when none).
        public var bound: Double?
        /// `|objective − bound| / |objective|` when both exist.
        public var relativeGap: Double?
        /// Agent of each job when a solution exists.
        public var agentOf: [Int]
        /// Wall-clock seconds of the whole solve.
        public var seconds: Double
        /// The local search's objective, the branch and cut's first incumbent (`GAPLocalSearch`).
        public var heuristicObjective: Int? = nil
        /// Share of the pairs the Lagrangian relaxation's reduced-cost fixing removed before
        /// the branch and cut (1 when the relaxation alone proved the incumbent optimal).
        public var fixedShare: Double = 0
    }

    /// The MIP of `instance` as a ``LinearModel`` and each column's (agent, job).
    /// - Complexity: `O(agents·jobs)`.
    package func model(_ g: GAPInstance) -> (LinearModel, [(agent: Int, job: Int)]) {
        var lm = LinearModel(sense: sense)
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
    ///
    /// Stages: (1) on two threads at once, `GAPTabuSearch` from a short `GAPLocalSearch` and
    /// `GAPLagrangian` (each deterministic: counted rounds and steps), then two tabu searches
    /// from the better incumbent, one per thread; (2) the relaxation's reduced-cost fixing
    /// removes the pairs no better assignment uses, and `GAPBranchAndBound` under a ladder of
    /// targets just above the bound finds cheaper assignments, proves one optimal or raises
    /// the bound (or the relaxation's bound already meets the incumbent); if it does not
    /// finish, `GAPNeighbourhood` improves the incumbent; (3) GLPK's branch and cut on
    /// the remaining pairs, started from the incumbent (`glp_ios_heur_sol`).
    /// Without a time limit the result is deterministic; when one is hit the stages end early
    /// and the answer depends on the machine's speed.
    public func solve(_ g: GAPInstance, stop: SolveStop? = nil, progress: ((SolveProgress) -> Void)? = nil) throws -> Outcome {
        let clock = ContinuousClock(), start = clock.now
        let deadline = options.timeLimit.map { start + $0 }
        let cost = GAPLocalSearch.signedCosts(g, sense)
        let sign = sense == .minimize ? 1 : -1
        // 1. Tabu search and Lagrangian relaxation side by side; the relaxation's step target
        //    is a short local search's cost until its own repairs do better.
        let rounds = localSearchRounds < 0 ? GAPLocalSearch.defaultRounds(jobs: g.jobs) : localSearchRounds
        let quick = rounds > 0 ? GAPLocalSearch.solve(g, cost: cost, rounds: min(rounds, 50), deadline: deadline) : nil
        let steps = lagrangianSteps
        // When the relaxation proves its own best assignment optimal, the local search stops and
        // that assignment is the answer (so the result does not depend on where the search stood).
        let proved = StopFlag()
        let found = concurrentMap(2) { k -> (agentOf: [Int], cost: Int, relaxation: GAPLagrangian.Outcome?)? in
            if k == 0 {
                guard let quick else { return nil }
                guard tabuSteps > 0, let t = tabu(g, cost: cost, seed: 11, halt: proved, deadline: deadline).improve(quick.agentOf), t.cost < quick.cost else { return (quick.agentOf, quick.cost, nil) }
                return (t.agentOf, t.cost, nil)
            }
            guard steps > 0 else { return nil }
            var lagrangian = GAPLagrangian(g: g, cost: cost)
            lagrangian.iterations = steps; lagrangian.deadline = deadline
            let o = lagrangian.run(upper: quick)
            if o.best != nil, GAPLagrangian.integerBound(o.bound) >= o.bestCost { proved.stop() }
            return (o.best ?? [], o.bestCost, o)
        }
        let relaxation = found[1]?.relaxation
        var lowerBound = relaxation.map { GAPLagrangian.integerBound($0.bound) }
        var incumbent: (agentOf: [Int], cost: Int)?
        if proved.isStopped, let r = relaxation, let best = r.best {
            incumbent = (best, r.bestCost)
        } else {
            for f in found.compactMap({ $0 }) where !f.agentOf.isEmpty && f.cost < (incumbent?.cost ?? Int.max) { incumbent = (f.agentOf, f.cost) }
        }
        // 1b. Two more tabu searches from the better incumbent (one per core, their own seeds):
        //     the relaxation's repairs are the better start on tightly capacitated instances.
        if let found = incumbent, tabuSteps > 0, !proved.isStopped, lowerBound.map({ $0 < found.cost }) ?? true {
            let runs = concurrentMap(2) { k in tabu(g, cost: cost, seed: 21 + UInt64(k), halt: nil, deadline: deadline).improve(found.agentOf) }
            for t in runs.compactMap({ $0 }) where t.cost < incumbent?.cost ?? Int.max { incumbent = t }
        }
        if let incumbent {
            progress?(SolveProgress(incumbent: Double(sign * incumbent.cost), bound: Double(sign * (lowerBound ?? Int(Int32.min)))))
        }
        func seconds() -> Double { let (sec, atto) = (clock.now - start).components; return Double(sec) + Double(atto) / 1e18 }
        // 2. Reduced-cost fixing with the incumbent (a better incumbent fixes more), then the
        //    branch and bound on the knapsack relaxation under a ladder of targets just above
        //    the bound (counted nodes and work): it dives to the cheapest assignments, proves
        //    them optimal, or raises the bound.
        var allowed: [[Bool]]?
        func fix() { if let incumbent, let relaxation { allowed = GAPLagrangian(g: g, cost: cost).fixings(relaxation.multipliers, upper: incumbent.cost).allowed } }
        fix()
        if let found = incumbent { try checkClaimed(g, found, cost: cost, what: "a heuristic's") }
        let heuristicObjective = incumbent.map { sign * $0.cost }
        var searched = false, besideLadder = false
        if let found = incumbent, let relaxation, let allowed, let bound = lowerBound, branchAndBoundNodes > 0, bound < found.cost {
            var bb = GAPBranchAndBound(g: g, cost: cost)
            // About 11 s of knapsack work on this machine; gapb-4 needs 0.8 billion entries.
            bb.nodeLimit = branchAndBoundNodes; bb.workLimit = 4_000_000_000; bb.deadline = deadline
            // With a time limit, the neighbourhood search runs beside it on the second core.
            let ladder = bb, multipliers = relaxation.multipliers
            besideLadder = options.timeLimit != nil && neighbourhoodSolves > 0
            let (o, besideFound) = try withSearchBeside(g, cost: cost, from: besideLadder ? found : nil, allowed: allowed, deadline: deadline) {
                ladder.solveByTargets(multipliers: multipliers, bound: bound, incumbent: found, allowed: allowed)
            }
            try checkClaimed(g, o.best, cost: cost, what: "the branch and bound's")
            incumbent = o.best; searched = o.proven; lowerBound = o.lowerBound
            if let beside = besideFound, beside.cost < o.best.cost {
                try checkClaimed(g, beside, cost: cost, what: "the neighbourhood search's")
                incumbent = beside
            }
            if let better = incumbent, better.cost < found.cost {
                fix()
                progress?(SolveProgress(incumbent: Double(sign * better.cost), bound: Double(sign * o.lowerBound)))
            }
        }
        if let incumbent, searched || (lowerBound.map { $0 >= incumbent.cost } ?? false) {
            return Outcome(status: .optimal, objective: sign * incumbent.cost, bound: Double(sign * incumbent.cost), relativeGap: 0,
                           agentOf: incumbent.agentOf, seconds: seconds(), heuristicObjective: heuristicObjective, fixedShare: 1)
        }
        // 2b. Large-neighbourhood search on the pairs left, when the branch and bound did not
        //     finish and the search did not already run beside it.
        if let found = incumbent, neighbourhoodSolves > 0, !besideLadder {
            var lns = GAPNeighbourhood(g: g, cost: cost)
            lns.subSolves = neighbourhoodSolves; lns.deadline = deadline
            let better = try lns.improve(found, allowed: allowed)
            if better.cost < found.cost {
                try checkClaimed(g, better, cost: cost, what: "the neighbourhood search's")
                incumbent = better
                fix()
                progress?(SolveProgress(incumbent: Double(sign * better.cost), bound: Double(sign * (lowerBound ?? Int(Int32.min)))))
            }
        }
        // 3. Branch and cut on the pairs left, from the incumbent; its time counts against the
        //    limit. Jobs left with one agent are settled here, so that GLPK's presolver keeps
        //    every column and accepts the start (``GLPK/Problem/intopt(_:start:stop:progress:)``).
        var settled = [Int](repeating: -1, count: g.jobs), used = [Int](repeating: 0, count: g.agents)
        if let allowed {
            for j in 0..<g.jobs {
                let on = (0..<g.agents).filter { allowed[$0][j] }
                if on.count == 1 { settled[j] = on[0]; used[on[0]] += g.resource[on[0]][j] }
            }
        }
        let open = (0..<g.jobs).filter { settled[$0] < 0 }
        let sub = g.restricted(jobs: open, agents: Array(0..<g.agents), cost: g.cost, allowed: allowed, used: used)
        let (lm, columns) = model(sub)
        @Sendable func values(_ a: [Int]) -> [Double] { columns.map { a[open[$0.job]] == $0.agent ? 1.0 : 0.0 } }
        let start01 = incumbent.map { values($0.agentOf) }
        let offset = Double((0..<g.jobs).reduce(0) { settled[$1] >= 0 ? $0 + g.cost[settled[$1]][$1] : $0 })
        let report = progress.map { report in { (p: MIPProgress) in
            var q = SolveProgress(p)
            q.incumbent = q.incumbent.map { $0 + offset }; q.bound += offset
            report(q)
        } }
        var mipOptions = options
        if let limit = options.timeLimit { mipOptions.timeLimit = max(.milliseconds(1), limit - (clock.now - start)) }
        let reporter = HandedOver(value: report), mip = mipOptions
        // With a time limit, the neighbourhood search goes on beside the branch and cut (the
        // second core), each better assignment offered to GLPK through the mailbox.
        let mailbox = IncumbentMailbox()
        let beside = options.timeLimit != nil && neighbourhoodSolves > 0 && !open.isEmpty
        let (s, besideFound) = try withSearchBeside(g, cost: cost, from: beside ? incumbent : nil, allowed: allowed, deadline: deadline,
                                                    better: { mailbox.post(values($0)) }) { () -> MIPSolution? in
            guard !open.isEmpty else { return nil }
            var o = mip
            func branchAndCut() throws -> MIPSolution {
                try GLPK.withProblem { p in try p.load(lm); return try p.intopt(o, start: start01, stop: stop?.flag, mailbox: mailbox, progress: reporter.value) }
            }
            do { return try branchAndCut() } catch is GLPKError where o.presolve {
                // GLPK 5.0's presolver fails when it settles every column (see `GAPNeighbourhood`): again without it.
                o.presolve = false
                if let limit = options.timeLimit { o.timeLimit = max(.milliseconds(1), limit - (clock.now - start)) }
                return try branchAndCut()
            }
        }
        if let found = besideFound, found.cost < incumbent?.cost ?? Int.max {
            try checkClaimed(g, found, cost: cost, what: "the neighbourhood search's")
            incumbent = found
        }
        var agentOf = settled
        var objective: Int?
        if open.isEmpty {
            objective = try check(g, agentOf, cost: g.cost, what: "the fixing's")
        } else if let s, s.hasSolution {
            for (c, v) in s.columnValues.enumerated() where v > 0.5 {
                let (i, k) = columns[c]
                guard agentOf[open[k]] < 0 else { throw GAPError.invalidSolution("job \(open[k]) assigned twice") }
                agentOf[open[k]] = i
            }
            objective = try check(g, agentOf, cost: g.cost, what: "GLPK's")
        }
        // The incumbent stands when GLPK found nothing better (or when its start did not fit).
        if let incumbent, objective.map({ sign * $0 > incumbent.cost }) ?? true {
            agentOf = incumbent.agentOf; objective = sign * incumbent.cost
        }
        var bound = open.isEmpty ? objective.map(Double.init) : s?.bound.map { $0 + offset }
        var status = open.isEmpty ? GAPStatus.optimal : s.map { GAPStatus($0.status) } ?? .undefined
        var gap = bound.flatMap { b in objective.map { abs(Double($0) - b) / (abs(Double($0)) + Double.ulpOfOne) } }
        // GLPK's bound covers the assignments costing at most the incumbent (the others were
        // fixed out); the relaxation's bound covers all. The tighter of the two is reported.
        if let lowerBound, let objective {
            let lagrangianBound = Double(sign * lowerBound)
            let tighter = sense == .minimize ? max(bound ?? -.infinity, lagrangianBound) : min(bound ?? .infinity, lagrangianBound)
            bound = tighter
            gap = abs(Double(objective) - tighter) / (abs(Double(objective)) + Double.ulpOfOne)
            if sign * objective <= lowerBound { status = .optimal; gap = 0; bound = Double(objective) }
        }
        let possible = (0..<g.agents).reduce(0) { t, i in t + (0..<g.jobs).filter { g.resource[i][$0] <= g.capacity[i] }.count }
        let share = allowed.map { _ in 1 - Double(columns.count) / Double(max(1, possible)) }
        return Outcome(status: status, objective: objective, bound: bound, relativeGap: gap,
                       agentOf: agentOf, seconds: seconds(), heuristicObjective: heuristicObjective, fixedShare: share ?? 0)
    }

    /// Checks a heuristic's assignment and that it costs what the heuristic says.
    private func checkClaimed(_ g: GAPInstance, _ a: (agentOf: [Int], cost: Int), cost: [[Int]], what: String) throws {
        guard try check(g, a.agentOf, cost: cost, what: what) == a.cost else {
            throw GAPError.invalidSolution("\(what) GAP assignment costs other than it says")
        }
    }

    /// Checks an assignment (every job on one agent, no capacity exceeded) and returns its cost under `cost`.
    @discardableResult
    private func check(_ g: GAPInstance, _ agentOf: [Int], cost: [[Int]], what: String) throws -> Int {
        var used = [Int](repeating: 0, count: g.agents), total = 0
        guard agentOf.count == g.jobs else { throw GAPError.invalidSolution("\(what) GAP assignment has \(agentOf.count) jobs") }
        for (j, i) in agentOf.enumerated() {
            guard (0..<g.agents).contains(i) else { throw GAPError.invalidSolution("\(what) GAP assignment leaves job \(j) without an agent") }
            used[i] += g.resource[i][j]; total += cost[i][j]
        }
        guard (0..<g.agents).allSatisfy({ used[$0] <= g.capacity[$0] }) else {
            throw GAPError.invalidSolution("\(what) GAP assignment exceeds a capacity")
        }
        return total
    }
}
