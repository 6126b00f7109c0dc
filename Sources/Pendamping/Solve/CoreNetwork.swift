import MinCostFlow

/// The core model of some components as a min-cost flow network (docs/architecture.md):
/// node per free mentee (supply 1), per mentor with free capacity, and a sink T (demand =
/// mentee count); arcs mentee→mentor (cost −weight), mentee→T (cost 0: stays unassigned),
/// mentor→T (capacity = free slots, cost 0). Fixed pairs are taken out beforehand: their
/// mentee leaves the network and their mentor's capacity shrinks. Mentee arcs carry at most
/// the mentee's one unit, so they are given unbounded capacity, which keeps the greedy start
/// tree strongly feasible.
///
/// Arcs are laid out mentee by mentee (its pair arcs in candidate order, then its arc to T),
/// then one arc per mentor.
struct CoreNetwork: Sendable {
    let network: FlowNetwork
    /// The network's mentees, mentors and their nodes.
    let scope: Scope
    /// Pair index of each arc, or -1 for mentee→T and mentor→T arcs.
    let arcPair: [Int32]
    /// Global mentee index of each mentee node (nodes `0..<mentees.count`).
    var mentees: [Int32] { scope.mentees }
    /// Global mentor index of each mentor node (nodes `mentees.count..<+mentors.count`).
    var mentors: [Int32] { scope.mentors }
    /// The sink T: the node after the mentees and mentors.
    public var sink: Int32 { Int32(mentees.count + mentors.count) }

    /// Builds the network for `mentees` (free, with pairs) given each mentor's free capacity.
    /// Every arc array is sized exactly first and then filled in one pass through pointers
    /// (appending arc by arc took about 1 s for the 11 million arcs of tier XL).
    /// - Complexity: `O(mentees·k + mentors)` time; one `Int32` per global mentor extra memory.
    init(model: MatchingModel, mentees: [Int32], mentorsInScope: [Int32], freeCapacity: [Int32]) {
        self.init(model: model, scope: Scope(model: model, mentees: mentees, mentorsInScope: mentorsInScope, freeCapacity: freeCapacity))
    }

    /// The arcs that carry a mentee to a mentor in `flow` (the one flow → assignment step):
    /// each as (pair index, arc index), in arc order. - Complexity: `O(arcs)`.
    func chosenPairs(_ flow: [Int64]) -> [(pair: Int32, arc: Int)] {
        var out: [(pair: Int32, arc: Int)] = []
        for e in 0..<arcPair.count where arcPair[e] >= 0 && flow[e] == 1 { out.append((arcPair[e], e)) }
        return out
    }

    /// `base` with the `chosen` pairs (from ``chosenPairs(_:)``) added: mentee by the model's
    /// pair map, objective by the model's weights. - Complexity: `O(chosen)`.
    func assignment(_ chosen: [(pair: Int32, arc: Int)], adding base: Assignment, model: MatchingModel) -> Assignment {
        var a = base
        for (p, _) in chosen {
            a.pairOf[Int(model.menteeOfPair[Int(p)])] = p
            a.objective += model.weight[Int(p)]
        }
        return a
    }

    /// The nodes of a core network: its mentees, its mentors (those with free capacity) and
    /// each global mentor's node (-1 when not in the network). `O(m)`.
    struct Scope: Sendable {
        let mentees: [Int32]
        let mentors: [Int32]
        let node: [Int32]
        let freeCapacity: [Int32]
        init(model: MatchingModel, mentees: [Int32], mentorsInScope: [Int32], freeCapacity: [Int32]) {
            self.mentees = mentees
            mentors = mentorsInScope.filter { freeCapacity[Int($0)] > 0 }
            var node = [Int32](repeating: -1, count: model.graph.mentorCount)
            for (k, j) in mentors.enumerated() { node[Int(j)] = Int32(mentees.count + k) }
            self.node = node
            self.freeCapacity = freeCapacity
        }
    }

