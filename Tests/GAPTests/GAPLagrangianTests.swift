import GLPK
import Testing
@testable import GAP
import Optimisation

/// A random small GAP instance: 2–3 agents, 3–7 jobs, capacities at half, 70 % or all of an
/// even share of the resource use.
func randomSmallGAP(seed: UInt64) -> GAPInstance {
    var rng = SplitMix64(seed: seed)
    let m = rng.int(in: 2...3), n = rng.int(in: 3...7)
    let cost = (0..<m).map { _ in (0..<n).map { _ in rng.int(in: 1...30) } }
    let res = (0..<m).map { _ in (0..<n).map { _ in rng.int(in: 1...10) } }
    let tight = [0.5, 0.7, 1.0][rng.int(in: 0...2)]
    let cap = (0..<m).map { i in max(1, Int(Double(res[i].reduce(0, +)) * tight / Double(m))) }
    return GAPInstance(name: "r\(seed)", agents: m, jobs: n, cost: cost, resource: res, capacity: cap)
}

/// A random small instance and every feasible assignment with its cost (exhaustive enumeration).
private func smallGAP(_ seed: Int) -> (GAPInstance, [(agentOf: [Int], cost: Int)]) {
    let g = randomSmallGAP(seed: UInt64(seed) &+ 777_000)
    let m = g.agents, n = g.jobs, cost = g.cost, res = g.resource, cap = g.capacity
    var all: [(agentOf: [Int], cost: Int)] = []
    var a = [Int](repeating: 0, count: n)
    func go(_ j: Int) {
        if j == n {
            var load = [Int](repeating: 0, count: m), total = 0
            for (job, i) in a.enumerated() { load[i] += res[i][job]; total += cost[i][job] }
            if (0..<m).allSatisfy({ load[$0] <= cap[$0] }) { all.append((a, total)) }
            return
        }
        for i in 0..<m { a[j] = i; go(j + 1) }
    }
    go(0)
    return (g, all)
}

/// Cost of a feasible assignment, checked here from the instance alone; nil when infeasible.
private func feasibleCost(_ g: GAPInstance, _ agentOf: [Int], cost: [[Int]]) -> Int? {
    guard agentOf.count == g.jobs, agentOf.allSatisfy({ (0..<g.agents).contains($0) }) else { return nil }
    var load = [Int](repeating: 0, count: g.agents), total = 0
    for (j, i) in agentOf.enumerated() { load[i] += g.resource[i][j]; total += cost[i][j] }
    return (0..<g.agents).allSatisfy { load[$0] <= g.capacity[$0] } ? total : nil
}

/// Small instance `seed` (minimised when even, maximised when odd) with its signed costs, the
/// exhaustive optimum, the worst feasible assignment and the relaxation's outcome; nil when
/// the instance has no feasible assignment.
private func caseFromTheWorst(_ seed: Int) -> (GAPInstance, [[Int]], Int, (agentOf: [Int], cost: Int), GAPLagrangian.Outcome)? {
    let (g, all) = smallGAP(seed)
    let cost = GAPLocalSearch.signedCosts(g, seed % 2 == 0 ? .minimize : .maximize)
    let costs = all.map { a in (0..<g.jobs).reduce(0) { $0 + cost[a.agentOf[$1]][$1] } }
    guard let optimum = costs.min(), let worst = costs.indices.max(by: { costs[$0] < costs[$1] }) else { return nil }
    return (g, cost, optimum, (all[worst].agentOf, costs[worst]), GAPLagrangian(g: g, cost: cost).run(upper: nil))
}

