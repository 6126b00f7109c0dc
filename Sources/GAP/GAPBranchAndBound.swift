/// Depth-first branch and bound for the generalized assignment problem on the knapsack
/// Lagrangian bound (``GAPLagrangian``'s relaxation), after Ross and Soland (1975) and Fisher,
/// Jaikumar and Van Wassenhove (1986): at each node some jobs are placed and some pairs are
/// excluded; a few subgradient steps from the parent's multipliers bound the node (placed
/// jobs count at their cost and take their agent's room, each agent's knapsack runs over the
/// jobs still free), and the node is pruned once the bound's integer ceiling reaches the
/// incumbent. Branching: the free job with the largest gap between its two best reduced
/// costs among the jobs the relaxation did not place exactly once, first on its best agent,
/// then with that pair excluded. A node whose relaxation places every free job once is solved.
///
/// Deterministic: nodes, steps and the knapsack tables' work are counted (`nodeLimit`,
/// `workLimit`; `deadline` is a safety net).
/// - Complexity: `O(steps · Σ_i q_i·b_i)` per node.
package struct GAPBranchAndBound {
    package let g: GAPInstance
    /// Costs to minimise, `cost[i][j]`.
    package let cost: [[Int]]
    package var nodeLimit = 20_000
    /// Most knapsack table entries visited in all (the search's work, counted, not timed).
    package var workLimit = Int.max
    package var stepsPerNode = 30
    package var deadline: ContinuousClock.Instant?

    package struct Outcome {
        package var best: (agentOf: [Int], cost: Int)
        /// Whether the search finished: `best` is then optimal among the allowed pairs.
        package var proven: Bool
        package var nodes: Int
    }

    private struct Node {
        package var agentOf: [Int]      // placed jobs' agent, else -1
        package var allowed: [[Bool]]
        package var u: [Double]
    }

    package func solve(allowed: [[Bool]], multipliers: [Double], incumbent: (agentOf: [Int], cost: Int)) -> Outcome {
        var unused = self
        return solve(allowed: allowed, multipliers: multipliers, incumbent: incumbent, spent: &unused)
    }

    /// The same, taking the nodes and work it uses off `spent`'s limits.
    package func solve(allowed: [[Bool]], multipliers: [Double], incumbent: (agentOf: [Int], cost: Int), spent: inout GAPBranchAndBound) -> Outcome {
        var best = incumbent
        var stack = [Node(agentOf: [Int](repeating: -1, count: g.jobs), allowed: allowed, u: multipliers)]
        var nodes = 0, work = 0
        let relax = GAPLagrangian(g: g, cost: cost)
        defer { spent.nodeLimit -= nodes; spent.workLimit -= work }
        while let node = stack.popLast() {
            if nodes >= nodeLimit || work >= workLimit { return Outcome(best: best, proven: false, nodes: nodes) }
            if let deadline, ContinuousClock.now >= deadline { return Outcome(best: best, proven: false, nodes: nodes) }
            nodes += 1
            guard let r = bound(node, relax, upper: best.cost, work: &work) else { continue }
            if let complete = r.complete, complete.cost < best.cost { best = complete }
            // A Lagrangian heuristic inside the tree: each open node's relaxed solution repaired.
            if r.complete == nil, GAPLagrangian.integerBound(r.value) < best.cost, let repaired = GAPLocalSearch.repair(g, cost: cost, partial: r.partial), repaired.cost < best.cost {
                best = repaired
            }
            if r.complete != nil || GAPLagrangian.integerBound(r.value) >= best.cost { continue }
            // Branch on the job the relaxation leaves most ambiguous.
            var pick = -1, pickAgent = -1, pickSpread = -Double.infinity
            for j in 0..<g.jobs where node.agentOf[j] < 0 && r.count[j] != 1 {
                var first = Double.infinity, second = Double.infinity, agent = -1
                for i in 0..<g.agents where node.allowed[i][j] {
                    let rc = Double(cost[i][j]) - r.u[j]
                    if rc < first { second = first; first = rc; agent = i } else if rc < second { second = rc }
                }
                guard agent >= 0 else { pick = -2; break }
                let spread = second.isFinite ? second - first : .infinity
                if spread > pickSpread { pickSpread = spread; pick = j; pickAgent = agent }
            }
            if pick < 0 { continue }
            var without = node
            without.allowed[pickAgent][pick] = false; without.u = r.u
            var with = node
            with.agentOf[pick] = pickAgent; with.u = r.u
            stack.append(without)
            stack.append(with)
        }
        return Outcome(best: best, proven: true, nodes: nodes)
    }

    private struct Relaxed {
        package var value: Double
        package var u: [Double]
        package var count: [Int]
        /// The relaxed solution when it places every job exactly once (then it is the node's optimum).
        package var complete: (agentOf: [Int], cost: Int)?
        /// The last step's relaxed solution: each job's agent when placed or chosen by one or
        /// more knapsacks (the cheapest of them), else -1; what the node's repair starts from.
        package var partial: [Int] = []
    }

    /// The node's best bound after a few steps from its multipliers; nil when the node is infeasible.
    private func bound(_ node: Node, _ relax: GAPLagrangian, upper: Int, work: inout Int) -> Relaxed? {
        let n = g.jobs, m = g.agents
        var room = g.capacity, placedCost = 0
        for j in 0..<n where node.agentOf[j] >= 0 {
            let i = node.agentOf[j]
            room[i] -= g.resource[i][j]; placedCost += cost[i][j]
        }
        guard room.allSatisfy({ $0 >= 0 }) else { return nil }
        for j in 0..<n where node.agentOf[j] < 0 {
            guard (0..<m).contains(where: { node.allowed[$0][j] && g.resource[$0][j] <= room[$0] }) else { return nil }
        }
        var u = node.u, bestValue = -Double.infinity, bestU = u, bestCount = [Int](repeating: 1, count: n)
        var theta = 1.0, stale = 0
        var chosenBy = [[Int]](repeating: [], count: n)
        for _ in 0..<stepsPerNode {
            var value = Double(placedCost)
            for j in 0..<n { chosenBy[j].removeAll(keepingCapacity: true) }
            for j in 0..<n where node.agentOf[j] < 0 { value += u[j] }
            for i in 0..<m {
                let k = relax.knapsack(agent: i, u, capacity: room[i]) { j in node.agentOf[j] < 0 && node.allowed[i][j] }
                value += k.value; work += k.cells
                for j in k.chosen { chosenBy[j].append(i) }
            }
            let count = (0..<n).map { node.agentOf[$0] >= 0 ? 1 : chosenBy[$0].count }
            if value > bestValue + 1e-9 { bestValue = value; bestU = u; bestCount = count; stale = 0 } else { stale += 1 }
            if GAPLagrangian.integerBound(bestValue) >= upper { break }
            var norm = 0.0
            for j in 0..<n where node.agentOf[j] < 0 { let s = 1 - Double(count[j]); norm += s * s }
            if norm == 0 {
                let a = (0..<n).map { node.agentOf[$0] >= 0 ? node.agentOf[$0] : chosenBy[$0][0] }
                let c = (0..<n).reduce(0) { $0 + cost[a[$1]][$1] }
                return Relaxed(value: value, u: u, count: count, complete: (a, c))
            }
            if stale >= 5 { theta /= 2; stale = 0 }
            let t = theta * max(Double(upper) - value, 1e-3) / norm
            for j in 0..<n where node.agentOf[j] < 0 { u[j] += t * (1 - Double(count[j])) }
        }
        let partial = (0..<n).map { j in node.agentOf[j] >= 0 ? node.agentOf[j] : chosenBy[j].min { cost[$0][j] < cost[$1][j] } ?? -1 }
        return Relaxed(value: bestValue, u: bestU, count: bestCount, complete: nil, partial: partial)
    }
}

