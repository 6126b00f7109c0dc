/// # Primal network simplex for min-cost flow
///
/// Solves `min Σ cost·flow` subject to flow conservation (out − in = supply at every node)
/// and `0 ≤ flow ≤ capacity`, exactly, in integers.
///
/// **Algorithm.** The primal network simplex method (Dantzig; Ahuja, Magnanti and Orlin,
/// *Network Flows*, 1993, ch. 11) keeps a spanning-tree basis and node potentials π with
/// zero reduced cost `cost + π[source] − π[target]` on tree arcs. Each pivot brings in a
/// non-tree arc whose reduced cost has the improving sign, pushes flow round the cycle it
/// closes, and removes the first blocking arc. The tree is stored as parent, predecessor arc
/// and a preorder *thread* with subtree sizes and last successors, so a pivot costs time in
/// the cycle and the re-hung subtree only (the data structure of LEMON's `NetworkSimplex`,
/// Kovács, "Minimum-cost flow algorithms: an experimental evaluation", *Optimization
/// Methods and Software* 30(1), 2015). Entering arcs are chosen by *block search*: scan
/// blocks of about √arcs arcs and take the most violating arc of the first block that has
/// one. Leaving arcs are chosen by Cunningham's rule on a strongly feasible tree, which
/// prevents cycling on degenerate pivots.
///
/// **Start.** Without a start, an artificial root joined to every node by an artificial arc
/// (cost 0 from supply nodes, a big-M cost `1 + Σ|cost|` to demand nodes) gives the initial
/// tree; flow left on an artificial arc at the end means the network is infeasible. With a
/// ``SpanningTreeStart`` (e.g. from a greedy assignment) the solve begins at that feasible
/// basis and usually needs far fewer pivots.
///
/// **Running time.** Not polynomial in the worst case; in practice close to linear in the
/// number of pivots times (√arcs + cycle length + subtree size). Memory: about 40 bytes per
/// arc and 48 per node.
///
/// **Overflow.** ``FlowNetwork/validate()`` bounds |cost| by 2^40 and Σ|cost| by 2^60, so
/// potentials (sums of costs along tree paths plus at most one big-M) stay exact in `Int64`.
///
/// **Usage.**
/// ```swift
/// var net = FlowNetwork(nodeCount: 3)
/// net.supply = [2, 0, -2]
/// net.addArc(from: 0, to: 1, capacity: 2, cost: 1)
/// net.addArc(from: 1, to: 2, capacity: 1, cost: 1)
/// net.addArc(from: 0, to: 2, capacity: 5, cost: 3)
/// let r = try NetworkSimplex.solve(net)   // r.status == .optimal, r.totalCost == 5
/// ```
public enum NetworkSimplex {
    /// The outcome: status, arc flows, node potentials (reduced cost of arc e is
    /// `cost[e] + potential[source] − potential[target]`), the objective and the pivot count.
    public struct Result: Sendable {
        public var status: FlowStatus
        public var flow: [Int64]
        public var potential: [Int64]
        public var totalCost: Int64
        public var pivots: Int
        /// Basis state of each arc: ``ArcState/tree``, or non-tree at its lower or upper bound.
        public var arcState: [ArcState]
        /// True when every tree arc is a real arc (always so with a ``SpanningTreeStart``);
        /// then `arcState` is a complete basis of the network's LP.
        public var basisIsReal: Bool
    }

    /// Where an arc stands in the final spanning-tree basis.
    public enum ArcState: Int8, Sendable {
        case lower = 1, tree = 0, upper = -1
    }

    /// Solves `network`. - Complexity: see the type's documentation.
    public static func solve(_ network: FlowNetwork, start: SpanningTreeStart? = nil) throws(FlowError) -> Result {
        try network.validate()
        let state = SimplexState(network)
        if let start { try state.install(start, network) } else { state.installArtificial(network) }
        let status = state.run()
        return try state.result(network, status: status)
    }
}

extension NetworkSimplex.Result {
    /// The final basis as a start for another solve of the same network with other costs
    /// (the flow and tree do not depend on costs, and the final tree is strongly feasible),
    /// hung from `root`, the root of the solve; nil when the basis is not all real arcs.
    /// - Complexity: `O(nodes + arcs)`.
    public func treeStart(_ network: FlowNetwork, root: Int32) -> SpanningTreeStart? {
        guard basisIsReal, status == .optimal else { return nil }
        var adjacencyStart = [Int32](repeating: 0, count: network.nodeCount + 1)
        for e in 0..<network.arcCount where arcState[e] == .tree {
            adjacencyStart[Int(network.source[e]) + 1] += 1; adjacencyStart[Int(network.target[e]) + 1] += 1
        }
        for u in 0..<network.nodeCount { adjacencyStart[u + 1] += adjacencyStart[u] }
        var fill = adjacencyStart
        var adjacent = [Int32](repeating: 0, count: Int(adjacencyStart[network.nodeCount]))
        for e in 0..<network.arcCount where arcState[e] == .tree {
            for u in [network.source[e], network.target[e]] { adjacent[Int(fill[Int(u)])] = Int32(e); fill[Int(u)] += 1 }
        }
        var parentArc = [Int32](repeating: -2, count: network.nodeCount)
        parentArc[Int(root)] = -1
        var queue: [Int32] = [root], head = 0
        while head < queue.count {
            let u = Int(queue[head]); head += 1
            for k in Int(adjacencyStart[u])..<Int(adjacencyStart[u + 1]) {
                let e = Int(adjacent[k])
                let v = Int(network.source[e]) == u ? Int(network.target[e]) : Int(network.source[e])
                guard parentArc[v] == -2 else { continue }
                parentArc[v] = Int32(e); queue.append(Int32(v))
            }
        }
        guard queue.count == network.nodeCount else { return nil }
        return SpanningTreeStart(root: root, parentArc: parentArc, flow: flow)
    }
}

/// A feasible spanning-tree basis to start from: a root, and for every other node the arc
/// joining it to its parent; plus a flow on every arc, feasible, where each non-tree arc sits
/// at zero or at capacity. The tree must be strongly feasible: a tree arc pointing towards
/// the root has flow below capacity, one pointing away from it has positive flow.
public struct SpanningTreeStart: Sendable {
    public var root: Int32
    /// Arc to the parent for each node; -1 for the root.
    public var parentArc: [Int32]
    public var flow: [Int64]
    public init(root: Int32, parentArc: [Int32], flow: [Int64]) {
        self.root = root; self.parentArc = parentArc; self.flow = flow
    }
}
