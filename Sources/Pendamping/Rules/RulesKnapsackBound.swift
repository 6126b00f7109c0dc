import Optimisation
import Parallel
internal import GLPK

/// A Lagrangian bound of the programme rules that sees minimum cohorts and whole pairs'
/// hours: the mentee rows (`Σ_j x_ij ≤ 1`, or `= 1` under cover-all; multiplier `σ_i`) and
/// the quota rows (`Σ_{i∈R} x_i ≥ need_R`, `μ_R ≥ 0`) move into the objective, and what is
/// left separates into one knapsack per mentor: take nothing, or between its minimum cohort
/// and its free capacity of its candidate pairs, each worth `w_p − σ_i + μ_R`, within its
/// hours. So every multiplier vector gives an upper bound
/// `L = fixed + Σσ − Σμ·need + Σ_j best_j` on every rule-abiding solution. Unlike the LP
/// relaxation and ``RulesLagrangian`` (a mentor may take part of a pair's hours, and half a
/// cohort), each mentor here takes whole pairs within its hours and opens with a whole cohort
/// or not at all; its Lagrangian dual is at least as tight as the LP bound.
///
/// Each mentor's knapsack is bounded by ``MentorKnapsack``: the smaller of the LP bound at
/// the start's hours price and the exact hours knapsack under a count price.
///
/// Starts from ``Start``, the network relaxation's multipliers and mentee duals at its best
/// step: there this bound is already no higher than that one (each mentor's knapsack is worth
/// no more than its LP, which the mentor's dual price bounds), and lower wherever whole pairs
/// or whole cohorts matter. Then subgradient steps with Polyak's rule towards the best known
/// solution; the step factor halves after 10 steps without a better bound. Deterministic:
/// counted steps (`deadline` and `stop` are safety nets; `halt` ends a run whose bound is no
/// longer needed). Each step's knapsacks may be shared among ``threads`` threads. After Fisher, "The Lagrangian
/// relaxation method for solving integer programming problems" (1981), and Geoffrion,
/// "Lagrangean relaxation for integer programming" (1974) for why a knapsack subproblem's
/// bound beats the LP's.
/// - Complexity: `O(pairs·log pairs)` per step plus each mentor's ``MentorKnapsack`` (its
///   exact hours knapsacks dominate: measured 0.064 s a step at tier M on two threads).
struct RulesKnapsackBound {
    let model: MatchingModel
    let rules: ProgrammeRules
    var iterations = 600
    /// Step factor at the first step (smaller from a good start, which large steps would leave).
    var firstStep = 1.0
    var deadline: ContinuousClock.Instant?
    var stop: StopFlag?
    /// Set by the caller when it no longer needs a tighter bound (the best so far is returned).
    var halt: StopFlag?
    /// Threads the mentors' knapsacks are shared among each step (the bound is the same for
    /// any number: each mentor's part is computed alone and the parts summed in mentor order).
    var threads = 1

    /// Multipliers to start from: per mentee `σ_i`, per quota `μ_R`, and per mentor the hours
    /// price `λ_j` of ``MentorKnapsack``'s LP bound.
    struct Start: Sendable {
        var sigma: [Double]
        var mu: [Double]
        var lambda: [Double]
    }

    /// Pair data per mentor, flattened: the mentor's pairs are `start[j]..<start[j+1]`.
    private struct Pairs {
        var start: [Int] = [0]
        var mentee: [Int32] = []
        var quota: [Int32] = []
        var hours: [Double] = []
        var weight: [Double] = []
    }

    /// What one mentor's knapsack gives at the current multipliers: its bound and its choice
    /// (indices into the flattened pairs).
    private struct MentorPart {
        var value = 0.0
        var chosen: [Int] = []
    }

