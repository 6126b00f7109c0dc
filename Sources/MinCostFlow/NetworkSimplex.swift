/// # Primal network simplex for min-cost flow
///
/// Finds a flow of least total cost `Σ cost·flow` that meets every node's supply within the
/// arc capacities, exactly in `Int64`, together with optimal node potentials.
///
/// **Method.** The primal network simplex as set out by Ahuja, Magnanti and Orlin, *Network
/// Flows* (1993), ch. 11, in the book's notation. A basis is a spanning tree structure
/// (T, L, U): every arc outside the tree T sits at zero (L) or at its capacity (U). Node
/// potentials π make every tree arc's reduced cost `c^π_ij = c_ij − π(i) + π(j)` zero. An arc
/// in L with `c^π < 0` or in U with `c^π > 0` is *eligible*; it enters the tree, flow moves
/// round the cycle it closes as far as the cycle allows, and a blocking arc of that cycle
/// leaves. No eligible arc left means the flow is optimal and the potentials prove it
/// (AMO conditions 11.1, p. 408).
///
/// - The tree is kept *strongly feasible* (from every node a positive amount can be sent to
///   the root along tree arcs) and the leaving arc is the last blocking arc met when the cycle
///   is traversed in its orientation from its apex (Cunningham, "A network simplex method",
///   *Mathematical Programming* 11, 1976; AMO §11.6). This rules out cycling on degenerate
///   pivots.
/// - Entering arcs are found by block pricing (Grigoriadis, "An efficient implementation of the
///   network simplex method", *Mathematical Programming Study* 26, 1986): the arcs are read
///   round-robin in blocks of ``blockSize(arcs:)``; the most violating arc of the first block
///   holding an eligible one enters.
/// - The tree is stored by parent pointers with doubly linked child lists. The apex of a pivot
///   cycle is found by climbing from both ends of the entering arc in turn and stamping the
///   nodes passed; cutting a subtree, turning it round on its new root and hanging it from the
///   other end of the entering arc relinks only the nodes on the path between the two; the
///   potentials of the moved subtree change by one constant, applied by a walk over its child
///   lists without a stack.
///
/// **Start.** With no start, one artificial root joins every node by an arc of cost
/// `1 + Σ|cost|` that carries the node's supply; that cost is large enough that an optimal
/// basis keeps flow on an artificial arc only when no feasible flow exists (any cycle through
/// the root uses two artificial arcs and at most `Σ|cost|` of real ones). With a
/// ``SpanningTreeStart``, e.g. the greedy assignment of the matching model or the previous
/// optimum of a Lagrangian loop, the solve begins from that basis.
///
/// **Running time.** Each pivot costs the pricing of at least one block (`O(√arcs)`), the
/// apex climb and cycle walk (`O(cycle)`), and the relinking and potential update (`O(moved
/// subtree)`). The number of pivots is not polynomially bounded in the worst case; on the
/// matching models, started from the greedy assignment, it is a fraction of the mentee count.
/// **Memory:** 9 bytes per arc and 36 per node beside the network, whose arrays are read in
/// place; the result copies flows, states and potentials out (17 bytes per arc, 8 per node).
///
/// **Overflow.** ``FlowNetwork/validate()`` keeps `Σ|cost| < 2⁵⁹`, so potentials stay below
/// `2⁶⁰` in magnitude and reduced costs below `2⁶²`; flow changes are exact, and the total
/// cost is summed with overflow checks (``FlowError/overflow(_:)``).
///
/// **Example.**
/// ```swift
/// var net = FlowNetwork(nodeCount: 3)
/// net.supply = [2, 0, -2]
/// net.addArc(from: 0, to: 1, capacity: 2, cost: 1)
/// net.addArc(from: 1, to: 2, capacity: 1, cost: 1)
/// net.addArc(from: 0, to: 2, capacity: 5, cost: 3)
/// let r = try NetworkSimplex.solve(net)   // r.status == .optimal, r.totalCost == 5
/// ```
public enum NetworkSimplex {
    /// What a solve found: the status, each arc's flow, each node's potential π (the reduced
    /// cost of arc e is `cost[e] − potential[source] + potential[target]`, AMO's sign), the
    /// total cost, the number of pivots and the final basis.
    public struct Result: Sendable {
        /// Optimal, infeasible or unbounded.
        public var status: FlowStatus
        /// Each arc's flow (empty unless optimal or the solve ended otherwise with one).
        public var flow: [Int64]
        /// Each node's potential π.
        public var potential: [Int64]
        /// `Σ cost·flow` over the caller's arcs.
        public var totalCost: Int64
        /// Pivots taken.
        public var pivots: Int
        /// Where each arc stands in the final basis.
        public var arcState: [ArcState]
        /// True when the final tree holds real arcs only (always so from a ``SpanningTreeStart``);
        /// then `arcState` is a complete basis of the network's linear programme.
        public var basisIsReal: Bool
    }

