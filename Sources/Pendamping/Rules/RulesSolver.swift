import Parallel
internal import GLPK

/// Solves the core model plus programme rules as a GLPK integer programme.
///
/// Starts from the network solver's optimal basis of the core (new rows' slacks basic, cohort
/// switches open) and re-optimises the LP relaxation by dual simplex; if the network optimum
/// already satisfies every rule it is optimal and returned at once. Otherwise a Lagrangian
/// relaxation of the hours and quota rows (``RulesLagrangian``, solved by the network simplex)
/// gives a bound and, through ``RulesRepair``, rule-abiding solutions; `RulesNeighbourhood`
/// improves the best one by re-solving groups of mentors exactly (``RulesLocalSearch``
/// polishing it before and after), and it starts GLPK's branch
/// and cut (MIR, cover and clique cuts; time limit, relative gap, stop flag, progress), whose
/// bound is capped by the Lagrangian ones (`RulesKnapsackBound` runs on the second core beside
/// GLPK, or above the column limit beside the neighbourhood search). Models above
/// ``glpkColumnLimit`` columns stop after the neighbourhood search: best solution,
/// Lagrangian bound.
/// When the rules cannot all hold, an elastic model (a slack on every rule row, minimising the
/// total slack) says which rules conflict and by how much.
/// The corresponding GLPK routines are `glp_simplex` and `glp_intopt`.
public struct RulesSolver: Sendable {
    /// The programme rules the solve keeps.
    public var rules: ProgrammeRules
    var options: MIPOptions
    var stop: StopFlag?
    var progress: (@Sendable (MIPProgress) -> Void)?
    /// Most sub-solves of the neighbourhood search that improves GLPK's start (`RulesNeighbourhood`); 0 leaves it out.
    public var neighbourhoodSolves = 400
    /// Models with more columns skip GLPK (see ``glpkColumnLimit``).
    public var columnLimit = RulesSolver.glpkColumnLimit

    init(rules: ProgrammeRules, options: MIPOptions = RulesSolver.defaultOptions, stop: StopFlag? = nil,
                progress: (@Sendable (MIPProgress) -> Void)? = nil) {
        self.rules = rules; self.options = options; self.stop = stop; self.progress = progress
    }

    /// Above this many columns GLPK's simplex cannot solve the relaxation within a minute on
    /// this class of models (measured: ~3.6 ms per iteration and ~15,000 iterations at 106,000
    /// columns); the best repaired Lagrangian solution is returned with the Lagrangian bound.
    public static let glpkColumnLimit = 60_000

    /// Measured with `Benchmarks/rules/run.sh` (30 s each; objective / proven gap):
    /// - Kalimantan Tengah-like 1,500 × 80, cohorts 8, hours, 10 % kabupaten quotas, k = 5:
    ///   no cuts 10.6 %, MIR+cover+clique 10.3 %, + Gomory 9.3 %, + feasibility pump 10.3 %,
    ///   + proximity search 11.6 % (incumbent 324.6 vs 317.7, but its own 60 s clock; now a
    ///   quarter of the limit). After hours rows were scaled by the open switch: default 8.3 %,
    ///   + Gomory 8.3 %, + proximity search 6.6 % (incumbent 322.9).
    /// - Jakarta Barat-like 3,000 × 100, cohorts 10, hours, kecamatan quotas, k = 10: every
    ///   setting 0.17 % (none 0.21 %); no setting improved the repaired Lagrangian incumbent.
    /// - hours only, 2,000 × 60, k = 8: no cuts 1.56 %, MIR+cover+clique 0.89 %, + Gomory 0.88 %.
    /// So MIR, cover and clique cuts with proximity search; Gomory cuts add little here and
    /// slow the larger models' nodes.
    static let defaultOptions = MIPOptions(timeLimit: .seconds(60), presolve: false, mirCuts: true, coverCuts: true,
                                                  cliqueCuts: true, proximitySearch: true)

    /// What a rules solve returns: the solve and how each rule stands.
    public struct Outcome: Sendable {
        /// The assignment, status, bound and stages.
        public var solve: SolveOutcome
        /// Slack and dual of each rule row, for the outputs.
        public var report: [RuleReport]
    }

