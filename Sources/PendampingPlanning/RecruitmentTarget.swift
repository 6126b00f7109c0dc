@_spi(Stages) import Pendamping
import Tabular
internal import GLPK

/// How many new mentors of one template, and where, for a coverage target or within a budget.
///
/// The beginners the current mentors leave unmatched are grouped by the set of candidate
/// locations a template mentor could serve them from (each keeps its 5 best locations, as in
/// ``Recruitment``) and, for kabupaten targets, by kabupaten/kota. With `y_gl` beginners of
/// group `g` served from location `l` and `n_l` new mentors of capacity `c` there:
///
///     Σ_l y_gl ≤ |g|,   Σ_g y_gl ≤ c·n_l,   y, n integer ≥ 0
///
/// - target: minimise `Σ n_l` subject to `Σ y ≥ need` (overall) or `Σ_{g in k} y ≥ need_k`
///   for every kabupaten/kota `k`; the optimum is the smallest number that reaches the target
///   within this model, and GLPK's proof of optimality is the proof that one fewer cannot;
/// - budget: the most beginners `y` whose cost `smallest count(y)·(training + 12·years·honorarium)
///   + y·per_mentee` fits the budget; the cost grows with `y`, so the answer is found by
///   probing the target model (first at the largest `y` its lower bound `⌈y/c⌉` allows).
///
/// For targets a second phase fixes `Σ n` at that smallest number and places the mentors
/// where the beginners they serve score best (each served beginner worth its group's mean
/// score at the location; relative gap 0.1 %), still meeting the target.
///
/// Current pairs stay as they are in the model (the scenario run that follows re-matches
/// everyone, and reports the coverage actually reached). The GLPK routine is `glp_intopt`.
/// - Complexity: one candidate search over `unmatched × locations`, then a MIP with
///   `groups × 5 + locations` integer columns.
public enum RecruitmentTarget {
    /// What to reach.
    public enum Goal: Sendable, Equatable {
        /// At least this share of all beginners matched.
        case coverage(Double)
        /// At least this share of every kabupaten/kota's beginners matched.
        case perKabupaten(Double)
        /// The most beginners the budget (rupiah) buys.
        case budget(Double)
    }

    /// A recruitment answer: the goal, the new mentors and where they go, and what they reach.
    public struct Plan: Sendable {
        /// The goal asked (a coverage target or a budget).
        public var goal: Goal
        /// New mentors and where they go.
        public var count: Int
        /// Where the new mentors go.
        public var placements: [Recruitment.Placement]
        /// Beginners the new mentors take in the model.
        public var newlyMatched: Int
        /// Beginners still needed before recruiting (overall, or summed over kabupaten).
        public var needed: Int
        /// GLPK's status: `optimal` proves `count` smallest (targets) or `newlyMatched` largest (budget).
        public var status: MatchStatus
        /// The most beginners such mentors could reach (each unmatched beginner with a location).
        public var reachable: Int
        /// Cost of the new mentors over one mentoring span, with their mentees' payments (budget goal).
        public var cost: Double
    }

