import Optimisation
internal import GLPK
import MinCostFlow
import Parallel

/// Lagrangian relaxation of the programme rules, solved by the network simplex.
///
/// The hours rows (`Σ h_p·x_p ≤ room_j`, multiplier `λ_j ≥ 0`), the quota rows
/// (`Σ_{i∈R} x_i ≥ need_R`, `μ_R ≥ 0`) and cover-all (`x_i ≥ 1`, `σ_i ≥ 0`) move into the
/// objective; minimum cohorts are dropped (their LP relaxation never binds: with a
/// fractional open switch `y_j = load/capacity`, `load ≥ min·y_j` always holds), except that
/// a mentor whose capacity, candidates or hours fall short of its minimum stays empty. What is
/// left is the core assignment with pair weights `w_p − λ_j·h_p + μ_R + σ_i`, a min-cost
/// flow, so every multiplier vector gives an upper bound
/// `L = fixed + max_x Σ w'·x + Σ λ·room − Σ μ·need − Σ σ` on every rule-abiding solution.
/// Subgradient steps (Polyak's rule towards the best known solution, the step factor halved
/// after a run without progress) drive `L` down to the LP bound of the rules model, far
/// below the network optimum the rules ignore. Each relaxed optimum, repaired by
/// ``RulesRepair``, is a candidate solution.
///
/// Each solve starts from the previous one's tree (``NetworkSimplex/Result/treeStart(_:root:)``),
/// independent components in parallel groups. Deterministic: an iteration budget, not a
/// clock, ends the run (the deadline is only a safety net).
/// Each step's repair runs on another thread beside the next step's network solve (the step
/// length and the gap test use the repairs of the steps before; the first step's is waited
/// for), so the steps end sooner and leave the neighbourhood search more of the limit.
/// - Complexity: per iteration one warm-started network simplex and one repair,
///   `O(pairs·log pairs)` besides the simplex.
struct RulesLagrangian {
    let model: MatchingModel
    let rules: ProgrammeRules
    /// Iterations at most (each one network solve and one repair).
    var iterations = 300
    /// Stop once the best bound is within this relative gap of the best solution.
    var relativeGap = Tolerance.lagrangianDefaultGap
    var deadline: ContinuousClock.Instant?
    var stop: StopFlag?

    struct Outcome {
        /// Upper bound on every rule-abiding solution (fixed pairs included).
        var bound: Double
        /// Best rule-abiding assignment found (fixed pairs included).
        var best: Assignment?
        var iterations: Int
        /// The multipliers of the step that gave `bound`, with each mentee row's dual in that
        /// step's network optimum: where ``RulesKnapsackBound`` starts. Nil when the bound is
        /// the first step's (no network was solved with multipliers).
        var start: RulesKnapsackBound.Start?
    }

    /// Rows as seen from the free part of the model.
    private struct Rows {
        var room: [Double]          // per mentor; +∞ when unlimited
        var regionOf: [Int32]       // per mentee: quota index or -1
        var need: [Double]          // per quota: mentees still to match beyond fixed ones
        var coverAll: Bool
    }

    private final class Group: @unchecked Sendable {
        let core: CoreNetwork
        var net: FlowNetwork
        var start: SpanningTreeStart
        var flow: [Int64] = []
        var potential: [Int64] = []
        init(_ core: CoreNetwork, _ model: MatchingModel, from first: Assignment?) {
            self.core = core; net = core.network
            start = first.map { a in core.start(pairOf: core.mentees.map { a.pairOf[Int($0)] }) } ?? core.greedyStart(model)
        }
    }