    /// Solves in named stages, each recorded in ``SolveOutcome/stages``:
    /// 1. ``SolveStageName/core``: the core assignment by the network simplex (parallel
    ///    groups); if it keeps every rule it is optimal and the solve ends.
    /// 2. ``SolveStageName/lagrangian``: subgradient steps from the core optimum (its first
    ///    step), each relaxed optimum repaired; ends when its bound meets its best solution.
    /// 3. ``SolveStageName/neighbourhood``: the best repaired solution polished by
    ///    ``RulesLocalSearch``, groups of mentors re-solved exactly from it (counted
    ///    sub-solves), and the result polished again, unless the gap is already closed.
    /// 4. ``SolveStageName/rootRelaxation`` and ``SolveStageName/branchAndCut``: only now is the
    ///    GLPK model built, warm-started from the core optimum's basis and the best solution so
    ///    far; skipped above ``columnLimit`` columns.
    /// - Throws: ``InfeasibleRules`` when the rules cannot all hold.
    @_spi(Stages) public func solve(_ model: MatchingModel, dataset: Dataset) throws -> Outcome {
        let before = rules.conflictsBeforeSolve(model)
        guard before.isEmpty else { throw InfeasibleRules(conflicts: before.map { $0.describe(dataset, rules) }) }
        let fixedPart = coreWithout(model)
        func outcome(_ status: MatchStatus, _ a: Assignment, bound: Double, engine: SolveEngine, iterations: Int,
                     _ stages: [SolveStage], duals: [RuleKey: Double] = [:]) -> Outcome {
            Outcome(solve: SolveOutcome(status: status, assignment: a, bound: bound, engine: engine, iterations: iterations, stages: stages),
                    report: rules.report(a, model: model, dataset: dataset, rootDual: duals))
        }

        // 1. The network optimum of the core bounds every rule-abiding solution; if it keeps
        //    every rule, it is optimal.
        let coreSolve = try NetworkMatchingSolver().solve(model)
        let core = coreSolve.assignment
        var stages = [SolveStage(name: .core, engine: .networkSimplex, status: coreSolve.status, objective: core.objective,
                                 bound: Double(core.objective), iterations: coreSolve.iterations)]
        if rules.violations(of: core, model: model).isEmpty {
            stages[0].note = "the core optimum keeps every rule"
            return outcome(.optimal, core, bound: Double(core.objective), engine: .networkSimplex, iterations: coreSolve.iterations, stages)
        }
        // Optimal for the core, but not a rule-abiding solution: its value is only a bound.
        stages[0].objective = nil
        stages[0].note = "the core optimum breaks a rule"

        // 2. The Lagrangian relaxation tightens that bound; its repaired optima are incumbents.
        let clock = ContinuousClock(), began = clock.now
        let columns = RulesModel.columnCount(model, rules: rules)
        let large = columns > columnLimit
        let shares = large ? RulesTimeShares.beyondBranchAndCut : .withBranchAndCut
        var lagrangian = RulesLagrangian(model: model, rules: rules)
        lagrangian.relativeGap = max(options.relativeGap, Tolerance.lagrangianGap)
        lagrangian.stop = stop
        if let limit = options.timeLimit { lagrangian.deadline = began + limit * shares.lagrangian }
        let repair = RulesRepair(model: model, rules: rules)
        let relaxed = try lagrangian.run(coreOptimum: core) { repair.repair($0) }
        let upper = min(Double(core.objective), relaxed.bound)
        /// The knapsack bound, once started (after the neighbourhood search, unless that closes the gap).
        var knapsackSolve: BackgroundValue<Double>?
        /// Both Lagrangian bounds, once the knapsack bound is in (waits for it).
        func lagrangianUpper() -> Double { min(upper, knapsackSolve?.value ?? .infinity) }
        stages.append(SolveStage(name: .lagrangian, engine: .lagrangianRepair, status: relaxed.best == nil ? .undefined : .feasible,
                                 objective: relaxed.best?.objective, bound: upper, iterations: relaxed.iterations))
        /// Ends with the best repaired solution (or none) and the given bound.
        var bestKnown = relaxed.best
        func fallback(_ status: MatchStatus, _ why: String, bound given: Double? = nil) -> Outcome {
            let bound = min(given ?? .infinity, lagrangianUpper())
            stages[stages.count - 1].note = why
            guard let best = bestKnown else {
                // No rule-abiding solution is known: say so rather than call the fixed pairs a solution.
                stages[stages.count - 1].note = why + "; the repair heuristic found no rule-abiding solution"
                return Outcome(solve: SolveOutcome(status: status == .feasible ? .undefined : status, assignment: fixedPart, bound: bound,
                                                   engine: .none, iterations: 0, stages: stages), report: [])
            }
            let proven = meets(bound, best)
            if proven { stages[stages.count - 1].status = .optimal }
            return outcome(proven ? .optimal : status, best, bound: max(bound, Double(best.objective)), engine: .lagrangianRepair,
                           iterations: relaxed.iterations, stages)
        }
        // The knapsack bound (`RulesKnapsackBound`) starts from the relaxation's best
        // multipliers: above the column limit (no GLPK) at once, beside the neighbourhood
        // search, its mentors shared between two threads; else after that search, beside
        // GLPK's branch and cut on the second core. Its steps are counted, so the bound is
        // deterministic unless the time limit ends them.
        let knapsackHalt = StopFlag()
        func startKnapsackBound() {
            guard !(bestKnown.map { withinGap(upper, $0) } ?? false) else { return }
            var knapsackSearch = RulesKnapsackBound(model: model, rules: rules)
            knapsackSearch.stop = stop; knapsackSearch.halt = knapsackHalt
            knapsackSearch.threads = large ? 2 : 1
            // From the relaxation's multipliers, small first steps beside GLPK (whose bound
            // usually binds there; Kalimantan Tengah-like: 345.67 at 0.1 against 346.41 at 1),
            // large ones above the column limit (tier M seeds 1–8, 15 s, with the exact hours
            // knapsack: 2 left a smaller gap than 1 on six of the eight, the same on one and
            // 0.0006 points more on one; seed 2: 0.082 % against 0.089–0.111 %; design note 26).
            if relaxed.start != nil { knapsackSearch.firstStep = large ? 2 : 0.1 }
            if let limit = options.timeLimit { knapsackSearch.deadline = began + limit * shares.knapsackBound }
            let target = bestKnown.map { Double($0.objective) }
            knapsackSolve = BackgroundValue { [knapsackSearch, relaxed] in knapsackSearch.run(target: target, from: relaxed.start) }
        }
        if large { startKnapsackBound() }
        // 2b. The best repaired solution, improved by re-solving groups of mentors exactly.
        if let found = bestKnown, neighbourhoodSolves > 0, !withinGap(upper, found) {
            var lns = RulesNeighbourhood(model: model, rules: rules)
            lns.subSolves = neighbourhoodSolves; lns.stop = stop
            if let limit = options.timeLimit { lns.deadline = began + limit * shares.neighbourhood }
            let better = polished(try lns.improve(polished(found, model: model)), model: model)
            bestKnown = better
            stages.append(SolveStage(name: .neighbourhood, engine: .glpkIntopt, status: .feasible, objective: better.objective,
                                     bound: upper, iterations: nil))
        }
        if !large { startKnapsackBound() }
        if let best = bestKnown, withinGap(upper, best) {
            knapsackHalt.stop()
            return fallback(.feasible, "within the relative gap")
        }
        if large { return fallback(.feasible, "\(columns) columns is beyond GLPK's reach in the time limit") }

        // 3. GLPK's branch and cut, from the core's optimal basis and the best solution so far.
        let rm = try RulesModel(model: model, rules: rules, optimum: core)
        let start = bestKnown.map { rm.columnValues(of: $0) }
        var mipOptions = options
        if let limit = options.timeLimit { mipOptions.timeLimit = max(.milliseconds(100), limit - (clock.now - began)) }
        let (root, mip) = try GLPK.withProblem { p -> (LPSolution, MIPSolution?) in
            try p.load(rm.lp.model)
            try p.setBasis(rows: rm.lp.rowStatus, columns: rm.lp.columnStatus)
            let root = try p.simplex(SimplexOptions(timeLimit: mipOptions.timeLimit, method: .dualThenPrimal))
            guard root.status == .optimal else { return (root, nil) }
            let progress = self.progress
            let mip = try p.intopt(mipOptions, start: start, stop: stop, progress: progress.map { f in { f($0) } })
            return (root, mip)
        }
        let rootBound = root.status == .optimal ? root.objective + Double(fixedPart.objective) : nil
        stages.append(SolveStage(name: .rootRelaxation, engine: .glpkSimplex, status: MatchStatus(root.status), objective: nil,
                                 bound: rootBound, iterations: root.iterations))
        guard let mip else {
            if root.status == .infeasible { throw InfeasibleRules(conflicts: try explain(rm).map { $0.describe(dataset, rules) }) }
            return fallback(root.status == .timeLimit ? .timeLimit : .undefined, "GLPK's LP relaxation ended \(root.status.rawValue)")
        }
        if mip.status == .infeasible { throw InfeasibleRules(conflicts: try explain(rm).map { $0.describe(dataset, rules) }) }
        let lagrangianBound = lagrangianUpper()
        stages[1].bound = lagrangianBound
        let mipBound = mip.bound.map { min(lagrangianBound, $0 + Double(fixedPart.objective)) } ?? lagrangianBound
        guard mip.hasSolution else {
            stages.append(SolveStage(name: .branchAndCut, engine: .glpkIntopt, status: MatchStatus(mip.status), objective: nil,
                                     bound: mipBound, iterations: nil, note: "no incumbent"))
            return fallback(MatchStatus(mip.status), "GLPK found no incumbent", bound: mipBound)
        }
        var a = fixedPart
        for (c, p) in rm.lp.columnPair.enumerated() where mip.columnValues[c] > 0.5 {
            a.pairOf[Int(model.menteeOfPair[Int(p)])] = p; a.objective += model.weight[Int(p)]
        }
        try a.verify(model)
        let broken = rules.violations(of: a, model: model)
        guard broken.isEmpty else {
            throw MatchingError.invalidSolution("GLPK's solution breaks rules: \(broken.prefix(3).map { $0.describe(dataset) })")
        }
        // The Lagrangian bound may close a gap that GLPK's own bound leaves open.
        let status = meets(mipBound, a) ? .optimal : MatchStatus(mip.status)
        stages.append(SolveStage(name: .branchAndCut, engine: .glpkIntopt, status: status, objective: a.objective,
                                 bound: mipBound, iterations: nil))
        return outcome(status, a, bound: mipBound, engine: .glpkIntopt, iterations: root.iterations, stages,
                       duals: rm.rootDuals(root.rowDuals))
    }

