/// A basis to start ``NetworkSimplex`` from: a spanning tree of real arcs hung from `root`
/// (each other node names the arc to its parent) and a feasible flow in which every arc
/// outside the tree is at zero or at its capacity.
///
/// The tree must be strongly feasible: a tree arc that points towards the root carries less
/// than its capacity, one that points away from the root carries more than zero. The solver
/// checks all of this and throws ``FlowError/invalidStart(_:)`` otherwise.
public struct SpanningTreeStart: Sendable {
    /// The node the tree hangs from.
    public var root: Int32
    /// The arc joining each node to its parent; -1 for the root.
    public var parentArc: [Int32]
    /// Each arc's flow: feasible, and at a bound outside the tree.
    public var flow: [Int64]
    /// A start from its root, parent arcs and flow (checked by the solver).
    public init(root: Int32, parentArc: [Int32], flow: [Int64]) {
        self.root = root; self.parentArc = parentArc; self.flow = flow
    }
}

extension NetworkSimplex.Result {
    /// The final basis as a start for another solve of the same network with other costs, hung
    /// from `root`; nil when the solve was not optimal or its tree holds an artificial arc.
    ///
    /// Flows and tree do not depend on costs, so the basis stays feasible when costs change.
    /// Strong feasibility is a property of the tree *and* its root: pass the root the solve
    /// itself used (for the matching models, their sink).
    /// - Complexity: `O(nodes + arcs)`: tree arcs are bucketed by endpoint, then a
    ///   breadth-first walk from `root` names each node's parent arc.
    public func treeStart(_ network: FlowNetwork, root: Int32) -> SpanningTreeStart? {
        guard basisIsReal, status == .optimal, root >= 0, Int(root) < network.nodeCount else { return nil }
        let n = network.nodeCount
        var offset = [Int32](repeating: 0, count: n + 1)
        for e in 0..<network.arcCount where arcState[e] == .inTree {
            offset[Int(network.source[e]) + 1] += 1
            offset[Int(network.target[e]) + 1] += 1
        }
        for v in 0..<n { offset[v + 1] += offset[v] }
        var next = offset
        var incident = [Int32](repeating: 0, count: Int(offset[n]))
        for e in 0..<network.arcCount where arcState[e] == .inTree {
            for end in [network.source[e], network.target[e]] {
                incident[Int(next[Int(end)])] = Int32(e)
                next[Int(end)] += 1
            }
        }
        var parentArc = [Int32](repeating: -2, count: n)
        parentArc[Int(root)] = -1
        var queue: [Int32] = [root]
        queue.reserveCapacity(n)
        var head = 0
        while head < queue.count {
            let u = Int(queue[head]); head += 1
            for k in Int(offset[u])..<Int(offset[u + 1]) {
                let e = Int(incident[k])
                let v = Int(network.source[e]) == u ? Int(network.target[e]) : Int(network.source[e])
                if parentArc[v] == -2 { parentArc[v] = Int32(e); queue.append(Int32(v)) }
            }
        }
        guard queue.count == n else { return nil }
        return SpanningTreeStart(root: root, parentArc: parentArc, flow: flow)
    }
}
