extension SimplexEngine {
    /// Room for more flow on arc `a`: `capacity − flow`, or `Int64.max` for an unbounded arc.
    @inline(__always) func room(_ a: Int) -> Int64 {
        capacity[a] >= FlowNetwork.unbounded ? .max : capacity[a] &- flow[a]
    }

    /// The apex of a pivot cycle: the lowest node that is an ancestor of both `a` and `b`.
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

    /// One pivot on the violating arc `e`; returns false when its cycle can carry unlimited flow
    /// (the problem is unbounded).
    ///
    /// Flow moves round the cycle from `first` through `e` to `second` (the arc's own direction
    /// when it sits at zero, the reverse when at capacity), i.e. down the tree path from the
    /// apex to `first` and up the path from `second` to the apex. The leaving arc is the last
    /// blocking arc in that order (Cunningham's rule): on the `second` side the one nearest the
    /// apex, else `e` itself, else on the `first` side the one nearest `first`.
    /// - Complexity: `O(cycle + moved subtree)`.
    func pivot(on e: Int) -> Bool {
        let s = tail[e], t = head[e]
        let atZero = state[e] == NetworkSimplex.ArcState.lower.rawValue
        let first = atZero ? s : t, second = atZero ? t : s
        let top = apex(first, second)

        var delta = Int64.max
        var leaving: Int32 = -1          // child end of the leaving tree arc; -1: `e` leaves
        var leavesOnFirstSide = false
        var x = first
        while x != top {
            let a = Int(parentArc[Int(x)])
            let r = tail[a] == x ? flow[a] : room(a)
            if r < delta { delta = r; leaving = x; leavesOnFirstSide = true }
            x = parent[Int(x)]
        }
        let own = capacity[e] >= FlowNetwork.unbounded ? Int64.max : capacity[e]
        if own <= delta { delta = own; leaving = -1; leavesOnFirstSide = false }
        x = second
        while x != top {
            let a = Int(parentArc[Int(x)])
            let r = tail[a] == x ? room(a) : flow[a]
            if r <= delta { delta = r; leaving = x; leavesOnFirstSide = false }
            x = parent[Int(x)]
        }
        if delta == .max { return false }

        if delta > 0 {
            x = first
            while x != top {
                let a = Int(parentArc[Int(x)])
                flow[a] = tail[a] == x ? flow[a] - delta : flow[a] + delta
                x = parent[Int(x)]
            }
            x = second
            while x != top {
                let a = Int(parentArc[Int(x)])
                flow[a] = tail[a] == x ? flow[a] + delta : flow[a] - delta
                x = parent[Int(x)]
            }
            flow[e] = atZero ? flow[e] + delta : flow[e] - delta
        }

        guard leaving >= 0 else {
            // The entering arc runs from one bound to the other; the tree stays as it was.
            state[e] = -state[e]
            return true
        }
        let reducedCost = cost[e] + potential[Int(s)] - potential[Int(t)]
        let out = Int(parentArc[Int(leaving)])
        state[out] = flow[out] == 0 ? NetworkSimplex.ArcState.lower.rawValue : NetworkSimplex.ArcState.upper.rawValue
        state[e] = NetworkSimplex.ArcState.tree.rawValue
        // The end of `e` inside the subtree cut off by the leaving arc becomes that subtree's
        // root and hangs from the other end.
        let inside = leavesOnFirstSide ? first : second
        let outside = leavesOnFirstSide ? second : first
        rehang(from: inside, upTo: leaving, under: outside, by: Int32(e))
        // One shift of the moved subtree's potentials makes `e`'s reduced cost zero.
        let shift = inside == t ? reducedCost : -reducedCost
        walkSubtree(of: inside) { v in potential[Int(v)] += shift }
        return true
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
