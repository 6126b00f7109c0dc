import MinCostFlow

/// The core model kept solved while curators decide on its pairs: one min-cost flow network
/// over the whole model (``CoreNetwork``, every mentee with candidates and every mentor with
/// capacity) held in a ``SimplexSession``, so that a re-solve after a few decisions starts from
/// the last optimal basis instead of building the network and a greedy start again.
///
/// **Decisions as costs.** A decision changes arc costs only, which keeps the basis feasible
/// (see ``SimplexSession``). With `P = 3·max|weight| + 1`, a pair's arc costs
/// `−weight − P` when the pair is fixed (locked or accepted), `−weight + P` when it is
/// forbidden (rejected) or its mentee has withdrawn, and `−weight` otherwise; a withdrawn
/// mentor's arc to the sink costs `P` per mentee. Every optimum of these costs keeps every
/// decision whenever the decisions can hold together (checked before each solve), so it is an
/// optimum of the model with the decisions applied, and its weight is what a solve of that
/// model from scratch finds. The exchange argument: a flow that breaks one decision improves
/// by sending one mentee to the sink (saving `P − weight > 0` on a forbidden arc or a
/// withdrawn mentor's), or, for an unkept fix, by moving its mentee onto the fixed pair and,
/// if its mentor is full, one mentee that is not fixed there to the sink (the fixed arc saves
/// `P` and costs at most `max|weight|` beside it; leaving the mentee's old arc and the evicted
/// mentee's cost at most `max|weight|` each, so the flow gains at least `P − 3·max|weight| > 0`).
///
/// What it does not change: the candidate pairs (a rejected pair's mentee gets no new
/// candidate in its place, unlike a round's `Matcher`, which searches the candidates again),
/// capacities, priorities and mentors without capacity (not in the network). A change of those
/// is a new model.
///
/// Not `Sendable`: one owner changes and solves it, one call at a time.
@_spi(Stages) public final class KeptMatching {
    /// A pair's state under the curators' decisions.
    public enum PairRule: UInt8, Sendable {
        /// Solved on its weight.
        case open
        /// Must be in the solution (locked or accepted).
        case fixed
        /// Must not be in the solution (rejected).
        case forbidden
    }

    /// The model as built; ``weight`` and the rules are the current state on top of it.
    public let model: MatchingModel
    /// Each pair's objective coefficient now (the model's until ``setWeight(pair:_:)``).
    public private(set) var weight: [Int64]
    /// Each pair's rule now.
    public private(set) var rule: [PairRule]
    /// Whether each mentee has withdrawn, by dataset index.
    public private(set) var menteeWithdrawn: [Bool]
    /// Whether each mentor has withdrawn, by dataset index.
    public private(set) var mentorWithdrawn: [Bool]
    /// Pivots of the last ``solve(stop:)`` (the first includes the solve from the greedy start).
    public private(set) var lastPivots = 0

    private let core: CoreNetwork
    private let session: SimplexSession
    /// The network arc of each pair, or -1 when its mentor has no capacity.
    private let arcOfPair: [Int32]
    /// Each global mentor's and mentee's arc to the sink, or -1.
    private let mentorArc: [Int32], menteeArc: [Int32]
    private var penalty: Int64
    /// Fixed pairs, and how many each mentee and mentor has: ``conflicts()`` is `O(1)` while
    /// there are none.
    private var fixedPairs: Set<Int32> = []
    private var fixedOfMentee: [Int32], fixedOfMentor: [Int32]