extension GAPBranchAndBound {
    /// What ``solveByTargets(multipliers:bound:incumbent:allowed:share:)`` found.
    package struct Ladder {
        /// The best assignment known at the end (the incumbent when no rung found a cheaper one).
        package var best: (agentOf: [Int], cost: Int)
        /// Every assignment costs at least this (raised by each rung searched to the end in vain).
        package var lowerBound: Int
        /// Whether `best` is proven optimal among the allowed pairs.
        package var proven: Bool
        package var nodes: Int
    }

    /// Branch and bound under a ladder of artificial upper bounds: first a target just above the
    /// relaxation's bound (`bound + ⌈share·|bound|⌉`), pruning every node that cannot beat it and
    /// fixing every pair no assignment below it uses (``GAPLagrangian/fixings(_:upper:)``), so
    /// the tree is small and the search dives towards the cheapest assignments. A rung searched
    /// to the end either finds assignments below its target (the cheapest is then optimal) or
    /// proves that none exists (the target becomes a lower bound) and the next rung doubles the
    /// margin, up to the incumbent's cost (the plain branch and bound). This follows the exact
    /// method of Posta, Ferland and Michelon (Computational Optimization and Applications, 2012):
    /// variable fixing against an artificial upper bound raised step by step. The node and work
    /// limits are shared by all rungs; a rung that reaches them ends the ladder unproven.
    /// - Complexity: the rungs' nodes, each `O(steps · Σ_i q_i·b_i)`.
    package func solveByTargets(multipliers u: [Double], bound: Int, incumbent: (agentOf: [Int], cost: Int),
                        allowed: [[Bool]]? = nil, share: Double = 0.0005) -> Ladder {
        var ladder = Ladder(best: incumbent, lowerBound: bound, proven: bound >= incumbent.cost, nodes: 0)
        var margin = max(1, Int((Double(abs(bound)) * share).rounded(.up)))
        var budget = self
        let relax = GAPLagrangian(g: g, cost: cost)
        while !ladder.proven, budget.nodeLimit > 0, budget.workLimit > 0 {
            let target = min(ladder.best.cost, ladder.lowerBound + margin)
            var fixed = relax.fixings(u, upper: target).allowed
            if let allowed { for i in 0..<g.agents { for j in 0..<g.jobs where !allowed[i][j] { fixed[i][j] = false } } }
            let searcher = budget
            let o = searcher.solve(allowed: fixed, multipliers: u, incumbent: (ladder.best.agentOf, target), spent: &budget)
            ladder.nodes += o.nodes
            if o.best.cost < target { ladder.best = o.best }
            guard o.proven else { break }
            // Searched to the end: nothing below the target but what it found.
            if o.best.cost < target || target == ladder.best.cost { ladder.proven = true; ladder.lowerBound = ladder.best.cost; break }
            ladder.lowerBound = target
            margin *= 2
        }
        return ladder
    }
}
