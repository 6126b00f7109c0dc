import MinCostFlow

/// Co-mentoring by need: each beginner gets up to `N` mentors, each credited with a different
/// *role*: one of the beginner's needs that the mentor's expertise covers (halal, packaging, …)
/// or the one general role any candidate may fill. A mentor's capacity counts beginners; a
/// pair fills at most one role. (`N = 1` is the ordinary assignment, which `match` solves
/// without this network.)
///
/// The structure is a network, so it is solved exactly as one min-cost flow with the
/// project's network simplex: each beginner supplies `N` units; beginner → role (capacity 1)
/// → pair (capacity 1, from every role the pair covers) → mentor (capacity 1, cost −weight) →
/// sink (capacity = the mentor's capacity); units a beginner does not place go straight to the
/// sink, the first `N − 1` free and the last at cost ``firstMentorBonus``, so a beginner's first
/// mentor is worth its weight plus that bonus (covering one more beginner comes before giving
/// another a further mentor, unless the pair scores are far apart). Locked and accepted pairs
/// are lower bounds of 1 on their pair → mentor arcs (moved into the supplies), so an
/// infeasible set of locks is reported as such.
///
/// The objective is `Σ weight + bonus·(beginners with a mentor)`; the reported objective is
/// `Σ weight`. - Complexity: one network simplex on `O(n·(1 + needs) + pairs·(1 + covered needs))`
/// arcs.
public enum CoMentoring {
    /// The largest `mentors_per_mentee` accepted (``Profile/maxMentorsPerMentee``).
    public static let maxMentorsPerMentee = Profile.maxMentorsPerMentee
    /// A beginner's first mentor is worth this much more (integer score units: one full score).
    public static let firstMentorBonus = Int64(ScoringModel.integerScale)

    /// The chosen pairs with the role each fills (nil: the general role).
    public struct Solution: Sendable, Equatable {
        /// The chosen pairs, ascending.
        public var pairs: [Int32]
        /// The role each chosen pair fills (nil: the general role).
        public var role: [Skill?]
        /// The objective, in score units.
        public var objective: Int64
        /// How the solve ended.
        public var status: MatchStatus
        /// Network simplex pivots.
        public var pivots: Int
    }

