import Foundation
import MinCostFlow
import Parallel

/// Solves the core model exactly with the pure-Swift network simplex (``NetworkSimplex``),
/// from a greedy warm start, splitting independent components into groups solved in
/// parallel. Optionally checks each group's optimality certificate.
@_spi(Stages) public struct NetworkMatchingSolver: MatchingSolver {
    /// Check primal feasibility, complementary slackness and equal objectives of every group.
    public var certify: Bool
    /// Parallel groups (default: active processor count).
    public var workers: Int
    /// A pair index per mentee (or -1) to start from, e.g. an earlier optimum; the rest of
    /// the start is greedy (``GreedyAssignment``). nil: the greedy start alone.
    var seed: [Int32]? = nil
    /// A request that ends the solve early (``MatchingError/stopped``): the simplex asks it every
    /// 1,024 pivots.
    public var stop: SolveStop? = nil

    /// - Parameter workers: parallel groups; nil for the active processor count.
    public init(certify: Bool = false, workers: Int? = nil) {
        self.certify = certify
        self.workers = max(1, workers ?? ProcessInfoCores.count)
    }

    /// - Complexity: network simplex per group; see ``NetworkSimplex``.
    public func solve(_ model: MatchingModel) throws -> SolveOutcome {
        let g = model.graph
        let fixed = model.fixedPart()
        var pairOf = fixed.assignment.pairOf
        var objective = fixed.assignment.objective
        let groups = model.components.groups(model.graph, workers: workers, fixedMentee: pairOf)
        let freeAfterLocks = fixed.free
        let results = try concurrentMap(groups.count) { k in
            try solveGroup(model, mentees: groups[k].mentees, mentors: groups[k].mentors, free: freeAfterLocks)
        }
        var mentorDual = [Int64](repeating: 0, count: g.mentorCount)
        var menteeDual = [Int64](repeating: 0, count: g.menteeCount)
        var pivots = 0
        var status = MatchStatus.optimal
        for r in results {
            pivots += r.pivots
            if r.status != .optimal { status = MatchStatus.worse(status, r.status) }
            for (i, p) in r.pairs { pairOf[Int(i)] = p; objective += model.weight[Int(p)] }
            for (j, v) in r.mentorDuals { mentorDual[Int(j)] = v }
            for (i, u) in r.menteeDuals { menteeDual[Int(i)] = u }
        }
        let assignment = Assignment(pairOf: pairOf, objective: objective)
        try assignment.verify(model)
        return SolveOutcome(status: status, assignment: assignment, bound: status == .optimal ? Double(objective) : nil,
                            menteeDual: status == .optimal ? menteeDual : nil, mentorDual: status == .optimal ? mentorDual : nil,
                            engine: .networkSimplex, iterations: pivots)
    }

    /// The network simplex on `core` from the assignment `start`, ended early by `stop`.
    /// - Throws: ``MatchingError/stopped`` when `stop` ended it, ``FlowError`` otherwise.
    static func simplex(_ core: CoreNetwork, start: [Int32], stop: SolveStop?) throws -> NetworkSimplex.Result {
        try honouring(stop) { until in try NetworkSimplex.solve(core.network, start: core.start(pairOf: start), until: until) }
    }

    /// Runs a network simplex `body` with `stop` as the closure it asks every few pivots, and
    /// turns the simplex's ``FlowError/stopped`` into ``MatchingError/stopped`` (the matching
    /// solvers' one way of saying a cancel ended the solve).
    static func honouring<R>(_ stop: SolveStop?, _ body: ((@Sendable () -> Bool)?) throws -> R) throws -> R {
        var until: (@Sendable () -> Bool)? = nil
        if let stop { until = { stop.isStopped } }
        do {
            return try body(until)
        } catch FlowError.stopped {
            throw MatchingError.stopped
        }
    }

    struct GroupResult {
        var status: MatchStatus
        var pairs: [(Int32, Int32)]
        var mentorDuals: [(Int32, Int64)]
        var menteeDuals: [(Int32, Int64)]
        var pivots: Int
    }

    func solveGroup(_ model: MatchingModel, mentees: [Int32], mentors: [Int32], free: [Int32]) throws -> GroupResult {
        // The network's arrays and the greedy assignment are independent: one core each.
        let scope = CoreNetwork.Scope(model: model, mentees: mentees, mentorsInScope: mentors, freeCapacity: free)
        let built = concurrentMap(2) { task -> (CoreNetwork?, [Int32]) in
            task == 0 ? (CoreNetwork(model: model, scope: scope), []) : (nil, GreedyAssignment.compute(model, scope: scope, seed: seed))
        }
        let core = built[0].0!
        let r = try Self.simplex(core, start: built[1].1, stop: stop)
        guard r.status == .optimal else {
            throw MatchingError.solverFailed("network simplex ended \(r.status.rawValue) on a feasible core model")
        }
        if certify { _ = try FlowCertificate.check(core.network, flow: r.flow, potential: r.potential) }
        let pairs = core.chosenPairs(r.flow).map { (core.mentees[Int(core.network.source[$0.arc])], $0.pair) }
        // Duals (potentials in AMO's sign, reduced cost c − π[tail] + π[head]): u_i = π[T] − π[i]
        // for mentees, v_j = π[j] − π[T] for mentors in the network;
        // a mentor with no free slot gets the least price keeping its pairs' reduced costs
        // ≥ 0: max(0, max over candidates of s − u_i).
        let piT = r.potential[Int(core.sink)]
        var mentorDuals: [(Int32, Int64)] = []
        for (k, j) in core.mentors.enumerated() {
            mentorDuals.append((j, r.potential[core.mentees.count + k] - piT))
        }
        var menteeDuals: [(Int32, Int64)] = []
        var inNetwork = [Bool](repeating: false, count: model.graph.mentorCount)
        for j in core.mentors { inNetwork[Int(j)] = true }
        var priced: [Int32: Int64] = [:]
        let g = model.graph
        for (k, i) in core.mentees.enumerated() {
            let u = piT - r.potential[k]
            menteeDuals.append((i, u))
            for p in g.pairs(ofMentee: Int(i)) where !inNetwork[Int(g.mentor[p])] {
                priced[g.mentor[p]] = max(priced[g.mentor[p], default: 0], model.weight[p] - u)
            }
        }
        for (j, v) in priced.sorted(by: { $0.key < $1.key }) { mentorDuals.append((j, v)) }
        return GroupResult(status: .optimal, pairs: pairs, mentorDuals: mentorDuals, menteeDuals: menteeDuals, pivots: r.pivots)
    }
}

/// The number of processors to use for parallel work.
enum ProcessInfoCores {
    /// The active processor count, at least 1.
    public static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
