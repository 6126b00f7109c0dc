
/// The core assignment model (docs/architecture.md): maximise Σ s_p x_p over candidate pairs, each mentee
/// in at most one pair, each mentor in at most `capacity` pairs, fixed pairs at 1.
/// Its constraint matrix is totally unimodular, so its LP optimum is integral.
@_spi(Stages) public struct MatchingModel: Sendable {
    public let graph: CandidateGraph
    /// Capacity of each mentor.
    public let capacity: [Int32]
    /// Pairs that must be in the solution (locked or accepted), ascending.
    public let fixedPairs: [Int32]
    /// Connected components of the candidate graph.
    public let components: Components
    /// Objective coefficient of each pair: its score times the mentee's priority, rounded
    /// (equal to the score when every priority is 1).
    public let weight: [Int64]
    /// The mentee of each pair (computed once; every solver and check needs it).
    public let menteeOfPair: [Int32]

    /// - Parameters:
    ///   - priority: per mentee; nil for all 1.
    ///   - bonus: added to the weight of some pairs (a curation round's stability bonus for
    ///     keeping the previous round's pairs), by pair index.
    /// - Throws: ``MatchingError/infeasibleLocks(_:)`` when the fixed pairs alone break a row.
    ///   - mentorsPerMentee: how many fixed pairs one mentee may have (co-mentoring; 1 otherwise).
    public init(graph: CandidateGraph, capacity: [Int32], fixedPairs: [Int32] = [], priority: [Double]? = nil,
                bonus: [Int32: Int64] = [:], mentorsPerMentee: Int = 1) throws {
        self.graph = graph
        self.capacity = capacity
        self.fixedPairs = fixedPairs.sorted()
        var w = graph.score
        if let priority, priority.contains(where: { $0 != 1 }) {
            for i in 0..<graph.menteeCount {
                for p in graph.pairs(ofMentee: i) { w[p] = max(1, Int64((Double(graph.score[p]) * priority[i]).rounded())) }
            }
        }
        for (p, b) in bonus { w[Int(p)] += b }
        weight = w
        menteeOfPair = graph.pairMentees()
        components = Components(graph: graph)
        try checkFixedPairs(mentorsPerMentee: mentorsPerMentee)
    }

    /// `base` with other objective coefficients (same pairs, capacities and fixed pairs): the
    /// auxiliary solves of the objectives other than total score. `O(1)` beyond the copy.
    init(_ base: MatchingModel, weight: [Int64]) {
        precondition(weight.count == base.graph.pairCount)
        graph = base.graph; capacity = base.capacity; fixedPairs = base.fixedPairs
        components = base.components; menteeOfPair = base.menteeOfPair
        self.weight = weight
    }

    /// Fixed pairs must give each mentee at most `mentorsPerMentee` mentors and no mentor more
    /// than its capacity. `O(pairs)`.
    func checkFixedPairs(mentorsPerMentee: Int = 1) throws {
        let mentees = menteeOfPair
        var perMentee: [Int32: Int] = [:], perMentor = [Int32](repeating: 0, count: graph.mentorCount)
        var conflicts: [MatchingError.Conflict] = []
        for p in fixedPairs {
            perMentee[mentees[Int(p)], default: 0] += 1
            perMentor[Int(graph.mentor[Int(p)])] += 1
        }
        for (i, c) in perMentee.sorted(by: { $0.key < $1.key }) where c > mentorsPerMentee {
            conflicts.append(.menteeLockedTwice(mentee: i, count: c))
        }
        for j in perMentor.indices where perMentor[j] > capacity[j] {
            conflicts.append(.mentorOverCapacity(mentor: Int32(j), locked: Int(perMentor[j]), capacity: Int(capacity[j])))
        }
        if !conflicts.isEmpty { throw MatchingError.infeasibleLocks(conflicts) }
    }

    /// What fixing the locked and accepted pairs leaves to solve.
    public struct FixedPart: Sendable {
        /// The fixed pairs alone, with their weight as objective.
        public var assignment: Assignment
        /// Each mentor's capacity after its fixed pairs.
        public var free: [Int32]
        /// Mentees without a fixed pair that have candidates, ascending.
        public var freeMentees: [Int32]
    }

    /// The fixed pairs taken out of the model. `O(n + fixed)`.
    public func fixedPart() -> FixedPart {
        var pairOf = [Int32](repeating: -1, count: graph.menteeCount)
        var free = capacity
        var total: Int64 = 0
        for p in fixedPairs {
            pairOf[Int(menteeOfPair[Int(p)])] = p
            free[Int(graph.mentor[Int(p)])] -= 1
            total += weight[Int(p)]
        }
        let freeMentees = (0..<Int32(graph.menteeCount)).filter { pairOf[Int($0)] < 0 && !graph.pairs(ofMentee: Int($0)).isEmpty }
        return FixedPart(assignment: Assignment(pairOf: pairOf, objective: total), free: free, freeMentees: freeMentees)
    }

