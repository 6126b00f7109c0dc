/// Working arrays of one network simplex run (see ``NetworkSimplex``), in manually
/// allocated buffers so the pivot loop runs without bounds checks or copy-on-write.
final class SimplexState {
    static let up: Int8 = 1, down: Int8 = -1
    static let lower: Int8 = 1, tree: Int8 = 0, upper: Int8 = -1

    let nodeNum: Int      // real nodes
    let arcNum: Int       // real arcs
    var allArcNum: Int    // real + artificial
    var searchArcNum: Int // arcs that may enter
    var root: Int

    // Arcs.
    let source: UnsafeMutablePointer<Int32>
    let target: UnsafeMutablePointer<Int32>
    let cap: UnsafeMutablePointer<Int64>
    let cost: UnsafeMutablePointer<Int64>
    let flow: UnsafeMutablePointer<Int64>
    let state: UnsafeMutablePointer<Int8>
    // Nodes (nodeNum + 1 with the root).
    let pi: UnsafeMutablePointer<Int64>
    let parent: UnsafeMutablePointer<Int32>
    let pred: UnsafeMutablePointer<Int32>
    let predDir: UnsafeMutablePointer<Int8>
    let thread: UnsafeMutablePointer<Int32>
    let revThread: UnsafeMutablePointer<Int32>
    let succNum: UnsafeMutablePointer<Int32>
    let lastSucc: UnsafeMutablePointer<Int32>
    var dirtyRevs: [Int32] = []

    // Pivot state.
    var inArc = 0, join = 0, uIn = 0, vIn = 0, uOut = 0, vOut = 0
    var delta: Int64 = 0
    var nextArc = 0
    var blockSize = 0
    var pivots = 0
    let infinity = FlowNetwork.unbounded

    init(_ net: FlowNetwork) {
        nodeNum = net.nodeCount
        arcNum = net.arcCount
        let maxArcs = arcNum + nodeNum
        allArcNum = arcNum
        searchArcNum = arcNum
        root = nodeNum
        source = .allocate(capacity: maxArcs); target = .allocate(capacity: maxArcs)
        cap = .allocate(capacity: maxArcs); cost = .allocate(capacity: maxArcs)
        flow = .allocate(capacity: maxArcs); state = .allocate(capacity: maxArcs)
        let n = nodeNum + 1
        pi = .allocate(capacity: n); parent = .allocate(capacity: n); pred = .allocate(capacity: n)
        predDir = .allocate(capacity: n); thread = .allocate(capacity: n); revThread = .allocate(capacity: n)
        succNum = .allocate(capacity: n); lastSucc = .allocate(capacity: n)
        net.source.withUnsafeBufferPointer { source.initialize(from: $0.baseAddress!, count: arcNum) }
        net.target.withUnsafeBufferPointer { target.initialize(from: $0.baseAddress!, count: arcNum) }
        net.capacity.withUnsafeBufferPointer { cap.initialize(from: $0.baseAddress!, count: arcNum) }
        net.cost.withUnsafeBufferPointer { cost.initialize(from: $0.baseAddress!, count: arcNum) }
        flow.initialize(repeating: 0, count: maxArcs)
        state.initialize(repeating: Self.lower, count: maxArcs)
        var b = 1
        while b * b < arcNum { b += 1 }
        blockSize = max(10, b)
    }

    deinit {
        for p in [source, target, pred, parent, thread, revThread, succNum, lastSucc] as [UnsafeMutablePointer<Int32>] { p.deallocate() }
        cap.deallocate(); cost.deallocate(); flow.deallocate(); pi.deallocate()
        state.deallocate(); predDir.deallocate()
    }

