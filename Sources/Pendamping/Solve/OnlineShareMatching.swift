import MinCostFlow

/// The core assignment with a cap on each mentor's online pairs (profile
/// `online.capacity_share` below 1), still a network and solved exactly by the network
/// simplex: online pairs reach their mentor through an extra node whose arc to the mentor
/// carries at most `⌊share · capacity⌋` units (less the mentor's locked online pairs, never
/// below 0: a curator's lock wins). Fixed pairs are taken out first, as in the core network.
///
///     mentee → mentor (in person, cost −w) | mentee → online(mentor) (cost −w)
///     online(mentor) → mentor (capacity: online slots),  mentor → sink (capacity: free slots)
///     mentee → sink (cost 0: unassigned)
///
/// - Complexity: one network simplex on `n + 2m + 1` nodes and `pairs + n + 2m` arcs.
public enum OnlineShareMatching {
    /// The optimum with at most `share` of each mentor's capacity online (`online` marks each pair). - Throws: ``MatchingError`` when the solve fails.
    @_spi(Stages) public static func solve(_ model: MatchingModel, online: [Bool], share: Double) throws -> SolveOutcome {
        let g = model.graph
        let fixed = model.fixedPart()
        var onlineSlots = model.capacity.map { Int64((share * Double($0) + Tolerance.share).rounded(.down)) }
        for p in model.fixedPairs where online[Int(p)] { onlineSlots[Int(g.mentor[Int(p)])] -= 1 }
        let mentees = fixed.freeMentees
        let n = mentees.count, m = g.mentorCount
        let mentorBase = n, onlineBase = n + m, sink = n + 2 * m
        var net = FlowNetwork(nodeCount: sink + 1)
        var pairArc: [(arc: Int32, pair: Int32)] = []
        for (k, i) in mentees.enumerated() {
            net.supply[k] = 1
            net.addArc(from: Int32(k), to: Int32(sink), capacity: 1, cost: 0)
            for p in g.pairs(ofMentee: Int(i)) {
                let j = Int(g.mentor[p])
                guard fixed.free[j] > 0 else { continue }
                let to = online[p] ? onlineBase + j : mentorBase + j
                pairArc.append((net.addArc(from: Int32(k), to: Int32(to), capacity: 1, cost: -model.weight[p]), Int32(p)))
            }
        }
        net.supply[sink] = -Int64(n)
        for j in 0..<m where fixed.free[j] > 0 {
            net.addArc(from: Int32(onlineBase + j), to: Int32(mentorBase + j), capacity: max(0, onlineSlots[j]), cost: 0)
            net.addArc(from: Int32(mentorBase + j), to: Int32(sink), capacity: Int64(fixed.free[j]), cost: 0)
        }
        let r: NetworkSimplex.Result
        do { r = try NetworkSimplex.solve(net) } catch { throw MatchingError.solverFailed("online-share network: \(error)") }
        guard r.status == .optimal else { throw MatchingError.solverFailed("online-share network ended \(r.status.rawValue)") }
        var a = fixed.assignment
        for (arc, p) in pairArc where r.flow[Int(arc)] == 1 {
            a.pairOf[Int(model.menteeOfPair[Int(p)])] = p
            a.objective += model.weight[Int(p)]
        }
        try a.verify(model)
        return SolveOutcome(status: .optimal, assignment: a, bound: Double(a.objective), engine: .networkSimplex, iterations: r.pivots)
    }

    /// Online pairs per mentor over its online slots, when any mentor is over (for checks):
    /// mentor index → (online pairs, slots), ignoring locked pairs. `O(n)`.
    @_spi(Stages) public static func overShare(_ a: Assignment, model: MatchingModel, online: [Bool], share: Double) -> [Int: (Int, Int)] {
        var count = [Int](repeating: 0, count: model.graph.mentorCount)
        let fixed = Set(model.fixedPairs)
        for p in a.pairOf where p >= 0 && online[Int(p)] && !fixed.contains(p) { count[Int(model.graph.mentor[Int(p)])] += 1 }
        var out: [Int: (Int, Int)] = [:]
        for j in count.indices {
            let slots = Int((share * Double(model.capacity[j]) + Tolerance.share).rounded(.down))
            let locked = model.fixedPairs.filter { online[Int($0)] && Int(model.graph.mentor[Int($0)]) == j }.count
            if count[j] > max(0, slots - locked) { out[j] = (count[j], slots) }
        }
        return out
    }
}
