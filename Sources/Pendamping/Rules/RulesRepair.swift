/// A fast heuristic that turns an assignment that ignores some programme rules (the network
/// optimum of the core, or a Lagrangian relaxed optimum) into one that keeps them: the
/// incumbent for models too large for GLPK's simplex and the start of branch and cut.
///
/// 1. mentors that can never reach their minimum cohort (capacity, candidates or hours too few) close;
/// 2. hours: a mentor over its hours drops the mentees with the least weight per hour;
/// 3. refill: unassigned mentees, best pair first, go where there is room and time;
/// 4. cohorts: a mentor below its minimum first pulls in unassigned candidates, then
///    candidates from mentors above their own minimum; those still short close (the largest
///    shortfall first, an eighth of them per pass) and their mentees move to open mentors;
/// 5. quotas: a region below its quota places its unassigned mentees at open mentors, else
///    swaps out a mentee of a region above its quota (or of none), else moves a mentee of the
///    mentor elsewhere to make room;
/// 6. a last refill of open mentors;
/// 7. empty mentors open where gathering their minimum cohort (unassigned candidates, and
///    candidates from mentors that keep their own minimum) adds weight.
/// Returns nil when the rules still fail (e.g. a quota the heuristic cannot reach).
/// - Complexity: `O(pairs)` per pass over the precomputed pair orders; a few passes.
struct RulesRepair {
    let model: MatchingModel
    let rules: ProgrammeRules
    /// Pairs by weight, descending (ties by index).
    private let byWeight: [Int32]
    /// Pairs of each mentor by weight, descending: `mentorPairs[mentorStart[j]..<mentorStart[j+1]]`.
    private let mentorStart: [Int32]
    private let mentorPairs: [Int32]
    private let fixed: [Bool]
    private let hasFixed: [Bool]
    private let regionOf: [Int32]
    private let cannotOpen: [Bool]

    /// - Complexity: `O(pairs·log pairs)`, once.
    init(model: MatchingModel, rules: ProgrammeRules) {
        self.model = model; self.rules = rules
        let g = model.graph
        let order = (0..<Int32(g.pairCount)).sorted { a, b in
            let wa = model.weight[Int(a)], wb = model.weight[Int(b)]
            return wa != wb ? wa > wb : a < b
        }
        byWeight = order
        var start = [Int32](repeating: 0, count: g.mentorCount + 1)
        for p in 0..<g.pairCount { start[Int(g.mentor[p]) + 1] += 1 }
        for j in 0..<g.mentorCount { start[j + 1] += start[j] }
        var fill = start
        var pairs = [Int32](repeating: 0, count: g.pairCount)
        for p in order { let j = Int(g.mentor[Int(p)]); pairs[Int(fill[j])] = p; fill[j] += 1 }
        mentorStart = start; mentorPairs = pairs
        fixed = model.fixedMask()
        var hf = [Bool](repeating: false, count: g.mentorCount)
        for p in model.fixedPairs { hf[Int(g.mentor[Int(p)])] = true }
        hasFixed = hf
        var region = [Int32](repeating: -1, count: g.menteeCount)
        for (k, q) in rules.quotas.enumerated() { for i in q.mentees { region[Int(i)] = Int32(k) } }
        regionOf = region
        cannotOpen = rules.cannotOpen(model)
    }

    func repair(_ start: Assignment) -> Assignment? {
        var s = State(self, start)
        s.run()
        let a = Assignment(pairOf: s.pairOf, objective: s.objective())
        guard (try? a.verify(model)) != nil, rules.violations(of: a, model: model).isEmpty else { return nil }
        return a
    }

    /// The working assignment with loads, hours, members and region counts kept in step.
    private struct State {
        let r: RulesRepair
        var pairOf: [Int32]
        var load: [Int32]
        var hours: [Double]
        var members: [[Int32]]
        var slot: [Int32]
        var closed: [Bool]
        var matched: [Int]
        let hoursOn: Bool

        init(_ r: RulesRepair, _ start: Assignment) {
            self.r = r
            let g = r.model.graph
            pairOf = start.pairOf
            load = Array(repeating: 0, count: g.mentorCount)
            hours = Array(repeating: 0, count: g.mentorCount)
            members = Array(repeating: [], count: g.mentorCount)
            slot = Array(repeating: -1, count: g.menteeCount)
            closed = Array(repeating: false, count: g.mentorCount)
            matched = Array(repeating: 0, count: r.rules.quotas.count)
            hoursOn = !r.rules.pairHours.isEmpty
            let assigned = pairOf
            pairOf = Array(repeating: -1, count: g.menteeCount)
            for i in 0..<g.menteeCount where assigned[i] >= 0 { assign(i, Int(assigned[i])) }
        }