    /// The artificial start: root node `nodeNum`, one artificial arc per node (LEMON's
    /// initialisation for equality supplies). `O(nodes)`.
    func installArtificial(_ net: FlowNetwork) {
        var costSum: Int64 = 0
        for e in 0..<arcNum { costSum += abs(cost[e]) }
        let artCost = costSum + 1
        root = nodeNum
        parent[root] = -1; pred[root] = -1
        thread[root] = nodeNum == 0 ? Int32(root) : 0
        revThread[0] = Int32(root)
        succNum[root] = Int32(nodeNum + 1)
        lastSucc[root] = Int32(nodeNum == 0 ? root : root - 1)
        pi[root] = 0
        predDir[root] = Self.up
        allArcNum = arcNum + nodeNum
        searchArcNum = arcNum
        for u in 0..<nodeNum {
            let e = arcNum + u
            parent[u] = Int32(root); pred[u] = Int32(e)
            thread[u] = Int32(u + 1); revThread[u + 1] = Int32(u)
            succNum[u] = 1; lastSucc[u] = Int32(u)
            cap[e] = infinity; state[e] = Self.tree
            let s = net.supply[u]
            if s >= 0 {
                predDir[u] = Self.up; pi[u] = 0
                source[e] = Int32(u); target[e] = Int32(root); flow[e] = s; cost[e] = 0
            } else {
                predDir[u] = Self.down; pi[u] = artCost
                source[e] = Int32(root); target[e] = Int32(u); flow[e] = -s; cost[e] = artCost
            }
        }
    }

    /// Installs a given strongly feasible spanning tree: parents, thread (preorder), subtree
    /// sizes, last successors and potentials. `O(nodes + arcs)`.
    func install(_ start: SpanningTreeStart, _ net: FlowNetwork) throws(FlowError) {
        guard start.parentArc.count == nodeNum, start.flow.count == arcNum,
              start.root >= 0, Int(start.root) < nodeNum else { throw .invalidStart("sizes do not match the network") }
        root = Int(start.root)
        allArcNum = arcNum; searchArcNum = arcNum
        // Flows: bounds and conservation.
        var balance = net.supply
        for e in 0..<arcNum {
            let f = start.flow[e]
            guard f >= 0, f <= cap[e] else { throw .invalidStart("flow on arc \(e) outside its bounds") }
            flow[e] = f
            balance[Int(source[e])] -= f
            balance[Int(target[e])] += f
        }
        guard balance.allSatisfy({ $0 == 0 }) else { throw .invalidStart("flow does not meet the supplies") }
        // Tree arcs and children lists.
        var childStart = [Int32](repeating: 0, count: nodeNum + 1)
        for e in 0..<arcNum { state[e] = flow[e] == 0 ? Self.lower : Self.upper }
        for u in 0..<nodeNum where u != root {
            let e = Int(start.parentArc[u])
            guard e >= 0, e < arcNum, state[e] != Self.tree else { throw .invalidStart("node \(u) has no valid parent arc") }
            let p: Int
            if Int(source[e]) == u { p = Int(target[e]); predDir[u] = Self.up
                guard flow[e] < cap[e] else { throw .invalidStart("tree arc \(e) points to the root at capacity") }
            } else if Int(target[e]) == u { p = Int(source[e]); predDir[u] = Self.down
                guard flow[e] > 0 else { throw .invalidStart("tree arc \(e) points away from the root with zero flow") }
            } else { throw .invalidStart("arc \(e) does not touch node \(u)") }
            state[e] = Self.tree
            parent[u] = Int32(p); pred[u] = Int32(e)
            childStart[p + 1] += 1
        }
        guard start.parentArc[root] == -1 else { throw .invalidStart("the root has a parent arc") }
        parent[root] = -1; pred[root] = -1; predDir[root] = Self.up
        for i in 0..<nodeNum { childStart[i + 1] += childStart[i] }
        var fill = childStart
        var children = [Int32](repeating: 0, count: max(0, nodeNum - 1))
        for u in 0..<nodeNum where u != root {
            let p = Int(parent[u]); children[Int(fill[p])] = Int32(u); fill[p] += 1
        }
        // Preorder thread from the root (iterative DFS), potentials along the way.
        pi[root] = 0
        var stack: [Int32] = [Int32(root)]
        var order: [Int32] = []
        order.reserveCapacity(nodeNum)
        while let u = stack.popLast() {
            let ui = Int(u)
            if ui != root {
                let e = Int(pred[ui]), p = Int(parent[ui])
                pi[ui] = predDir[ui] == Self.up ? pi[p] - cost[e] : pi[p] + cost[e]
            }
            order.append(u)
            for k in stride(from: Int(childStart[ui + 1]) - 1, through: Int(childStart[ui]), by: -1) { stack.append(children[k]) }
        }
        guard order.count == nodeNum else { throw .invalidStart("the parent arcs do not form a spanning tree") }
        for k in 0..<nodeNum {
            let u = Int(order[k]), v = Int(order[(k + 1) % nodeNum])
            thread[u] = Int32(v); revThread[v] = Int32(u)
        }
        for u in 0..<nodeNum { succNum[u] = 1 }
        // Subtree sizes and last successors bottom-up (reverse preorder).
        for k in stride(from: nodeNum - 1, through: 0, by: -1) {
            let u = Int(order[k])
            if u != root {
                let p = Int(parent[u])
                succNum[p] += succNum[u]
            }
        }
        for k in 0..<nodeNum {
            let u = Int(order[k])
            lastSucc[u] = order[k + Int(succNum[u]) - 1]
        }
    }

