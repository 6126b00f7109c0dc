import Optimisation
import Parallel
internal import GLPK

/// Large-neighbourhood search for the programme rules: free a few mentors that share
/// candidates, with their mentees and every unmatched mentee they could take, and re-solve
/// that part exactly with GLPK's branch and cut (cohort switches, hours, the quotas' shares
/// still missing outside the part), keeping the result when its total is higher. Everyone
/// else stays as they are, so the answer keeps every rule.
///
/// Groups: a seed mentor drawn by a seeded generator, and the mentors sharing the most
/// candidate mentees with it; two groups with no mentor in common are re-solved at once, each
/// GLPK problem on its own thread, from the same assignment, and when both gain, their
/// changes are merged if they touch different mentees and keep every rule (else the larger
/// gain is kept). A sub-solve stops after `nodeLimit` branch-and-bound nodes
/// (counted in GLPK's callback, not timed), so the search is deterministic; `deadline` is a
/// safety net. The corresponding GLPK routine is `glp_intopt`.
/// - Complexity: `subSolves` branch and cuts on a few hundred columns each, two at a time.
struct RulesNeighbourhood {
    let model: MatchingModel
    let rules: ProgrammeRules
    var groupSize = 6
    var subSolves = 400
    /// Sub-solves without a better total after which the search ends.
    var patience = 60
    var nodeLimit = 300
    var deadline: ContinuousClock.Instant?
    var stop: StopFlag?
    var seed: UInt64 = 11
    /// Two disjoint groups re-solved at once (both cores), their gains merged when compatible.
    var twoAtOnce = true

    /// A rule-abiding assignment at least as good as `start` (itself rule-abiding).
    func improve(_ start: Assignment) throws -> Assignment {
        let g = model.graph
        guard g.mentorCount >= 2 else { return start }
        let byMentor = g.pairsByMentor()
        let fixedMentee = Set(model.fixedPairs.map { model.menteeOfPair[Int($0)] })
        let fixed = rules.fixedLoad(model)
        var current = start
        var rng = SplitMix64(seed: seed)
        // Patience spent ends this search.
        var schedule = SearchSchedule(budget: subSolves, patience: patience, deadline: deadline)
        while schedule.mayContinue(stopped: stop?.isStopped ?? false) && !schedule.isStale {
            // Two groups with no mentor in common, re-solved at once on two threads.
            let first = group(around: rng.int(in: 0...(g.mentorCount - 1)), byMentor)
            let second = group(around: rng.int(in: 0...(g.mentorCount - 1)), byMentor)
            let groups = twoAtOnce && schedule.done + 1 < subSolves && Set(first).isDisjoint(with: second) ? [first, second] : [first]
            let base = current
            let found = try concurrentMap(groups.count) { k in
                try subSolve(groups[k], base, byMentor, fixedMentee, fixed).flatMap { $0.objective > base.objective ? $0 : nil }
            }
            let better = found.compactMap { $0 }
            schedule.record(groups.count, improved: !better.isEmpty)
            guard let top = better.max(by: { $0.objective < $1.objective }) else { continue }
            current = better.count == 2 ? (merged(better[0], better[1], from: base) ?? top) : top
        }
        return current
    }

    /// Both parts' changes on `base` when they touch different mentees and the result keeps
    /// every rule (a quota one part relied on may be what the other took away), else nil.
    /// - Complexity: `O(n)` plus the rule check.
    private func merged(_ a: Assignment, _ b: Assignment, from base: Assignment) -> Assignment? {
        var out = a
        for i in base.pairOf.indices where b.pairOf[i] != base.pairOf[i] {
            guard a.pairOf[i] == base.pairOf[i] else { return nil }
            out.pairOf[i] = b.pairOf[i]
        }
        out.objective = a.objective + b.objective - base.objective
        guard (try? out.verify(model)) != nil, rules.violations(of: out, model: model).isEmpty else { return nil }
        return out
    }

    /// The seed mentor and the mentors sharing the most candidate mentees with it (ties by index).
    private func group(around seed: Int, _ byMentor: [[Int]]) -> [Int] {
        let g = model.graph
        var shared = [Int: Int]()
        for p in byMentor[seed] {
            let i = Int(model.menteeOfPair[p])
            for q in g.pairs(ofMentee: i) where Int(g.mentor[q]) != seed { shared[Int(g.mentor[q]), default: 0] += 1 }
        }
        let others = shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(groupSize - 1).map(\.key)
        return ([seed] + others).sorted()
    }

