/// An optimality certificate check for min-cost flow (LEMON's `min_cost_flow_test` habit):
/// primal feasibility, complementary slackness of the potentials, and equal primal and dual
/// objectives. All in exact integers.
public enum FlowCertificate {
    public struct Report: Sendable, Equatable {
        public var primalCost: Int64
        public var dualObjective: Int64
    }

    /// Checks `flow` and `potential` against `network`; throws naming the first violation.
    ///
    /// The dual of `min c·f, N f = b, 0 ≤ f ≤ u` with `y = −π` has objective
    /// `Σ b·(−π) − Σ u·max(0, −rc)` for reduced costs `rc = c + π[s] − π[t]`.
    /// - Complexity: `O(nodes + arcs)`.
    public static func check(_ network: FlowNetwork, flow: [Int64], potential: [Int64]) throws(FlowError) -> Report {
        guard flow.count == network.arcCount, potential.count == network.nodeCount else {
            throw .invalid("flow or potential has the wrong length")
        }
        var balance = network.supply
        var primal: Int64 = 0, dual: Int64 = 0
        for e in 0..<network.arcCount {
            let f = flow[e], u = network.capacity[e]
            guard f >= 0, f <= u else { throw .invalid("arc \(e): flow \(f) outside [0, \(u)]") }
            let s = Int(network.source[e]), t = Int(network.target[e])
            balance[s] -= f
            balance[t] += f
            let rc = network.cost[e] + potential[s] - potential[t]
            if f < u && rc < 0 { throw .invalid("arc \(e): reduced cost \(rc) < 0 below capacity") }
            if f > 0 && rc > 0 { throw .invalid("arc \(e): reduced cost \(rc) > 0 with positive flow") }
            primal += f * network.cost[e]
            if rc < 0 {
                guard u < FlowNetwork.unbounded else { throw .invalid("arc \(e): negative reduced cost on an unbounded arc") }
                dual -= u * -rc
            }
        }
        for v in 0..<network.nodeCount {
            guard balance[v] == 0 else { throw .invalid("node \(v): flow out − in differs from supply by \(-balance[v])") }
            dual -= network.supply[v] * potential[v]
        }
        guard primal == dual else { throw .invalid("primal cost \(primal) ≠ dual objective \(dual)") }
        return Report(primalCost: primal, dualObjective: dual)
    }
}
