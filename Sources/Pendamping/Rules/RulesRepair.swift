/// A fast heuristic that turns an assignment that ignores the programme rules (the network
/// optimum of the core) into one that keeps them, for models too large for GLPK's simplex
/// within the time limit and as a start for branch and cut.
///
/// 1. hours: a mentor over its hours drops the mentees with the least weight per hour;
/// 2. cohorts: a mentor below its minimum cohort closes (unless fixed pairs hold it open);
/// 3. refill: unassigned mentees, best weight first, go to their best open mentor with room;
/// 4. quotas: regions below quota pull in their unassigned mentees wherever there is room,
///    displacing a mentee of a region above its quota when needed.
/// Returns nil when the rules still fail (e.g. a quota the heuristic cannot reach).
/// - Complexity: `O(pairs·log pairs)`.
struct RulesRepair {
    let model: MatchingModel
    let rules: ProgrammeRules

    func repair(_ start: Assignment, dataset: Dataset) -> Assignment? {
        let g = model.graph
        let n = g.menteeCount, m = g.mentorCount
        let fixed = model.fixedMask()
        var pairOf = start.pairOf
        var load = [Int32](repeating: 0, count: m)
        var hours = [Double](repeating: 0, count: m)
        let hoursOn = !rules.pairHours.isEmpty
        func h(_ p: Int) -> Double { hoursOn ? rules.pairHours[p] : 0 }
        for i in 0..<n where pairOf[i] >= 0 {
            let p = Int(pairOf[i]); load[Int(g.mentor[p])] += 1; hours[Int(g.mentor[p])] += h(p)
        }
        func unassign(_ i: Int) {
            let p = Int(pairOf[i]), j = Int(g.mentor[p])
            load[j] -= 1; hours[j] -= h(p); pairOf[i] = -1
        }
        func assign(_ i: Int, _ p: Int) {
            let j = Int(g.mentor[p]); load[j] += 1; hours[j] += h(p); pairOf[i] = Int32(p)
        }
        var assignedTo = [[Int32]](repeating: [], count: m)
        for i in 0..<n where pairOf[i] >= 0 { assignedTo[Int(g.mentor[Int(pairOf[i])])].append(Int32(i)) }

        // 1. Hours.
        if hoursOn {
            for j in 0..<m {
                guard let limit = rules.hoursLimit[j], hours[j] > limit + 1e-9 else { continue }
                let order = assignedTo[j].filter { !fixed[Int(pairOf[Int($0)])] }.sorted { a, b in
                    let pa = Int(pairOf[Int(a)]), pb = Int(pairOf[Int(b)])
                    let ra = Double(model.weight[pa]) / max(h(pa), 1e-9), rb = Double(model.weight[pb]) / max(h(pb), 1e-9)
                    return ra != rb ? ra < rb : a > b
                }
                for i in order where hours[j] > limit + 1e-9 { unassign(Int(i)) }
            }
        }
        // 2. Cohorts.
        var closed = [Bool](repeating: false, count: m)
        var hasFixed = [Bool](repeating: false, count: m)
        for p in model.fixedPairs { hasFixed[Int(g.mentor[Int(p)])] = true }
        for j in 0..<m where rules.minCohort[j] > 0 && load[j] < rules.minCohort[j] && !hasFixed[j] {
            closed[j] = true
            for i in 0..<n where pairOf[i] >= 0 && Int(g.mentor[Int(pairOf[i])]) == j { unassign(i) }
        }
        func fits(_ p: Int) -> Bool {
            let j = Int(g.mentor[p])
            if closed[j] || load[j] >= model.capacity[j] { return false }
            if hoursOn, let limit = rules.hoursLimit[j], hours[j] + h(p) > limit + 1e-9 { return false }
            return true
        }
        // 3. Refill, best weight first.
        var candidates: [(Int64, Int32, Int32)] = []
        for i in 0..<n where pairOf[i] < 0 { for p in g.pairs(ofMentee: i) { candidates.append((model.weight[p], Int32(i), Int32(p))) } }
        candidates.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.2 < $1.2 }
        for (_, i, p) in candidates where pairOf[Int(i)] < 0 && fits(Int(p)) { assign(Int(i), Int(p)) }
        // 4. Quotas.
        var regionOf = [Int32](repeating: -1, count: n)
        for (k, q) in rules.quotas.enumerated() { for i in q.mentees { regionOf[Int(i)] = Int32(k) } }
        var matched = rules.quotas.map { q in q.mentees.filter { pairOf[Int($0)] >= 0 }.count }
        for (k, q) in rules.quotas.enumerated() where matched[k] < q.required {
            let waiting = q.mentees.filter { pairOf[Int($0)] < 0 && !g.pairs(ofMentee: Int($0)).isEmpty }
                .sorted { model.weight[g.pairs(ofMentee: Int($0)).lowerBound] > model.weight[g.pairs(ofMentee: Int($1)).lowerBound] }
            for i in waiting where matched[k] < q.required {
                if let p = g.pairs(ofMentee: Int(i)).first(where: { fits($0) }) {
                    assign(Int(i), p); matched[k] += 1
                    continue
                }
                // Displace a mentee of a region with surplus (or of no quota) at a candidate mentor.
                search: for p in g.pairs(ofMentee: Int(i)) {
                    let j = Int(g.mentor[p])
                    guard !closed[j] else { continue }
                    for o in 0..<n where pairOf[o] >= 0 && Int(g.mentor[Int(pairOf[o])]) == j && !fixed[Int(pairOf[o])] {
                        let r = regionOf[o]
                        guard r < 0 || matched[Int(r)] > rules.quotas[Int(r)].required else { continue }
                        let old = Int(pairOf[o])
                        unassign(o)
                        if fits(p) {
                            assign(Int(i), p); matched[k] += 1
                            if r >= 0 { matched[Int(r)] -= 1 }
                            break search
                        }
                        assign(o, old)
                    }
                }
            }
        }
        let objective = (0..<n).reduce(Int64(0)) { $0 + (pairOf[$1] >= 0 ? model.weight[Int(pairOf[$1])] : 0) }
        let a = Assignment(pairOf: pairOf, objective: objective)
        guard (try? a.verify(model)) != nil, rules.violations(of: a, model: model, dataset: dataset).isEmpty else { return nil }
        return a
    }
}
