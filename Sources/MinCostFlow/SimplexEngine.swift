/// The working state of one ``NetworkSimplex`` solve: flows, arc states, the spanning tree and
/// the node potentials in manually allocated buffers, beside read-only pointers into the
/// network's own arrays (no copy of the arcs is made; the pivot loop reads them millions of
/// times through unchecked pointers).
///
/// Nodes `0..<realNodes` and arcs `0..<realArcs` are the caller's; with an artificial start one
/// more node, the artificial root, follows, and arcs `realArcs..<arcs` join it to every node.
///
/// The notation follows Ahuja, Magnanti and Orlin, *Network Flows* (1993), ch. 11: a basis is a
/// spanning tree structure (T, L, U), arc (i, j) has reduced cost `c_ij − π(i) + π(j)` (p. 43),
/// and the potentials make it zero on every tree arc. The engine's files hold one step each:
/// the tree and its basis check (`SimplexEngine+Tree.swift`), the choice of the entering arc
/// (`+Pricing`), the pivot cycle and its update (`+Pivot`), and the invariant check.
final class SimplexEngine {
    /// Nodes and arcs of the network being solved (with an artificial start, the augmented one).
    let nodes: Int, arcs: Int
    /// The caller's network: its nodes and arcs come first; any beyond are artificial.
    let realNodes: Int, realArcs: Int
    let root: Int32

    // Arcs: the network's own storage, read only, and the engine's flows and positions.
    let tail: UnsafePointer<Int32>
    let head: UnsafePointer<Int32>
    let cost: UnsafePointer<Int64>
    let capacity: UnsafePointer<Int64>
    let flow: UnsafeMutablePointer<Int64>
    /// Where each arc stands in the basis: T, L or U.
    let position: UnsafeMutablePointer<NetworkSimplex.ArcState>
    let supply: UnsafePointer<Int64>

    // Nodes: the tree as parent pointers and doubly linked child lists (-1 for none).
    /// π(i), in the book's sign: `c_ij − π(i) + π(j)` is zero on tree arcs.
    let potential: UnsafeMutablePointer<Int64>
    let parent: UnsafeMutablePointer<Int32>
    let parentArc: UnsafeMutablePointer<Int32>
    let firstChild: UnsafeMutablePointer<Int32>
    let nextSibling: UnsafeMutablePointer<Int32>
    let prevSibling: UnsafeMutablePointer<Int32>
    /// Stamps of the apex search: each pivot takes two fresh values, one per side.
    let stamp: UnsafeMutablePointer<UInt32>
    var lastStamp: UInt32 = 0
    /// Scratch for one pivot: the nodes of the cycle's path from the apex down to the node the
    /// cycle leaves by the entering arc, stored bottom first.
    let descent: UnsafeMutablePointer<Int32>

    var pivots = 0
    var checkEveryPivot = false
    /// Asked every ``stopCheckInterval`` pivots; true ends the run without a result.
    var shouldStop: (@Sendable () -> Bool)?
    /// Pivots between two stop checks (a power of two): a check costs far less than them.
    static let stopCheckInterval = 1024

    /// Installs `start` on the network whose arrays are given; `flow` holds the start's flows
    /// and is updated in place. All arrays must outlive the engine.
    /// - Complexity: `O(nodes + arcs)`.
    init(nodes: Int, tail: UnsafePointer<Int32>, head: UnsafePointer<Int32>, cost: UnsafePointer<Int64>,
         capacity: UnsafePointer<Int64>, supply: UnsafePointer<Int64>, flow: UnsafeMutablePointer<Int64>, arcs: Int,
         realNodes: Int, realArcs: Int, start: SpanningTreeStart) throws(FlowError) {
        self.nodes = nodes; self.arcs = arcs
        self.realNodes = realNodes; self.realArcs = realArcs
        self.tail = tail; self.head = head; self.cost = cost; self.capacity = capacity; self.supply = supply
        root = start.root
        let a = max(1, arcs), n = max(1, nodes)
        self.flow = flow
        position = .allocate(capacity: a)
        position.initialize(repeating: .atLower, count: a)
        potential = .allocate(capacity: n); parent = .allocate(capacity: n)
        parentArc = .allocate(capacity: n); firstChild = .allocate(capacity: n)
        nextSibling = .allocate(capacity: n); prevSibling = .allocate(capacity: n)
        stamp = .allocate(capacity: n); descent = .allocate(capacity: n)
        stamp.initialize(repeating: 0, count: n)
        firstChild.initialize(repeating: -1, count: n)
        nextSibling.initialize(repeating: -1, count: n)
        prevSibling.initialize(repeating: -1, count: n)
        potential.initialize(repeating: 0, count: n)
        parent.initialize(repeating: -1, count: n)
        parentArc.initialize(repeating: -1, count: n)
        try install(start)
    }

    deinit {
        for p in [parent, parentArc, firstChild, nextSibling, prevSibling, descent] { p.deallocate() }
        potential.deallocate(); position.deallocate(); stamp.deallocate()
    }

    /// The reduced cost `c_ij − π(i) + π(j)` of arc `a` (AMO p. 43). Wrapping arithmetic is safe:
    /// ``FlowNetwork/validate()`` keeps every potential below 2⁶⁰ in magnitude.
    @inline(__always) func reducedCost(_ a: Int) -> Int64 {
        cost[a] &- potential[Int(tail[a])] &+ potential[Int(head[a])]
    }

    /// The network simplex's main loop (AMO Figure 11.9, p. 415): while some arc outside the
    /// tree violates its optimality condition, it enters and one arc of its cycle leaves.
    /// Returns the status once none is left, or `.unbounded` when a cycle can carry unlimited
    /// flow; nil when ``shouldStop`` asked it to end first. - Complexity: see ``NetworkSimplex``.
    func run() -> FlowStatus? {
        var pricing = BlockPricing(blockLength: NetworkSimplex.blockSize(arcs: arcs))
        while true {
            #if MINCOSTFLOW_INVARIANTS
            if checkEveryPivot { checkInvariants() }
            #endif
            if pivots & (Self.stopCheckInterval - 1) == 0, let shouldStop, shouldStop() { return nil }
            guard let entering = selectEnteringArc(&pricing) else { break }
            guard pivot(entering: entering) else { return .unbounded }
            pivots += 1
        }
        let usesArtificialArc = (realArcs..<arcs).contains { flow[$0] > 0 }
        return usesArtificialArc ? .infeasible : .optimal
    }

    /// Potentials and the basis of the caller's network (the caller adds the flows, which the
    /// engine changed in place).
    func result(status: FlowStatus) throws(FlowError) -> NetworkSimplex.Result {
        let pots = Array(UnsafeBufferPointer(start: potential, count: realNodes))
        let states = Array(UnsafeBufferPointer(start: position, count: realArcs))
        var total: Int64 = 0
        for e in 0..<realArcs where flow[e] != 0 {
            let (product, o1) = flow[e].multipliedReportingOverflow(by: cost[e])
            let (sum, o2) = total.addingReportingOverflow(product)
            guard !o1, !o2 else { throw .overflow("the total cost leaves Int64") }
            total = sum
        }
        let real = !(realArcs..<arcs).contains { position[$0] == .inTree }
        return NetworkSimplex.Result(status: status, flow: [], potential: pots, totalCost: total,
                                     pivots: pivots, arcState: states, basisIsReal: real)
    }
}
