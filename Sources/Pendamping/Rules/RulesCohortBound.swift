internal import GLPK

/// A Lagrangian bound of the programme rules that sees minimum cohorts: the mentee rows
/// (`Σ_j x_ij ≤ 1`, or `= 1` under cover-all; multiplier `σ_i`), the quota rows
/// (`Σ_{i∈R} x_i ≥ need_R`, `μ_R ≥ 0`) and the hours rows (`Σ h_p·x_p ≤ room_j`, `λ_j ≥ 0`)
/// move into the objective, and what is left separates into one problem per mentor: take
/// nothing, or between its minimum cohort and its free capacity of its candidate pairs,
/// each worth `w_p − σ_i + μ_R − λ_j·h_p`. That problem is solved exactly by sorting (the
/// best `k` pairs for each admissible count `k`), so every multiplier vector gives an upper
/// bound `L = fixed + Σσ − Σμ·need + Σλ·room + Σ_j best_j` on every rule-abiding solution.
/// Unlike the LP relaxation (a mentor half open takes half a cohort) and ``RulesLagrangian``
/// (which drops cohorts), a mentor here opens with a whole cohort or not at all.
///
/// Subgradient steps with Polyak's rule towards the best known solution; the step factor
/// halves after 10 steps without a better bound. Deterministic: counted steps (`deadline`
/// and `stop` are safety nets). After Fisher, "The Lagrangian relaxation method for solving
/// integer programming problems" (1981).
/// - Complexity: `O(pairs·log pairs)` per step.
struct RulesCohortBound {
    let model: MatchingModel
    let rules: ProgrammeRules
    var iterations = 600
    var deadline: ContinuousClock.Instant?
    var stop: StopFlag?

    /// Pair data per mentor, flattened: the mentor's pairs are `start[j]..<start[j+1]`.
    private struct Pairs {
        var start: [Int] = [0]
        var mentee: [Int32] = []
        var quota: [Int32] = []
        var hours: [Double] = []
        var weight: [Double] = []
    }

    /// The smallest bound found (fixed pairs included), in the model's weight units.
    /// - Parameter target: the best known rule-abiding objective, for the step length.
    func run(target: Double?) -> Double {
        let g = model.graph
        let fixed = model.fixedPart()
        let never = rules.cannotOpen(model)
        let hoursOn = !rules.pairHours.isEmpty
        let (lockedCount, room) = rules.fixedLoad(model)
        let (quotaOf, need) = rules.quotaNeeds(menteeCount: g.menteeCount, fixed: fixed.assignment)
        var isFree = [Bool](repeating: false, count: g.menteeCount)
        for i in fixed.freeMentees { isFree[Int(i)] = true }
        var byMentor = [[Int]](repeating: [], count: g.mentorCount)
        for p in 0..<g.pairCount {
            let i = Int(model.menteeOfPair[p]), j = Int(g.mentor[p])
            if isFree[i] && fixed.free[j] > 0 && !never[j] { byMentor[j].append(p) }
        }
        var pairs = Pairs()
        for j in 0..<g.mentorCount {
            for p in byMentor[j] {
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

        var sigma = [Double](repeating: 0, count: g.menteeCount)
        // Start each mentee's multiplier at its best pair weight: no mentor gains from it alone.
        for k in pairs.mentee.indices { let i = Int(pairs.mentee[k]); sigma[i] = max(sigma[i], pairs.weight[k]) }
        var mu = [Double](repeating: 0, count: need.count)
        var lambda = [Double](repeating: 0, count: g.mentorCount)
        var best = Double.infinity
        var theta = 1.0, stale = 0
        var taken = [Int32](repeating: 0, count: g.menteeCount)
        var covered = [Double](repeating: 0, count: need.count)
        var usedHours = [Double](repeating: 0, count: g.mentorCount)
        var value = [Double](), order = [Int]()
        for step in 0..<iterations {
            if let stop, stop.isStopped { break }
            if let deadline, step > 0, ContinuousClock.now >= deadline { break }
            var l = Double(fixed.assignment.objective)
            for i in fixed.freeMentees { l += sigma[Int(i)] }
            for r in 0..<need.count { l -= mu[r] * need[r] }
            for j in 0..<g.mentorCount where lambda[j] > 0 && room[j].isFinite { l += lambda[j] * room[j] }
            for i in fixed.freeMentees { taken[Int(i)] = 0 }
            for r in 0..<need.count { covered[r] = 0 }
            for j in 0..<g.mentorCount {
                usedHours[j] = 0
                let range = pairs.start[j]..<pairs.start[j + 1]
                guard !range.isEmpty, high[j] > 0 else { continue }
                value.removeAll(keepingCapacity: true); order.removeAll(keepingCapacity: true)
                for k in range {
                    var v = pairs.weight[k] - sigma[Int(pairs.mentee[k])] - lambda[j] * pairs.hours[k]
                    if pairs.quota[k] >= 0 { v += mu[Int(pairs.quota[k])] }
                    value.append(v); order.append(k)
                }
                order.sort { value[$0 - range.lowerBound] > value[$1 - range.lowerBound] }
                // The best count: every positive pair up to the capacity, at least the cohort minimum.
                var count = 0, sum = 0.0
                while count < min(high[j], order.count) && (count < low[j] || value[order[count] - range.lowerBound] > 0) {
                    sum += value[order[count] - range.lowerBound]; count += 1
                }
                // Too few candidates for a cohort, or a cohort worth less than none: closed.
                if count < low[j] || (mayClose[j] && sum <= 0) { continue }
                l += sum
                for k in order.prefix(count) {
                    taken[Int(pairs.mentee[k])] += 1
                    if pairs.quota[k] >= 0 { covered[Int(pairs.quota[k])] += 1 }
                    usedHours[j] += pairs.hours[k]
                }
            }
            if l < best - 1e-9 * max(1, abs(l)) { best = l; stale = 0 } else { stale += 1 }
            if let target, best - target <= Tolerance.boundMeetsObjective * max(1, abs(best)) { break }
            if stale >= 10 { theta /= 2; stale = 0; if theta < 1e-3 { break } }
            // Subgradient of L in each multiplier; a zero multiplier of a slack inequality stays zero.
            var norm = 0.0
            for i in fixed.freeMentees {
                let s = 1 - Double(taken[Int(i)])
                if rules.coverAll || sigma[Int(i)] > 0 || s < 0 { norm += s * s }
            }
            for r in 0..<need.count { let s = covered[r] - need[r]; if mu[r] > 0 || s < 0 { norm += s * s } }
            for j in 0..<g.mentorCount where room[j].isFinite {
                let s = room[j] - usedHours[j]; if lambda[j] > 0 || s < 0 { norm += s * s }
            }
            guard norm > 0 else { break }
            let goal = target ?? (best - 0.05 * max(1, abs(best)))
            let t = theta * max(l - goal, 1e-3 * max(1, abs(l))) / norm
            for i in fixed.freeMentees {
                let s = 1 - Double(taken[Int(i)])
                sigma[Int(i)] -= t * s
                if !rules.coverAll { sigma[Int(i)] = max(0, sigma[Int(i)]) }
            }
            for r in 0..<need.count { mu[r] = max(0, mu[r] - t * (covered[r] - need[r])) }
            for j in 0..<g.mentorCount where room[j].isFinite { lambda[j] = max(0, lambda[j] - t * (room[j] - usedHours[j])) }
        }
        return best
    }
}
