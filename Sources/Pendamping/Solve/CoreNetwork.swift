import MinCostFlow

/// The core model of some components as a min-cost flow network (DESIGN §6–§7):
/// node per free mentee (supply 1), per mentor with free capacity, and a sink T (demand =
/// mentee count); arcs mentee→mentor (cost −weight), mentee→T (cost 0: stays unassigned),
/// mentor→T (capacity = free slots, cost 0). Fixed pairs are taken out beforehand: their
/// mentee leaves the network and their mentor's capacity shrinks. Mentee arcs carry at most
/// the mentee's one unit, so they are given unbounded capacity, which keeps the greedy start
/// tree strongly feasible.
///
/// Arcs are laid out mentee by mentee (its pair arcs in candidate order, then its arc to T),
/// then one arc per mentor.
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
    /// - Complexity: `O(mentees·k + mentors)` time; one `Int32` per global mentor extra memory.
    init(model: MatchingModel, mentees: [Int32], mentorsInScope: [Int32], freeCapacity: [Int32]) {
        let g = model.graph
        let mentors = mentorsInScope.filter { freeCapacity[Int($0)] > 0 }
        let n = mentees.count
        var node = [Int32](repeating: -1, count: g.mentorCount)
        for (k, j) in mentors.enumerated() { node[Int(j)] = Int32(n + k) }
        let sink = Int32(n + mentors.count)
        var pairArcs = 0
        for i in mentees { pairArcs += g.pairs(ofMentee: Int(i)).count }
        let capacityBound = pairArcs + n + mentors.count
        var source = [Int32](), target = [Int32](), capacity = [Int64](), cost = [Int64](), arcPair = [Int32]()
        source.reserveCapacity(capacityBound); target.reserveCapacity(capacityBound); arcPair.reserveCapacity(capacityBound)
        capacity.reserveCapacity(capacityBound); cost.reserveCapacity(capacityBound)
        g.offsets.withUnsafeBufferPointer { offsets in
            g.mentor.withUnsafeBufferPointer { mentorOf in
                model.weight.withUnsafeBufferPointer { weight in
                    for (k, i) in mentees.enumerated() {
                        for p in Int(offsets[Int(i)])..<Int(offsets[Int(i) + 1]) {
                            let to = node[Int(mentorOf[p])]
                            guard to >= 0 else { continue }
                            source.append(Int32(k)); target.append(to)
                            capacity.append(FlowNetwork.unbounded); cost.append(-weight[p]); arcPair.append(Int32(p))
                        }
                        source.append(Int32(k)); target.append(sink)
                        capacity.append(FlowNetwork.unbounded); cost.append(0); arcPair.append(-1)
                    }
                }
            }
        }
        for (k, j) in mentors.enumerated() {
            source.append(Int32(n + k)); target.append(sink)
            capacity.append(Int64(freeCapacity[Int(j)])); cost.append(0); arcPair.append(-1)
        }
        var supply = [Int64](repeating: 1, count: n + mentors.count + 1)
        for k in n..<(n + mentors.count) { supply[k] = 0 }
        supply[Int(sink)] = -Int64(n)
        network = FlowNetwork(supply: supply, source: source, target: target, capacity: capacity, cost: cost)
        self.mentees = mentees
        self.mentors = mentors
        self.arcPair = arcPair
    }

    /// A pair arc with its two ends, as the greedy pass reads it.
    struct GreedyArc {
        var arc: Int32
        var mentee: Int32
        var mentor: Int32
    }

    /// The pair arcs in greedy order: cost ascending (weight descending), ties by arc index,
    /// each with its ends so that the greedy pass reads one array in order.
    ///
    /// Counting sort on the cost when its range is at most a few times the arc count (scores
    /// are integers up to 10⁶, so always without priority weights); else a radix sort of
    /// packed (cost, arc) keys when both fit in 64 bits; else a comparison sort.
    /// - Complexity: `O(arcs + cost range)`, `O(arcs)` or `O(arcs·log arcs)` respectively.
    func greedyOrder() -> [GreedyArc] {
        network.cost.withUnsafeBufferPointer { cost in
            network.source.withUnsafeBufferPointer { source in
                network.target.withUnsafeBufferPointer { target in
                    arcPair.withUnsafeBufferPointer { pair in
                        Self.greedyOrder(cost: cost, source: source, target: target, pair: pair)
                    }
                }
            }
        }
    }

    private static func greedyOrder(cost: UnsafeBufferPointer<Int64>, source: UnsafeBufferPointer<Int32>,
                                    target: UnsafeBufferPointer<Int32>, pair: UnsafeBufferPointer<Int32>) -> [GreedyArc] {
        var low = Int64.max, high = Int64.min, count = 0
        for e in 0..<cost.count where pair[e] >= 0 {
            low = min(low, cost[e]); high = max(high, cost[e]); count += 1
        }
        guard count > 0 else { return [] }
        func entry(_ e: Int) -> GreedyArc { GreedyArc(arc: Int32(e), mentee: source[e], mentor: target[e]) }
        let span = UInt64(bitPattern: high &- low)
        if span < UInt64(4 * count + (1 << 16)) {
            var next = [Int32](repeating: 0, count: Int(span) + 1)
            return next.withUnsafeMutableBufferPointer { next in
                for e in 0..<cost.count where pair[e] >= 0 { next[Int(cost[e] - low)] += 1 }
                var total: Int32 = 0
                for c in 0..<next.count { let n = next[c]; next[c] = total; total += n }
                return [GreedyArc](unsafeUninitializedCapacity: count) { out, filled in
                    for e in 0..<cost.count where pair[e] >= 0 {
                        let c = Int(cost[e] - low)
                        out[Int(next[c])] = entry(e)
                        next[c] += 1
                    }
                    filled = count
                }
            }
        }
        let indexBits = UInt64(Int.bitWidth - cost.count.leadingZeroBitCount)
        if span < (UInt64(1) << (64 - indexBits)) {
            var keys = [UInt64](unsafeUninitializedCapacity: count) { out, filled in
                var k = 0
                for e in 0..<cost.count where pair[e] >= 0 {
                    out[k] = UInt64(cost[e] - low) << indexBits | UInt64(e); k += 1
                }
                filled = k
            }
            radixSort(&keys)
            let mask = (UInt64(1) << indexBits) - 1
            return keys.map { entry(Int($0 & mask)) }
        }
        var order = (0..<cost.count).filter { pair[$0] >= 0 }
        order.sort { a, b in cost[a] != cost[b] ? cost[a] < cost[b] : a < b }
        return order.map(entry)
    }

    /// A feasible, strongly feasible start from a greedy pass over ``greedyOrder()``:
    /// unassigned mentees and non-full mentors hang from T; a full mentor hangs below its
    /// first mentee, which hangs from T with zero flow.
    /// - Complexity: that of ``greedyOrder()`` plus `O(arcs)`.
    func greedyStart() -> SpanningTreeStart {
        let net = network
        let nMentees = mentees.count, sink = Int(self.sink)
        var assignedArc = [Int32](repeating: -1, count: nMentees)
        var free = [Int64](repeating: 0, count: mentors.count)
        var mentorArc = [Int32](repeating: -1, count: mentors.count)
        var unassignedArc = [Int32](repeating: -1, count: nMentees)
        for e in 0..<net.arcCount where arcPair[e] < 0 {
            let s = Int(net.source[e])
            if s < nMentees { unassignedArc[s] = Int32(e) } else { free[s - nMentees] = net.capacity[e]; mentorArc[s - nMentees] = Int32(e) }
        }
        assignedArc.withUnsafeMutableBufferPointer { assigned in
            free.withUnsafeMutableBufferPointer { free in
                for a in greedyOrder() {
                    let i = Int(a.mentee), j = Int(a.mentor) - nMentees
                    guard assigned[i] < 0, free[j] > 0 else { continue }
                    assigned[i] = a.arc
                    free[j] -= 1
                }
            }
        }
        var flow = [Int64](repeating: 0, count: net.arcCount)
        var parentArc = [Int32](repeating: -1, count: net.nodeCount)
        var firstMentee = [Int32](repeating: -1, count: mentors.count)
        for i in 0..<nMentees {
            if assignedArc[i] < 0 {
                flow[Int(unassignedArc[i])] = 1
                parentArc[i] = unassignedArc[i]
            } else {
                flow[Int(assignedArc[i])] = 1
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
