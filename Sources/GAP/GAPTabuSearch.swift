import Optimisation
import GLPK

/// Tabu search with strategic oscillation for the generalized assignment problem: the primal
/// heuristic that carries tightly capacitated instances (costs falling as resource use rises,
/// Chu and Beasley's type D), where descents with random restarts stall about 1 % above the
/// optimum.
///
/// Each step makes the best *shift* (one job to another agent), *swap* (two jobs of different
/// agents trading places) or *ejection* (a job moved onto an agent it would overfill while one
/// of that agent's jobs moves on to the agent that suits it best by itself: an ejection chain
/// of length two, after Yagiura, Ibaraki and Glover, INFORMS J. Computing 2004) under
/// `cost + λ·excess`, `excess` the total capacity overrun, even when it makes things worse
/// (measured with `pendamping gap --time-limit 10` on type D-like instances of two generator
/// seeds, against shifts and swaps alone: 20 agents × 100 jobs 6,283 → 6,268 and 6,257 →
/// 6,227, 20 × 200 12,356 → 12,345 and 12,402 → 12,396; 10 × 100 of the first seed worse,
/// 6,452 → 6,465; the rest equal or better); a job may not return to an agent it left within
/// the last `tenure` steps unless that gives a better feasible assignment than any seen
/// (aspiration). After every step `λ` grows when the assignment breaks a capacity and shrinks
/// when it keeps them all, so the search keeps crossing the boundary of feasibility, where the
/// good assignments of such instances lie (the oscillation of Díaz and Fernández, EJOR 2001;
/// the shift/swap neighbourhoods and their penalty follow the survey of Yagiura, Ibaraki and
/// Glover, INFORMS J. Computing 2004). After `restartAfter` steps without a better feasible
/// assignment the search goes back to the best one and shifts a few random jobs.
///
/// Deterministic: steps are counted (at most `steps`, and ending after `patience` steps
/// without a better assignment); `deadline` and `halt` are safety nets.
/// - Complexity: `O(jobs² + jobs·agents)` per step (ejections: each job against the jobs of
///   each agent it would overfill, and each job's best other agent).
package struct GAPTabuSearch {
    package let g: GAPInstance
    /// Costs to minimise, `cost[i][j]`.
    package let cost: [[Int]]
    package var steps = 20_000
    package var patience = 10_000
    package var restartAfter = 2_000
    /// Steps a job stays barred from the agent it left: `tenure` plus a random 0…`tenure`
    /// (measured on type D- and E-like 100–200-job instances: 5 better than 10, 20 or 30).
    package var tenure = 5
    /// `λ`'s factor after each step (measured: 1.05 better than 1.02 and 1.1).
    package var penaltyFactor = 1.05
    package var seed: UInt64 = 11
    /// Whether steps also consider ejections (see the type's description).
    package var ejections = true
    package var deadline: ContinuousClock.Instant?
    package var halt: StopFlag?

    /// The best feasible assignment found from `start` (any assignment, feasible or not, every
    /// job on an agent whose capacity its use fits), or nil when none was.
    package func improve(_ start: [Int]) -> (agentOf: [Int], cost: Int)? {
        let n = g.jobs, m = g.agents
        guard n > 0, m > 1, start.count == n else { return nil }
        // Flat tables, agent-major: entry i·n + j. A pair that cannot be used has resource -1.
        var c = [Int](repeating: 0, count: m * n), r = [Int](repeating: -1, count: m * n)
        for i in 0..<m {
            for j in 0..<n where g.resource[i][j] <= g.capacity[i] {
                c[i * n + j] = cost[i][j]; r[i * n + j] = g.resource[i][j]
            }
        }
        let capacity = g.capacity
        var agent = start, load = [Int](repeating: 0, count: m), total = 0
        for j in 0..<n {
            guard (0..<m).contains(agent[j]), r[agent[j] * n + j] >= 0 else { return nil }
            load[agent[j]] += r[agent[j] * n + j]; total += c[agent[j] * n + j]
        }
        func over(_ i: Int, _ l: Int) -> Int { max(0, l - capacity[i]) }
        var excess = (0..<m).reduce(0) { $0 + over($1, load[$1]) }
        var members = [[Int]](repeating: [], count: m)
        for j in 0..<n { members[agent[j]].append(j) }
        var target = [Int](repeating: -1, count: n)
        var tabu = [Int](repeating: 0, count: n * m)
        var rng = SplitMix64(seed: seed)
        let usable = (0..<(m * n)).filter { r[$0] >= 0 }
        let spread = Double(max(1, (usable.map { c[$0] }.max() ?? 1) - (usable.map { c[$0] }.min() ?? 0)))
        let meanUse = max(1, Double(usable.reduce(0) { $0 + r[$1] }) / Double(max(1, usable.count)))
        let lambdaFloor = 0.01 * spread / meanUse
        var lambda = spread / meanUse
        var best: [Int]?, bestCost = Int.max, lastBetter = 0
        if excess == 0 { best = agent; bestCost = total }

        func shift(_ j: Int, to i: Int) {
            let a = agent[j]
            excess -= over(a, load[a]) + over(i, load[i])
            load[a] -= r[a * n + j]; load[i] += r[i * n + j]
            excess += over(a, load[a]) + over(i, load[i])
            total += c[i * n + j] - c[a * n + j]; agent[j] = i
            if let k = members[a].firstIndex(of: j) { members[a].remove(at: k) }
            members[i].append(j)
        }

        var step = 0
        while step < steps, step - lastBetter <= patience {
            if step & 63 == 0 {
                if let deadline, ContinuousClock.now >= deadline { break }
                if let halt, halt.isStopped { break }
            }
            step += 1
            if let kept = best, step - lastBetter > 0, (step - lastBetter) % restartAfter == 0 {
                // Back to the best assignment, a few random jobs moved (their pairs usable).
                for j in 0..<n where agent[j] != kept[j] { shift(j, to: kept[j]) }
                for _ in 0..<(3 + rng.int(in: 0...max(0, n / 20))) {
                    let j = rng.int(in: 0...(n - 1)), i = rng.int(in: 0...(m - 1))
                    if i != agent[j], r[i * n + j] >= 0 { shift(j, to: i); tabu[j * m + i] = step + tenure }
                }
            }
            var bestValue = Double.infinity, move = (j: -1, k: -1, i: -1)
            for j in 0..<n {
                let a = agent[j], ra = r[a * n + j], ca = c[a * n + j]
                let outA = over(a, load[a] - ra) - over(a, load[a])
                for i in 0..<m where i != a {
                    let ri = r[i * n + j]
                    guard ri >= 0 else { continue }
                    let dx = outA + over(i, load[i] + ri) - over(i, load[i])
                    let dc = c[i * n + j] - ca
                    let value = Double(dc) + lambda * Double(dx)
                    guard value < bestValue else { continue }
                    if tabu[j * m + i] > step, !(excess + dx == 0 && total + dc < bestCost) { continue }
                    bestValue = value; move = (j, -1, i)
                }
                for k in (j + 1)..<max(j + 1, n) where agent[k] != a {
                    let b = agent[k], rak = r[a * n + k], rbj = r[b * n + j]
                    guard rak >= 0, rbj >= 0 else { continue }
                    let la = load[a] - ra + rak, lb = load[b] - r[b * n + k] + rbj
                    let dx = over(a, la) + over(b, lb) - over(a, load[a]) - over(b, load[b])
                    let dc = c[a * n + k] + c[b * n + j] - ca - c[b * n + k]
                    let value = Double(dc) + lambda * Double(dx)
                    guard value < bestValue else { continue }
                    if tabu[j * m + b] > step || tabu[k * m + a] > step, !(excess + dx == 0 && total + dc < bestCost) { continue }
                    bestValue = value; move = (j, k, b)
                }
            }
            // Ejections: job j moves to an agent b it would overfill, and one of b's jobs, k,
            // moves on to the agent where it alone would do best (not b, not j's old agent:
            // that is a swap).
            var eject = (j: -1, k: -1, b: -1, c: -1)
            if ejections {
                for k in 0..<n {
                    let b = agent[k], rb = r[b * n + k], cb = c[b * n + k]
                    let out = over(b, load[b] - rb) - over(b, load[b])
                    var best = Double.infinity
                    target[k] = -1
                    for i in 0..<m where i != b {
                        let ri = r[i * n + k]
                        guard ri >= 0 else { continue }
                        let v = Double(c[i * n + k] - cb) + lambda * Double(out + over(i, load[i] + ri) - over(i, load[i]))
                        if v < best { best = v; target[k] = i }
                    }
                }
                for j in 0..<n {
                    let a = agent[j], ra = r[a * n + j], ca = c[a * n + j]
                    let outA = over(a, load[a] - ra) - over(a, load[a])
                    for b in 0..<m where b != a {
                        let rbj = r[b * n + j]
                        guard rbj >= 0, load[b] + rbj > capacity[b] else { continue }
                        for k in members[b] {
                            let cTo = target[k]
                            guard cTo >= 0, cTo != a else { continue }
                            let rbk = r[b * n + k], rck = r[cTo * n + k]
                            let dx = outA + over(b, load[b] + rbj - rbk) - over(b, load[b]) + over(cTo, load[cTo] + rck) - over(cTo, load[cTo])
                            let dc = c[b * n + j] - ca + c[cTo * n + k] - c[b * n + k]
                            let value = Double(dc) + lambda * Double(dx)
                            guard value < bestValue else { continue }
                            if tabu[j * m + b] > step || tabu[k * m + cTo] > step, !(excess + dx == 0 && total + dc < bestCost) { continue }
                            bestValue = value; eject = (j, k, b, cTo)
                        }
                    }
                }
            }
            guard move.j >= 0 || eject.j >= 0 else { continue }
            let turn = tenure + rng.int(in: 0...tenure)
            if eject.j >= 0 {
                tabu[eject.j * m + agent[eject.j]] = step + turn; tabu[eject.k * m + eject.b] = step + turn
                shift(eject.j, to: eject.b); shift(eject.k, to: eject.c)
            } else if move.k < 0 {
                tabu[move.j * m + agent[move.j]] = step + turn
                shift(move.j, to: move.i)
            } else {
                let a = agent[move.j], b = agent[move.k]
                tabu[move.j * m + a] = step + turn; tabu[move.k * m + b] = step + turn
                shift(move.j, to: b); shift(move.k, to: a)
            }
            if excess == 0 {
                if total < bestCost { best = agent; bestCost = total; lastBetter = step }
                lambda = max(lambdaFloor, lambda / penaltyFactor)
            } else {
                lambda *= penaltyFactor
            }
        }
        return best.map { ($0, bestCost) }
    }
}
