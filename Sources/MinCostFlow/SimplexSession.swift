/// A network simplex solve kept after it ends, so that the same network can be solved again
/// after some arc costs change, starting from the basis the last solve ended on.
///
/// **Why it is exact.** Flows, the spanning tree and strong feasibility do not depend on
/// costs (AMO §11.6 defines strong feasibility by flows and tree alone), so after a cost change
/// the last basis is still a strongly feasible basis of the changed network. Only the node
/// potentials must follow: they are defined by zero reduced costs `c_ij − π(i) + π(j)` on tree
/// arcs (AMO §11.4). A non-tree arc's new cost changes its own reduced cost only. A tree arc's
/// cost rising by δ is absorbed by the side of the tree cut off by that arc, away from the
/// root: every potential there moves by the same amount (up by δ when the arc points towards
/// the root, down by δ when away from it), which zeroes the arc's reduced cost again and keeps
/// every other tree arc's at zero, since both its ends move together. This is the cost
/// sensitivity step of AMO ch. 11 (its section on sensitivity analysis); the main loop then
/// pivots from this basis as from any start (``NetworkSimplex``).
///
/// **Use.** The matching rounds keep one session per core network and express a curator's
/// decisions as cost changes (a rejected pair costs a penalty more, a locked one a penalty
/// less); a re-solve after a few decisions takes a few hundred pivots and no rebuilding.
/// Capacities and supplies are fixed for the session's life.
///
/// **Cost.** Building: the network's arrays copied once (`O(nodes + arcs)`), the start
/// installed as in ``NetworkSimplex/solve(_:start:until:)``. ``setCost(arc:to:)``: `O(1)`
/// for an arc outside the tree, `O(subtree)` for a tree arc. ``solve(until:)``: the pivots it
/// takes, each as in ``NetworkSimplex``, and at least one full pricing pass (`O(arcs)`) to
/// prove the optimum.
///
/// **Exactness bound.** As ``FlowNetwork/validate()`` asks of a fresh network, `Σ|cost|` stays
/// below 2⁵⁹ after every change (``setCost(arc:to:)`` refuses a change that would reach it),
/// so potentials, reduced costs and the total cost stay exact in `Int64`. The per-arc limit of
/// 2⁴⁰ applies to the network it starts from, not to later costs: penalties may exceed it.
///
/// Not `Sendable`: one owner changes and solves it, one call at a time.
public final class SimplexSession {
    /// Nodes and arcs of the network (never changes).
    public let nodeCount: Int, arcCount: Int
    private let arrays: SessionArrays
    private let engine: SimplexEngine
    /// `Σ|cost|` of the current costs.
    private var costMagnitude: Int64
    /// The status of the last ``solve(until:)``; nil before the first or after a cost change.
    public private(set) var status: FlowStatus?
    /// Pivots taken by the last ``solve(until:)``.
    public private(set) var lastPivots = 0
    /// Check the engine's invariants after every pivot (tests; builds with
    /// `MINCOSTFLOW_INVARIANTS` only).
    var checkEveryPivot: Bool {
        get { engine.checkEveryPivot }
        set { engine.checkEveryPivot = newValue }
    }

    /// Keeps a copy of `network` and installs `start` on it (not solved yet: call
    /// ``solve(until:)``).
    /// - Throws: ``FlowError`` when the network fails ``FlowNetwork/validate()`` or the start is
    ///   not a strongly feasible basis of it.
    /// - Complexity: `O(nodes + arcs)`.
    public init(_ network: FlowNetwork, start: SpanningTreeStart) throws(FlowError) {
        try network.validate()
        guard start.flow.count == network.arcCount else { throw .invalidStart("flow needs one entry per arc") }
        nodeCount = network.nodeCount; arcCount = network.arcCount
        let a = SessionArrays(network, flow: start.flow)
        arrays = a
        costMagnitude = network.cost.reduce(0) { $0 + abs($1) }
        engine = try SimplexEngine(nodes: nodeCount, tail: a.tail, head: a.head, cost: a.cost, capacity: a.capacity,
                                   supply: a.supply, flow: a.flow, arcs: arcCount, realNodes: nodeCount,
                                   realArcs: arcCount, start: start)
    }

    /// Runs the network simplex from the current basis to an optimum of the current costs.
    /// `until`, when given, is asked every 1,024 pivots; true ends the run with
    /// ``FlowError/stopped``, and the session keeps the basis it reached (a later call goes on
    /// from there).
    /// - Returns: `.optimal`, or `.unbounded` when a cycle of unbounded arcs has negative cost.
    /// - Complexity: see ``NetworkSimplex``.
    @discardableResult
    public func solve(until stop: (@Sendable () -> Bool)? = nil) throws(FlowError) -> FlowStatus {
        let before = engine.pivots
        engine.shouldStop = stop
        defer { lastPivots = engine.pivots - before; engine.shouldStop = nil }
        guard let found = engine.run() else { throw .stopped }
        status = found
        return found
    }

    /// Sets arc `e`'s cost, keeping the basis and making the potentials fit it again.
    /// - Throws: ``FlowError/overflow(_:)`` when `Σ|cost|` would reach 2⁵⁹ (nothing changes).
    /// - Complexity: `O(1)` outside the tree, `O(nodes below the arc)` for a tree arc.
    public func setCost(arc e: Int, to newCost: Int64) throws(FlowError) {
        precondition(e >= 0 && e < arcCount, "arc \(e) is not an arc")
        let old = arrays.cost[e]
        guard newCost != old else { return }
        let limit = FlowNetwork.costSumLimit
        guard newCost > -limit, newCost < limit else { throw .overflow("the cost of arc \(e) reaches 2^59") }
        let magnitude = costMagnitude - abs(old) + abs(newCost)
        guard magnitude < limit else { throw .overflow("the sum of |cost| would reach 2^59") }
        arrays.cost[e] = newCost
        costMagnitude = magnitude
        status = nil
        if engine.position[e] == .inTree { engine.treeArcCostChanged(e, by: newCost - old) }
    }