    /// The smallest bound found (fixed pairs included), in the model's weight units.
    /// - Parameters:
    ///   - target: the best known rule-abiding objective, for the step length.
    ///   - from: multipliers to start from (else each `σ_i` at its mentee's best pair weight).
    func run(target: Double?, from given: Start? = nil) -> Double {
        let g = model.graph
        let fixed = model.fixedPart()
        let never = rules.cannotOpen(model)
        let hoursOn = !rules.pairHours.isEmpty
        let (lockedCount, room) = rules.fixedLoad(model)
        let (quotaOf, need) = rules.quotaNeeds(menteeCount: g.menteeCount, fixed: fixed.assignment)
        var isFree = [Bool](repeating: false, count: g.menteeCount)
        for i in fixed.freeMentees { isFree[Int(i)] = true }
        var pairs = Pairs()
        for (j, mentorPairs) in g.pairsByMentor().enumerated() {
            for p in mentorPairs where isFree[Int(model.menteeOfPair[p])] && fixed.free[j] > 0 && !never[j] {
                let i = Int(model.menteeOfPair[p])
                pairs.mentee.append(Int32(i)); pairs.quota.append(quotaOf[i])
                pairs.hours.append(hoursOn ? rules.pairHours[p] : 0); pairs.weight.append(Double(model.weight[p]))
            }
            pairs.start.append(pairs.mentee.count)
        }
        // Per mentor: the least and most it can take, and whether it may stay empty.
        let low = (0..<g.mentorCount).map { j in max(0, Int(rules.minCohort[j]) - lockedCount[j]) }
        let high = (0..<g.mentorCount).map { Int(fixed.free[$0]) }
        let mayClose = (0..<g.mentorCount).map { lockedCount[$0] == 0 }
        let hoursRoom = (0..<g.mentorCount).map { hoursOn ? room[$0] : Double.infinity }

        var sigma: [Double], mu: [Double]
        var lambda = [Double](repeating: 0, count: g.mentorCount)
        if let given, given.sigma.count == g.menteeCount, given.mu.count == need.count {
            sigma = given.sigma; mu = given.mu
            if given.lambda.count == g.mentorCount { lambda = given.lambda }
        } else {
            // Each mentee's multiplier at its best pair weight: no mentor gains from it alone.
            sigma = [Double](repeating: 0, count: g.menteeCount)
            for k in pairs.mentee.indices { let i = Int(pairs.mentee[k]); sigma[i] = max(sigma[i], pairs.weight[k]) }
            mu = [Double](repeating: 0, count: need.count)
        }
        var best = Double.infinity
        var schedule = SubgradientSchedule(factor: firstStep, patience: 10, floor: 1e-3)
        var taken = [Int32](repeating: 0, count: g.menteeCount)
        var covered = [Double](repeating: 0, count: need.count)
        var value = [Double](repeating: 0, count: pairs.mentee.count)
        let chunks = Self.chunks(pairs.start, threads)
        for step in 0..<iterations {
            if let stop, stop.isStopped { break }
            if let halt, step > 0, halt.isStopped { break }
            if let deadline, step > 0, ContinuousClock.now >= deadline { break }
            var l = Double(fixed.assignment.objective)
            for i in fixed.freeMentees { l += sigma[Int(i)] }
            for r in 0..<need.count { l -= mu[r] * need[r] }
            for i in fixed.freeMentees { taken[Int(i)] = 0 }
            for r in 0..<need.count { covered[r] = 0 }
            for k in pairs.mentee.indices {
                var x = pairs.weight[k] - sigma[Int(pairs.mentee[k])]
                if pairs.quota[k] >= 0 { x += mu[Int(pairs.quota[k])] }
                value[k] = x
            }
            let parts = mentorParts(value, pairs, chunks: chunks, low: low, high: high, mayClose: mayClose,
                                    hoursRoom: hoursRoom, lambda: lambda)
            for j in 0..<g.mentorCount {
                l += parts[j].value
                for k in parts[j].chosen {
                    taken[Int(pairs.mentee[k])] += 1
                    if pairs.quota[k] >= 0 { covered[Int(pairs.quota[k])] += 1 }
                }
            }
            let improved = l < best - 1e-9 * max(1, abs(l))
            if improved { best = l }
            schedule.record(improved: improved)
            if let target, best - target <= Tolerance.boundMeetsObjective * max(1, abs(best)) { break }
            if !schedule.shrinkWhenStalled() { break }
            // Subgradient of L in each multiplier; a zero multiplier of a slack inequality stays zero.
            var norm = 0.0
            for i in fixed.freeMentees {
                let s = 1 - Double(taken[Int(i)])
                if rules.coverAll || sigma[Int(i)] > 0 || s < 0 { norm += s * s }
            }
            for r in 0..<need.count { let s = covered[r] - need[r]; if mu[r] > 0 || s < 0 { norm += s * s } }
            guard norm > 0 else { break }
            let goal = target ?? (best - 0.05 * max(1, abs(best)))
            let t = schedule.length(distance: l - goal, value: l, leastShare: 1e-3, normSquared: norm)
            for i in fixed.freeMentees {
                let s = 1 - Double(taken[Int(i)])
                sigma[Int(i)] -= t * s
                if !rules.coverAll { sigma[Int(i)] = max(0, sigma[Int(i)]) }
            }
            for r in 0..<need.count { mu[r] = max(0, mu[r] - t * (covered[r] - need[r])) }
        }
        return best
    }

    /// Mentor ranges of about equal pair counts, one per thread.
    private static func chunks(_ start: [Int], _ threads: Int) -> [Range<Int>] {
        let mentors = start.count - 1, n = max(1, min(threads, mentors))
        var out: [Range<Int>] = [], from = 0
        for c in 1...n {
            let goal = start[mentors] * c / n
            var to = from
            while to < mentors && (c == n || start[to + 1] <= goal) { to += 1 }
            out.append(from..<to); from = to
        }
        return out
    }

    /// Every mentor's part at the current pair values, the chunks computed on threads of their own.
    private func mentorParts(_ value: [Double], _ pairs: Pairs, chunks: [Range<Int>], low: [Int], high: [Int],
                             mayClose: [Bool], hoursRoom: [Double], lambda: [Double]) -> [MentorPart] {
        let perChunk = concurrentMap(chunks.count) { c in
            var knapsack = MentorKnapsack()
            return chunks[c].map { j -> MentorPart in
                let range = pairs.start[j]..<pairs.start[j + 1]
                guard !range.isEmpty, high[j] > 0 else { return MentorPart() }
                return mentorPart(value[range], pairs.hours[range], room: hoursRoom[j], low: low[j], high: high[j],
                                  mayClose: mayClose[j], lambda: lambda[j], knapsack: &knapsack)
            }
        }
        return perChunk.flatMap { $0 }
    }

    /// One mentor's best at the current pair values (indices into the flattened pairs): its
    /// knapsack between its minimum cohort and its free capacity, or closed when it may close
    /// and that is worth more (or no cohort fits).
    private func mentorPart(_ value: ArraySlice<Double>, _ hours: ArraySlice<Double>, room: Double, low: Int, high: Int,
                            mayClose: Bool, lambda: Double, knapsack: inout MentorKnapsack) -> MentorPart {
        guard let choice = knapsack.solve(value: value, hours: hours, room: room, slots: high, least: low, lambda: lambda)
        else { return MentorPart() }
        if mayClose && choice.value <= 0 { return MentorPart() }
        return MentorPart(value: choice.value, chosen: choice.chosen)
    }
}