    /// Builds the network of `model` and its greedy start, seeded with the model's fixed pairs,
    /// and marks those pairs fixed. Not solved yet: ``solve(stop:)`` does that.
    /// - Throws: ``FlowError`` if the network cannot be solved exactly (costs too large).
    /// - Complexity: `O(pairs + mentors)` and the greedy start's sort.
    public init(model: MatchingModel) throws {
        self.model = model
        let g = model.graph
        let mentees = (0..<Int32(g.menteeCount)).filter { !g.pairs(ofMentee: Int($0)).isEmpty }
        let scope = CoreNetwork.Scope(model: model, mentees: mentees, mentorsInScope: Array(0..<Int32(g.mentorCount)),
                                      freeCapacity: model.capacity)
        core = CoreNetwork(model: model, scope: scope)
        var arcOfPair = [Int32](repeating: -1, count: g.pairCount)
        var mentorArc = [Int32](repeating: -1, count: g.mentorCount)
        var menteeArc = [Int32](repeating: -1, count: g.menteeCount)
        let menteeNodes = Int32(mentees.count)
        for e in 0..<core.network.arcCount {
            let p = core.arcPair[e], from = core.network.source[e]
            if p >= 0 { arcOfPair[Int(p)] = Int32(e) } else if from >= menteeNodes {
                mentorArc[Int(core.mentors[Int(from - menteeNodes)])] = Int32(e)
            } else {
                menteeArc[Int(mentees[Int(from)])] = Int32(e)
            }
        }
        self.arcOfPair = arcOfPair
        self.mentorArc = mentorArc
        self.menteeArc = menteeArc
        weight = model.weight
        rule = [PairRule](repeating: .open, count: g.pairCount)
        menteeWithdrawn = [Bool](repeating: false, count: g.menteeCount)
        mentorWithdrawn = [Bool](repeating: false, count: g.mentorCount)
        penalty = Self.penalty(covering: model.weight.reduce(Int64(0)) { max($0, abs($1)) })
        fixedOfMentee = [Int32](repeating: 0, count: g.menteeCount)
        fixedOfMentor = [Int32](repeating: 0, count: g.mentorCount)
        var seed = [Int32](repeating: -1, count: g.menteeCount)
        for p in model.fixedPairs { seed[Int(model.menteeOfPair[Int(p)])] = p }
        session = try SimplexSession(core.network, start: core.start(pairOf: GreedyAssignment.compute(model, scope: scope, seed: seed)))
        for p in model.fixedPairs { try setRule(.fixed, pair: Int(p)) }
    }

    /// `3·m + 1` for weights of magnitude at most `m`: large enough for the exchange argument of
    /// the type's documentation.
    private static func penalty(covering m: Int64) -> Int64 { 3 * m + 1 }

    /// Sets pair `p`'s rule. - Complexity: as ``SimplexSession/setCost(arc:to:)``.
    public func setRule(_ r: PairRule, pair p: Int) throws {
        let was = rule[p]
        guard r != was else { return }
        let i = Int(model.menteeOfPair[p]), j = Int(model.graph.mentor[p])
        if was == .fixed { fixedPairs.remove(Int32(p)); fixedOfMentee[i] -= 1; fixedOfMentor[j] -= 1 }
        if r == .fixed { fixedPairs.insert(Int32(p)); fixedOfMentee[i] += 1; fixedOfMentor[j] += 1 }
        rule[p] = r
        try recost(pair: p)
    }

    /// Withdraws mentee `i` (all its pairs forbidden) or brings it back. - Complexity: `O(k)` cost changes.
    public func setWithdrawn(mentee i: Int, _ gone: Bool) throws {
        menteeWithdrawn[i] = gone
        for p in model.graph.pairs(ofMentee: i) { try recost(pair: p) }
    }

    /// Withdraws mentor `j` (no mentee may go to it) or brings it back. - Complexity: one cost change.
    public func setWithdrawn(mentor j: Int, _ gone: Bool) throws {
        mentorWithdrawn[j] = gone
        try recostMentor(j)
    }

    /// Sets pair `p`'s objective coefficient, e.g. a round's stability bonus given or taken.
    /// - Complexity: one cost change; all of them when the penalty must grow with the weight.
    public func setWeight(pair p: Int, _ w: Int64) throws {
        weight[p] = w
        let needed = Self.penalty(covering: abs(w))
        guard needed > penalty else { return try recost(pair: p) }
        penalty = needed
        for q in 0..<weight.count { try recost(pair: q) }
        for j in 0..<mentorArc.count { try recostMentor(j) }
    }