        var g: CandidateGraph { r.model.graph }
        func h(_ p: Int) -> Double { hoursOn ? r.rules.pairHours[p] : 0 }
        func minimum(_ j: Int) -> Int32 { r.rules.minCohort[j] }
        func mentee(_ p: Int) -> Int { Int(r.model.menteeOfPair[p]) }
        func objective() -> Int64 { pairOf.reduce(Int64(0)) { $0 + ($1 >= 0 ? r.model.weight[Int($1)] : 0) } }
        func pairsOf(mentor j: Int) -> ArraySlice<Int32> { r.mentorPairs[Int(r.mentorStart[j])..<Int(r.mentorStart[j + 1])] }
        /// Open: has mentees at or above its minimum (a mentee added keeps every rule on cohorts).
        func isOpen(_ j: Int) -> Bool { !closed[j] && (load[j] >= minimum(j) || (load[j] > 0 && r.hasFixed[j]) || minimum(j) <= 1) }

        mutating func assign(_ i: Int, _ p: Int) {
            let j = Int(g.mentor[p])
            pairOf[i] = Int32(p); load[j] += 1; hours[j] += h(p)
            slot[i] = Int32(members[j].count); members[j].append(Int32(i))
            if r.regionOf[i] >= 0 { matched[Int(r.regionOf[i])] += 1 }
        }

        mutating func unassign(_ i: Int) {
            let p = Int(pairOf[i]), j = Int(g.mentor[p])
            pairOf[i] = -1; load[j] -= 1; hours[j] -= h(p)
            let k = Int(slot[i]), last = members[j].removeLast()
            if Int(last) != i { members[j][k] = last; slot[Int(last)] = Int32(k) }
            slot[i] = -1
            if r.regionOf[i] >= 0 { matched[Int(r.regionOf[i])] -= 1 }
        }

        /// Room and time for pair `p` at its mentor (cohort rules aside).
        func fits(_ p: Int) -> Bool {
            let j = Int(g.mentor[p])
            if closed[j] || load[j] >= r.model.capacity[j] { return false }
            if hoursOn, let limit = r.rules.hoursLimit[j], hours[j] + h(p) > limit + Tolerance.hours { return false }
            return true
        }

        func movable(_ i: Int) -> Bool { pairOf[i] >= 0 && !r.fixed[Int(pairOf[i])] }

        mutating func run() {
            closeHopeless()
            trimHours()
            refill { s, p in s.fits(p) }
            settleCohorts()
            meetQuotas()
            refill { s, p in s.fits(p) && s.isOpen(Int(s.g.mentor[p])) }
            openWhereWorth()
        }

        /// Opens empty mentors whose minimum cohort, gathered from unassigned candidates and
        /// from mentors that stay at their own minimum, adds weight. Two passes at most.
        mutating func openWhereWorth() {
            for _ in 0..<2 {
                var opened = false
                for j in 0..<g.mentorCount where load[j] == 0 && !r.cannotOpen[j] && minimum(j) > 1 {
                    if tryOpen(j) { opened = true }
                }
                if !opened { return }
                refill { s, p in s.fits(p) && s.isOpen(Int(s.g.mentor[p])) }
            }
        }

        mutating func tryOpen(_ j: Int) -> Bool {
            let wasClosed = closed[j]
            closed[j] = false
            let w = r.model.weight
            // Candidates by gain: a new pair's weight, less the pair it replaces.
            var options: [(gain: Int64, pair: Int32)] = []
            for p in pairsOf(mentor: j) {
                let i = mentee(Int(p))
                if pairOf[i] < 0 { options.append((w[Int(p)], p)) } else if movable(i) { options.append((w[Int(p)] - w[Int(pairOf[i])], p)) }
            }
            options.sort { $0.gain != $1.gain ? $0.gain > $1.gain : $0.pair < $1.pair }
            var moves: [(mentee: Int, old: Int32)] = []
            var gain: Int64 = 0
            for (value, p) in options {
                if load[j] >= minimum(j) && value <= 0 { break }
                let i = mentee(Int(p))
                guard fits(Int(p)) else { continue }
                let old = pairOf[i]
                if old >= 0 {
                    let from = Int(g.mentor[Int(old)])
                    guard load[from] - 1 >= minimum(from) else { continue }
                    unassign(i)
                }
                assign(i, Int(p)); moves.append((i, old)); gain += value
            }
            if load[j] >= minimum(j) && gain > 0 { return true }
            for (i, old) in moves.reversed() {
                unassign(i)
                if old >= 0 { assign(i, Int(old)) }
            }
            closed[j] = wasClosed
            return false
        }

        mutating func closeHopeless() {
            for (j, never) in r.cannotOpen.enumerated() where never { close(j) }
        }

        mutating func close(_ j: Int) {
            closed[j] = true
            for i in members[j] where movable(Int(i)) { unassign(Int(i)) }
        }

        mutating func trimHours() {
            guard hoursOn else { return }
            for j in 0..<g.mentorCount {
                guard let limit = r.rules.hoursLimit[j], hours[j] > limit + Tolerance.hours else { continue }
                let w = r.model.weight
                let order = members[j].filter { movable(Int($0)) }.sorted { a, b in
                    let pa = Int(pairOf[Int(a)]), pb = Int(pairOf[Int(b)])
                    let ra = Double(w[pa]) / max(h(pa), Tolerance.hours), rb = Double(w[pb]) / max(h(pb), Tolerance.hours)
                    return ra != rb ? ra < rb : a > b
                }
                for i in order where hours[j] > limit + Tolerance.hours { unassign(Int(i)) }
            }
        }

