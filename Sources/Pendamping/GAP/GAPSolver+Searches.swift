internal import GLPK

/// The searches ``GAPSolver`` runs around its exact stages.
extension GAPSolver {
    /// A tabu search for this solver's limits: at most `tabuSteps` steps, and no more than
    /// about 4·10⁸ move evaluations (`jobs²/2 + jobs·agents` a step; 200 jobs: 16,000 steps).
    func tabu(_ g: GAPInstance, cost: [[Int]], seed: UInt64, halt: StopFlag?, deadline: ContinuousClock.Instant?) -> GAPTabuSearch {
        var t = GAPTabuSearch(g: g, cost: cost)
        t.steps = min(tabuSteps, 400_000_000 / max(1, g.jobs * g.jobs / 2 + g.jobs * g.agents))
        t.patience = t.steps / 2; t.seed = seed; t.halt = halt; t.deadline = deadline
        return t
    }

    /// Rounds of the neighbourhood search (a new seed each) from `from` until `until` is set or
    /// the deadline passes, calling `better` with each cheaper assignment; the cheapest found.
    func searchBeside(_ g: GAPInstance, cost: [[Int]], from: (agentOf: [Int], cost: Int), allowed: [[Bool]]?,
                      until: StopFlag, deadline: ContinuousClock.Instant?,
                      better: ([Int]) -> Void) throws -> (agentOf: [Int], cost: Int) {
        var current = from, round: UInt64 = 0
        while !until.isStopped, deadline.map({ ContinuousClock.now < $0 }) ?? false {
            var lns = GAPNeighbourhood(g: g, cost: cost)
            lns.subSolves = neighbourhoodSolves; lns.deadline = deadline; lns.halt = until
            lns.seed = 1_000 + round; round += 1
            let found = try lns.improve(current, allowed: allowed)
            if found.cost < current.cost { current = found; better(found.agentOf) }
        }
        return current
    }
}
