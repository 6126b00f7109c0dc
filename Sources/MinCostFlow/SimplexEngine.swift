/// The working state of one ``NetworkSimplex`` solve: flows, arc states, the spanning tree and
/// the node potentials in manually allocated buffers, beside read-only pointers into the
/// network's own arrays (no copy of the arcs is made; the pivot loop reads them millions of
/// times through unchecked pointers).
///
/// Nodes `0..<realNodes` and arcs `0..<realArcs` are the caller's; with an artificial start one
/// more node, the artificial root, follows, and arcs `realArcs..<arcs` join it to every node.
final class SimplexEngine {
    /// Nodes and arcs of the network being solved (with an artificial start, the augmented one).
    let nodes: Int, arcs: Int
    /// The caller's network: its nodes and arcs come first; any beyond are artificial.
    let realNodes: Int, realArcs: Int
    let root: Int32

    // Arcs: the network's own storage, read only, and the engine's flows and states.
    let tail: UnsafePointer<Int32>
    let head: UnsafePointer<Int32>
    let cost: UnsafePointer<Int64>
    let capacity: UnsafePointer<Int64>
    let flow: UnsafeMutablePointer<Int64>
    /// +1 outside the tree at zero, −1 outside the tree at capacity, 0 in the tree
    /// (the raw values of ``NetworkSimplex/ArcState``).
    let state: UnsafeMutablePointer<Int8>
    let supply: UnsafePointer<Int64>

    // Nodes: the tree as parent pointers and doubly linked child lists (-1 for none).
    let potential: UnsafeMutablePointer<Int64>
    let parent: UnsafeMutablePointer<Int32>
    let parentArc: UnsafeMutablePointer<Int32>
    let firstChild: UnsafeMutablePointer<Int32>
    let nextSibling: UnsafeMutablePointer<Int32>
    let prevSibling: UnsafeMutablePointer<Int32>
    /// Stamps of the apex search: each pivot takes two fresh values, one per side.
    let stamp: UnsafeMutablePointer<UInt32>
    var lastStamp: UInt32 = 0

