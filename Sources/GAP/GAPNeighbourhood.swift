import GLPK
import Optimisation
import GLPK

/// Large-neighbourhood search for the generalized assignment problem: free every job of a few
/// agents and re-assign those jobs among the same agents exactly with GLPK's branch and cut
/// (a sub-problem of a few dozen jobs), keeping the result when it costs less. Moves that
/// shift and swap single jobs cannot reach such rearrangements (chains of several jobs).
///
/// The agent groups are drawn by a seeded generator; a sub-solve stops after `nodeLimit`
/// branch-and-bound nodes (counted in GLPK's callback, not timed), so the search is
/// deterministic; `deadline` is only a safety net. Only pairs in `allowed` are used (the
/// reduced-cost fixing of ``GAPLagrangian``). The corresponding GLPK routine is `glp_intopt`.
/// - Complexity: `subSolves` branch and cuts on `groupSize` agents and their jobs.
package struct GAPNeighbourhood {
    package let g: GAPInstance
    /// Costs to minimise, `cost[i][j]`.
    package let cost: [[Int]]
    /// Agents freed together at first; after `patience` sub-solves without a better assignment
    /// one more, up to `largestGroup` and one fewer than all agents (measured on gapb-4 with
    /// 120 sub-solves: groups of 3 left 2835, of 4 reached 2832, of 6 reached 2828, optimum
    /// 2827). The budget is small because the branch and bound after it finishes the work:
    /// 200 sub-solves of 1,000 nodes took all of a 30 s limit on a type D-like 10 × 100
    /// instance, 60 of 300 take 4 s there and 1.2 s on gapb-4.
    package var groupSize = 3
    package var largestGroup = 5
    package var subSolves = 60
    package var patience = 10
    package var nodeLimit = 300
    package var deadline: ContinuousClock.Instant?
    /// Ends the search between sub-solves when set (the branch and cut beside it finished).
    package var halt: StopFlag?
    package var seed: UInt64 = 7

    /// A cheaper assignment than `start`, or `start` itself.
    package func improve(_ start: (agentOf: [Int], cost: Int), allowed: [[Bool]]?) throws -> (agentOf: [Int], cost: Int) {
        var agentOf = start.agentOf, total = start.cost
        let m = g.agents, largest = min(largestGroup, m - 1)
        var size = min(groupSize, m)
        guard size >= 2 else { return start }
        var rng = SplitMix64(seed: seed)
        var schedule = SearchSchedule(budget: subSolves, patience: patience, deadline: deadline)
        while schedule.mayContinue(stopped: halt?.isStopped ?? false) {
            // Patience spent: free one more agent at a time.
            if schedule.isStale { size += 1; schedule.restartPatience() }
            if size > largest { break }
            var group: [Int] = []
            while group.count < size { let a = rng.int(in: 0...(m - 1)); if !group.contains(a) { group.append(a) } }
            group.sort()
            let jobs = (0..<g.jobs).filter { group.contains(agentOf[$0]) }
            guard !jobs.isEmpty, let better = try subSolve(group, jobs, agentOf, allowed) else { schedule.record(improved: false); continue }
            let before = jobs.reduce(0) { $0 + cost[agentOf[$1]][$1] }
            let after = jobs.indices.reduce(0) { $0 + cost[better[$1]][jobs[$1]] }
            if after < before {
                for (k, j) in jobs.enumerated() { agentOf[j] = better[k] }
                total += after - before
            }
            schedule.record(improved: after < before)
        }
        return (agentOf, total)
    }

    /// The best re-assignment of `jobs` among `group` (agent of each job, in `jobs` order)
    /// found within the node limit, started from the current one.
    private func subSolve(_ group: [Int], _ jobs: [Int], _ agentOf: [Int], _ allowed: [[Bool]]?) throws -> [Int]? {
        let sub = g.restricted(jobs: jobs, agents: group, cost: cost, allowed: allowed)
        var options = GAPSolver.defaultOptions
        // GLPK 5.0's MIP presolver ends in a fatal error when it settles every column of a
        // small model (glp_add_cols with no columns, measured on gap1); the root LP is solved
        // by the simplex instead.
        options.presolve = false
        options.progressInterval = .zero
        options.timeLimit = deadline.map { max(.milliseconds(1), $0 - ContinuousClock.now) }
        let solver = GAPSolver(sense: .minimize, options: options)
        let (lm, columns) = solver.model(sub)
        let current = columns.map { agentOf[jobs[$0.job]] == group[$0.agent] ? 1.0 : 0.0 }
        let stop = StopFlag(), limit = nodeLimit
        let s = try GLPK.withProblem { p in
            try p.load(lm)
            return try p.intopt(options, start: current, stop: stop) { if $0.totalNodes > limit { stop.stop() } }
        }
        guard s.hasSolution else { return nil }
        var out = [Int](repeating: -1, count: jobs.count)
        for (c, v) in s.columnValues.enumerated() where v > 0.5 { out[columns[c].job] = group[columns[c].agent] }
        guard out.allSatisfy({ $0 >= 0 }) else { return nil }
        return out
    }
}

extension GAPInstance {
    /// The instance on `jobs` and `agents` only, with costs `cost`, each capacity less `used`
    /// (by jobs placed elsewhere); a pair not in `allowed` gets a resource use above the
    /// capacity, which ``GAPSolver``'s model leaves out. - Complexity: `O(agents·jobs)`.
    package func restricted(jobs: [Int], agents: [Int], cost: [[Int]], allowed: [[Bool]]?, used: [Int]? = nil) -> GAPInstance {
        let room = agents.map { capacity[$0] - (used?[$0] ?? 0) }
        return GAPInstance(name: name, agents: agents.count, jobs: jobs.count,
                           cost: agents.map { i in jobs.map { cost[i][$0] } },
                           resource: agents.enumerated().map { k, i in jobs.map { j in allowed?[i][j] == false ? room[k] + 1 : resource[i][j] } },
                           capacity: room)
    }
}
