import Synchronization
import Testing
@testable import MinCostFlow

/// A caller's stop request: asked every ``SimplexEngine/stopCheckInterval`` pivots, it ends
/// the solve with ``FlowError/stopped``; one that never asks changes nothing.
@Suite struct StopTests {
    /// A bipartite network of 3,000 sources with 8 random arcs each to 150 capacitated
    /// middle nodes and a zero-cost way to the sink: thousands of pivots from the artificial start.
    static func largeNetwork() -> FlowNetwork {
        var rng = Rng(s: 7)
        let n = 3000, m = 150
        var net = FlowNetwork(nodeCount: n + m + 1)
        let sink = Int32(n + m)
        for i in 0..<n {
            net.supply[i] = 1
            for _ in 0..<8 {
                net.addArc(from: Int32(i), to: Int32(n + rng.int(0...(m - 1))), capacity: FlowNetwork.unbounded, cost: -Int64(rng.int(1...1000)))
            }
            net.addArc(from: Int32(i), to: sink, capacity: FlowNetwork.unbounded, cost: 0)
        }
        for j in 0..<m { net.addArc(from: Int32(n + j), to: sink, capacity: Int64(rng.int(5...20)), cost: 0) }
        net.supply[Int(sink)] = -Int64(n)
        return net
    }

    @Test func aStopThatNeverAsksChangesNothing() throws {
        let net = Self.largeNetwork()
        let plain = try NetworkSimplex.solve(net)
        let asked = Atomic<Int>(0)
        let watched = try NetworkSimplex.solve(net, until: { asked.add(1, ordering: .relaxed); return false })
        #expect(plain.status == .optimal && watched.status == .optimal)
        #expect(plain.totalCost == watched.totalCost && plain.pivots == watched.pivots && plain.flow == watched.flow)
        #expect(plain.pivots > 2 * SimplexEngine.stopCheckInterval, "\(plain.pivots) pivots")
        // Asked once per interval of pivots, from the first pivot on.
        let intervals = plain.pivots / SimplexEngine.stopCheckInterval + 1
        #expect(asked.load(ordering: .relaxed) == intervals || asked.load(ordering: .relaxed) == intervals + 1)
    }

    @Test func aStopRequestEndsTheSolveAtTheNextCheck() throws {
        let net = Self.largeNetwork()
        let asked = Atomic<Int>(0)
        #expect(throws: FlowError.stopped) {
            _ = try NetworkSimplex.solve(net, until: { asked.add(1, ordering: .relaxed).newValue >= 2 })
        }
        #expect(asked.load(ordering: .relaxed) == 2)
        #expect(throws: FlowError.stopped) { _ = try NetworkSimplex.solve(net, until: { true }) }
    }
}