@Suite struct GAPLagrangianTests {
    /// On 300 small instances (both senses): the knapsack relaxation's bound never exceeds the
    /// exhaustive optimum; with the optimum as the incumbent, the reduced-cost fixing keeps every
    /// pair of every optimal assignment; repaired assignments are feasible and cost what they say.
    @Test func boundAndFixingAgreeWithExhaustiveSearch() throws {
        var proven = 0, fixedSome = 0, instances = 0
        for seed in 0..<300 {
            let (g, all) = smallGAP(seed)
            let sense: LinearModel.Sense = seed % 2 == 0 ? .minimize : .maximize
            let cost = GAPLocalSearch.signedCosts(g, sense)
            guard let optimum = all.map({ a in (0..<g.jobs).reduce(0) { $0 + cost[a.agentOf[$1]][$1] } }).min() else { continue }
            instances += 1
            let o = GAPLagrangian(g: g, cost: cost).run(upper: nil)
            #expect(GAPLagrangian.integerBound(o.bound) <= optimum, "seed \(seed): bound \(o.bound) above the optimum \(optimum)")
            if let best = o.best {
                #expect(feasibleCost(g, best, cost: cost) == o.bestCost, "seed \(seed): a repair is infeasible or mis-costed")
                #expect(o.bestCost >= optimum)
            }
            if GAPLagrangian.integerBound(o.bound) >= optimum { proven += 1 }
            let fix = GAPLagrangian(g: g, cost: cost).fixings(o.multipliers, upper: optimum)
            for a in all where (0..<g.jobs).reduce(0, { $0 + cost[a.agentOf[$1]][$1] }) == optimum {
                for (j, i) in a.agentOf.enumerated() {
                    #expect(fix.allowed[i][j], "seed \(seed): an optimal pair (\(i), \(j)) was fixed out")
                    #expect(fix.forced[j] < 0 || fix.forced[j] == i, "seed \(seed): job \(j) forced away from an optimum")
                }
            }
            if fix.allowed.joined().filter({ !$0 }).count > 0 { fixedSome += 1 }
        }
        // The relaxation is not vacuous: it proves some optima outright and fixes pairs on most.
        #expect(proven > instances / 4 && fixedSome > instances / 2, "proven \(proven), fixed on \(fixedSome) of \(instances)")
    }

