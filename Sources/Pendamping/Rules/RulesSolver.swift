internal import GLPK

/// Rules that cannot all hold, each explained with ids and amounts.
public struct InfeasibleRules: Error, Sendable, CustomStringConvertible {
    public var conflicts: [String]
    public var description: String { conflicts.joined(separator: "\n") }
}

/// How a rule row stands in the returned solution.
public struct RuleReport: Sendable, Codable, Equatable {
    public var rule: String
    public var subject: String
    /// The rule's bound in its own units (mentees, hours).
    public var bound: Double
    /// What the solution reaches, fixed pairs included.
    public var activity: Double
    /// Distance from the bound on the allowed side (0 = binding).
    public var slack: Double
    /// Dual value of the row in the root LP relaxation, in score units per unit of the rule
    /// (how much the relaxation's objective would move if the bound moved by one).
    public var rootDual: Double?
}

/// Solves the core model plus programme rules as a GLPK integer programme.
///
/// Starts from the network solver's optimal basis of the core (new rows' slacks basic, cohort
/// switches open) and re-optimises the LP relaxation by dual simplex; if the network optimum
/// already satisfies every rule it is optimal and returned at once. Otherwise a Lagrangian
/// relaxation of the hours and quota rows (``RulesLagrangian``, solved by the network simplex)
/// gives a bound and, through ``RulesRepair``, rule-abiding solutions; the best one starts
/// GLPK's branch and cut (MIR, cover and clique cuts; time limit, relative gap, stop flag,
/// progress), whose bound is capped by the Lagrangian one. Models above ``glpkColumnLimit``
/// columns stop after the relaxation: best repaired solution, Lagrangian bound.
/// When the rules cannot all hold, an elastic model (a slack on every rule row, minimising the
/// total slack) says which rules conflict and by how much.
/// The corresponding GLPK routines are `glp_simplex` and `glp_intopt`.
public struct RulesSolver: Sendable {
    public var rules: ProgrammeRules
    var options: MIPOptions
    var stop: StopFlag?
    var progress: (@Sendable (MIPProgress) -> Void)?
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

    public struct Outcome: Sendable {
        public var solve: SolveOutcome
        public var report: [RuleReport]
    }

