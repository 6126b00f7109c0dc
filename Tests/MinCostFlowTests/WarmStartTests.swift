import Testing
@testable import MinCostFlow

/// A random bipartite matching network shaped like the project's core model: mentees with
/// supply 1, arcs to a few mentors (negative score costs) and to the sink, mentors to the sink
/// with a capacity of at least 1 (a mentor without room has no strongly feasible place in a
/// tree rooted at the sink; the project leaves such mentors out). The sink is the last node.
func randomMatchingNetwork(seed: UInt64) -> (FlowNetwork, mentees: Int, mentors: Int) {
    var rng = Rng(s: seed)
    let n = rng.int(1...12), m = rng.int(1...5)
    var net = FlowNetwork(nodeCount: n + m + 1)
    let sink = Int32(n + m)
    for i in 0..<n {
        net.supply[i] = 1
        for j in 0..<m where rng.int(0...2) > 0 {
            net.addArc(from: Int32(i), to: Int32(n + j), capacity: FlowNetwork.unbounded, cost: -Int64(rng.int(0...9)))
        }
        net.addArc(from: Int32(i), to: sink, capacity: FlowNetwork.unbounded, cost: 0)
    }
    for j in 0..<m { net.addArc(from: Int32(n + j), to: sink, capacity: Int64(rng.int(1...4)), cost: 0) }
    net.supply[Int(sink)] = -Int64(n)
    return (net, n, m)
}

/// A strongly feasible start from any assignment that respects the capacities: unassigned
/// mentees and mentors with room hang from the sink; a full mentor hangs below one of its
/// mentees, which hangs from the sink by its zero-flow arc.
func startFromAssignment(_ net: FlowNetwork, mentees n: Int, mentors m: Int, choice: [Int]) -> SpanningTreeStart {
    let sink = n + m
    var flow = [Int64](repeating: 0, count: net.arcCount)
    var parentArc = [Int32](repeating: -1, count: net.nodeCount)
    var toSink = [Int](repeating: -1, count: n + m), load = [Int64](repeating: 0, count: m), firstOf = [Int](repeating: -1, count: m)
    for e in 0..<net.arcCount where Int(net.target[e]) == sink { toSink[Int(net.source[e])] = e }
    for i in 0..<n {
        let e = choice[i]
        if e < 0 { flow[toSink[i]] = 1; parentArc[i] = Int32(toSink[i]); continue }
        flow[e] = 1; parentArc[i] = Int32(e)
        let j = Int(net.target[e]) - n
        load[j] += 1
        if firstOf[j] < 0 { firstOf[j] = i }
    }
    for j in 0..<m {
        let e = toSink[n + j]
        flow[e] = load[j]
        if load[j] < net.capacity[e] || firstOf[j] < 0 {
            parentArc[n + j] = Int32(e)
        } else {
            let i = firstOf[j]
            parentArc[n + j] = parentArc[i]
            parentArc[i] = Int32(toSink[i])
        }
    }
    return SpanningTreeStart(root: Int32(sink), parentArc: parentArc, flow: flow)
}

@Suite struct WarmStartTests {
    /// Any feasible assignment, turned into a start, leads to the cold solve's optimum.
    @Test func everyFeasibleStartReachesTheSameOptimum() throws {
        for seed in 0..<1500 {
            let (net, n, m) = randomMatchingNetwork(seed: UInt64(seed))
            let cold = try NetworkSimplex.solve(net, start: nil, checkEveryPivot: true)
            #expect(cold.status == .optimal, "seed \(seed)")
            var rng = Rng(s: UInt64(seed) ^ 0xABCD)
            var room = (0..<m).map { j in net.capacity[net.arcCount - m + j] }
            var choice = [Int](repeating: -1, count: n)
            for i in 0..<n {
                let options = (0..<net.arcCount).filter { Int(net.source[$0]) == i && Int(net.target[$0]) < n + m }
                let e = options.isEmpty ? -1 : options[rng.int(0...options.count - 1)]
                if e >= 0, rng.int(0...3) > 0, room[Int(net.target[e]) - n] > 0 { choice[i] = e; room[Int(net.target[e]) - n] -= 1 }
            }
            let start = startFromAssignment(net, mentees: n, mentors: m, choice: choice)
            let warm = try NetworkSimplex.solve(net, start: start, checkEveryPivot: true)
            #expect(warm.status == .optimal && warm.totalCost == cold.totalCost && warm.basisIsReal, "seed \(seed)")
            #expect(throws: Never.self, "seed \(seed)") { try FlowCertificate.check(net, flow: warm.flow, potential: warm.potential) }
        }
    }

    /// The final basis of one solve restarts a solve of the same network with other costs, and
    /// gives the same optimum as a cold solve of those costs (the Lagrangian loop's use).
    @Test func finalBasisRestartsAfterCostChanges() throws {
        for seed in 0..<1000 {
            var (net, n, m) = randomMatchingNetwork(seed: UInt64(seed) + 7_000)
            let first = try NetworkSimplex.solve(net, start: startFromAssignment(net, mentees: n, mentors: m, choice: .init(repeating: -1, count: n)))
            guard let next = first.treeStart(net, root: Int32(n + m)) else {
                Issue.record("seed \(seed): no restart basis"); continue
            }
            var rng = Rng(s: UInt64(seed))
            for e in 0..<net.arcCount where Int(net.target[e]) < n + m { net.setCost(arc: e, -Int64(rng.int(0...15))) }
            let warm = try NetworkSimplex.solve(net, start: next, checkEveryPivot: true)
            let cold = try NetworkSimplex.solve(net)
            #expect(warm.status == .optimal && warm.totalCost == cold.totalCost, "seed \(seed)")
        }
    }

    /// The engine's invariants hold after every pivot on general random networks too.
    @Test func invariantsHoldAfterEveryPivot() throws {
        #expect(SimplexEngine.invariantsCompiled, "the test build must compile the invariant check")
        for seed in 0..<1500 {
            let net = randomNetwork(seed: UInt64(seed))
            let checked = try NetworkSimplex.solve(net, start: nil, checkEveryPivot: true)
            let plain = try NetworkSimplex.solve(net)
            #expect(checked.status == plain.status && checked.totalCost == plain.totalCost, "seed \(seed)")
        }
    }
}
