import Optimisation

/// Lagrangian relaxation of the generalized assignment problem's job rows, one 0/1 knapsack
/// per agent (Ross and Soland 1975; Fisher, Jaikumar and Van Wassenhove 1986), with
/// subgradient steps, a Lagrangian heuristic and reduced-cost fixing.
///
/// With a multiplier `u_j` on each row `Σ_i x_ij = 1` the relaxation separates by agent:
/// `L(u) = Σ_j u_j + Σ_i min{ Σ_j (c_ij − u_j)·x_ij : Σ_j a_ij·x_ij ≤ b_i }`, a lower bound on
/// every assignment's cost (costs minimised; a maximisation instance is negated by the caller).
/// Only jobs with a negative reduced cost enter a knapsack, solved exactly by dynamic
/// programming over the capacity. The bound equals the LP bound with each agent's knapsack
/// polytope in place of its capacity row, usually far above the plain LP bound.
///
/// Each step's relaxed solution (some jobs on two agents, some on none) is repaired into an
/// assignment (``GAPLocalSearch/repair(_:cost:partial:)``), so the relaxation also finds
/// incumbents. Given an incumbent of cost `U`, a pair whose relaxation with `x_ij` forced to 1
/// (or 0) exceeds `U` takes no part in any assignment of cost at most `U`
/// (``fixings(upper:)``): the branch and cut then works on a much smaller model.
///
/// Deterministic: the steps are counted (at most `iterations`; the step factor halves after 20
/// steps without a better bound and the run ends when it is below 1/1000 or the bound meets
/// the incumbent); `deadline` is only a safety net.
/// - Complexity: `O(Σ_i q_i·b_i)` per step, `q_i` the jobs with a negative reduced cost on agent `i`.
package struct GAPLagrangian {
    package let g: GAPInstance
    /// Costs to minimise, `cost[i][j]`.
    package let cost: [[Int]]
    package var iterations = 3000
    /// Every this many steps the relaxed solution is repaired into an assignment.
    package var repairEvery = 10
    package var deadline: ContinuousClock.Instant?

    package struct Outcome {
        /// The best relaxation value (a lower bound on the cost of every assignment).
        package var bound: Double
        /// Multipliers giving `bound`.
        package var multipliers: [Double]
        /// Best assignment the repairs found and its cost.
        package var best: [Int]?
        package var bestCost: Int
        package var steps: Int
    }

    /// The smallest integer at least `bound` (costs are integers), allowing for rounding.
    /// Held within ±10¹⁵ (an infeasible instance drives the relaxation without limit).
    package static func integerBound(_ bound: Double) -> Int {
        guard bound.isFinite else { return bound < 0 ? -1_000_000_000_000_000 : 1_000_000_000_000_000 }
        return Int(min(1e15, max(-1e15, (bound - 1e-6 * max(1, abs(bound))).rounded(.up))))
    }

    /// Subgradient steps from `u_j` = the second cheapest cost of job `j`, with Polyak's step
    /// towards the best known cost (`upper`, improved by the repairs).
    package func run(upper: (agentOf: [Int], cost: Int)?) -> Outcome {
        let n = g.jobs, m = g.agents
        var u = (0..<n).map { j -> Double in
            let s = (0..<m).filter { g.resource[$0][j] <= g.capacity[$0] }.map { cost[$0][j] }.sorted()
            return Double(s.count >= 2 ? s[1] : s.first ?? 0)
        }
        var best = upper?.agentOf, bestCost = upper?.cost ?? Int.max
        var bestBound = -Double.infinity, bestU = u
        var schedule = SubgradientSchedule(factor: 2, patience: 20, floor: 1e-3), steps = 0
        var chosenBy = [[Int]](repeating: [], count: n)
        while steps < iterations {
            if let deadline, steps > 0, ContinuousClock.now >= deadline { break }
            steps += 1
            var value = u.reduce(0, +)
            for j in 0..<n { chosenBy[j].removeAll(keepingCapacity: true) }
            for i in 0..<m {
                let k = knapsack(agent: i, u)
                value += k.value
                for j in k.chosen { chosenBy[j].append(i) }
            }
            let improved = value > bestBound + 1e-9 * max(1, abs(value))
            if improved { bestBound = value; bestU = u }
            schedule.record(improved: improved)
            if steps % repairEvery == 1 || repairEvery == 1 {
                // A job chosen by several agents stays on its cheapest; the others are placed by the repair.
                let partial = chosenBy.enumerated().map { j, agents in agents.min { cost[$0][j] < cost[$1][j] } ?? -1 }
                if let r = GAPLocalSearch.repair(g, cost: cost, partial: partial), r.cost < bestCost { best = r.agentOf; bestCost = r.cost }
            }
            if best != nil, Self.integerBound(bestBound) >= bestCost { break }
            var norm = 0.0
            for j in 0..<n { let s = 1 - Double(chosenBy[j].count); norm += s * s }
            guard norm > 0 else {
                // Every job on exactly one agent: this assignment's cost is the relaxation's value.
                let a = chosenBy.map { $0[0] }
                let c = (0..<n).reduce(0) { $0 + cost[a[$1]][$1] }
                if c < bestCost { best = a; bestCost = c }
                break
            }
            if !schedule.shrinkWhenStalled() { break }
            let target = bestCost < Int.max ? Double(bestCost) : value + 0.05 * max(1, abs(value))
            let t = schedule.length(distance: target - value, value: value, leastShare: 1e-3, normSquared: norm)
            for j in 0..<n { u[j] += t * (1 - Double(chosenBy[j].count)) }
        }
        return Outcome(bound: bestBound, multipliers: bestU, best: best, bestCost: bestCost, steps: steps)
    }

    /// The jobs agent `i` takes in the relaxation under `u`, and their reduced cost.
    /// - Complexity: `O(q·b_i)`, `q` the jobs with a negative reduced cost.
    package func knapsack(agent i: Int, _ u: [Double]) -> (value: Double, chosen: [Int]) {
        let k = knapsack(agent: i, u, capacity: g.capacity[i]) { _ in true }
        return (k.value, k.chosen)
    }

    /// The same within `capacity`, over the jobs `include` admits (a branch-and-bound node's).
    /// `cells` counts the table entries the dynamic programme visited (its work).
    package func knapsack(agent i: Int, _ u: [Double], capacity b: Int, include: (Int) -> Bool) -> (value: Double, chosen: [Int], cells: Int) {
        let items = candidates(agent: i, u, capacity: b).filter { include($0.job) }
        let width = b + 1
        var f = [Double](repeating: 0, count: width)
        var keep = [Bool](repeating: false, count: items.count * width)
        for (k, it) in items.enumerated() {
            for cap in stride(from: b, through: it.a, by: -1) {
                let v = f[cap - it.a] + it.r
                if v < f[cap] { f[cap] = v; keep[k * width + cap] = true }
            }
        }
        var chosen: [Int] = [], cap = b
        for k in stride(from: items.count - 1, through: 0, by: -1) where keep[k * width + cap] {
            chosen.append(items[k].job); cap -= items[k].a
        }
        return (f[b], chosen, items.count * width)
    }

    private func candidates(agent i: Int, _ u: [Double], capacity b: Int? = nil) -> [(job: Int, r: Double, a: Int)] {
        let b = b ?? g.capacity[i]
        return (0..<g.jobs).compactMap { j in
            let r = Double(cost[i][j]) - u[j]
            return r < 0 && g.resource[i][j] <= b ? (j, r, g.resource[i][j]) : nil
        }
    }

    /// Pairs that no assignment of cost at most `upper` uses (`allowed[i][j]` false), and jobs
    /// every such assignment gives to one agent (`forced[j]`, else -1), from the relaxation
    /// under `u` with one variable forced each way.
    /// - Complexity: `O(Σ_i (q_i + n)·b_i)`.
    package func fixings(_ u: [Double], upper: Int) -> (allowed: [[Bool]], forced: [Int]) {
        let n = g.jobs, m = g.agents
        var knap = [Double](repeating: 0, count: m)
        var tables: [(items: [(job: Int, r: Double, a: Int)], fwd: [[Double]], bwd: [[Double]])] = []
        for i in 0..<m {
            let items = candidates(agent: i, u), b = g.capacity[i]
            var fwd = [[Double]](repeating: [], count: items.count + 1), bwd = fwd
            fwd[0] = [Double](repeating: 0, count: b + 1)
            for (k, it) in items.enumerated() { fwd[k + 1] = Self.add(it, to: fwd[k]) }
            bwd[items.count] = fwd[0]
            for k in stride(from: items.count - 1, through: 0, by: -1) { bwd[k] = Self.add(items[k], to: bwd[k + 1]) }
            knap[i] = fwd[items.count][b]
            tables.append((items, fwd, bwd))
        }
        let total = u.reduce(0, +) + knap.reduce(0, +)
        let limit = Double(upper) + 1e-6 * max(1, abs(Double(upper)))
        var allowed = (0..<m).map { i in (0..<n).map { g.resource[i][$0] <= g.capacity[i] } }
        var forced = [Int](repeating: -1, count: n)
        for i in 0..<m {
            let (items, fwd, bwd) = tables[i], b = g.capacity[i]
            var inKnapsack = [Bool](repeating: false, count: n)
            for (k, it) in items.enumerated() {
                inKnapsack[it.job] = true
                let without = Self.combine(fwd[k], bwd[k + 1], b)
                let with = it.a <= b ? it.r + Self.combine(fwd[k], bwd[k + 1], b - it.a) : .infinity
                if total - knap[i] + with > limit { allowed[i][it.job] = false }
                if total - knap[i] + without > limit { forced[it.job] = i }
            }
            for j in 0..<n where allowed[i][j] && !inKnapsack[j] {
                let with = Double(cost[i][j]) - u[j] + fwd[items.count][b - g.resource[i][j]]
                if total - knap[i] + with > limit { allowed[i][j] = false }
            }
        }
        for j in 0..<n where forced[j] >= 0 {
            for i in 0..<m where i != forced[j] { allowed[i][j] = false }
        }
        return (allowed, forced)
    }

    /// The knapsack table (best value within each capacity) with one more item. `O(b)`.
    private static func add(_ it: (job: Int, r: Double, a: Int), to f: [Double]) -> [Double] {
        var out = f
        if it.a < f.count { for cap in it.a..<f.count { out[cap] = min(f[cap], f[cap - it.a] + it.r) } }
        return out
    }

    /// The best value of the items of two tables within capacity `cap`. `O(cap)`.
    private static func combine(_ a: [Double], _ b: [Double], _ cap: Int) -> Double {
        var best = Double.infinity
        for c in 0...cap { best = min(best, a[c] + b[cap - c]) }
        return best
    }
}