    /// An arc's place in a basis (AMO's T, L and U): in the spanning tree, or outside it at its
    /// lower bound (zero) or at its capacity.
    public enum ArcState: UInt8, Sendable {
        /// In the tree (T), or outside it at zero (L) or at capacity (U).
        case inTree, atLower, atUpper
    }

    /// Solves `network`, from `start` when one is given. The start's flow array becomes the
    /// result's (no copy when the caller passes a start it does not keep).
    /// `until`, when given, is asked every few pivots (``SimplexEngine`` checks every 1,024) and
    /// ends the solve when it answers true: a caller's cancel, from any thread.
    /// - Throws: ``FlowError`` when the network fails ``FlowNetwork/validate()``, the start is
    ///   not a strongly feasible basis, the total cost leaves `Int64`, or `until` ended the solve
    ///   (``FlowError/stopped``).
    /// - Complexity: see the type's documentation.
    public static func solve(_ network: FlowNetwork, start: consuming SpanningTreeStart? = nil,
                             until stop: (@Sendable () -> Bool)? = nil) throws(FlowError) -> Result {
        try solve(network, start: start, checkEveryPivot: false, until: stop)
    }

    /// The same, optionally checking the engine's invariants after every pivot (tests on small
    /// networks; the check exists only in builds with `MINCOSTFLOW_INVARIANTS` defined).
    static func solve(_ network: FlowNetwork, start: consuming SpanningTreeStart?, checkEveryPivot: Bool,
                      until stop: (@Sendable () -> Bool)? = nil) throws(FlowError) -> Result {
        try network.validate()
        if let given = consume start {
            return try run(network, given, realNodes: network.nodeCount, realArcs: network.arcCount, checkEveryPivot, stop)
        }
        let (augmented, artificial) = network.withArtificialRoot()
        return try run(augmented, artificial, realNodes: network.nodeCount, realArcs: network.arcCount, checkEveryPivot, stop)
    }

    /// Runs the engine on `network`'s own arrays from `start`, moving flows in place in the
    /// start's flow array.
    private static func run(_ network: FlowNetwork, _ start: consuming SpanningTreeStart, realNodes: Int, realArcs: Int,
                            _ checkEveryPivot: Bool, _ stop: (@Sendable () -> Bool)?) throws(FlowError) -> Result {
        var basis = start
        var flow: [Int64] = []
        swap(&flow, &basis.flow)
        guard flow.count == network.arcCount else {
            throw .invalidStart("flow needs one entry per arc")
        }
        var result = try flow.withUnsafeMutableBufferPointer { (flowBuffer) throws(FlowError) in
            try network.source.withUnsafeBufferPointer { (tail) throws(FlowError) in
                try network.target.withUnsafeBufferPointer { (head) throws(FlowError) in
                    try network.cost.withUnsafeBufferPointer { (cost) throws(FlowError) in
                        try network.capacity.withUnsafeBufferPointer { (capacity) throws(FlowError) in
                            try network.supply.withUnsafeBufferPointer { (supply) throws(FlowError) in
                                let engine = try SimplexEngine(
                                    nodes: network.nodeCount, tail: tail.baseAddress ?? dummy32, head: head.baseAddress ?? dummy32,
                                    cost: cost.baseAddress ?? dummy64, capacity: capacity.baseAddress ?? dummy64,
                                    supply: supply.baseAddress ?? dummy64, flow: flowBuffer.baseAddress ?? dummyFlow,
                                    arcs: network.arcCount, realNodes: realNodes, realArcs: realArcs, start: basis)
                                engine.checkEveryPivot = checkEveryPivot
                                engine.shouldStop = stop
                                guard let status = engine.run() else { throw .stopped }
                                return try engine.result(status: status)
                            }
                        }
                    }
                }
            }
        }
        flow.removeLast(network.arcCount - realArcs)
        result.flow = flow
        return result
    }

    /// Stand-ins for the base address of an empty array (never read).
    private nonisolated(unsafe) static let dummy32 = UnsafePointer(UnsafeMutablePointer<Int32>.allocate(capacity: 1))
    private nonisolated(unsafe) static let dummy64 = UnsafePointer(UnsafeMutablePointer<Int64>.allocate(capacity: 1))
    private nonisolated(unsafe) static let dummyFlow = UnsafeMutablePointer<Int64>.allocate(capacity: 1)

    /// Arcs priced per block: `⌈√arcs⌉`, at least 64. Measured on tier L's matching model
    /// (2.75 million arcs): a quarter or half of that was as fast, twice or four times as large
    /// 25 % and 65 % slower (docs/design-notes.md, point 8).
    static func blockSize(arcs: Int) -> Int { max(64, Int(Double(arcs).squareRoot().rounded(.up))) }
}