    /// Brings arc `e`, outside the tree, into it by one pivot whatever its reduced cost: flow
    /// moves round the cycle `e` closes and the leaving arc is chosen as in every pivot
    /// (Cunningham's rule, which keeps the tree strongly feasible whatever the sign of the
    /// entering arc's reduced cost, AMO §11.6). The flow stays feasible; its cost may rise, and
    /// the next ``solve(until:)`` goes on from there. Used to take flow off an arc before its
    /// cost rises, so that no potentials must move (see ``KeptMatching`` in Pendamping).
    /// - Returns: false, changing nothing, when `e` is in the tree or its cycle could carry
    ///   unlimited flow.
    /// - Complexity: one pivot (see ``NetworkSimplex``).
    @discardableResult
    public func exchange(entering e: Int) -> Bool {
        precondition(e >= 0 && e < arcCount, "arc \(e) is not an arc")
        guard engine.position[e] != .inTree, engine.pivot(entering: e) else { return false }
        status = nil
        return true
    }

    /// Arc `e`'s current cost. `O(1)`.
    public func cost(arc e: Int) -> Int64 { arrays.cost[e] }
    /// Arc `e`'s current flow. `O(1)`.
    public func flow(arc e: Int) -> Int64 { arrays.flow[e] }
    /// Arc `e`'s place in the basis: in the tree, or outside it at zero or at capacity. `O(1)`.
    public func state(arc e: Int) -> NetworkSimplex.ArcState { engine.position[e] }
    /// The tree arcs that carry flow, in the order of the nodes they hang. - Complexity: `O(nodes)`.
    public func treeArcsWithFlow() -> [Int32] {
        var out: [Int32] = []
        for v in 0..<nodeCount {
            let e = engine.parentArc[v]
            if e >= 0 && arrays.flow[Int(e)] > 0 { out.append(e) }
        }
        return out
    }

    /// The network with its current costs (for a certificate check). `O(nodes + arcs)`.
    public var network: FlowNetwork {
        FlowNetwork(supply: Array(UnsafeBufferPointer(start: arrays.supply, count: nodeCount)),
                    source: Array(UnsafeBufferPointer(start: arrays.tail, count: arcCount)),
                    target: Array(UnsafeBufferPointer(start: arrays.head, count: arcCount)),
                    capacity: Array(UnsafeBufferPointer(start: arrays.capacity, count: arcCount)),
                    cost: Array(UnsafeBufferPointer(start: arrays.cost, count: arcCount)))
    }

    /// The flows, potentials, total cost and basis of the last solve as a
    /// ``NetworkSimplex/Result``.
    /// - Throws: ``FlowError/invalid(_:)`` when no solve has ended since the session began or a
    ///   cost last changed; ``FlowError/overflow(_:)`` when the total cost leaves `Int64`.
    /// - Complexity: `O(nodes + arcs)`.
    public func result() throws(FlowError) -> NetworkSimplex.Result {
        guard let status else { throw .invalid("the session has not been solved since its costs last changed") }
        var r = try engine.result(status: status)
        r.flow = Array(UnsafeBufferPointer(start: arrays.flow, count: arcCount))
        return r
    }
}

/// A session's own copy of the network's arrays and its flows, at addresses that stay put for
/// the engine's pointers, freed with the session.
private final class SessionArrays {
    let tail: UnsafeMutablePointer<Int32>, head: UnsafeMutablePointer<Int32>
    let cost: UnsafeMutablePointer<Int64>, capacity: UnsafeMutablePointer<Int64>
    let supply: UnsafeMutablePointer<Int64>, flow: UnsafeMutablePointer<Int64>

    init(_ network: FlowNetwork, flow start: [Int64]) {
        let a = max(1, network.arcCount), n = max(1, network.nodeCount)
        tail = .allocate(capacity: a); head = .allocate(capacity: a)
        cost = .allocate(capacity: a); capacity = .allocate(capacity: a); flow = .allocate(capacity: a)
        supply = .allocate(capacity: n)
        Self.copy(network.source, to: tail); Self.copy(network.target, to: head)
        Self.copy(network.cost, to: cost); Self.copy(network.capacity, to: capacity)
        Self.copy(network.supply, to: supply); Self.copy(start, to: flow)
    }

    deinit {
        tail.deallocate(); head.deallocate()
        for p in [cost, capacity, supply, flow] { p.deallocate() }
    }

    private static func copy<T>(_ values: [T], to target: UnsafeMutablePointer<T>) {
        values.withUnsafeBufferPointer { if let base = $0.baseAddress { target.initialize(from: base, count: $0.count) } }
    }
}

extension SimplexEngine {
    /// Makes tree arc `a`'s reduced cost zero again after its cost changed by `delta`: the
    /// potentials of the subtree below it move together (see ``SimplexSession``), up by `delta`
    /// when `a` leaves that subtree's top node towards its parent, down when it enters it.
    /// - Complexity: `O(subtree size)`.
    func treeArcCostChanged(_ a: Int, by delta: Int64) {
        let below = parentArc[Int(tail[a])] == Int32(a) ? tail[a] : head[a]
        shiftPotentials(of: below, by: below == tail[a] ? delta : 0 &- delta)
    }
}