    public func solve(_ model: MatchingModel, dataset: Dataset) throws -> Outcome {
        let rm = try RulesModel(model: model, rules: rules, dataset: dataset)
        guard rm.conflicts.isEmpty else { throw InfeasibleRules(conflicts: rm.conflicts) }
        func assignment(columnValues x: [Double]) -> Assignment {
            var a = coreWithout(model)
            for (c, p) in rm.lp.columnPair.enumerated() where x[c] > 0.5 {
                a.pairOf[Int(model.menteeOfPair[Int(p)])] = p; a.objective += model.weight[Int(p)]
            }
            return a
        }
        // The network optimum of the core is an upper bound; if it keeps every rule, it is optimal.
        let core = coreAssignment(rm, model: model)
        if rules.violations(of: core, model: model).isEmpty {
            let values = columnValues(of: core, rm)
            return Outcome(solve: SolveOutcome(status: .optimal, assignment: core, bound: Double(core.objective),
                                               solver: "network-simplex (rules hold)", iterations: rm.lp.network.pivots),
                           report: report(rm, values: values, duals: nil))
        }
        // The network optimum ignores the rules, so it bounds every rule-abiding solution; the
        // Lagrangian relaxation tightens that bound and its repaired optima are incumbents.
        let clock = ContinuousClock(), began = clock.now
        let repair = RulesRepair(model: model, rules: rules)
        let large = rm.lp.model.columnCount > columnLimit
        var lagrangian = RulesLagrangian(model: model, rules: rules)
        lagrangian.relativeGap = max(options.relativeGap, Tolerance.lagrangianGap)
        lagrangian.stop = stop
        if let limit = options.timeLimit { lagrangian.deadline = began + (large ? limit : limit / 4) }
        let relaxed = try lagrangian.run { repair.repair($0) }
        // Its first step (all multipliers zero) repairs the network optimum, less the mentors that
        // can never open, so the plain repair of the core needs no separate run.
        let best = relaxed.best
        let upper = min(Double(core.objective), relaxed.bound)
        let boundName = "Lagrangian bound (\(relaxed.iterations) subgradient steps of the network simplex)"
        func fallback(_ status: MatchStatus, _ why: String, bound: Double = upper) -> Outcome {
            guard let best else {
                // No rule-abiding solution is known: say so rather than call the fixed pairs a solution.
                return Outcome(solve: SolveOutcome(status: status == .feasible ? .undefined : status,
                                                   assignment: coreWithout(model), bound: bound,
                                                   solver: "none (\(why); the repair heuristic found no rule-abiding solution)", iterations: 0),
                               report: [])
            }
            return Outcome(solve: SolveOutcome(status: meets(bound, best) ? .optimal : status, assignment: best, bound: max(bound, Double(best.objective)),
                                               solver: "Lagrangian relaxation with rules repair (\(why)); \(boundName)", iterations: relaxed.iterations),
                           report: report(rm, values: columnValues(of: best, rm), duals: nil))
        }
        if let best, upper - Double(best.objective) <= options.relativeGap * max(1, abs(Double(best.objective))) {
            return fallback(.feasible, "within the relative gap")
        }
        if large {
            return fallback(.feasible, "\(rm.lp.model.columnCount) columns is beyond GLPK's reach in the time limit")
        }
        var mipOptions = options
        if let limit = options.timeLimit { mipOptions.timeLimit = max(.milliseconds(100), limit - (clock.now - began)) }
        let start = best.map { columnValues(of: $0, rm) }
        let (root, mip) = try GLPK.withProblem { p -> (LPSolution, MIPSolution?) in
            try p.load(rm.lp.model)
            try p.setBasis(rows: rm.lp.rowStatus, columns: rm.lp.columnStatus)
            let root = try p.simplex(SimplexOptions(timeLimit: mipOptions.timeLimit, method: .dualThenPrimal))
            guard root.status == .optimal else { return (root, nil) }
            let progress = self.progress
            let mip = try p.intopt(mipOptions, start: start, stop: stop, progress: progress.map { f in { f($0) } })
            return (root, mip)
        }
        guard let mip else {
            if root.status == .infeasible { throw InfeasibleRules(conflicts: try explain(rm, dataset: dataset)) }
            return fallback(root.status == .timeLimit ? .timeLimit : .undefined, "GLPK's LP relaxation ended \(root.status.rawValue)")
        }
        if mip.status == .infeasible { throw InfeasibleRules(conflicts: try explain(rm, dataset: dataset)) }
        guard mip.hasSolution else {
            return fallback(MatchStatus(mip.status), "GLPK found no incumbent", bound: min(upper, mip.bound.map { $0 + Double(coreWithout(model).objective) } ?? upper))
        }
        let a = assignment(columnValues: mip.columnValues)
        try a.verify(model)
        let broken = rules.violations(of: a, model: model)
        guard broken.isEmpty else {
            throw MatchingError.invalidSolution("GLPK's solution breaks rules: \(broken.prefix(3).map { $0.describe(dataset) })")
        }
        let fixedWeight = Double(coreWithout(model).objective)
        let bound = mip.bound.map { min(upper, $0 + fixedWeight) } ?? upper
        // The Lagrangian bound may close a gap that GLPK's own bound leaves open.
        let status = meets(bound, a) ? .optimal : MatchStatus(mip.status)
        return Outcome(solve: SolveOutcome(status: status, assignment: a, bound: bound,
                                           solver: "glpk-intopt", iterations: root.iterations),
                       report: report(rm, values: mip.columnValues, duals: root.rowDuals))
    }

    /// Whether a bound proves a solution optimal (equal up to rounding).
    func meets(_ bound: Double, _ a: Assignment) -> Bool { bound - Double(a.objective) <= Tolerance.boundMeetsObjective * max(1, abs(bound)) }

    /// Fixed pairs only (when the search ended without an incumbent).
    func coreWithout(_ model: MatchingModel) -> Assignment { model.fixedPart().assignment }

    /// The network optimum of the core as an assignment (fixed pairs included).
    func coreAssignment(_ rm: RulesModel, model: MatchingModel) -> Assignment {
        rm.lp.core.assignment(rm.lp.core.chosenPairs(rm.lp.network.flow), adding: coreWithout(model), model: model)
    }