    /// Runs the subgradient steps, repairing each relaxed optimum.
    /// - Parameter coreOptimum: the core's optimal assignment when already solved (the first
    ///   stage of ``RulesSolver``). With all multipliers zero it is the first step's relaxed
    ///   optimum, unless it uses a mentor that can never open; then that step solves no network
    ///   and the next steps start from its tree.
    func run(coreOptimum: Assignment? = nil, repair: @escaping @Sendable (Assignment) -> Assignment?) throws -> Outcome {
        let g = model.graph
        let fixed = model.fixedPart()
        let rows = relaxedRows(fixed)
        let hoursOn = !rules.pairHours.isEmpty
        // Mentors that can never reach their minimum cohort get no capacity.
        var free = fixed.free
        let never = rules.cannotOpen(model)
        for (j, n) in never.enumerated() where n { free[j] = 0 }
        // The core optimum is the first step's answer when it leaves every closed mentor empty.
        let first = coreOptimum.flatMap { a in
            a.pairOf.contains { $0 >= 0 && never[Int(g.mentor[Int($0)])] } ? nil : a
        }
        let groups = model.components.groups(model.graph, workers: ProcessInfoCores.count, fixedMentee: fixed.assignment.pairOf)
            .map { Group(CoreNetwork(model: model, mentees: $0.mentees, mentorsInScope: $0.mentors, freeCapacity: free), model, from: first) }
        let maxAssigned = Double(min(fixed.freeMentees.count, free.reduce(0) { $0 + Int(max(0, $1)) }))
        var lambda = [Double](repeating: 0, count: g.mentorCount)
        var mu = [Double](repeating: 0, count: rows.need.count)
        var sigma = [Double](repeating: 0, count: rows.coverAll ? g.menteeCount : 0)
        var bestBound = Double.infinity
        var best: Assignment?
        var start: RulesKnapsackBound.Start?
        var pending: BackgroundValue<Assignment?>?
        var schedule = SubgradientSchedule(factor: 1, patience: 10, floor: Tolerance.subgradientStepFloor), done = 0
        let menteeOfPair = model.menteeOfPair

        while done < iterations {
            if let stop, stop.isStopped { break }
            // The first step (the network optimum without rules, repaired) always runs.
            if let deadline, done > 0, ContinuousClock.now >= deadline { break }
            done += 1
            let (l, m, s) = (lambda, mu, sigma)
            let step1 = done == 1 ? first.map { ($0, Double($0.objective)) } : nil
            let relaxedStep = try step1
                ?? solveRelaxed(groups, fixed.assignment, weight: { p in adjusted(p, l, m, s, rows, hoursOn, menteeOfPair) })
            let relaxed = relaxedStep.0
            var value = relaxedStep.1
            // Rounding each adjusted weight moved it by at most ½; bound the loss (none while
            // every multiplier is zero: the weights are the integer scores).
            if done > 1 { value += 0.5 * maxAssigned }
            var usedHours = [Double](repeating: 0, count: g.mentorCount)
            var covered = [Double](repeating: 0, count: rows.need.count)
            var matched = [Bool](repeating: false, count: g.menteeCount)
            for i in 0..<g.menteeCount where relaxed.pairOf[i] >= 0 && fixed.assignment.pairOf[i] < 0 {
                let p = Int(relaxed.pairOf[i])
                if hoursOn { usedHours[Int(g.mentor[p])] += rules.pairHours[p] }
                if rows.regionOf[i] >= 0 { covered[Int(rows.regionOf[i])] += 1 }
                matched[i] = true
            }
            for j in 0..<g.mentorCount where lambda[j] > 0 { value += lambda[j] * rows.room[j] }
            for r in 0..<mu.count { value -= mu[r] * rows.need[r] }
            for s in sigma { value -= s }
            let improved = value < bestBound - Tolerance.boundImprovement
            if improved {
                bestBound = value
                if step1 == nil { start = knapsackStart(groups, l, m, s) }
            }
            schedule.record(improved: improved)
            // Each step's repair runs beside the next step's network solve; the step length and
            // the gap test use the repairs of the steps before (the first one's at once).
            if let a = pending?.value, a.objective > (best?.objective ?? Int64.min) { best = a }
            pending = nil
            if done == 1 {
                if let a = repair(relaxed), a.objective > (best?.objective ?? Int64.min) { best = a }
            } else {
                pending = BackgroundValue { repair(relaxed) }
            }
            let lower = best.map { Double($0.objective) }
            if let lower, bestBound - lower <= relativeGap * max(1, abs(lower)) { break }
            if !schedule.shrinkWhenStalled() { break }
            // Subgradient (projected: a zero multiplier with a slack row stays at zero).
            var norm = 0.0
            var gLambda = [Double](repeating: 0, count: g.mentorCount)
            if hoursOn {
                for j in 0..<g.mentorCount where rows.room[j].isFinite {
                    let s = rows.room[j] - usedHours[j]
                    if lambda[j] > 0 || s < 0 { gLambda[j] = s; norm += s * s }
                }
            }
            var gMu = [Double](repeating: 0, count: mu.count)
            for r in 0..<mu.count {
                let s = covered[r] - rows.need[r]
                if mu[r] > 0 || s < 0 { gMu[r] = s; norm += s * s }
            }
            var gSigma = [Double](repeating: 0, count: sigma.count)
            for i in fixed.freeMentees where rows.coverAll {
                let s = matched[Int(i)] ? 0.0 : -1.0
                if sigma[Int(i)] > 0 || s < 0 { gSigma[Int(i)] = s; norm += s * s }
            }
            guard norm > 0 else {
                // The relaxed optimum keeps every relaxed row with complementary slackness: optimal
                // for the relaxation without cohorts; the bound cannot move.
                break
            }
            let target = lower ?? (bestBound - 0.05 * max(1, abs(bestBound)))
            let t = schedule.length(distance: value - target, value: value, leastShare: 0.01, normSquared: norm)
            for j in 0..<g.mentorCount where gLambda[j] != 0 { lambda[j] = max(0, lambda[j] - t * gLambda[j]) }
            for r in 0..<mu.count where gMu[r] != 0 { mu[r] = max(0, mu[r] - t * gMu[r]) }
            for i in 0..<sigma.count where gSigma[i] != 0 { sigma[i] = max(0, sigma[i] - t * gSigma[i]) }
        }
        if let a = pending?.value, a.objective > (best?.objective ?? Int64.min) { best = a }
        return Outcome(bound: bestBound, best: best, iterations: done, start: start)
    }

