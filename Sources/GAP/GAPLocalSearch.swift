import GLPK
import Optimisation
import GLPK

/// A primal heuristic for the generalized assignment problem, run before GLPK's branch and cut
/// so that the search starts from a good incumbent: iterated local search with a penalty for
/// capacity excess (strategic oscillation, after the tabu and penalty methods surveyed for
/// the GAP by Yagiura, Ibaraki and Glover, and by Díaz and Fernández).
///
/// The search minimises `cost + λ·(capacity excess)` over all assignments, feasible or not:
/// 1. Start: jobs in order of regret (the gap between their two cheapest agents), each to
///    its cheapest agent with room, else to the one with the most room left.
/// 2. Descent: the best improving *shift* (one job to another agent) or *swap* (two jobs of
///    different agents trading places) under the penalised value, until none improves.
/// 3. After each descent `λ` grows when the result breaks a capacity and shrinks when it
///    keeps them all, so the search moves along the boundary of feasibility; the best
///    feasible assignment seen is kept. Then a few random shifts and swaps from the current
///    assignment, and the next descent.
/// The rounds are counted, not timed (at most `rounds`, and no more than `patience`, by default
/// 10 per job, after the last better feasible solution), so the result is deterministic.
///
/// Costs are minimised (a maximisation instance is negated). - Complexity: `O(jobs²)` per
/// descent pass, `rounds` descents.
package enum GAPLocalSearch {
    /// The agent of each job in the best feasible solution found, or nil when none was.
    package static func solve(_ g: GAPInstance, sense: LinearModel.Sense, rounds: Int = 4000, patience: Int? = nil, seed: UInt64 = 1) -> [Int]? {
        solve(g, cost: signedCosts(g, sense), rounds: rounds, patience: patience, seed: seed)?.agentOf
    }

    /// Costs to minimise: `cost[i][j]`, negated for a maximisation instance.
    package static func signedCosts(_ g: GAPInstance, _ sense: LinearModel.Sense) -> [[Int]] {
        sense == .minimize ? g.cost : g.cost.map { $0.map { -$0 } }
    }

    /// Rounds for an instance: 4000 up to 200 jobs, fewer as a descent pass grows with jobs²
    /// (at least 50), so large instances take seconds, not minutes.
    package static func defaultRounds(jobs: Int) -> Int { max(50, min(4000, 160_000_000 / max(1, jobs * jobs))) }

    /// The best feasible assignment found for costs `cost` (minimised) and its cost.
    /// - Parameter deadline: a safety net; the counted rounds end the search first on every
    ///   instance measured.
    ///   `halt` ends it early (set when another thread proved an optimum; the result is then unused).
    package static func solve(_ g: GAPInstance, cost c: [[Int]], rounds: Int, patience: Int? = nil, seed: UInt64 = 1,
                      deadline: ContinuousClock.Instant? = nil, halt: StopFlag? = nil) -> (agentOf: [Int], cost: Int)? {
        let n = g.jobs, m = g.agents
        guard n > 0, m > 0 else { return nil }
        var state = State(g: g, cost: c)
        state.place(unassigned: Array(0..<n))
        var lambda = startPenalty(c)
        // Larger instances keep improving longer: by default 10 rounds per job without a better one.
        let patience = patience ?? 10 * n
        var best: [Int]?, bestCost = Int.max, lastBetter = 0
        var rng = SplitMix64(seed: seed)
        for round in 0...rounds where round - lastBetter <= patience {
            if let deadline, round > 0, ContinuousClock.now >= deadline { break }
            if let halt, halt.isStopped { break }
            if round > 0 { for _ in 0..<(2 + rng.int(in: 0...3)) { state.perturb(&rng) } }
            state.descend(lambda: lambda)
            if state.excess == 0 {
                if state.cost < bestCost { bestCost = state.cost; best = state.agent; lastBetter = round }
                lambda = max(0.1, lambda / 1.1)
            } else {
                lambda *= 1.3
            }
        }
        return best.map { ($0, bestCost) }
    }

    /// The first penalty per unit of excess: the spread of the costs (at least 1).
    private static func startPenalty(_ c: [[Int]]) -> Double {
        Double(max(1, (c.flatMap { $0 }.max() ?? 1) - (c.flatMap { $0 }.min() ?? 0)))
    }

    /// An assignment completing `partial` (the agent of each job or -1): the missing jobs by
    /// regret, then descents with a growing penalty until no capacity is exceeded. Nil when
    /// the penalty does not reach feasibility. - Complexity: a few descents, `O(jobs²)` a pass.
    package static func repair(_ g: GAPInstance, cost c: [[Int]], partial: [Int]) -> (agentOf: [Int], cost: Int)? {
        var state = State(g: g, cost: c)
        for (j, i) in partial.enumerated() where i >= 0 { state.assign(j, to: i) }
        state.place(unassigned: partial.indices.filter { partial[$0] < 0 })
        var lambda = startPenalty(c)
        for _ in 0..<6 {
            state.descend(lambda: lambda)
            if state.excess == 0 { return (state.agent, state.cost) }
            lambda *= 4
        }
        return nil
    }

    /// An assignment with its loads, cost and total capacity excess, kept up to date by moves.
    package struct State {
        package let g: GAPInstance
        package let c: [[Int]]
        package var agent: [Int]
        package var load: [Int]
        package var cost = 0
        package var excess = 0

        package init(g: GAPInstance, cost: [[Int]]) {
            self.g = g; c = cost
            agent = Array(repeating: -1, count: g.jobs); load = Array(repeating: 0, count: g.agents)
        }

        package func over(_ i: Int, _ l: Int) -> Int { max(0, l - g.capacity[i]) }

        /// Places `jobs` in order of regret (the gap between their two cheapest agents), each on
        /// its cheapest agent with room, else on the one with the most room left. `O(jobs·agents)`.
        package mutating func place(unassigned jobs: [Int]) {
            let m = g.agents
            let regret = jobs.map { j -> Int in
                let sorted = (0..<m).map { c[$0][j] }.sorted()
                return sorted.count >= 2 ? sorted[1] - sorted[0] : 0
            }
            for k in jobs.indices.sorted(by: { regret[$0] != regret[$1] ? regret[$0] > regret[$1] : jobs[$0] < jobs[$1] }) {
                let j = jobs[k]
                var i = -1
                for x in 0..<m where load[x] + g.resource[x][j] <= g.capacity[x] {
                    if i < 0 || c[x][j] < c[i][j] { i = x }
                }
                if i < 0 {
                    i = 0
                    for x in 1..<m where g.capacity[x] - load[x] > g.capacity[i] - load[i] { i = x }
                }
                assign(j, to: i)
            }
        }

        package mutating func assign(_ j: Int, to i: Int) {
            if agent[j] >= 0 { move(j, to: i); return }
            excess -= over(i, load[i]); load[i] += g.resource[i][j]; excess += over(i, load[i])
            agent[j] = i; cost += c[i][j]
        }

        package mutating func move(_ j: Int, to i: Int) {
            let a = agent[j]
            excess -= over(a, load[a]) + over(i, load[i])
            load[a] -= g.resource[a][j]; load[i] += g.resource[i][j]
            excess += over(a, load[a]) + over(i, load[i])
            cost += c[i][j] - c[a][j]; agent[j] = i
        }

        package mutating func swap(_ j: Int, _ k: Int) {
            let a = agent[j], b = agent[k]
            excess -= over(a, load[a]) + over(b, load[b])
            load[a] += g.resource[a][k] - g.resource[a][j]; load[b] += g.resource[b][j] - g.resource[b][k]
            excess += over(a, load[a]) + over(b, load[b])
            cost += c[a][k] + c[b][j] - c[a][j] - c[b][k]
            agent[j] = b; agent[k] = a
        }

        /// Best-improvement descent on `cost + λ·excess`. `O(jobs²)` per pass.
        package mutating func descend(lambda: Double) {
            while true {
                var bestDelta = -1e-9, shift: (j: Int, i: Int)?, exchange: (j: Int, k: Int)?
                for j in 0..<g.jobs {
                    let a = agent[j], ra = g.resource[a][j]
                    let outA = over(a, load[a] - ra) - over(a, load[a])
                    for i in 0..<g.agents where i != a {
                        let d = Double(c[i][j] - c[a][j]) + lambda * Double(outA + over(i, load[i] + g.resource[i][j]) - over(i, load[i]))
                        if d < bestDelta { bestDelta = d; shift = (j, i); exchange = nil }
                    }
                    for k in (j + 1)..<max(j + 1, g.jobs) where agent[k] != a {
                        let b = agent[k]
                        let la = load[a] - ra + g.resource[a][k], lb = load[b] - g.resource[b][k] + g.resource[b][j]
                        let dx = over(a, la) + over(b, lb) - over(a, load[a]) - over(b, load[b])
                        let d = Double(c[a][k] + c[b][j] - c[a][j] - c[b][k]) + lambda * Double(dx)
                        if d < bestDelta { bestDelta = d; exchange = (j, k); shift = nil }
                    }
                }
                if let s = shift { move(s.j, to: s.i) } else if let e = exchange { swap(e.j, e.k) } else { return }
            }
        }

        /// One random shift or swap, feasible or not (the penalty decides later). `O(1)`.
        package mutating func perturb(_ rng: inout SplitMix64) {
            let j = rng.int(in: 0...(g.jobs - 1))
            if rng.int(in: 0...1) == 0 || g.jobs < 2 {
                let i = rng.int(in: 0...(g.agents - 1))
                if i != agent[j] { move(j, to: i) }
            } else {
                let k = rng.int(in: 0...(g.jobs - 1))
                if agent[k] != agent[j] { swap(j, k) }
            }
        }
    }
}