    /// Whether each pair is fixed. `O(pairs)`.
    package func fixedMask() -> [Bool] {
        var mask = [Bool](repeating: false, count: graph.pairCount)
        for p in fixedPairs { mask[Int(p)] = true }
        return mask
    }
}

/// Errors of the solve stage that are about the data, not the code.
public enum MatchingError: Error, Sendable, Equatable {
    /// Why fixed pairs cannot all hold, by dataset index.
    public enum Conflict: Sendable, Equatable {
        /// A mentee with `count` fixed pairs, more than allowed.
        case menteeLockedTwice(mentee: Int32, count: Int)
        /// A mentor with more fixed pairs than capacity.
        case mentorOverCapacity(mentor: Int32, locked: Int, capacity: Int)
        /// Co-mentoring: a mentee's fixed mentors cannot each fill a different role.
        case lockedRolesOverlap(mentee: Int32, count: Int)
        /// A fixed pair whose mentee, or mentor when `mentorWithdrawn`, has withdrawn
        /// (``KeptMatching``).
        case fixedButWithdrawn(mentee: Int32, mentor: Int32, mentorWithdrawn: Bool)
    }
    /// Fixed (locked or accepted) pairs cannot all hold.
    case infeasibleLocks([Conflict])
    /// A solver returned something that is not a feasible integral assignment (a bug).
    case invalidSolution(String)
    /// A solver call failed.
    case solverFailed(String)
    /// A ``SolveStop`` request ended the exact solve before its optimum (no assignment).
    case stopped
}

/// Which mentor each mentee has, and the objective in integer score units.
public struct Assignment: Sendable, Equatable {
    /// The pair chosen for each mentee, or -1.
    public var pairOf: [Int32]
    /// Σ weight of the chosen pairs, in score units.
    public var objective: Int64

    package init(pairOf: [Int32], objective: Int64) { self.pairOf = pairOf; self.objective = objective }

    /// Checks integrality-derived feasibility against `model` and recomputes the objective:
    /// each mentee at most one pair of its own, loads within capacity, fixed pairs chosen.
    /// Returns mentor loads. - Complexity: `O(n + m + fixed)`.
    @discardableResult
    @_spi(Stages) public func verify(_ model: MatchingModel) throws -> [Int32] {
        let g = model.graph
        var load = [Int32](repeating: 0, count: g.mentorCount)
        var total: Int64 = 0
        for i in 0..<g.menteeCount where pairOf[i] >= 0 {
            let p = Int(pairOf[i])
            guard g.pairs(ofMentee: i).contains(p) else { throw MatchingError.invalidSolution("mentee \(i) given pair \(p) of another mentee") }
            load[Int(g.mentor[p])] += 1
            total += model.weight[p]
        }
        for j in 0..<g.mentorCount where load[j] > model.capacity[j] {
            throw MatchingError.invalidSolution("mentor \(j) has \(load[j]) mentees, capacity \(model.capacity[j])")
        }
        for p in model.fixedPairs where pairOf[Int(model.menteeOfPair[Int(p)])] != p {
            throw MatchingError.invalidSolution("fixed pair \(p) not chosen")
        }
        guard total == objective else { throw MatchingError.invalidSolution("objective \(objective) but pairs sum to \(total)") }
        return load
    }
}

/// What a solver returns: status, assignment, dual information and effort.
public struct SolveOutcome: Sendable {
    /// How the solve ended.
    public var status: MatchStatus
    /// The pair of each mentee and the objective.
    public var assignment: Assignment
    /// Best proven upper bound on the objective (integer score units); equals it when optimal.
    public var bound: Double?
    /// Optimal duals in integer score units, when the solver has them (LP and network paths):
    /// u per mentee (0 for fixed mentees) and v per mentor. Not unique under degeneracy.
    public var menteeDual: [Int64]?
    /// Optimal dual v per mentor, in score units (see ``menteeDual``).
    public var mentorDual: [Int64]?
    /// The engine that produced the returned assignment.
    public var engine: SolveEngine
    /// Simplex iterations or pivots of that engine.
    public var iterations: Int
    /// The stages of a staged solve (programme rules), in order; empty for a single engine.
    public var stages: [SolveStage] = []

    /// |bound − objective| / |objective|; nil without a bound, or without a solution to measure from.
    public var relativeGap: Double? {
        guard let bound, assignment.objective != 0 || bound == 0 else { return nil }
        let obj = Double(assignment.objective)
        return abs(bound - obj) / (abs(obj) + Tolerance.gapDenominator)
    }
}

/// An engine that solves a ``MatchingModel``.
@_spi(Stages) public protocol MatchingSolver: Sendable {
    /// The optimum of `model` (or the best found with what is proven), with its duals when the
    /// engine has them. - Throws: ``MatchingError``.
    func solve(_ model: MatchingModel) throws -> SolveOutcome
}