    private func recost(pair p: Int) throws {
        let e = Int(arcOfPair[p])
        guard e >= 0 else { return }
        var c = -weight[p]
        if rule[p] == .fixed { c -= penalty }
        if rule[p] == .forbidden || menteeWithdrawn[Int(model.menteeOfPair[p])] { c += penalty }
        if c > session.cost(arc: e) { unload(pair: p, arc: e) }
        try session.setCost(arc: e, to: c)
    }

    /// Before a chosen pair's cost rises: one exchange that sends its mentee to the sink, so
    /// that the pair's arc leaves the tree with no flow and no potentials move (a rising cost on
    /// a tree arc would shift a whole subtree's potentials, a full mentor's with all its
    /// mentees, and cost many pivots to settle).
    ///
    /// The pair's arc (i, j) is in the tree with flow 1. Either i hangs below j, and i's arc
    /// to the sink is outside the tree: it enters, and its cycle runs from the sink down to j,
    /// back along (i, j) and from i to the sink; or i hangs from the sink by that arc, j below
    /// i, and j's arc to the sink is outside the tree at its capacity: it enters against its
    /// direction, round the same three arcs. Either way (i, j) is the last arc of the cycle
    /// that blocks the unit moved, so it leaves (unless a degenerate arc above j blocks first;
    /// then the cost change moves the potentials as usual). `O(one pivot)`.
    private func unload(pair p: Int, arc e: Int) {
        guard session.state(arc: e) == .inTree, session.flow(arc: e) > 0 else { return }
        let toSink = Int(menteeArc[Int(model.menteeOfPair[p])])
        if toSink >= 0, session.state(arc: toSink) != .inTree {
            session.exchange(entering: toSink)
        } else if case let j = Int(mentorArc[Int(model.graph.mentor[p])]), j >= 0, session.state(arc: j) != .inTree {
            session.exchange(entering: j)
        }
    }

    private func recostMentor(_ j: Int) throws {
        let e = Int(mentorArc[j])
        guard e >= 0 else { return }
        try session.setCost(arc: e, to: mentorWithdrawn[j] ? penalty : 0)
    }

    /// Fixed pairs that cannot hold together: a mentee fixed twice or withdrawn, a mentor with
    /// more fixed pairs than capacity or withdrawn.
    /// - Complexity: `O(fixed pairs)`; the lists of mentees and mentors fixed too often are
    ///   gathered (`O(mentees + mentors)`) only when some are.
    public func conflicts() -> [MatchingError.Conflict] {
        let g = model.graph
        var out: [MatchingError.Conflict] = []
        var crowded = false
        for p in fixedPairs.sorted() {
            let i = Int(model.menteeOfPair[Int(p)]), j = Int(g.mentor[Int(p)])
            if menteeWithdrawn[i] || mentorWithdrawn[j] {
                out.append(.fixedButWithdrawn(mentee: Int32(i), mentor: Int32(j), mentorWithdrawn: mentorWithdrawn[j]))
            }
            crowded = crowded || fixedOfMentee[i] > 1 || fixedOfMentor[j] > model.capacity[j]
        }
        guard crowded else { return out }
        for (i, c) in fixedOfMentee.enumerated() where c > 1 { out.append(.menteeLockedTwice(mentee: Int32(i), count: Int(c))) }
        for (j, c) in fixedOfMentor.enumerated() where c > model.capacity[j] {
            out.append(.mentorOverCapacity(mentor: Int32(j), locked: Int(c), capacity: Int(model.capacity[j])))
        }
        return out
    }