    /// The best re-assignment of the group's part within the node limit, or nil.
    private func subSolve(_ group: [Int], _ a: Assignment, _ byMentor: [[Int]], _ fixedMentee: Set<Int32>,
                          _ fixed: (count: [Int], hoursLeft: [Double])) throws -> Assignment? {
        let g = model.graph
        let inGroup = Set(group)
        // Free mentees: those of the group's mentors (not locked) and the unmatched ones they could take.
        var free = Set<Int>()
        for j in group {
            for p in byMentor[j] {
                let i = Int(model.menteeOfPair[p])
                guard !fixedMentee.contains(Int32(i)) else { continue }
                let q = a.pairOf[i]
                if q < 0 || inGroup.contains(Int(g.mentor[Int(q)])) { free.insert(i) }
            }
        }
        guard !free.isEmpty else { return nil }
        var lm = LinearModel(sense: .maximize)
        var columns: [Int] = []
        var columnsOf = [Int: [Int32]](), menteeColumns = [Int: [Int32]]()
        for j in group {
            for p in byMentor[j] where free.contains(Int(model.menteeOfPair[p])) {
                let c = lm.addColumn(.range(0, 1), objective: Double(model.weight[p]), kind: .binary)
                columns.append(p); columnsOf[j, default: []].append(c); menteeColumns[Int(model.menteeOfPair[p]), default: []].append(c)
            }
        }
        for i in free.sorted() {
            let r = lm.addRow(rules.coverAll ? .fixed(1) : .upper(1))
            for c in menteeColumns[i] ?? [] { lm.set(row: r, column: c, 1) }
        }
        var openSwitch: [(mentor: Int, column: Int32)] = []
        for j in group {
            let xs = columnsOf[j] ?? []
            let room = Double(Int(model.capacity[j]) - fixed.count[j])
            let need = Int(rules.minCohort[j]) - fixed.count[j]
            if need > 0 && fixed.count[j] == 0 {
                // Open switch: nothing, or between the minimum and the capacity.
                let y = lm.addColumn(.range(0, 1), objective: 0, kind: .binary)
                openSwitch.append((j, y))
                let r1 = lm.addRow(.upper(0)), r2 = lm.addRow(.lower(0))
                for c in xs { lm.set(row: r1, column: c, 1); lm.set(row: r2, column: c, 1) }
                lm.set(row: r1, column: y, -room); lm.set(row: r2, column: y, -Double(need))
            } else {
                let r = lm.addRow(need > 0 ? .range(Double(need), room) : .upper(room))
                for c in xs { lm.set(row: r, column: c, 1) }
            }
            if fixed.hoursLeft[j].isFinite {
                let r = lm.addRow(.upper(fixed.hoursLeft[j]))
                for c in xs { lm.set(row: r, column: c, rules.pairHours[columns[Int(c)]]) }
            }
        }
        // Quotas: what the mentees outside the part already cover counts.
        for q in rules.quotas {
            let members = q.mentees.filter { free.contains(Int($0)) }
            guard !members.isEmpty else { continue }
            let outside = q.mentees.filter { !free.contains(Int($0)) && a.pairOf[Int($0)] >= 0 }.count
            let need = q.required - outside
            guard need > 0 else { continue }
            let r = lm.addRow(.lower(Double(need)))
            for i in members { for c in menteeColumns[Int(i)] ?? [] { lm.set(row: r, column: c, 1) } }
        }
        // The current part as the start (its open switches at 1 where it has mentees).
        var startValues = columns.map { p in a.pairOf[Int(model.menteeOfPair[p])] == Int32(p) ? 1.0 : 0 }
        while startValues.count < lm.columnCount { startValues.append(0) }
        for (j, y) in openSwitch where (columnsOf[j] ?? []).contains(where: { startValues[Int($0)] > 0.5 }) { startValues[Int(y)] = 1 }
        var options = MIPOptions(presolve: false, mirCuts: true, coverCuts: true, cliqueCuts: true, progressInterval: .zero)
        options.timeLimit = deadline.map { max(.milliseconds(1), $0 - ContinuousClock.now) }
        let halt = StopFlag(), limit = nodeLimit, outer = stop
        let s = try GLPK.withProblem { p in
            try p.load(lm)
            return try p.intopt(options, start: startValues, stop: halt) { if $0.totalNodes > limit || outer?.isStopped == true { halt.stop() } }
        }
        guard s.hasSolution else { return nil }
        var out = a
        for i in free { if out.pairOf[i] >= 0 { out.objective -= model.weight[Int(out.pairOf[i])] }; out.pairOf[i] = -1 }
        for (c, p) in columns.enumerated() where s.columnValues[c] > 0.5 {
            let i = Int(model.menteeOfPair[p])
            guard out.pairOf[i] < 0 else { return nil }
            out.pairOf[i] = Int32(p); out.objective += model.weight[p]
        }
        // Kept only when an independent check finds every rule held.
        guard (try? out.verify(model)) != nil, rules.violations(of: out, model: model).isEmpty else { return nil }
        return out
    }
}
