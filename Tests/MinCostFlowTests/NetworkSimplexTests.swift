import GLPK
import Testing
@testable import MinCostFlow

/// SplitMix64, repeated here to keep this test target free of the Pendamping module.
struct Rng {
    var s: UInt64
    mutating func next() -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }
}

/// A random network: some unbounded arcs, negative costs, zero capacities, parallel arcs.
func randomNetwork(seed: UInt64) -> FlowNetwork {
    var rng = Rng(s: seed)
    let n = rng.int(2...10)
    var net = FlowNetwork(nodeCount: n)
    for _ in 0..<rng.int(0...(3 * n)) {
        let u = Int32(rng.int(0...n - 1)), v = Int32(rng.int(0...n - 1))
        guard u != v else { continue }
        let cap: Int64 = rng.int(0...5) == 0 ? FlowNetwork.unbounded : Int64(rng.int(0...6))
        let cost = Int64(rng.int(-5...12))
        net.addArc(from: u, to: v, capacity: cap, cost: cost)
    }
    // Half the networks get a costly ring that makes most supplies routable.
    if seed % 2 == 0 {
        for v in 0..<n { net.addArc(from: Int32(v), to: Int32((v + 1) % n), capacity: 12, cost: 15) }
    }
    var total: Int64 = 0
    for v in 0..<(n - 1) { net.supply[v] = Int64(rng.int(-4...4)); total += net.supply[v] }
    net.supply[n - 1] = -total
    return net
}

/// The same problem as an LP for GLPK: one column per arc, one equality row per node.
func glpkOptimum(_ net: FlowNetwork) throws -> (TerminationStatus, Double) {
    var m = LinearModel(sense: .minimize)
    for v in 0..<net.nodeCount { m.addRow(.fixed(Double(net.supply[v]))) }
    for e in 0..<net.arcCount {
        let c = m.addColumn(net.capacity[e] >= FlowNetwork.unbounded ? .lower(0) : .range(0, Double(net.capacity[e])),
                            objective: Double(net.cost[e]))
        m.set(row: net.source[e], column: c, 1)
        m.set(row: net.target[e], column: c, -1)
    }
    let p = try Problem()
    try p.load(m)
    let s = try p.simplex(SimplexOptions(presolve: true))
    return (s.status, s.objective)
}

@Suite struct NetworkSimplexTests {
    @Test func documentedExample() throws {
        var net = FlowNetwork(nodeCount: 3)
        net.supply = [2, 0, -2]
        net.addArc(from: 0, to: 1, capacity: 2, cost: 1)
        net.addArc(from: 1, to: 2, capacity: 1, cost: 1)
        net.addArc(from: 0, to: 2, capacity: 5, cost: 3)
        let r = try NetworkSimplex.solve(net)
        #expect(r.status == .optimal && r.totalCost == 5 && r.flow == [1, 1, 1])
        #expect(try FlowCertificate.check(net, flow: r.flow, potential: r.potential).dualObjective == 5)
    }

    @Test func agreesWithGLPKOnThousandsOfRandomNetworks() throws {
        var counts: [FlowStatus: Int] = [:]
        for seed in 0..<3000 {
            let net = randomNetwork(seed: UInt64(seed))
            let r = try NetworkSimplex.solve(net)
            let (status, objective) = try glpkOptimum(net)
            counts[r.status, default: 0] += 1
            switch r.status {
            case .optimal:
                #expect(status == .optimal, "seed \(seed)")
                #expect(Double(r.totalCost) == objective, "seed \(seed)")
                #expect(throws: Never.self, "seed \(seed)") { try FlowCertificate.check(net, flow: r.flow, potential: r.potential) }
            case .infeasible:
                #expect(status == .infeasible, "seed \(seed)")
            case .unbounded:
                #expect(status == .unbounded || status == .infeasible, "seed \(seed)")
            }
        }
        // The generator must exercise every outcome.
        #expect(counts[.optimal, default: 0] > 1000 && counts[.infeasible, default: 0] > 100 && counts[.unbounded, default: 0] > 5)
    }

    @Test func certificateRejectsWrongAnswers() throws {
        var net = FlowNetwork(nodeCount: 2)
        net.supply = [1, -1]
        net.addArc(from: 0, to: 1, capacity: 1, cost: 4)
        net.addArc(from: 0, to: 1, capacity: 1, cost: 2)
        let r = try NetworkSimplex.solve(net)
        #expect(r.totalCost == 2)
        #expect(throws: FlowError.self) { try FlowCertificate.check(net, flow: [1, 0], potential: r.potential) }
        #expect(throws: FlowError.self) { try FlowCertificate.check(net, flow: [0, 0], potential: r.potential) }
        #expect(throws: FlowError.self) { try FlowCertificate.check(net, flow: r.flow, potential: [0, 100]) }
    }

    @Test func validationGuardsOverflow() {
        var net = FlowNetwork(nodeCount: 2)
        net.supply = [1, 0]
        #expect(throws: FlowError.invalid("supplies sum to 1, not 0")) { try NetworkSimplex.solve(net) }
        net.supply = [0, 0]
        net.addArc(from: 0, to: 1, capacity: 1, cost: 1 << 41)
        #expect(throws: FlowError.self) { try NetworkSimplex.solve(net) }
    }

    @Test func startTreeIsValidated() {
        var net = FlowNetwork(nodeCount: 2)
        net.supply = [1, -1]
        net.addArc(from: 0, to: 1, capacity: 1, cost: 1)
        // Arc 0 at capacity pointing towards the root (node 1): not strongly feasible.
        #expect(throws: FlowError.self) { try NetworkSimplex.solve(net, start: SpanningTreeStart(root: 1, parentArc: [0, -1], flow: [1])) }
        net.addArc(from: 1, to: 0, capacity: 5, cost: 0)
        #expect(throws: FlowError.self) { try NetworkSimplex.solve(net, start: SpanningTreeStart(root: 1, parentArc: [1, -1], flow: [0, 0])) }
    }
}