        /// Unassigned mentees take their best allowed pair, pairs by weight descending.
        mutating func refill(_ allowed: (State, Int) -> Bool) {
            for p in r.byWeight {
                let i = mentee(Int(p))
                if pairOf[i] < 0 && allowed(self, Int(p)) { assign(i, Int(p)) }
            }
        }

        mutating func settleCohorts() {
            while true {
                var short = (0..<g.mentorCount).filter { !closed[$0] && load[$0] > 0 && load[$0] < minimum($0) }
                if short.isEmpty { return }
                short.sort { (minimum($0) - load[$0], $0) < (minimum($1) - load[$1], $1) }
                for j in short { fill(j) }
                short = short.filter { load[$0] < minimum($0) }
                let closable = short.filter { !r.hasFixed[$0] }
                guard !closable.isEmpty else { return }   // fixed pairs hold these open; the check will fail
                let worst = closable.sorted { (minimum($0) - load[$0], $1) > (minimum($1) - load[$1], $0) }
                var freed: [Int] = []
                for j in worst.prefix(max(1, closable.count / 8)) {
                    freed += members[j].map(Int.init).filter(movable)
                    close(j)
                }
                // Freed mentees go to mentors that already have mentees (opening none).
                for i in freed {
                    if let p = g.pairs(ofMentee: i).filter({ fits($0) && load[Int(g.mentor[$0])] > 0 })
                        .max(by: { (r.model.weight[$0], -$0) < (r.model.weight[$1], -$1) }) {
                        assign(i, p)
                    }
                }
            }
        }

        /// Brings mentor `j` up to its minimum: unassigned candidates first, then candidates
        /// taken from mentors that stay at or above their own minimum.
        mutating func fill(_ j: Int) {
            for p in pairsOf(mentor: j) where load[j] < minimum(j) {
                let i = mentee(Int(p))
                if pairOf[i] < 0 && fits(Int(p)) { assign(i, Int(p)) }
            }
            for p in pairsOf(mentor: j) where load[j] < minimum(j) {
                let i = mentee(Int(p))
                guard movable(i) else { continue }
                let from = Int(g.mentor[Int(pairOf[i])])
                guard from != j, load[from] - 1 >= minimum(from) || load[from] == 1, fits(Int(p)) else { continue }
                unassign(i); assign(i, Int(p))
            }
        }

        mutating func meetQuotas() {
            for (k, q) in r.rules.quotas.enumerated() where matched[k] < q.required {
                let waiting = q.mentees.map(Int.init).filter { pairOf[$0] < 0 && !g.pairs(ofMentee: $0).isEmpty }
                    .sorted { (r.model.weight[g.pairs(ofMentee: $0).lowerBound], -$0) > (r.model.weight[g.pairs(ofMentee: $1).lowerBound], -$1) }
                for i in waiting where matched[k] < q.required {
                    _ = place(i) || swapIn(i) || makeRoom(i)
                }
            }
        }

        /// At an open mentor with room and time.
        mutating func place(_ i: Int) -> Bool {
            guard let p = g.pairs(ofMentee: i).first(where: { fits($0) && isOpen(Int(g.mentor[$0])) }) else { return false }
            assign(i, p); return true
        }

        /// In place of a mentee whose region keeps its quota without them (or has none).
        mutating func swapIn(_ i: Int) -> Bool {
            for p in g.pairs(ofMentee: i) {
                let j = Int(g.mentor[p])
                guard !closed[j], load[j] > 0 else { continue }
                for o in members[j].map(Int.init) where movable(o) {
                    let region = r.regionOf[o]
                    guard region < 0 || matched[Int(region)] > r.rules.quotas[Int(region)].required else { continue }
                    let old = Int(pairOf[o])
                    guard fitsAfterSwap(p, old) else { continue }
                    unassign(o); assign(i, p)
                    return true
                }
            }
            return false
        }

        /// Time for pair `p` at its mentor once pair `old` there leaves.
        func fitsAfterSwap(_ p: Int, _ old: Int) -> Bool {
            let j = Int(g.mentor[p])
            guard hoursOn, let limit = r.rules.hoursLimit[j] else { return true }
            return hours[j] - h(old) + h(p) <= limit + Tolerance.hours
        }

        /// Moves a mentee of a candidate mentor to another open mentor, then takes its place.
        mutating func makeRoom(_ i: Int) -> Bool {
            for p in g.pairs(ofMentee: i) {
                let j = Int(g.mentor[p])
                guard !closed[j], load[j] > 0 else { continue }
                for o in members[j].map(Int.init) where movable(o) {
                    let old = Int(pairOf[o])
                    guard fitsAfterSwap(p, old) else { continue }
                    guard let q = g.pairs(ofMentee: o).first(where: { Int(g.mentor[$0]) != j && fits($0) && isOpen(Int(g.mentor[$0])) }) else { continue }
                    unassign(o); assign(o, q); assign(i, p)
                    return true
                }
            }
            return false
        }
    }
}
