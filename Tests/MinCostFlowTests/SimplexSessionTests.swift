import Testing
@testable import MinCostFlow

@Suite struct SimplexSessionTests {
    /// After rounds of random cost changes (tree arcs among them, and penalties far above the
    /// other costs), each re-solve from the kept basis reaches a cold solve's optimum of the
    /// changed network, with a valid certificate and the invariants checked after every pivot.
    @Test func resolvesAfterCostChangesEqualColdSolves() throws {
        var treeArcChanges = 0, resolves = 0
        for seed in 0..<600 {
            var (net, n, m) = randomMatchingNetwork(seed: UInt64(seed) + 31_000)
            let session = try SimplexSession(net, start: startFromAssignment(net, mentees: n, mentors: m,
                                                                             choice: .init(repeating: -1, count: n)))
            session.checkEveryPivot = true
            #expect(try session.solve() == .optimal)
            #expect(try session.result().totalCost == NetworkSimplex.solve(net).totalCost, "seed \(seed)")
            var rng = Rng(s: UInt64(seed) ^ 0x5E55)
            for round in 0..<4 {
                var changed = false
                for _ in 0..<rng.int(1...4) {
                    let e = rng.int(0...net.arcCount - 1)
                    let c: Int64 = rng.int(0...4) == 0 ? Int64(rng.int(-1...1)) * 1_000 : -Int64(rng.int(-3...12))
                    if session.state(arc: e) == .inTree && c != net.cost[e] { treeArcChanges += 1 }
                    changed = changed || c != net.cost[e]
                    try session.setCost(arc: e, to: c)
                    net.setCost(arc: e, c)
                }
                if changed { #expect(throws: FlowError.self) { try session.result() } }
                #expect(try session.solve() == .optimal, "seed \(seed) round \(round)")
                let kept = try session.result(), cold = try NetworkSimplex.solve(net)
                #expect(kept.totalCost == cold.totalCost, "seed \(seed) round \(round)")
                #expect(throws: Never.self) { try FlowCertificate.check(net, flow: kept.flow, potential: kept.potential) }
                resolves += 1
            }
        }
        #expect(resolves == 2_400)
        #expect(treeArcChanges > 300, "tree arcs changed \(treeArcChanges) times")
    }

    /// Exchanges on arcs whatever their reduced cost keep the basis strongly feasible (the
    /// invariants are checked before the next pivot) and the flow feasible; the solve after
    /// them still reaches the optimum.
    @Test func exchangesKeepTheBasisStronglyFeasible() throws {
        var exchanges = 0
        for seed in 0..<600 {
            let (net, n, m) = randomMatchingNetwork(seed: UInt64(seed) + 47_000)
            let session = try SimplexSession(net, start: startFromAssignment(net, mentees: n, mentors: m,
                                                                             choice: .init(repeating: -1, count: n)))
            session.checkEveryPivot = true
            try session.solve()
            var rng = Rng(s: UInt64(seed) ^ 0xE8C4)
            for _ in 0..<rng.int(1...6) {
                let e = rng.int(0...net.arcCount - 1)
                if session.state(arc: e) != .inTree { #expect(session.exchange(entering: e)); exchanges += 1 }
            }
            #expect(try session.solve() == .optimal)
            let r = try session.result()
            #expect(r.totalCost == (try NetworkSimplex.solve(net).totalCost), "seed \(seed)")
            #expect(throws: Never.self) { try FlowCertificate.check(net, flow: r.flow, potential: r.potential) }
        }
        #expect(exchanges > 1_000)
    }

    /// A cost that would take `Σ|cost|` to 2⁵⁹ is refused and changes nothing.
    @Test func refusesCostsBeyondExactArithmetic() throws {
        let (net, n, m) = randomMatchingNetwork(seed: 3)
        let session = try SimplexSession(net, start: startFromAssignment(net, mentees: n, mentors: m,
                                                                         choice: .init(repeating: -1, count: n)))
        try session.solve()
        let before = try session.result().totalCost
        #expect(throws: FlowError.self) { try session.setCost(arc: 0, to: 1 << 59) }
        #expect(throws: FlowError.self) { try session.setCost(arc: 0, to: (1 << 59) - 1 - net.cost[0]) }
        #expect(session.cost(arc: 0) == net.cost[0])
        #expect(try session.result().totalCost == before)
    }

    /// A stop ends a re-solve with `.stopped`; the basis it reached is kept and a later call
    /// ends at the optimum.
    @Test func aStoppedResolveGoesOnLater() throws {
        let (net, n, m) = randomMatchingNetwork(seed: 11)
        let session = try SimplexSession(net, start: startFromAssignment(net, mentees: n, mentors: m,
                                                                         choice: .init(repeating: -1, count: n)))
        #expect(throws: FlowError.stopped) { try session.solve(until: { true }) }
        #expect(try session.solve() == .optimal)
        #expect(try session.result().totalCost == NetworkSimplex.solve(net).totalCost)
    }
}
