import MinCostFlow

/// The core model of some components as a min-cost flow network (DESIGN §6–§7):
/// node per free mentee (supply 1), per mentor with free capacity, and a sink T (demand =
/// mentee count); arcs mentee→mentor (cost −score), mentee→T (cost 0: stays unassigned),
/// mentor→T (capacity = free slots, cost 0). Fixed pairs are taken out beforehand: their
/// mentee leaves the network and their mentor's capacity shrinks. Mentee arcs carry at most
/// the mentee's one unit, so they are given unbounded capacity, which keeps the greedy start
/// tree strongly feasible.
public struct CoreNetwork: Sendable {
    public let network: FlowNetwork
    /// Global mentee index of each mentee node (nodes `0..<mentees.count`).
    public let mentees: [Int32]
    /// Global mentor index of each mentor node (nodes `mentees.count..<+mentors.count`).
    public let mentors: [Int32]
    /// Pair index of each arc, or -1 for mentee→T and mentor→T arcs.
    public let arcPair: [Int32]
    public var sink: Int32 { Int32(mentees.count + mentors.count) }

    /// Builds the network for `mentees` (free, with pairs) given each mentor's free capacity.
    /// - Complexity: `O(mentees·k + mentors)`.
    init(model: MatchingModel, mentees: [Int32], mentorsInScope: [Int32], freeCapacity: [Int32]) {
        let g = model.graph
        let mentors = mentorsInScope.filter { freeCapacity[Int($0)] > 0 }
        var local = [Int32: Int32]()
        local.reserveCapacity(mentors.count)
        for (k, j) in mentors.enumerated() { local[j] = Int32(mentees.count + k) }
        let sink = Int32(mentees.count + mentors.count)
        var net = FlowNetwork(nodeCount: mentees.count + mentors.count + 1,
                              arcCapacity: mentees.reduce(0) { $0 + g.pairs(ofMentee: Int($1)).count } + mentees.count + mentors.count)
        var arcPair: [Int32] = []
        for (k, i) in mentees.enumerated() {
            net.supply[k] = 1
            for p in g.pairs(ofMentee: Int(i)) {
                guard let node = local[g.mentor[p]] else { continue }
                net.addArc(from: Int32(k), to: node, capacity: FlowNetwork.unbounded, cost: -model.weight[p])
                arcPair.append(Int32(p))
            }
            net.addArc(from: Int32(k), to: sink, capacity: FlowNetwork.unbounded, cost: 0)
            arcPair.append(-1)
        }
        for (k, j) in mentors.enumerated() {
            net.addArc(from: Int32(mentees.count + k), to: sink, capacity: Int64(freeCapacity[Int(j)]), cost: 0)
            arcPair.append(-1)
        }
        net.supply[Int(sink)] = -Int64(mentees.count)
        network = net
        self.mentees = mentees
        self.mentors = mentors
        self.arcPair = arcPair
    }

    /// A feasible, strongly feasible start from a greedy pass (pairs by score, descending;
    /// ties by pair index): unassigned mentees and non-full mentors hang from T; a full
    /// mentor hangs below its first mentee, which hangs from T with zero flow.
    /// - Complexity: `O(arcs·log arcs)` for the sort.
    func greedyStart() -> SpanningTreeStart {
        let net = network
        let nMentees = mentees.count, sink = Int(self.sink)
        // Arc order: mentee arcs by cost ascending (score descending), then arc index.
        var order = [Int32]()
        order.reserveCapacity(net.arcCount)
        for e in 0..<net.arcCount where arcPair[e] >= 0 { order.append(Int32(e)) }
        order.sort { a, b in
            let ca = net.cost[Int(a)], cb = net.cost[Int(b)]
            return ca != cb ? ca < cb : a < b
        }
        var flow = [Int64](repeating: 0, count: net.arcCount)
        var assignedArc = [Int32](repeating: -1, count: nMentees)
        var free = [Int64](repeating: 0, count: mentors.count)
        var mentorArc = [Int32](repeating: -1, count: mentors.count)
        var unassignedArc = [Int32](repeating: -1, count: nMentees)
        for e in 0..<net.arcCount where arcPair[e] < 0 {
            let s = Int(net.source[e])
            if s < nMentees { unassignedArc[s] = Int32(e) } else { free[s - nMentees] = net.capacity[e]; mentorArc[s - nMentees] = Int32(e) }
        }
        for e in order {
            let i = Int(net.source[Int(e)]), j = Int(net.target[Int(e)]) - nMentees
            guard assignedArc[i] < 0, free[j] > 0 else { continue }
            assignedArc[i] = e; free[j] -= 1; flow[Int(e)] = 1
        }
        var parentArc = [Int32](repeating: -1, count: net.nodeCount)
        var firstMentee = [Int32](repeating: -1, count: mentors.count)
        for i in 0..<nMentees {
            if assignedArc[i] < 0 {
                flow[Int(unassignedArc[i])] = 1
                parentArc[i] = unassignedArc[i]
            } else {
                let j = Int(net.target[Int(assignedArc[i])]) - nMentees
                if firstMentee[j] < 0 { firstMentee[j] = Int32(i) }
                parentArc[i] = assignedArc[i]
            }
        }
        for j in 0..<mentors.count {
            let e = Int(mentorArc[j])
            flow[e] = net.capacity[e] - free[j]
            if free[j] > 0 || firstMentee[j] < 0 {
                parentArc[nMentees + j] = Int32(e)
            } else {
                // Full: the mentor hangs below its first mentee (arc pointing away from T,
                // flow 1); that mentee hangs from T by its zero-flow unassigned arc.
                let i = Int(firstMentee[j])
                parentArc[nMentees + j] = assignedArc[i]
                parentArc[i] = unassignedArc[i]
            }
        }
        parentArc[sink] = -1
        return SpanningTreeStart(root: Int32(sink), parentArc: parentArc, flow: flow)
    }
}