    /// Runs pivots to optimality or unboundedness.
    func run() -> FlowStatus {
        while findEnteringArc() {
            findJoinNode()
            let change = findLeavingArc()
            if delta >= infinity { return .unbounded }
            changeFlow(change)
            if change {
                updateTreeStructure()
                updatePotential()
            }
            pivots += 1
        }
        for e in arcNum..<allArcNum where flow[e] != 0 { return .infeasible }
        return .optimal
    }

    /// Block search: the most violating arc of the first block that has one. `O(arcs)` worst case.
    @inline(__always)
    func findEnteringArc() -> Bool {
        var minimum: Int64 = 0
        var count = blockSize
        var e = nextArc
        let n = searchArcNum
        var scanned = 0
        while scanned < n {
            let c = Int64(state[e]) * (cost[e] + pi[Int(source[e])] - pi[Int(target[e])])
            if c < minimum { minimum = c; inArc = e }
            e += 1
            if e == n { e = 0 }
            scanned += 1
            count -= 1
            if count == 0 {
                if minimum < 0 { nextArc = e; return true }
                count = blockSize
            }
        }
        if minimum < 0 { nextArc = e; return true }
        return false
    }

    func findJoinNode() {
        var u = Int(source[inArc]), v = Int(target[inArc])
        while u != v {
            if succNum[u] < succNum[v] { u = Int(parent[u]) } else { v = Int(parent[v]) }
        }
        join = u
    }

    /// Cunningham's rule: the last blocking arc in the cycle's direction. Returns whether the
    /// tree changes (false when the entering arc itself is the blocking one).
    func findLeavingArc() -> Bool {
        let first: Int, second: Int
        if state[inArc] == Self.lower { first = Int(source[inArc]); second = Int(target[inArc]) }
        else { first = Int(target[inArc]); second = Int(source[inArc]) }
        delta = cap[inArc]
        var result = 0
        var u = first
        while u != join {
            let e = Int(pred[u])
            var d = flow[e]
            if predDir[u] == Self.down { d = cap[e] >= infinity ? infinity : cap[e] - d }
            if d < delta { delta = d; uOut = u; result = 1 }
            u = Int(parent[u])
        }
        u = second
        while u != join {
            let e = Int(pred[u])
            var d = flow[e]
            if predDir[u] == Self.up { d = cap[e] >= infinity ? infinity : cap[e] - d }
            if d <= delta { delta = d; uOut = u; result = 2 }
            u = Int(parent[u])
        }
        if result == 1 { uIn = first; vIn = second } else { uIn = second; vIn = first }
        return result != 0
    }

    func changeFlow(_ change: Bool) {
        if delta > 0 {
            let val = Int64(state[inArc]) * delta
            flow[inArc] += val
            var u = Int(source[inArc])
            while u != join { flow[Int(pred[u])] -= Int64(predDir[u]) * val; u = Int(parent[u]) }
            u = Int(target[inArc])
            while u != join { flow[Int(pred[u])] += Int64(predDir[u]) * val; u = Int(parent[u]) }
        }
        if change {
            state[inArc] = Self.tree
            let e = Int(pred[uOut])
            state[e] = flow[e] == 0 ? Self.lower : Self.upper
        } else {
            state[inArc] = -state[inArc]
        }
    }
}