    /// The fewest mentors like `template` that reach a coverage target, or the most beginners
    /// a budget reaches, and where they go (GLPK's branch and cut within `timeLimit`).
    /// - Parameters:
    ///   - goal: a coverage target or a budget.
    ///   - t: the new mentors' template (kind, capacity, sectors, expertise, languages).
    ///   - base: the current match; its unmatched beginners are the ones to reach.
    ///   - locations: candidate places (kecamatan points by default).
    ///   - profile: the profile that scores the new mentors' pairs and prices them.
    ///   - timeLimit: the limit of GLPK's branch and cut.
    /// - Throws: `InputError` when a target cannot be reached by such mentors (naming how
    ///   many they can reach), or a budget goal has no costs for the template's kind.
    public static func solve(_ goal: Goal, template t: Scenario.NewMentors, base: MatchResult, locations: [(RegionCode, GeoPoint)],
                             profile: Profile, timeLimit: Duration = .seconds(60)) throws -> Plan {
        let d = base.dataset
        var matched = [Bool](repeating: false, count: d.mentees.count)
        for p in base.pairs { matched[Int(p.mentee)] = true }
        let unmatched = d.mentees.indices.filter { !matched[$0] }.map { d.mentees[$0] }
        let kab = d.mentees.map { $0.region.prefixKey(2) }
        // What each region still needs.
        var need: [UInt64: Int] = [:]
        var needed = 0
        switch goal {
        case .coverage(let share):
            needed = max(0, Int((share * Double(d.mentees.count) - Tolerance.share).rounded(.up)) - base.matchedCount)
        case .perKabupaten(let share):
            var size: [UInt64: Int] = [:], have: [UInt64: Int] = [:]
            for i in d.mentees.indices { size[kab[i], default: 0] += 1; if matched[i] { have[kab[i], default: 0] += 1 } }
            for (k, n) in size { need[k] = max(0, Int((share * Double(n) - Tolerance.share).rounded(.up)) - (have[k] ?? 0)) }
            needed = need.values.reduce(0, +)
        case .budget: break
        }
        var plan = Plan(goal: goal, count: 0, placements: [], newlyMatched: 0, needed: needed, status: .optimal, reachable: 0, cost: 0)
        if case .budget = goal {} else if needed == 0 { return plan }
        guard !locations.isEmpty, !unmatched.isEmpty else { return plan }
        let (graph, _) = try Recruitment.locationGraph(template: t, locations: locations, unmatched: unmatched, profile: profile)
        // Groups: (kabupaten when it matters, candidate locations) → beginners.
        // Per group: its kabupaten key, candidate locations (ascending), size, and the summed
        // score of its beginners at each of those locations (for the placement phase).
        var groupOf: [[UInt64]: Int] = [:], groups: [(kab: UInt64, locations: [Int32], size: Int, scores: [Int64])] = []
        for i in 0..<graph.menteeCount {
            let pairs = graph.pairs(ofMentee: i).sorted { graph.mentor[$0] < graph.mentor[$1] }
            guard !pairs.isEmpty else { continue }
            let k: UInt64
            if case .perKabupaten = goal { k = unmatched[i].region.prefixKey(2) } else { k = 0 }
            let key = [k] + pairs.map { UInt64(graph.mentor[$0]) }
            let g: Int
            if let found = groupOf[key] { g = found; groups[g].size += 1 } else {
                g = groups.count; groupOf[key] = g
                groups.append((k, pairs.map { graph.mentor[$0] }, 1, Array(repeating: 0, count: pairs.count)))
            }
            for (x, p) in pairs.enumerated() { groups[g].scores[x] += graph.score[p] }
        }
        plan.reachable = groups.reduce(0) { $0 + $1.size }
        if groups.isEmpty, case .budget = goal { return plan }
        if case .perKabupaten = goal {
            var reach: [UInt64: Int] = [:]
            for g in groups { reach[g.kab, default: 0] += g.size }
            let short = need.filter { $0.value > (reach[$0.key] ?? 0) }.sorted { $0.key < $1.key }
            if !short.isEmpty {
                let names = short.prefix(5).map { k, v in "\(d.mentees.first { $0.region.prefixKey(2) == k }.map { ($0.region.prefix(2) ?? $0.region).text } ?? "?") needs \(v), reachable \(reach[k] ?? 0)" }
                throw InputError.invalid([InputIssue(file: "target", line: 0, column: "target-per-kabupaten", message:
                    "such mentors cannot reach the target in \(short.count) kabupaten/kota within the profile's rules (\(names.joined(separator: "; ")))")])
            }
        } else if case .coverage = goal, needed > plan.reachable {
            throw InputError.invalid([InputIssue(file: "target", line: 0, column: "target-coverage", message:
                "the target needs \(needed) more beginners matched, but such mentors can reach only \(plan.reachable) of the unmatched within the profile's rules")])
        }
        let cost = profile.costs[t.kind]
        let perMentor = cost.training + 12 * Double(profile.planning.mentoringYears) * cost.honorariumPerMonth
        let maxPerLocation = Double((plan.reachable + t.capacity - 1) / t.capacity)

        /// The MIP of one phase for `overall` more beginners (or the kabupaten needs): `count`
        /// nil minimises Σ n; a count fixes Σ n and maximises the score of the beginners served.
        func model(overall: Int, count: Int?) -> (LinearModel, [Int32], [Int32]) {
            var lm = LinearModel(sense: count == nil ? .minimize : .maximize)
            let countRow = count.map { lm.addRow(.fixed(Double($0))) }
            var countColumn: [Int32] = [], capacityRow: [Int32] = []
            for _ in locations.indices {
                let n = lm.addColumn(.range(0, maxPerLocation), objective: count == nil ? 1 : 0, kind: .integer)
                countColumn.append(n)
                let row = lm.addRow(.upper(0))
                lm.set(row: row, column: n, -Double(t.capacity))
                capacityRow.append(row)
                if let countRow { lm.set(row: countRow, column: n, 1) }
            }
            var needRow: [UInt64: Int32] = [:]
            if case .perKabupaten = goal {
                for (k, v) in need.sorted(by: { $0.key < $1.key }) where v > 0 { needRow[k] = lm.addRow(.lower(Double(v))) }
            } else {
                needRow[0] = lm.addRow(.lower(Double(overall)))
            }
            var yColumns: [Int32] = []
            for g in groups {
                let sizeRow = lm.addRow(.upper(Double(g.size)))
                for (x, l) in g.locations.enumerated() {
                    // Placement phase: a beginner served is worth its group's mean score there.
                    let value = count != nil ? Double(g.scores[x]) / Double(g.size) / ScoringModel.integerScale : 0
                    let y = lm.addColumn(.range(0, Double(g.size)), objective: value, kind: .integer)
                    lm.set(row: sizeRow, column: y, 1)
                    lm.set(row: capacityRow[Int(l)], column: y, 1)
                    if let r = needRow[g.kab] { lm.set(row: r, column: y, 1) }
                    yColumns.append(y)
                }
            }
            return (lm, countColumn, yColumns)
        }
        func run(_ lm: LinearModel, relativeGap: Double) throws -> MIPSolution {
            try GLPK.withProblem { pr in
                try pr.load(lm)
                return try pr.intopt(MIPOptions(timeLimit: timeLimit, relativeGap: relativeGap, presolve: true, mirCuts: true, coverCuts: true))
            }
        }
        /// The smallest count for `overall` more beginners (nil when GLPK proves none or stops).
        func smallest(_ overall: Int) throws -> (count: Int, solution: MIPSolution, columns: [Int32], y: [Int32], status: MatchStatus) {
            let (lm, countColumn, yColumns) = model(overall: overall, count: nil)
            let s = try run(lm, relativeGap: 0)
            let count = s.hasSolution ? Int(countColumn.reduce(0.0) { $0 + s.columnValues[Int($1)] }.rounded()) : 0
            return (count, s, countColumn, yColumns, MatchStatus(s.status))
        }

        var target = needed
        if case .budget(let money) = goal {
            guard perMentor > 0 || cost.perMentee > 0 else {
                throw InputError.invalid([InputIssue(file: "profile", line: 0, column: "costs.\(t.kind.rawValue)",
                                                     message: "a budget needs the costs of \(t.kind.rawValue) mentors in the profile")])
            }
            // The cost of y more beginners, g(y) = smallest count(y)·per mentor + y·per mentee,
            // grows with y and is at least ⌈y/c⌉·per mentor + y·per mentee. The largest y that
            // bound allows is tried first (usually it is the answer: the count meets its bound);
            // otherwise bisection on y with the exact count.
            func lowerCost(_ y: Int) -> Double { Double((y + t.capacity - 1) / t.capacity) * perMentor + Double(y) * cost.perMentee }
            var lo = 0, hi = plan.reachable
            while lo < hi { let mid = (lo + hi + 1) / 2; if lowerCost(mid) <= money { lo = mid } else { hi = mid - 1 } }
            func fits(_ y: Int) throws -> Bool {
                guard y > 0 else { return true }
                let r = try smallest(y)
                guard r.status == .optimal else { throw MatchingError.solverFailed("budget: GLPK ended \(r.status.rawValue) counting mentors for \(y) UMKM") }
                return Double(r.count) * perMentor + Double(y) * cost.perMentee <= money
            }
            var best = lo
            if try !fits(lo) {
                var (ok, bad) = (0, lo)
                while bad - ok > 1 { let mid = (ok + bad) / 2; if try fits(mid) { ok = mid } else { bad = mid } }
                best = ok
            }
            target = best
            plan.needed = best
            if best == 0 { return plan }
        }
        let first = try smallest(target)
        var (countColumn, yColumns, s) = (first.columns, first.y, first.solution)
        let proof = first.status
        if s.hasSolution, proof == .optimal {
            // Among the placements with that smallest count, the one serving beginners best
            // (to 0.1 % of the score; the count and the target stay exact).
            let second = model(overall: target, count: first.count)
            if let better = try? run(second.0, relativeGap: 0.001), better.hasSolution {
                (countColumn, yColumns, s) = (second.1, second.2, better)
            }
        }
        plan.status = proof
        guard s.hasSolution else { return plan }
        for (l, c) in countColumn.enumerated() {
            let n = Int(s.columnValues[Int(c)].rounded())
            if n > 0 { plan.placements.append(Recruitment.Placement(region: locations[l].0, point: locations[l].1, count: n)) }
            plan.count += n
        }
        plan.placements.sort { $0.region < $1.region }
        // The placement phase may serve more than the target; a budget pays for `target` only.
        plan.newlyMatched = yColumns.reduce(0) { $0 + Int(s.columnValues[Int($1)].rounded()) }
        if case .budget = goal { plan.newlyMatched = min(plan.newlyMatched, target) }
        plan.cost = Double(plan.count) * perMentor + Double(plan.newlyMatched) * cost.perMentee
        return plan
    }
}
