/// The arc of a pivot cycle that limits the flow change, as found by ``SimplexEngine/pivot(entering:)``.
struct BlockingArc {
    /// The lower end of the blocking tree arc (the arc is its `parentArc`), or -1 when the
    /// entering arc itself blocks.
    var child: Int32 = -1
    /// Whether the blocking tree arc lies on the cycle's path from the apex down to the node
    /// the cycle leaves by the entering arc (else on the path back up to the apex).
    var onDescent = false
    /// Whether the cycle's orientation runs along the blocking arc (AMO's forward arcs).
    var forward = true
}

extension SimplexEngine {
    /// How much more flow arc `a` can take: `u − x`, or `Int64.max` for an unbounded arc.
    @inline(__always) func headroom(_ a: Int) -> Int64 {
        capacity[a] >= FlowNetwork.unbounded ? .max : capacity[a] &- flow[a]
    }

    /// What one tree arc allows when the cycle passes it: `u − x` when the cycle's orientation
    /// runs along the arc, `x` when against it (AMO p. 416, δ_ij).
    @inline(__always) func allowance(_ a: Int, forward: Bool) -> Int64 {
        forward ? headroom(a) : flow[a]
    }

    /// One pivot on the eligible arc `e` = (k, l): the flow change round its cycle, the leaving
    /// arc, and the update of tree, flows and potentials. Returns false when the cycle can carry
    /// unlimited flow (the problem is unbounded).
    ///
    /// Following AMO §11.5–11.6 (pp. 416–425):
    /// 1. *Orientation.* The cycle W that `e` closes with the tree is oriented along (k, l) when
    ///    `e` is in L and against it when `e` is in U. So W leaves node `from` by `e` and reaches
    ///    `to`, where (from, to) = (k, l) or (l, k); it is the tree path from the apex `w` down
    ///    to `from`, then `e`, then the tree path from `to` up to `w`.
    /// 2. *Flow change.* δ is the least allowance of W's arcs: `u_ij − x_ij` on forward arcs,
    ///    `x_ij` on backward ones; `e` itself, forward, allows its capacity.
    /// 3. *Leaving arc* (Cunningham 1976; AMO p. 423, strongly feasible trees): the last
    ///    blocking arc met when W is traversed in its orientation starting at the apex. The walk
    ///    below visits W in exactly that order and keeps every arc that reaches the least
    ///    allowance so far, so it ends holding the last blocking one.
    /// 4. *Update.* δ is added to forward and taken from backward arcs. A forward blocking arc
    ///    leaves the tree for U, a backward one for L; if `e` itself blocks it moves between L
    ///    and U and the tree stays. Otherwise the leaving arc cuts the tree into T1 (with the
    ///    root) and T2; `e`'s end in T2 becomes T2's root, hung from its other end by `e`, and
    ///    the potentials of T2 change by `c^π_kl`: up when k lies in T2, down when l does
    ///    (AMO p. 419), which makes `e`'s reduced cost zero and leaves every other tree arc's
    ///    at zero.
    /// - Complexity: `O(cycle + moved subtree)`.
    func pivot(entering e: Int) -> Bool {
        let k = tail[e], l = head[e]
        let enteringFromL = position[e] == .atLower
        let from = enteringFromL ? k : l
        let to = enteringFromL ? l : k
        let w = apex(from, to)

        // Step 1: the descent w → from, recorded from the bottom so it can be read top down.
        var descentLength = 0
        var node = from
        while node != w {
            descent[descentLength] = node
            descentLength += 1
            node = parent[Int(node)]
        }

        // Steps 2 and 3 in one traversal of W in its orientation.
        var delta = Int64.max
        var blocking = BlockingArc()
        var step = descentLength
        while step > 0 {
            step -= 1
            let child = descent[step]
            let a = Int(parentArc[Int(child)])
            let forward = head[a] == child          // W goes down here: parent → child
            let room = allowance(a, forward: forward)
            if room <= delta { delta = room; blocking = BlockingArc(child: child, onDescent: true, forward: forward) }
        }
        let ownRoom = capacity[e] >= FlowNetwork.unbounded ? Int64.max : capacity[e]
        if ownRoom <= delta { delta = ownRoom; blocking = BlockingArc() }
        node = to
        while node != w {
            let a = Int(parentArc[Int(node)])
            let forward = tail[a] == node           // W goes up here: child → parent
            let room = allowance(a, forward: forward)
            if room <= delta { delta = room; blocking = BlockingArc(child: node, onDescent: false, forward: forward) }
            node = parent[Int(node)]
        }
        if delta == .max { return false }

        // Step 4: flows.
        if delta > 0 {
            for index in 0..<descentLength {
                let child = descent[index]
                let a = Int(parentArc[Int(child)])
                flow[a] = head[a] == child ? flow[a] + delta : flow[a] - delta
            }
            flow[e] = enteringFromL ? flow[e] + delta : flow[e] - delta
            node = to
            while node != w {
                let a = Int(parentArc[Int(node)])
                flow[a] = tail[a] == node ? flow[a] + delta : flow[a] - delta
                node = parent[Int(node)]
            }
        }

        // Step 4: the basis.
        guard blocking.child >= 0 else {
            position[e] = enteringFromL ? .atUpper : .atLower
            return true
        }
        let enteringReducedCost = reducedCost(e)
        let leaving = Int(parentArc[Int(blocking.child)])
        position[leaving] = blocking.forward ? .atUpper : .atLower
        position[e] = .inTree
        let inT2 = blocking.onDescent ? from : to
        let inT1 = blocking.onDescent ? to : from
        rehang(from: inT2, upTo: blocking.child, under: inT1, by: Int32(e))
        shiftPotentials(of: inT2, by: inT2 == k ? enteringReducedCost : 0 &- enteringReducedCost)
        return true
    }
}