    /// This step's multipliers, each mentee row's dual `σ_i` read from its group's node
    /// potentials (`potential[sink] − potential[i]`, the reduced cost of leaving the mentee
    /// unmatched; less its cover-all multiplier, whose row it then stands in for).
    /// - Complexity: `O(n + m)`.
    private func knapsackStart(_ groups: [Group], _ lambda: [Double], _ mu: [Double], _ cover: [Double]) -> RulesKnapsackBound.Start {
        var sigma = [Double](repeating: 0, count: model.graph.menteeCount)
        for grp in groups where !grp.potential.isEmpty {
            let sink = grp.potential[Int(grp.core.sink)]
            for (k, i) in grp.core.mentees.enumerated() {
                sigma[Int(i)] = Double(sink - grp.potential[k]) - (cover.isEmpty ? 0 : cover[Int(i)])
            }
        }
        return RulesKnapsackBound.Start(sigma: sigma, mu: mu, lambda: lambda)
    }

    /// The relaxed optimum under integer pair weights, and its value: every group re-priced and
    /// solved from its previous tree, in parallel. - Complexity: one network simplex per group.
    private func solveRelaxed(_ groups: [Group], _ fixed: Assignment, weight: @Sendable (Int) -> Int64) throws -> (Assignment, Double) {
        _ = try concurrentMap(groups.count) { k in
            let grp = groups[k]
            for e in 0..<grp.net.arcCount {
                let p = Int(grp.core.arcPair[e])
                if p >= 0 { grp.net.setCost(arc: e, -weight(p)) }
            }
            let r = try NetworkSimplex.solve(grp.net, start: grp.start)
            guard r.status == .optimal else {
                throw MatchingError.solverFailed("network simplex ended \(r.status.rawValue) in the Lagrangian relaxation")
            }
            grp.flow = r.flow
            grp.potential = r.potential
            if let next = r.treeStart(grp.net, root: grp.core.sink) { grp.start = next }
        }
        var relaxed = fixed
        var value = Double(fixed.objective)
        for grp in groups {
            let chosen = grp.core.chosenPairs(grp.flow)
            relaxed = grp.core.assignment(chosen, adding: relaxed, model: model)
            for (_, e) in chosen { value += Double(-grp.net.cost[e]) }
        }
        return (relaxed, value)
    }

    /// `w_p − λ_j·h_p + μ_R + σ_i`, rounded, within the network's cost range.
    private func adjusted(_ p: Int, _ lambda: [Double], _ mu: [Double], _ sigma: [Double], _ rows: Rows, _ hoursOn: Bool,
                          _ menteeOfPair: [Int32]) -> Int64 {
        let i = Int(menteeOfPair[p])
        var w = Double(model.weight[p])
        if hoursOn { w -= lambda[Int(model.graph.mentor[p])] * rules.pairHours[p] }
        if rows.regionOf[i] >= 0 { w += mu[Int(rows.regionOf[i])] }
        if !sigma.isEmpty { w += sigma[i] }
        let limit = Double(FlowNetwork.maxCost / 4)
        return Int64(min(max(w, -limit), limit).rounded())
    }

    private func relaxedRows(_ fixed: MatchingModel.FixedPart) -> Rows {
        let g = model.graph
        let room = rules.fixedLoad(model).hoursLeft
        let (regionOf, need) = rules.quotaNeeds(menteeCount: g.menteeCount, fixed: fixed.assignment)
        return Rows(room: room, regionOf: regionOf, need: need, coverAll: rules.coverAll)
    }
}
