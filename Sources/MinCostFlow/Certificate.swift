/// Proof that a flow is optimal, checked without trusting the solver that produced it: the
/// flow is feasible, the potentials satisfy complementary slackness on every arc, and the
/// primal cost equals the dual objective (LP duality, e.g. AMO *Network Flows* §9.4). Exact
/// integer arithmetic throughout; an amount that would leave `Int64` is reported, not trapped.
public enum FlowCertificate {
    /// The two objectives, equal when the certificate holds.
    public struct Report: Sendable, Equatable {
        /// `Σ cost·flow`.
        public var primalCost: Int64
        /// The dual objective of the potentials (see ``check(_:flow:potential:)``).
        public var dualObjective: Int64
    }

    /// Checks `flow` and `potential` against `network`; throws naming the first violation.
    ///
    /// With reduced costs `rc = cost − π[source] + π[target]` (AMO's sign), the dual of
    /// `min cost·f, out − in = supply, 0 ≤ f ≤ capacity` has objective
    /// `Σ supply·π − Σ capacity·max(0, −rc)` (AMO §9.4); complementary slackness asks
    /// `rc ≥ 0` where `f < capacity` and `rc ≤ 0` where `f > 0`.
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
            balance[s] = try exact(balance[s], minus: f)
            balance[t] = try exact(balance[t], minus: -f)
            let rc = try exact(try exact(network.cost[e], minus: potential[s]), minus: -potential[t])
            if f < u && rc < 0 { throw .invalid("arc \(e): reduced cost \(rc) < 0 below capacity") }
            if f > 0 && rc > 0 { throw .invalid("arc \(e): reduced cost \(rc) > 0 with positive flow") }
            primal = try exact(primal, minus: -(try exact(f, times: network.cost[e])))
            if rc < 0 {
                guard u < FlowNetwork.unbounded else { throw .invalid("arc \(e): negative reduced cost on an unbounded arc") }
                dual = try exact(dual, minus: try exact(u, times: -rc))
            }
        }
        for v in 0..<network.nodeCount {
            guard balance[v] == 0 else { throw .invalid("node \(v): flow out − in differs from supply by \(-balance[v])") }
            dual = try exact(dual, minus: -(try exact(network.supply[v], times: potential[v])))
        }
        guard primal == dual else { throw .invalid("primal cost \(primal) ≠ dual objective \(dual)") }
        return Report(primalCost: primal, dualObjective: dual)
    }

    private static func exact(_ a: Int64, minus b: Int64) throws(FlowError) -> Int64 {
        let (r, o) = a.subtractingReportingOverflow(b)
        guard !o else { throw .overflow("certificate arithmetic leaves Int64") }
        return r
    }

    private static func exact(_ a: Int64, times b: Int64) throws(FlowError) -> Int64 {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        guard !o else { throw .overflow("certificate arithmetic leaves Int64") }
        return r
    }
}