    /// - Parameters:
    ///   - needs: each beginner's needs; `expertise`: each mentor's.
    ///   - perMentee: `N`.
    /// - Throws: ``MatchingError/infeasibleLocks(_:)`` when the locked pairs cannot all fill
    ///   different roles; ``MatchingError/solverFailed(_:)`` when the network is too large for
    ///   exact integer costs.
    @_spi(Stages) public static func solve(_ model: MatchingModel, needs: [SkillSet], expertise: [SkillSet], perMentee: Int) throws -> Solution {
        let g = model.graph
        let fixed = model.fixedMask()
        let menteeOf = model.menteeOfPair
        // Node layout: beginners, then each beginner's roles, then pairs, mentors, sink.
        var roleStart = [Int32](repeating: 0, count: g.menteeCount + 1)
        var roleSkill: [Skill?] = []
        for i in 0..<g.menteeCount {
            roleSkill.append(nil)
            var covered: UInt16 = 0
            for p in g.pairs(ofMentee: i) { covered |= needs[i].rawValue & expertise[Int(g.mentor[p])].rawValue }
            for s in Skill.allCases where covered & s.bit != 0 { roleSkill.append(s) }
            roleStart[i + 1] = Int32(roleSkill.count)
        }
        let n = g.menteeCount, roles = roleSkill.count, pairs = g.pairCount, m = g.mentorCount
        let roleBase = n, pairBase = n + roles, mentorBase = pairBase + pairs, sink = mentorBase + m
        var network = FlowNetwork(nodeCount: sink + 1, arcCapacity: 3 * n + roles + 3 * pairs + m)
        let units = Int64(perMentee)
        for i in 0..<n where !g.pairs(ofMentee: i).isEmpty {
            network.supply[i] = units
            network.supply[sink] -= units
            if units > 1 { network.addArc(from: Int32(i), to: Int32(sink), capacity: units - 1, cost: 0) }
            network.addArc(from: Int32(i), to: Int32(sink), capacity: 1, cost: firstMentorBonus)
            for r in Int(roleStart[i])..<Int(roleStart[i + 1]) {
                network.addArc(from: Int32(i), to: Int32(roleBase + r), capacity: 1, cost: 0)
            }
        }
        var roleArcs: [(arc: Int32, role: Int32, pair: Int32)] = []
        var pairArc = [Int32](repeating: -1, count: pairs)
        var constant: Int64 = 0
        for p in 0..<pairs {
            let i = Int(menteeOf[p]), j = Int(g.mentor[p])
            let covered = needs[i].rawValue & expertise[j].rawValue
            for r in Int(roleStart[i])..<Int(roleStart[i + 1]) where roleSkill[r].map({ covered & $0.bit != 0 }) ?? true {
                roleArcs.append((network.addArc(from: Int32(roleBase + r), to: Int32(pairBase + p), capacity: 1, cost: 0), Int32(r), Int32(p)))
            }
            if fixed[p] {
                // Lower bound 1 on pair → mentor: the pair node must take one unit from a role,
                // and the mentor must pass one unit to the sink.
                network.supply[pairBase + p] -= 1
                network.supply[mentorBase + j] += 1
                constant += model.weight[p]
            } else if model.capacity[j] > 0 {
                pairArc[p] = network.addArc(from: Int32(pairBase + p), to: Int32(mentorBase + j), capacity: 1, cost: -model.weight[p])
            }
        }
        for j in 0..<m where model.capacity[j] > 0 {
            network.addArc(from: Int32(mentorBase + j), to: Int32(sink), capacity: Int64(model.capacity[j]), cost: 0)
        }
        let result: NetworkSimplex.Result
        do { result = try NetworkSimplex.solve(network) } catch {
            throw MatchingError.solverFailed("co-mentoring network: \(error)")
        }
        guard result.status == .optimal else {
            if result.status == .infeasible {
                let locked = (0..<pairs).filter { fixed[$0] }.map { menteeOf[$0] }
                let lockedCount = Dictionary(locked.map { ($0, 1) }, uniquingKeysWith: +).sorted { $0.key < $1.key }
                throw MatchingError.infeasibleLocks(lockedCount.filter { $0.value > 1 }.map { .lockedRolesOverlap(mentee: $0.key, count: $0.value) })
            }
            throw MatchingError.solverFailed("co-mentoring network ended \(result.status.rawValue)")
        }
        var roleOfPair = [Int32](repeating: -1, count: pairs)
        for a in roleArcs where result.flow[Int(a.arc)] == 1 { roleOfPair[Int(a.pair)] = a.role }
        var chosen: [Int32] = [], role: [Skill?] = []
        var objective = constant
        for p in 0..<pairs where fixed[p] || (pairArc[p] >= 0 && result.flow[Int(pairArc[p])] == 1) {
            chosen.append(Int32(p)); role.append(roleSkill[Int(roleOfPair[p])])
            if !fixed[p] { objective += model.weight[p] }
        }
        // The roles of one beginner's pairs are interchangeable where coverage allows: a pair on
        // the general role that covers a need no other of its pairs fills is named by that need.
        var k = 0
        while k < chosen.count {
            let i = menteeOf[Int(chosen[k])]
            var end = k
            while end < chosen.count && menteeOf[Int(chosen[end])] == i { end += 1 }
            if let g0 = (k..<end).first(where: { role[$0] == nil }) {
                let p = Int(chosen[g0])
                let covered = needs[Int(i)].rawValue & expertise[Int(g.mentor[p])].rawValue
                var taken: UInt16 = 0
                for x in k..<end { if let r = role[x] { taken |= r.bit } }
                if let free = Skill.allCases.first(where: { covered & $0.bit != 0 && taken & $0.bit == 0 }) { role[g0] = free }
            }
            k = end
        }
        return Solution(pairs: chosen, role: role, objective: objective, status: .optimal, pivots: result.pivots)
    }

    /// Checks a solution against the definition, independently of the network: pairs of the
    /// graph, at most `perMentee` per beginner with distinct roles each covered by the pair,
    /// capacities, every fixed pair present, and the objective. - Complexity: `O(pairs)`.
    @_spi(Stages) public static func verify(_ s: Solution, _ model: MatchingModel, needs: [SkillSet], expertise: [SkillSet], perMentee: Int) throws {
        let g = model.graph
        var load = [Int32](repeating: 0, count: g.mentorCount), count = [Int](repeating: 0, count: g.menteeCount)
        var used = Set<[Int]>()
        var total: Int64 = 0, present = Set<Int32>()
        for (k, p) in s.pairs.enumerated() {
            let i = Int(model.menteeOfPair[Int(p)]), j = Int(g.mentor[Int(p)])
            guard present.insert(p).inserted else { throw MatchingError.invalidSolution("pair \(p) twice") }
            load[j] += 1; count[i] += 1; total += model.weight[Int(p)]
            let bit = s.role[k].map { Int($0.bit) } ?? 0
            if let r = s.role[k], needs[i].rawValue & expertise[j].rawValue & r.bit == 0 {
                throw MatchingError.invalidSolution("pair \(p) credited with a need it does not cover")
            }
            guard used.insert([i, bit]).inserted else { throw MatchingError.invalidSolution("mentee \(i) has a role twice") }
        }
        for j in 0..<g.mentorCount where load[j] > model.capacity[j] { throw MatchingError.invalidSolution("mentor \(j) over capacity") }
        for i in 0..<g.menteeCount where count[i] > perMentee { throw MatchingError.invalidSolution("mentee \(i) over \(perMentee) mentors") }
        for p in model.fixedPairs where !present.contains(p) { throw MatchingError.invalidSolution("fixed pair \(p) missing") }
        guard total == s.objective else { throw MatchingError.invalidSolution("objective \(s.objective), pairs sum to \(total)") }
    }
}
