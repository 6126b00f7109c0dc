internal import GLPK

/// Local search for the programme rules: improving moves on a rule-abiding assignment that
/// keep every rule, each checked in constant time against running counts.
///
/// - **insert**: an unmatched mentee joins a mentor with a free slot and hours to spare (a
///   closed mentor only when its minimum cohort is one or none);
/// - **replace**: an unmatched mentee takes the place of a mentor's weakest-gain mentee,
///   who leaves unmatched (the hours after the swap within the limit, every quota of the
///   one leaving still met);
/// - **shift**: a matched mentee moves to a better pair at a mentor with room, its old
///   mentor keeping its minimum cohort or closing.
///
/// Passes over the mentors in index order and their pairs in order, the best move of each
/// pair taken at once, until a pass gains nothing or `passes` are done; fixed pairs never
/// move. Deterministic (`deadline` and `stop` are safety nets). Cheap where the
/// neighbourhood search is dear: one pass looks at every pair, where a sub-solve of that
/// search re-optimises six mentors.
/// - Complexity: `O(pairs · capacity)` per pass.
struct RulesLocalSearch {
    let model: MatchingModel
    let rules: ProgrammeRules
    var passes = 30
    var deadline: ContinuousClock.Instant?
    var stop: StopFlag?

    /// An assignment at least as good as `start` (itself rule-abiding) that keeps every rule.
    func improve(_ start: Assignment) -> Assignment {
        let g = model.graph
        let hoursOn = !rules.pairHours.isEmpty
        var a = start
        var isFixed = [Bool](repeating: false, count: g.menteeCount)
        for p in model.fixedPairs { isFixed[Int(model.menteeOfPair[Int(p)])] = true }
        var load = [Int](repeating: 0, count: g.mentorCount)
        var hours = [Double](repeating: 0, count: g.mentorCount)
        var members = [[Int32]](repeating: [], count: g.mentorCount)
        for i in 0..<g.menteeCount where a.pairOf[i] >= 0 {
            let p = Int(a.pairOf[i]), j = Int(g.mentor[p])
            load[j] += 1; members[j].append(Int32(i))
            if hoursOn { hours[j] += rules.pairHours[p] }
        }
        let limit = (0..<g.mentorCount).map { j in hoursOn ? (rules.hoursLimit[j] ?? .infinity) : .infinity }
        // Every quota a mentee counts towards, and how many each quota has beyond its need.
        var quotasOf = [[Int32]](repeating: [], count: g.menteeCount)
        var spare = [Int](repeating: 0, count: rules.quotas.count)
        for (r, q) in rules.quotas.enumerated() {
            for i in q.mentees { quotasOf[Int(i)].append(Int32(r)); if a.pairOf[Int(i)] >= 0 { spare[r] += 1 } }
            spare[r] -= q.required
        }
        let byMentor = g.pairsByMentor()
        let hoursOf = { (p: Int) in hoursOn ? rules.pairHours[p] : 0 }
        let mayOpen = { (j: Int) in rules.minCohort[j] <= 1 }

        /// Moves mentee `i` to pair `p` (or out, when `p` is -1), keeping the counts.
        func move(_ i: Int, to p: Int) {
            let q = Int(a.pairOf[i])
            if q >= 0 {
                let j = Int(g.mentor[q])
                load[j] -= 1; hours[j] -= hoursOf(q); a.objective -= model.weight[q]
                members[j].removeAll { $0 == Int32(i) }
                if p < 0 { for r in quotasOf[i] { spare[Int(r)] -= 1 } }
            } else if p >= 0 {
                for r in quotasOf[i] { spare[Int(r)] += 1 }
            }
            a.pairOf[i] = Int32(p)
            if p >= 0 {
                let j = Int(g.mentor[p])
                load[j] += 1; hours[j] += hoursOf(p); a.objective += model.weight[p]
                members[j].append(Int32(i))
            }
        }

        for _ in 0..<passes {
            if let stop, stop.isStopped { break }
            if let deadline, ContinuousClock.now >= deadline { break }
            let before = a.objective
            for j in 0..<g.mentorCount {
                for p in byMentor[j] {
                    let i = Int(model.menteeOfPair[p])
                    guard !isFixed[i] else { continue }
                    let q = Int(a.pairOf[i]), w = model.weight[p]
                    let hasSlot = load[j] < Int(model.capacity[j]) && (load[j] > 0 || mayOpen(j))
                    if q < 0 {
                        // Insert, when the mentor has a slot and the hours.
                        if w > 0, hasSlot, hours[j] + hoursOf(p) <= limit[j] { move(i, to: p); continue }
                        // Replace the member whose place gains most (never under cover-all).
                        guard !rules.coverAll else { continue }
                        var out = -1, gain: Int64 = 0
                        for m in members[j] where !isFixed[Int(m)] {
                            let mp = Int(a.pairOf[Int(m)])
                            guard w - model.weight[mp] > gain, hours[j] - hoursOf(mp) + hoursOf(p) <= limit[j] else { continue }
                            // Every quota of the one leaving keeps its need (unless the newcomer counts there too).
                            guard quotasOf[Int(m)].allSatisfy({ r in spare[Int(r)] > 0 || quotasOf[i].contains(r) }) else { continue }
                            out = Int(m); gain = w - model.weight[mp]
                        }
                        if out >= 0 { move(out, to: -1); move(i, to: p) }
                    } else if Int(g.mentor[q]) != j, w > model.weight[q], hasSlot, hours[j] + hoursOf(p) <= limit[j] {
                        // Shift, when the old mentor keeps its cohort or closes.
                        let old = Int(g.mentor[q])
                        if load[old] - 1 == 0 || load[old] - 1 >= Int(rules.minCohort[old]) { move(i, to: p) }
                    }
                }
            }
            if a.objective == before { break }
        }
        return a
    }
}