    init(model: MatchingModel, scope: Scope) {
        let g = model.graph
        let mentees = scope.mentees, mentors = scope.mentors, node = scope.node, freeCapacity = scope.freeCapacity
        let n = mentees.count, sink = Int32(n + mentors.count)
        var arcCount = n + mentors.count
        for i in mentees { for p in g.pairs(ofMentee: Int(i)) where node[Int(g.mentor[p])] >= 0 { arcCount += 1 } }
        var source = [Int32](repeating: 0, count: arcCount), target = source, pairOf = source
        var capacity = [Int64](repeating: 0, count: arcCount), cost = capacity
        source.withUnsafeMutableBufferPointer { source in
        target.withUnsafeMutableBufferPointer { target in
        pairOf.withUnsafeMutableBufferPointer { pairOf in
        capacity.withUnsafeMutableBufferPointer { capacity in
        cost.withUnsafeMutableBufferPointer { cost in
            var e = 0
            func arc(_ u: Int32, _ v: Int32, _ c: Int64, _ w: Int64, _ p: Int32) {
                source[e] = u; target[e] = v; capacity[e] = c; cost[e] = w; pairOf[e] = p; e += 1
            }
            g.offsets.withUnsafeBufferPointer { offsets in
                g.mentor.withUnsafeBufferPointer { mentorOf in
                    model.weight.withUnsafeBufferPointer { weight in
                        node.withUnsafeBufferPointer { node in
                            for (k, i) in mentees.enumerated() {
                                for p in Int(offsets[Int(i)])..<Int(offsets[Int(i) + 1]) where node[Int(mentorOf[p])] >= 0 {
                                    arc(Int32(k), node[Int(mentorOf[p])], FlowNetwork.unbounded, -weight[p], Int32(p))
                                }
                                arc(Int32(k), sink, FlowNetwork.unbounded, 0, -1)
                            }
                        }
                    }
                }
            }
            for (k, j) in mentors.enumerated() { arc(Int32(n + k), sink, Int64(freeCapacity[Int(j)]), 0, -1) }
        }}}}}
        var supply = [Int64](repeating: 1, count: n + mentors.count + 1)
        for k in n..<(n + mentors.count) { supply[k] = 0 }
        supply[Int(sink)] = -Int64(n)
        network = FlowNetwork(supply: supply, source: source, target: target, capacity: capacity, cost: cost)
        self.scope = scope
        arcPair = pairOf
    }

    /// A feasible, strongly feasible start from the greedy assignment
    /// (``GreedyAssignment/compute(_:scope:)``): unassigned mentees and non-full mentors hang
    /// from T; a full mentor hangs below its weakest mentee (highest arc cost, ties by the
    /// lower node), which hangs from T with zero flow. The mentor's potential is then that
    /// mentee's weight, about the price a full mentor has at the optimum, so few of its other
    /// arcs start out violated (tier L: 27,197 pivots, against 31,569 below its first mentee).
    /// - Parameter pairOf: the greedy pair of each mentee node, or -1.
    /// - Complexity: `O(arcs)`, one pass in arc order.
    func start(pairOf: [Int32]) -> SpanningTreeStart {
        let net = network
        let nMentees = mentees.count, sink = Int(self.sink)
        var assignedArc = [Int32](repeating: -1, count: nMentees)
        var unassignedArc = [Int32](repeating: -1, count: nMentees)
        var mentorArc = [Int32](repeating: -1, count: mentors.count)
        var load = [Int64](repeating: 0, count: mentors.count)
        for e in 0..<net.arcCount {
            let s = Int(net.source[e])
            if s >= nMentees { mentorArc[s - nMentees] = Int32(e); continue }
            let p = arcPair[e]
            if p < 0 { unassignedArc[s] = Int32(e) } else if p == pairOf[s] {
                assignedArc[s] = Int32(e)
                load[Int(net.target[e]) - nMentees] += 1
            }
        }
        var flow = [Int64](repeating: 0, count: net.arcCount)
        var parentArc = [Int32](repeating: -1, count: net.nodeCount)
        var weakest = [Int32](repeating: -1, count: mentors.count)
        for i in 0..<nMentees {
            let e = assignedArc[i]
            if e < 0 {
                flow[Int(unassignedArc[i])] = 1
                parentArc[i] = unassignedArc[i]
            } else {
                flow[Int(e)] = 1
                parentArc[i] = e
                let j = Int(net.target[Int(e)]) - nMentees, w = weakest[j]
                if w < 0 || net.cost[Int(e)] > net.cost[Int(assignedArc[Int(w)])] { weakest[j] = Int32(i) }
            }
        }
        for j in 0..<mentors.count {
            let e = Int(mentorArc[j])
            flow[e] = load[j]
            if load[j] < net.capacity[e] || weakest[j] < 0 {
                parentArc[nMentees + j] = Int32(e)
            } else {
                // Full: the mentor hangs below its weakest mentee by that mentee's arc (pointing
                // away from T, flow 1); the mentee hangs from T by its zero-flow arc.
                let i = Int(weakest[j])
                parentArc[nMentees + j] = assignedArc[i]
                parentArc[i] = unassignedArc[i]
            }
        }
        parentArc[sink] = -1
        return SpanningTreeStart(root: Int32(sink), parentArc: parentArc, flow: flow)
    }

    /// ``start(pairOf:)`` from the greedy assignment of this network's own scope, computed here.
    func greedyStart(_ model: MatchingModel) -> SpanningTreeStart {
        start(pairOf: GreedyAssignment.compute(model, scope: scope))
    }
}
