import Parallel
import GLPK

/// The searches ``GAPSolver`` runs around its exact stages.
extension GAPSolver {
    /// A tabu search for this solver's limits: at most `tabuSteps` steps, 200 per job (small
    /// instances are settled by the exact stages; gap1–gap12 have 15–60 jobs), and no more
    /// than about 4·10⁸ move evaluations (with ejections counted as `2·jobs² + 2·jobs·agents`
    /// a step, an upper estimate; 100 jobs and 20 agents: 16,666 steps, 200 jobs and 10: 4,761).
    package func tabu(_ g: GAPInstance, cost: [[Int]], seed: UInt64, halt: StopFlag?, deadline: ContinuousClock.Instant?) -> GAPTabuSearch {
        var t = GAPTabuSearch(g: g, cost: cost)
        let perStep = t.ejections ? 2 * g.jobs * g.jobs + 2 * g.jobs * g.agents : g.jobs * g.jobs / 2 + g.jobs * g.agents
        t.steps = min(tabuSteps, 200 * g.jobs, 400_000_000 / max(1, perStep))
        t.patience = t.steps / 2; t.seed = seed; t.halt = halt; t.deadline = deadline
        return t
    }

    /// `main` on one thread and, when `from` is given, rounds of the neighbourhood search from
    /// it on the other until `main` returns or the deadline passes (``searchBeside``), `better`
    /// called with each cheaper assignment; `main`'s result and the search's cheapest
    /// assignment (nil when it did not run).
    package func withSearchBeside<T>(_ g: GAPInstance, cost: [[Int]], from: (agentOf: [Int], cost: Int)?, allowed: [[Bool]]?,
                             deadline: ContinuousClock.Instant?, better: @escaping @Sendable ([Int]) -> Void = { _ in },
                             _ main: @Sendable () throws -> T) throws -> (main: T, found: (agentOf: [Int], cost: Int)?) {
        let done = StopFlag()
        let runs = try concurrentMap(from == nil ? 1 : 2) { k -> (main: T?, found: (agentOf: [Int], cost: Int)?) in
            if k == 1, let from { return (nil, try searchBeside(g, cost: cost, from: from, allowed: allowed, until: done, deadline: deadline, better: better)) }
            defer { done.stop() }
            return (try main(), nil)
        }
        guard let result = runs[0].main else { throw GAPError.invalidSolution("a GAP stage returned nothing") }
        return (result, runs.count > 1 ? runs[1].found : nil)
    }

    /// Rounds of the neighbourhood search (a new seed each) from `from` until `until` is set or
    /// the deadline passes, calling `better` with each cheaper assignment; the cheapest found.
    package func searchBeside(_ g: GAPInstance, cost: [[Int]], from: (agentOf: [Int], cost: Int), allowed: [[Bool]]?,
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