    /// `a` improved by ``RulesLocalSearch``, kept only when an independent check finds every
    /// rule held. - Complexity: `O(pairs · capacity)` per pass.
    func polished(_ a: Assignment, model: MatchingModel) -> Assignment {
        var search = RulesLocalSearch(model: model, rules: rules)
        search.stop = stop
        let b = search.improve(a)
        guard b.objective > a.objective, (try? b.verify(model)) != nil, rules.violations(of: b, model: model).isEmpty else { return a }
        return b
    }

    /// Whether a bound leaves a solution within the requested relative gap.
    func withinGap(_ bound: Double, _ a: Assignment) -> Bool {
        bound - Double(a.objective) <= options.relativeGap * max(1, abs(Double(a.objective)))
    }

    /// Whether a bound proves a solution optimal (equal up to rounding).
    func meets(_ bound: Double, _ a: Assignment) -> Bool { bound - Double(a.objective) <= Tolerance.boundMeetsObjective * max(1, abs(bound)) }

    /// Fixed pairs only (when the search ended without an incumbent).
    func coreWithout(_ model: MatchingModel) -> Assignment { model.fixedPart().assignment }

    /// Which rules conflict and by how much: minimise the total slack added to the rule rows
    /// (an elastic model, `glp_intopt`).
    func explain(_ rm: RulesModel) throws -> [RuleConflict] {
        var lm = rm.lp.model
        lm.sense = .minimize
        for c in 0..<lm.columnCount { lm.objective[c] = 0 }
        var slackOf: [(RuleRow, Int32)] = []
        for r in rm.ruleRows where r.kind != .cohortOpen {
            let sign: Double = r.kind == .rule(.hours) ? -1 : 1
            let s = lm.addColumn(.lower(0), objective: 1)
            lm.set(row: r.row, column: s, sign)
            slackOf.append((r, s))
        }
        var o = MIPOptions(timeLimit: options.timeLimit, presolve: true, mirCuts: true, coverCuts: true, cliqueCuts: true)
        o.relativeGap = 0
        let s = try GLPK.withProblem { p in try p.load(lm); return try p.intopt(o, stop: stop) }
        guard s.hasSolution else { return [.unexplained("the rules cannot all hold (GLPK found no elastic solution in time: \(s.status.rawValue))")] }
        var out: [RuleConflict] = []
        for (r, c) in slackOf where s.columnValues[Int(c)] > Tolerance.slack {
            let v = s.columnValues[Int(c)]
            switch r.kind {
            case .rule(.quota): out.append(.quotaShort(quota: r.index, by: v))
            case .rule(.hours): out.append(.hoursOver(mentor: r.index, by: v))
            case .rule(.minMentees): out.append(.cohortShort(mentor: r.index, by: v))
            case .rule(.coverAll): out.append(.coverAllBlocked(mentee: r.index))
            case .cohortOpen: break
            }
        }
        return out.isEmpty ? [.unexplained("the rules cannot all hold")] : out
    }
}

/// How a rules solve's time limit is shared among its stages: each stage's deadline, as a
/// share of the limit from the solve's start. With GLPK's branch and cut to follow (a model
/// within the column limit) the Lagrangian takes the first quarter, the neighbourhood search
/// runs to 60 % and GLPK has the rest, the knapsack bound beside it; beyond GLPK's reach the
/// Lagrangian runs to 60 %, the neighbourhood search to 85 % and the knapsack bound, beside
/// it from the start, to 95 %, leaving the end to write the answer.
struct RulesTimeShares: Sendable {
    var lagrangian: Double
    var neighbourhood: Double
    var knapsackBound: Double

    static let withBranchAndCut = RulesTimeShares(lagrangian: 0.25, neighbourhood: 0.6, knapsackBound: 1)
    static let beyondBranchAndCut = RulesTimeShares(lagrangian: 0.6, neighbourhood: 0.85, knapsackBound: 0.95)
}