    /// The whole solver (local search ‖ relaxation, fixing, neighbourhood search, GLPK) equals
    /// exhaustive search and returns only feasible assignments; infeasible instances have none.
    @Test func solverEqualsExhaustiveSearch() throws {
        for seed in 0..<150 {
            let (g, all) = smallGAP(seed)
            let sense: LinearModel.Sense = seed % 2 == 0 ? .minimize : .maximize
            let o = try GAPSolver(sense: sense).solve(g)
            let best = sense == .minimize ? all.map(\.cost).min() : all.map(\.cost).max()
            guard let best else { #expect(o.objective == nil, "seed \(seed)"); continue }
            #expect(o.status == .optimal && o.objective == best, "seed \(seed): \(o.objective ?? -1) vs \(best)")
            #expect(feasibleCost(g, o.agentOf, cost: g.cost) == o.objective, "seed \(seed): infeasible answer")
        }
    }

    /// The neighbourhood search on mid-size random instances keeps feasibility (checked here),
    /// never raises the cost, and with fixing keeps to the allowed pairs.
    @Test func neighbourhoodSearchKeepsFeasibility() throws {
        for seed in 0..<12 {
            var rng = SplitMix64(seed: UInt64(seed) &+ 99)
            let m = rng.int(in: 4...8), n = rng.int(in: 30...60)
            let cost = (0..<m).map { _ in (0..<n).map { _ in rng.int(in: 10...50) } }
            let res = (0..<m).map { _ in (0..<n).map { _ in rng.int(in: 5...25) } }
            let cap = (0..<m).map { i in Int(Double(res[i].reduce(0, +)) * 0.8 / Double(m)) }
            let g = GAPInstance(name: "n\(seed)", agents: m, jobs: n, cost: cost, resource: res, capacity: cap)
            guard let start = GAPLocalSearch.solve(g, cost: cost, rounds: 5) else { continue }
            var lns = GAPNeighbourhood(g: g, cost: cost)
            lns.subSolves = 30
            let relaxation = GAPLagrangian(g: g, cost: cost).run(upper: start)
            let allowed = GAPLagrangian(g: g, cost: cost).fixings(relaxation.multipliers, upper: start.cost).allowed
            let better = try lns.improve(start, allowed: allowed)
            #expect(feasibleCost(g, better.agentOf, cost: cost) == better.cost, "seed \(seed)")
            #expect(better.cost <= start.cost)
            for (j, i) in better.agentOf.enumerated() { #expect(allowed[i][j], "seed \(seed): a fixed-out pair used") }
        }
    }

    /// The branch and bound on the knapsack relaxation, started from the worst feasible
    /// assignment with every pair allowed, finishes with the exhaustive optimum (both senses).
    @Test func branchAndBoundFindsTheOptimum() throws {
        var searched = 0
        for seed in 0..<300 {
            guard let (g, cost, optimum, worst, relaxation) = caseFromTheWorst(seed) else { continue }
            let allowed = (0..<g.agents).map { i in (0..<g.jobs).map { g.resource[i][$0] <= g.capacity[i] } }
            let o = GAPBranchAndBound(g: g, cost: cost).solve(allowed: allowed, multipliers: relaxation.multipliers, incumbent: worst)
            #expect(o.proven && o.best.cost == optimum, "seed \(seed): \(o.best.cost) vs \(optimum)")
            #expect(feasibleCost(g, o.best.agentOf, cost: cost) == o.best.cost, "seed \(seed): infeasible")
            if o.nodes > 1 { searched += 1 }
        }
        #expect(searched >= 5, "the search branched on \(searched) instances only")
    }

    /// The branch and bound under a ladder of targets, from the worst feasible assignment: its
    /// lower bound never passes the exhaustive optimum, what it returns is feasible, and when
    /// it says proven it holds the optimum; the small trees here always finish. Some instances
    /// need more than one rung (the first target below the optimum, proven empty).
    @Test func targetLadderProvesTheOptimumOrRaisesTheBound() throws {
        var climbed = 0
        for seed in 0..<300 {
            guard let (g, cost, optimum, worst, relaxation) = caseFromTheWorst(seed) else { continue }
            let bound = GAPLagrangian.integerBound(relaxation.bound)
            let o = GAPBranchAndBound(g: g, cost: cost).solveByTargets(multipliers: relaxation.multipliers, bound: bound,
                                                                       incumbent: worst, share: 0.001)
            #expect(o.lowerBound <= optimum, "seed \(seed): bound \(o.lowerBound) above the optimum \(optimum)")
            #expect(feasibleCost(g, o.best.agentOf, cost: cost) == o.best.cost, "seed \(seed): infeasible or mis-costed")
            #expect(o.proven && o.best.cost == optimum, "seed \(seed): \(o.best.cost) vs \(optimum)")
            if o.best.cost == optimum, optimum > bound + max(1, Int((Double(abs(bound)) * 0.001).rounded(.up))) { climbed += 1 }
        }
        #expect(climbed >= 5, "only \(climbed) instances needed a second rung")
    }

    /// The tabu search from arbitrary starts (most break a capacity) returns only feasible
    /// assignments, checked here, costing what it says and no less than the exhaustive
    /// optimum; it reaches the optimum on most instances.
    @Test func tabuSearchIsFeasibleAndBoundedByTheOptimum() throws {
        var optimal = 0, instances = 0
        for seed in 0..<300 {
            guard let (g, cost, optimum, _, _) = caseFromTheWorst(seed) else { continue }
            instances += 1
            var rng = SplitMix64(seed: UInt64(seed))
            let start = (0..<g.jobs).map { j -> Int in
                let fits = (0..<g.agents).filter { g.resource[$0][j] <= g.capacity[$0] }
                return fits.isEmpty ? 0 : fits[rng.int(in: 0...(fits.count - 1))]
            }
            var tabu = GAPTabuSearch(g: g, cost: cost)
            tabu.steps = 400; tabu.seed = UInt64(seed)
            guard let found = tabu.improve(start) else { continue }
            #expect(feasibleCost(g, found.agentOf, cost: cost) == found.cost, "seed \(seed): infeasible or mis-costed")
            #expect(found.cost >= optimum, "seed \(seed)")
            if found.cost == optimum { optimal += 1 }
        }
        #expect(optimal > instances * 3 / 4, "optimal on \(optimal) of \(instances)")
    }
}