    /// Re-solves from the last basis: the optimal assignment of the model with the current
    /// weights and decisions, its objective in the current weights (withdrawn mentees
    /// unassigned).
    /// - Throws: ``MatchingError/infeasibleLocks(_:)`` when ``conflicts()`` finds any (nothing
    ///   is solved), ``MatchingError/stopped`` when `stop` ended the solve (the basis reached is
    ///   kept for the next call).
    /// - Complexity: the pivots the changes need (see ``NetworkSimplex``), at least one pricing
    ///   pass over the arcs, and one pass over the tree's arcs for the pairs.
    public func solve(stop: SolveStop? = nil) throws -> SolveOutcome {
        let found = conflicts()
        guard found.isEmpty else { throw MatchingError.infeasibleLocks(found) }
        let status = try NetworkMatchingSolver.honouring(stop) { until in try session.solve(until: until) }
        lastPivots = session.lastPivots
        guard status == .optimal else {
            throw MatchingError.solverFailed("network simplex ended \(status.rawValue) on a kept core model")
        }
        let g = model.graph
        var pairOf = [Int32](repeating: -1, count: g.menteeCount)
        var objective: Int64 = 0
        // A pair arc has no upper bound, so one that carries its mentee's unit is never at a
        // bound outside the tree: the chosen pairs are among the tree arcs, one per node.
        var broken: Int? = nil
        let arcPair = core.arcPair, menteeOfPair = model.menteeOfPair, mentorOf = g.mentor
        for e in session.treeArcsWithFlow() {
            let p = Int(arcPair[Int(e)])
            guard p >= 0 else { continue }
            let i = Int(menteeOfPair[p])
            if rule[p] == .forbidden || menteeWithdrawn[i] || mentorWithdrawn[Int(mentorOf[p])] { broken = p }
            pairOf[i] = Int32(p)
            objective += weight[p]
        }
        if let broken { throw MatchingError.invalidSolution("pair \(broken) breaks a decision") }
        for p in fixedPairs where pairOf[Int(model.menteeOfPair[Int(p)])] != p {
            throw MatchingError.invalidSolution("fixed pair \(p) is not in the solution")
        }
        return SolveOutcome(status: .optimal, assignment: Assignment(pairOf: pairOf, objective: objective),
                            bound: Double(objective), menteeDual: nil, mentorDual: nil,
                            engine: .networkSimplex, iterations: lastPivots)
    }

    /// The model the current state stands for, built from scratch: forbidden pairs and the
    /// pairs of withdrawn mentees and mentors left out, fixed pairs fixed, each pair's current
    /// weight as its score (so the new model's weights are these). For a cold solve to compare
    /// a re-solve with (`pendamping bench --resolve`).
    /// - Throws: ``MatchingError/infeasibleLocks(_:)`` when the fixed pairs conflict.
    /// - Complexity: `O(pairs)`.
    public func appliedModel() throws -> MatchingModel {
        let g = model.graph
        var offsets: [Int32] = [0], mentor: [Int32] = [], score: [Int64] = [], fixed: [Int32] = []
        offsets.reserveCapacity(g.menteeCount + 1); mentor.reserveCapacity(g.pairCount); score.reserveCapacity(g.pairCount)
        for i in 0..<g.menteeCount {
            for p in g.pairs(ofMentee: i) where rule[p] != .forbidden && !menteeWithdrawn[i] && !mentorWithdrawn[Int(g.mentor[p])] {
                if rule[p] == .fixed { fixed.append(Int32(mentor.count)) }
                mentor.append(g.mentor[p]); score.append(weight[p])
            }
            offsets.append(Int32(mentor.count))
        }
        let graph = CandidateGraph(menteeCount: g.menteeCount, mentorCount: g.mentorCount, offsets: offsets, mentor: mentor,
                                   score: score, nearestWhenNone: g.nearestWhenNone)
        return try MatchingModel(graph: graph, capacity: model.capacity, fixedPairs: fixed)
    }

    /// The kept network with its current costs and the last solve's flow and potentials, for
    /// an optimality certificate (``FlowCertificate/check(_:flow:potential:)``). `O(arcs)`.
    public func certificateInput() throws -> (network: FlowNetwork, flow: [Int64], potential: [Int64]) {
        let r = try session.result()
        return (session.network, r.flow, r.potential)
    }
}