    var pivots = 0
    var checkEveryPivot = false

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
        state = .allocate(capacity: a)
        potential = .allocate(capacity: n); parent = .allocate(capacity: n)
        parentArc = .allocate(capacity: n); firstChild = .allocate(capacity: n)
        nextSibling = .allocate(capacity: n); prevSibling = .allocate(capacity: n)
        stamp = .allocate(capacity: n)
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
        for p in [parent, parentArc, firstChild, nextSibling, prevSibling] { p.deallocate() }
        potential.deallocate(); state.deallocate(); stamp.deallocate()
    }

    /// Installs a caller's basis after checking that it is one: a spanning tree reaching every
    /// node from `root`, a flow within bounds that meets the supplies, non-tree arcs at a
    /// bound, and strong feasibility.
    private func install(_ start: SpanningTreeStart) throws(FlowError) {
        func bad(_ s: String) -> FlowError { .invalidStart(s) }
        guard start.parentArc.count == nodes else { throw bad("parentArc needs one entry per node") }
        guard nodes > 0, start.root >= 0, Int(start.root) < nodes else { throw bad("root \(start.root) is not a node") }
        let balance = UnsafeMutablePointer<Int64>.allocate(capacity: nodes)
        defer { balance.deallocate() }
        balance.initialize(from: supply, count: nodes)
        let lower = NetworkSimplex.ArcState.lower.rawValue, upper = NetworkSimplex.ArcState.upper.rawValue
        let tree = NetworkSimplex.ArcState.tree.rawValue
        for e in 0..<arcs {
            let f = flow[e]
            guard f >= 0, f <= capacity[e] else { throw bad("arc \(e): flow \(f) outside [0, \(capacity[e])]") }
            state[e] = f == 0 ? lower : upper
            balance[Int(tail[e])] -= f
            balance[Int(head[e])] += f
        }
        if let v = (0..<nodes).first(where: { balance[$0] != 0 }) { throw bad("node \(v): the flow does not meet its supply") }
        for v in 0..<nodes {
            if v == Int(start.root) {
                guard start.parentArc[v] == -1 else { throw bad("the root has a parent arc") }
                continue
            }
            let e = Int(start.parentArc[v])
            guard e >= 0, e < arcs else { throw bad("node \(v): parent arc \(e) is not an arc") }
            guard state[e] != tree else { throw bad("arc \(e) is the parent arc of two nodes") }
            let u: Int32
            if Int(tail[e]) == v { u = head[e] } else if Int(head[e]) == v { u = tail[e] } else {
                throw bad("node \(v): parent arc \(e) does not touch it")
            }
            // Strong feasibility: towards the root below capacity, away from it above zero.
            if Int(tail[e]) == v {
                guard flow[e] < capacity[e] else { throw bad("arc \(e) points to the root at capacity") }
            } else {
                guard flow[e] > 0 else { throw bad("arc \(e) points away from the root with zero flow") }
            }
            state[e] = tree
            parent[v] = u; parentArc[v] = Int32(e)
        }
        for e in 0..<arcs where state[e] == upper && flow[e] != capacity[e] {
            throw bad("arc \(e) is outside the tree with flow strictly between its bounds")
        }
        for v in 0..<nodes where v != Int(start.root) { attach(Int32(v), under: parent[v]) }
        // Every node must hang from the root: a walk of the tree from it must reach all nodes.
        var reached = 0
        walkSubtree(of: root) { v in
            reached += 1
            let e = Int(parentArc[Int(v)])
            guard e >= 0 else { return }
            let up = potential[Int(parent[Int(v)])]
            potential[Int(v)] = Int(tail[e]) == Int(v) ? up - cost[e] : up + cost[e]
        }
        guard reached == nodes else { throw bad("the parent arcs do not form one tree hanging from the root") }
    }

    /// Adds `v` at the front of `u`'s child list. `O(1)`.
    @inline(__always) func attach(_ v: Int32, under u: Int32) {
        let first = firstChild[Int(u)]
        nextSibling[Int(v)] = first
        prevSibling[Int(v)] = -1
        if first >= 0 { prevSibling[Int(first)] = v }
        firstChild[Int(u)] = v
    }

    /// Removes `v` from its parent `u`'s child list. `O(1)`.
    @inline(__always) func detach(_ v: Int32, from u: Int32) {
        let before = prevSibling[Int(v)], after = nextSibling[Int(v)]
        if before >= 0 { nextSibling[Int(before)] = after } else { firstChild[Int(u)] = after }
        if after >= 0 { prevSibling[Int(after)] = before }
    }

    /// Calls `body` on `top` and every node below it, parents before children, walking the
    /// child lists without a stack. - Complexity: `O(subtree size)`.
    @inline(__always) func walkSubtree(of top: Int32, _ body: (Int32) -> Void) {
        var v = top
        while true {
            body(v)
            let child = firstChild[Int(v)]
            if child >= 0 { v = child; continue }
            while v != top && nextSibling[Int(v)] < 0 { v = parent[Int(v)] }
            if v == top { return }
            v = nextSibling[Int(v)]
        }
    }

    /// Pivots until no arc violates optimality or an unbounded cycle is found.
    /// - Complexity: see ``NetworkSimplex``.
    func run() -> FlowStatus {
        let block = NetworkSimplex.blockSize(arcs: arcs)
        var cursor = 0
        while true {
            #if MINCOSTFLOW_INVARIANTS
            if checkEveryPivot { checkInvariants() }
            #endif
            let entering = price(from: &cursor, block: block)
            if entering < 0 { break }
            guard pivot(on: entering) else { return .unbounded }
            pivots += 1
        }
        let artificialFlow = (realArcs..<arcs).contains { flow[$0] > 0 }
        return artificialFlow ? .infeasible : .optimal
    }

    /// Block pricing: reads arcs round-robin from `cursor` and returns the most violating arc
    /// of the first block that has one, or -1 when a whole round finds none (optimal).
    /// - Complexity: `O(block)` per block read; `O(arcs)` for the last, proving round.
    @inline(__always) func price(from cursor: inout Int, block: Int) -> Int {
        var best = -1
        var bestScore: Int64 = 0
        var e = cursor
        var left = arcs
        while left > 0 {
            // Read up to one block, stopping at the end of the arc array to avoid a wrap test.
            let n = min(block, left, arcs - e)
            let end = e + n
            while e < end {
                let rc = cost[e] &+ potential[Int(tail[e])] &- potential[Int(head[e])]
                // Negative exactly when the arc violates optimality (tree arcs give 0).
                let score = Int64(state[e]) &* rc
                if score < bestScore { bestScore = score; best = e }
                e += 1
            }
            left -= n
            if e == arcs { e = 0 }
            if best >= 0 { break }
        }
        cursor = e
        return best
    }

    /// Potentials and the basis of the caller's network (the caller adds the flows, which the
    /// engine changed in place).
    func result(status: FlowStatus) throws(FlowError) -> NetworkSimplex.Result {
        let pots = Array(UnsafeBufferPointer(start: potential, count: realNodes))
        let states = [NetworkSimplex.ArcState](unsafeUninitializedCapacity: realArcs) { out, filled in
            for e in 0..<realArcs {
                out[e] = state[e] == 0 ? .tree : (state[e] > 0 ? .lower : .upper)
            }
            filled = realArcs
        }
        var total: Int64 = 0
        for e in 0..<realArcs where flow[e] != 0 {
            let (product, o1) = flow[e].multipliedReportingOverflow(by: cost[e])
            let (sum, o2) = total.addingReportingOverflow(product)
            guard !o1, !o2 else { throw .overflow("the total cost leaves Int64") }
            total = sum
        }
        let real = !(realArcs..<arcs).contains { state[$0] == NetworkSimplex.ArcState.tree.rawValue }
        return NetworkSimplex.Result(status: status, flow: [], potential: pots, totalCost: total,
                                     pivots: pivots, arcState: states, basisIsReal: real)
    }
}
