extension SimplexEngine {
    /// Whether ``checkInvariants()`` exists in this build (tests assert it does in theirs).
    #if MINCOSTFLOW_INVARIANTS
    static let invariantsCompiled = true
    #else
    static let invariantsCompiled = false
    #endif
}

#if MINCOSTFLOW_INVARIANTS
extension SimplexEngine {
    /// Checks everything the pivot loop relies on and stops the process naming the first
    /// broken invariant: the parent links and child lists describe one spanning tree of
    /// `nodes − 1` tree arcs hanging from the root; tree arcs have zero reduced cost; arcs
    /// outside the tree sit at the bound their position names; flows lie within bounds and
    /// meet the supplies; the tree is strongly feasible.
    /// Compiled only with `MINCOSTFLOW_INVARIANTS` (debug builds); run after every pivot by the
    /// tests on small networks. - Complexity: `O(nodes + arcs)`.
    func checkInvariants() {
        func fail(_ s: String) -> Never { preconditionFailure("network simplex invariant: " + s) }
        var treeArcs = 0
        for e in 0..<arcs where position[e] == .inTree { treeArcs += 1 }
        if treeArcs != nodes - 1 { fail("\(treeArcs) tree arcs for \(nodes) nodes") }
        if parent[Int(root)] != -1 { fail("the root has a parent") }
        var children = 0
        for u in 0..<nodes {
            var c = firstChild[u], before: Int32 = -1
            while c >= 0 {
                children += 1
                if parent[Int(c)] != Int32(u) { fail("node \(c) listed under \(u) but its parent is \(parent[Int(c)])") }
                if prevSibling[Int(c)] != before { fail("broken sibling links at \(c)") }
                before = c
                c = nextSibling[Int(c)]
            }
        }
        if children != nodes - 1 { fail("\(children) listed children for \(nodes) nodes") }
        var reached = 0
        walkSubtree(of: root) { _ in reached += 1 }
        if reached != nodes { fail("the tree reaches \(reached) of \(nodes) nodes") }
        var excess = [Int64](repeating: 0, count: nodes)
        for e in 0..<arcs {
            let f = flow[e]
            if f < 0 || f > capacity[e] { fail("arc \(e): flow \(f) outside [0, \(capacity[e])]") }
            excess[Int(tail[e])] += f
            excess[Int(head[e])] -= f
            switch position[e] {
            case .atLower: if f != 0 { fail("arc \(e) in L with flow \(f)") }
            case .atUpper: if f != capacity[e] { fail("arc \(e) in U with flow \(f)") }
            case .inTree: if reducedCost(e) != 0 { fail("tree arc \(e) has a non-zero reduced cost") }
            }
        }
        for v in 0..<nodes where v != Int(root) {
            let e = Int(parentArc[v])
            if position[e] != .inTree { fail("parent arc \(e) of \(v) is not a tree arc") }
            let towardsRoot = Int(tail[e]) == v
            if towardsRoot && headroom(e) == 0 { fail("arc \(e) points to the root at capacity") }
            if !towardsRoot && flow[e] == 0 { fail("arc \(e) points away from the root with zero flow") }
        }
        for v in 0..<realNodes where excess[v] != supply[v] { fail("node \(v): the flow does not meet its supply") }
    }
}
#endif
