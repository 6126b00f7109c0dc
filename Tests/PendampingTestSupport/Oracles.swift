import Foundation
@_spi(Stages) import Pendamping

// Answers found without the code under test: every assignment tried, every subset summed,
// every rule counted from its own data. `O(exponential)`: for models of a handful of
// mentees.

/// The optimum by trying every choice of pair (or none) for every mentee.
package func exhaustiveOptimum(_ model: MatchingModel) -> Int64 {
    let g = model.graph
    let fixed = model.fixedMask()
    var best: Int64 = .min
    var load = [Int32](repeating: 0, count: g.mentorCount)
    func go(_ i: Int, _ value: Int64) {
        if i == g.menteeCount { best = max(best, value); return }
        let range = g.pairs(ofMentee: i)
        let forced = range.first { fixed[$0] }
        if forced == nil { go(i + 1, value) }
        for p in range where forced == nil || forced == p {
            let j = Int(g.mentor[p])
            guard load[j] < model.capacity[j] else { continue }
            load[j] += 1
            go(i + 1, value + model.weight[p])
            load[j] -= 1
        }
    }
    go(0, 0)
    return best
}

/// Whether `a` keeps every programme rule, checked here from the rule data alone (not by the
/// solver's own `violations`): mentees grouped by mentor, cohorts and hours summed per group,
/// quotas counted per region, cover-all over every mentee with candidates or not.
package func abidesIndependently(_ a: Assignment, model: MatchingModel, rules: ProgrammeRules) -> Bool {
    let g = model.graph
    var members: [Int: [Int]] = [:]
    for (i, p) in a.pairOf.enumerated() where p >= 0 { members[Int(g.mentor[Int(p)]), default: []].append(i) }
    for (j, list) in members {
        if list.count < Int(rules.minCohort[j]) { return false }
        if let limit = rules.hoursLimit[j], !rules.pairHours.isEmpty {
            let used = list.map { rules.pairHours[Int(a.pairOf[$0])] }.reduce(0, +)
            if used > limit + 1e-6 { return false }
        }
    }
    for q in rules.quotas where q.mentees.filter({ a.pairOf[Int($0)] >= 0 }).count < q.required { return false }
    if rules.coverAll && a.pairOf.contains(-1) { return false }
    return true
}

/// The best objective over assignments that keep the core rows and `rules`, or nil if none does.
package func exhaustiveOptimum(_ model: MatchingModel, rules: ProgrammeRules, dataset: Dataset) -> Int64? {
    let g = model.graph
    let fixed = model.fixedMask()
    var best: Int64?
    var pairOf = [Int32](repeating: -1, count: g.menteeCount)
    var load = [Int32](repeating: 0, count: g.mentorCount)
    func go(_ i: Int, _ value: Int64) {
        if i == g.menteeCount {
            if abidesIndependently(Assignment(pairOf: pairOf, objective: value), model: model, rules: rules) {
                best = max(best ?? .min, value)
            }
            return
        }
        let range = g.pairs(ofMentee: i)
        let forced = range.first { fixed[$0] }
        if forced == nil { pairOf[i] = -1; go(i + 1, value) }
        for p in range where forced == nil || forced == p {
            let j = Int(g.mentor[p])
            guard load[j] < model.capacity[j] else { continue }
            load[j] += 1; pairOf[i] = Int32(p)
            go(i + 1, value + model.weight[p])
            load[j] -= 1; pairOf[i] = -1
        }
    }
    go(0, 0)
    return best
}

/// The best total of `value` over the subsets of their indices whose size lies in `sizes` and
/// whose `hours` fit `room` (both summed in index order); nil when none does. Every subset
/// is tried: `O(2ⁿ·n)`, for knapsack tests of up to about 16 items.
package func bestSubset(value: [Double], hours: [Double], room: Double, sizes: ClosedRange<Int>) -> Double? {
    var best: Double?
    for mask in 0..<(1 << value.count) where sizes.contains(mask.nonzeroBitCount) {
        var used = 0.0, total = 0.0
        for k in value.indices where mask & (1 << k) != 0 { used += hours[k]; total += value[k] }
        if used <= room { best = max(best ?? -.infinity, total) }
    }
    return best
}