    /// Column values (x then open switches) of an assignment.
    func columnValues(of a: Assignment, _ rm: RulesModel) -> [Double] {
        var chosen = Set<Int32>()
        for p in a.pairOf where p >= 0 { chosen.insert(p) }
        var x = rm.lp.columnPair.map { chosen.contains($0) ? 1.0 : 0 }
        // Open switches: 1 when the mentor has mentees (x beyond the pair columns).
        for _ in rm.lp.columnPair.count..<rm.lp.model.columnCount { x.append(0) }
        for r in rm.ruleRows where r.kind == .cohortOpen {
            let load = r.entries.filter { $0.1 == 1 }.reduce(0.0) { $0 + x[Int($1.0)] }
            if let y = r.entries.first(where: { $0.1 != 1 }) { x[Int(y.0)] = load > 0 || r.fixedPart > 0 ? 1 : 0 }
        }
        return x
    }

    func report(_ rm: RulesModel, values x: [Double], duals: [Double]?) -> [RuleReport] {
        rm.ruleRows.compactMap { r -> RuleReport? in
            let bounds = rm.lp.model.rowBounds[Int(r.row)]
            switch r.kind {
            case .cohortOpen:
                return nil
            case .cohortMin:
                let load = r.entries.filter { $0.1 == 1 }.reduce(0.0) { $0 + x[Int($1.0)] } + r.fixedPart
                let y = r.entries.first { $0.1 != 1 }!
                let minimum = -y.1 + r.fixedPart
                let open = x[Int(y.0)] > 0.5
                return RuleReport(rule: r.kind.rawValue, subject: r.subject, bound: open ? minimum : 0, activity: load,
                                  slack: load - (open ? minimum : 0), rootDual: duals.map { $0[Int(r.row)] / ScoringModel.integerScale })
            case .hours, .quota, .coverAll:
                let activity = r.entries.reduce(0.0) { $0 + $1.1 * x[Int($1.0)] } + r.fixedPart
                let bound: Double, slack: Double
                switch r.limit.map(LinearModel.Bounds.upper) ?? bounds {
                case .upper(let u): bound = u + r.fixedPart; slack = bound - activity
                case .lower(let l): bound = l + r.fixedPart; slack = activity - bound
                case .fixed(let v): bound = v; slack = 0
                default: bound = 0; slack = 0
                }
                return RuleReport(rule: r.kind.rawValue, subject: r.subject, bound: rounded6(bound), activity: rounded6(activity),
                                  slack: rounded6(slack), rootDual: duals.map { rounded6($0[Int(r.row)] / ScoringModel.integerScale) })
            }
        }
    }

    /// Which rules conflict and by how much: minimise the total slack added to the rule rows.
    func explain(_ rm: RulesModel, dataset: Dataset) throws -> [String] {
        var lm = rm.lp.model
        lm.sense = .minimize
        for c in 0..<lm.columnCount { lm.objective[c] = 0 }
        var slackOf: [(RuleRow, Int32)] = []
        for r in rm.ruleRows where r.kind != .cohortOpen {
            let sign: Double = r.kind == .hours ? -1 : 1
            let s = lm.addColumn(.lower(0), objective: 1)
            lm.set(row: r.row, column: s, sign)
            slackOf.append((r, s))
        }
        var o = MIPOptions(timeLimit: options.timeLimit, presolve: true, mirCuts: true, coverCuts: true, cliqueCuts: true)
        o.relativeGap = 0
        let s = try GLPK.withProblem { p in try p.load(lm); return try p.intopt(o, stop: stop) }
        guard s.hasSolution else { return ["the rules cannot all hold (GLPK found no elastic solution in time: \(s.status.rawValue))"] }
        var out: [String] = []
        for (r, c) in slackOf where s.columnValues[Int(c)] > Tolerance.slack {
            let v = s.columnValues[Int(c)]
            switch r.kind {
            case .quota: out.append("quota for region \(r.subject): short by \(formatFixed(v, 0)) matched mentees")
            case .hours: out.append("hours of mentor \(r.subject): over by \(formatFixed(v, 1)) h")
            case .cohortMin: out.append("minimum cohort of mentor \(r.subject): short by \(formatFixed(v, 0)) mentees")
            case .coverAll: out.append("cover_all: mentee \(r.subject) cannot be matched with the other rules")
            case .cohortOpen: break
            }
        }
        return out.isEmpty ? ["the rules cannot all hold"] : out
    }
}
