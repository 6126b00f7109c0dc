extension SimplexEngine {
    /// Installs a caller's basis after checking that it is one: a spanning tree reaching every
    /// node from `root`, a flow within bounds that meets the supplies, non-tree arcs at a
    /// bound, and strong feasibility; then computes the potentials from the root down.
    /// - Complexity: `O(nodes + arcs)`.
    func install(_ start: SpanningTreeStart) throws(FlowError) {
        func bad(_ s: String) -> FlowError { .invalidStart(s) }
        guard start.parentArc.count == nodes else { throw bad("parentArc needs one entry per node") }
        guard nodes > 0, start.root >= 0, Int(start.root) < nodes else { throw bad("root \(start.root) is not a node") }
        let excess = UnsafeMutablePointer<Int64>.allocate(capacity: nodes)
        defer { excess.deallocate() }
        excess.initialize(from: supply, count: nodes)
        for e in 0..<arcs {
            let f = flow[e]
            guard f >= 0, f <= capacity[e] else { throw bad("arc \(e): flow \(f) outside [0, \(capacity[e])]") }
            position[e] = f == 0 ? .atLower : .atUpper
            excess[Int(tail[e])] -= f
            excess[Int(head[e])] += f
        }
        if let v = (0..<nodes).first(where: { excess[$0] != 0 }) { throw bad("node \(v): the flow does not meet its supply") }
        for v in 0..<nodes {
            if v == Int(start.root) {
                guard start.parentArc[v] == -1 else { throw bad("the root has a parent arc") }
                continue
            }
            let e = Int(start.parentArc[v])
            guard e >= 0, e < arcs else { throw bad("node \(v): parent arc \(e) is not an arc") }
            guard position[e] != .inTree else { throw bad("arc \(e) is the parent arc of two nodes") }
            let above: Int32
            let pointsUp: Bool
            if Int(tail[e]) == v { above = head[e]; pointsUp = true } else if Int(head[e]) == v { above = tail[e]; pointsUp = false } else {
                throw bad("node \(v): parent arc \(e) does not touch it")
            }
            // Strong feasibility (AMO §11.6): a positive amount can go from v to the root, so an
            // arc towards the root has room left and an arc away from it carries flow.
            if pointsUp {
                guard flow[e] < capacity[e] else { throw bad("arc \(e) points to the root at capacity") }
            } else {
                guard flow[e] > 0 else { throw bad("arc \(e) points away from the root with zero flow") }
            }
            position[e] = .inTree
            parent[v] = above; parentArc[v] = Int32(e)
        }
        for e in 0..<arcs where position[e] == .atUpper && flow[e] != capacity[e] {
            throw bad("arc \(e) is outside the tree with flow strictly between its bounds")
        }
        for v in 0..<nodes where v != Int(start.root) { attach(Int32(v), under: parent[v]) }
        // AMO §11.3, computing the potentials: π(root) = 0, and down the tree each node takes
        // the value that makes its parent arc's reduced cost zero: π(j) = π(i) − c_ij for a tree
        // arc (i, j) from the parent i, π(j) = π(i) + c_ji for an arc (j, i) into it.
        var reached = 0
        walkSubtree(of: root) { v in
            reached += 1
            let e = Int(parentArc[Int(v)])
            guard e >= 0 else { return }
            let above = potential[Int(parent[Int(v)])]
            potential[Int(v)] = head[e] == v ? above - cost[e] : above + cost[e]
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

    /// Adds `change` to the potential of `top` and of every node below it: what keeps tree
    /// arcs' reduced costs at zero when the arc above `top` changes (a pivot hangs the subtree
    /// by a new arc; a session changes that arc's cost). - Complexity: `O(subtree size)`.
    @inline(__always) func shiftPotentials(of top: Int32, by change: Int64) {
        walkSubtree(of: top) { v in potential[Int(v)] &+= change }
    }

    /// The apex of a pivot cycle (AMO p. 416): the lowest node that is an ancestor of both `a`
    /// and `b`.
    ///
    /// Climbs one step from each side in turn, stamping the nodes passed with a stamp of its
    /// side; the first node one side reaches that bears the other side's stamp is the apex.
    /// - Complexity: `O(longer of the two paths to the apex)`.
    @inline(__always) func apex(_ a: Int32, _ b: Int32) -> Int32 {
        if a == b { return a }
        if lastStamp >= UInt32.max - 2 {
            stamp.update(repeating: 0, count: nodes)
            lastStamp = 0
        }
        let mine = lastStamp &+ 1, theirs = lastStamp &+ 2
        lastStamp = theirs
        var x = a, y = b
        stamp[Int(x)] = mine
        stamp[Int(y)] = theirs
        while true {
            if x != root {
                x = parent[Int(x)]
                if stamp[Int(x)] == theirs { return x }
                stamp[Int(x)] = mine
            }
            if y != root {
                y = parent[Int(y)]
                if stamp[Int(y)] == mine { return y }
                stamp[Int(y)] = theirs
            }
        }
    }

    /// Cuts the subtree of `cut` from its parent and hangs it from `newParent` by `arc`, with
    /// `newRoot` (a node of that subtree) as its root: the parent links on the path from
    /// `newRoot` up to `cut` turn round, each node taking the arc that joined it to its child.
    /// - Complexity: `O(path from newRoot to cut)`.
    @inline(__always) func rehang(from newRoot: Int32, upTo cut: Int32, under newParent: Int32, by arc: Int32) {
        var child = newRoot, above = newParent, link = arc
        while true {
            let oldParent = parent[Int(child)], oldLink = parentArc[Int(child)]
            detach(child, from: oldParent)
            parent[Int(child)] = above
            parentArc[Int(child)] = link
            attach(child, under: above)
            if child == cut { return }
            above = child
            link = oldLink
            child = oldParent
        }
    }
}
