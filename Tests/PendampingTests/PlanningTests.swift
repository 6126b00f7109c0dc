import Foundation
import Testing
@testable import Pendamping
import Optimisation
import Tabular
import PendampingTestSupport
@testable import PendampingPlanning

/// Maximum bipartite b-matching by augmenting paths (test oracle, independent of the solvers):
/// `allowed[i]` lists the locations mentee i may use, `capacity[l]` the slots at l.
func maxCovered(_ allowed: [[Int]], _ capacity: [Int]) -> Int {
    var owner = capacity.map { [Int](repeating: -1, count: $0) }
    func augment(_ i: Int, _ seen: inout Set<Int>) -> Bool {
        for l in allowed[i] where seen.insert(l).inserted {
            for s in owner[l].indices where owner[l][s] < 0 { owner[l][s] = i; return true }
            for s in owner[l].indices where augment(owner[l][s], &seen) { owner[l][s] = i; return true }
        }
        return false
    }
    var total = 0
    for i in allowed.indices { var seen = Set<Int>(); if augment(i, &seen) { total += 1 } }
    return total
}

@Suite struct PlanningTests {
    static let template = Scenario.NewMentors(kind: .cadre, count: 1, capacity: 2, hoursPerMonth: nil, kbli: [KBLICode("G")!],
                                              expertise: [], languages: ["ind"], place: .recruit)

    /// A province where no current mentor reaches anyone, a template, and candidate locations.
    static func instance(seed: UInt64) throws -> (MatchResult, [(RegionCode, GeoPoint)]) {
        var rng = SplitMix64(seed: seed)
        var d = randomDataset(seed: seed &+ 1, mentees: rng.int(in: 3...7), mentors: 1, spreadDegrees: 0.3)
        d.mentors[0].location = GeoPoint(lat: 10, lon: 10)   // far away: nobody is matched
        let regions = ["31.73.01", "31.73.02", "31.74.01"].compactMap { RegionCode($0) }
        let locations = (0..<rng.int(in: 1...3)).map { n in
            (regions[n], GeoPoint(lat: -6.17 + rng.double(in: -0.3...0.3), lon: 106.77 + rng.double(in: -0.3...0.3)))
        }
        var p = Profile.default
        p.rules.maxKm = 25
        return (try Matcher(profile: p).run(d), locations)
    }

    /// The smallest number of new mentors for a coverage target equals brute force over every
    /// placement of 0, 1, 2, … mentors (coverage by exact b-matching).
    @Test func targetCountMatchesBruteForce() throws {
        var nonTrivial = 0
        for seed in 0..<60 {
            let (base, locations) = try Self.instance(seed: UInt64(seed) &+ 51_000)
            let (graph, _) = try Recruitment.locationGraph(template: Self.template, locations: locations,
                                                           unmatched: base.dataset.mentees, profile: base.profile)
            let allowed = (0..<graph.menteeCount).map { i in graph.pairs(ofMentee: i).map { Int(graph.mentor[$0]) } }
            let reachable = allowed.filter { !$0.isEmpty }.count
            guard reachable > 0 else { continue }
            let share = Double(reachable) / Double(base.dataset.mentees.count)
            let plan = try RecruitmentTarget.solve(.coverage(share), template: Self.template, base: base, locations: locations, profile: base.profile)
            // Brute force: the least K with a placement covering `reachable` mentees.
            func placements(_ k: Int, _ from: Int) -> [[Int]] {
                if from == locations.count - 1 { return [[k]] }
                return (0...k).flatMap { n in placements(k - n, from + 1).map { [n] + $0 } }
            }
            var best = -1
            for k in 0...reachable where best < 0 {
                if placements(k, 0).contains(where: { maxCovered(allowed, $0.map { $0 * Self.template.capacity }) >= reachable }) { best = k }
            }
            #expect(plan.count == best && plan.status == .optimal, "seed \(seed): \(plan.count) vs \(best)")
            #expect(plan.placements.reduce(0) { $0 + $1.count } == plan.count && plan.newlyMatched >= plan.needed)
            if best > 1 { nonTrivial += 1 }
        }
        #expect(nonTrivial > 10)
    }

    /// Per-kabupaten targets: the least K equals brute force over placements and every
    /// assignment of beginners to the placed mentors.
    @Test func perKabupatenTargetMatchesBruteForce() throws {
        var checked = 0
        for seed in 0..<60 {
            let (base, locations) = try Self.instance(seed: UInt64(seed) &+ 71_000)
            let d = base.dataset
            let (graph, _) = try Recruitment.locationGraph(template: Self.template, locations: locations, unmatched: d.mentees, profile: base.profile)
            let allowed = (0..<graph.menteeCount).map { i in graph.pairs(ofMentee: i).map { Int(graph.mentor[$0]) } }
            let kab = d.mentees.map { $0.region.prefix(2)!.text }
            var need: [String: Int] = [:]
            for k in Set(kab) { need[k] = Int((0.5 * Double(kab.filter { $0 == k }.count)).rounded(.up)) }
            let plan: RecruitmentTarget.Plan
            do { plan = try RecruitmentTarget.solve(.perKabupaten(0.5), template: Self.template, base: base, locations: locations, profile: base.profile) }
            catch is InputError {
                // Unreachable: some kabupaten has too few beginners with a location.
                #expect(need.contains { k, v in (0..<d.mentees.count).filter { kab[$0] == k && !allowed[$0].isEmpty }.count < v })
                continue
            }
            func meets(_ counts: [Int]) -> Bool {
                var room = counts.map { $0 * Self.template.capacity }, got = [String: Int]()
                func go(_ i: Int) -> Bool {
                    if i == allowed.count { return need.allSatisfy { got[$0.key, default: 0] >= $0.value } }
                    if go(i + 1) { return true }
                    for l in allowed[i] where room[l] > 0 {
                        room[l] -= 1; got[kab[i], default: 0] += 1
                        defer { room[l] += 1; got[kab[i], default: 0] -= 1 }
                        if go(i + 1) { return true }
                    }
                    return false
                }
                return go(0)
            }
            func placements(_ k: Int, _ from: Int) -> [[Int]] {
                if from == locations.count - 1 { return [[k]] }
                return (0...k).flatMap { n in placements(k - n, from + 1).map { [n] + $0 } }
            }
            var best = -1
            for k in 0...8 where best < 0 { if placements(k, 0).contains(where: meets) { best = k } }
            #expect(plan.count == best, "seed \(seed): \(plan.count) vs \(best)")
            checked += 1
        }
        #expect(checked > 10)
    }

    /// Within a budget, the most beginners covered equals brute force over placements that fit.
    @Test func budgetCoverageMatchesBruteForce() throws {
        var profile = Profile.default
        profile.rules.maxKm = 25
        profile.costs.cadre.training = 100
        profile.costs.cadre.honorariumPerMonth = 10
        profile.planning.mentoringYears = 1
        profile.costs.cadre.perMentee = 30
        let perMentor = 100.0 + 120
        for seed in 0..<60 {
            let (base, locations) = try Self.instance(seed: UInt64(seed) &+ 61_000)
            let (graph, _) = try Recruitment.locationGraph(template: Self.template, locations: locations,
                                                           unmatched: base.dataset.mentees, profile: profile)
            let allowed = (0..<graph.menteeCount).map { i in graph.pairs(ofMentee: i).map { Int(graph.mentor[$0]) } }
            var money = SplitMix64(seed: UInt64(seed))
            let budget = Double(money.next() % 900)
            let plan = try RecruitmentTarget.solve(.budget(budget), template: Self.template, base: base, locations: locations, profile: profile)
            var best = 0
            func each(_ l: Int, _ counts: [Int]) {
                if l == locations.count {
                    let k = counts.reduce(0, +)
                    let covered = maxCovered(allowed, counts.map { $0 * Self.template.capacity })
                    // Paying per mentee: cover as many as the money left allows.
                    let affordable = Int(((budget - Double(k) * perMentor) / 30).rounded(.down))
                    if affordable >= 0 { best = max(best, min(covered, affordable)) }
                    return
                }
                for n in 0...4 { each(l + 1, counts + [n]) }
            }
            each(0, [])
            #expect(plan.newlyMatched == best, "seed \(seed): \(plan.newlyMatched) vs \(best)")
            #expect(plan.cost <= budget + 1e-6)
        }
    }
}

@Suite struct PlanSimulationTests {
    static func settings(recruit: Int) throws -> PlanSettings {
        try PlanSettings.decode(Data("""
        {"recruit": [{"kind": "cadre", "count": \(recruit), "capacity": 3, "kbli": ["G"], "place": ["31.73.01", "31.73.02"]}],
         "attrition": 0.2, "alumni": {"share": 0.5, "capacity": 2}, "arrivals": 0.1}
        """.utf8), name: "plan.json")
    }

    /// The year loop's invariants: no one mentored twice, a mentor's active mentees within its
    /// capacity every year, graduates counted once (each cohort graduates after exactly the
    /// mentoring span), and the counts add up.
    @Test func yearLoopInvariants() throws {
        var profile = Profile.default
        profile.planning.mentoringYears = 2
        for seed in 0..<6 {
            let d = randomDataset(seed: UInt64(seed) &+ 81_000, mentees: 120, mentors: 4, spreadDegrees: 0.1)
            let sim = PlanSimulation(base: d, profile: profile, settings: try Self.settings(recruit: 3), regions: try RegionTable.bundled())
            var started = Set<String>(), active: [String: [(Int, String)]] = [:], capacity: [String: Int] = [:]
            var startedIn: [Int: Int] = [:]
            let years = try sim.run(years: 8, cohort: { y, mentee, mentor, cap in
                #expect(started.insert(mentee).inserted, "\(mentee) mentored twice")
                active[mentor, default: []].append((y, mentee)); capacity[mentor] = cap
                startedIn[y, default: 0] += 1
            })
            for y in 1...8 {
                for (m, list) in active {
                    let during = list.filter { $0.0 <= y && y < $0.0 + 2 }.count
                    #expect(during <= capacity[m]!, "mentor \(m) over capacity in year \(y)")
                }
            }
            var inMentoring = 0, ever = 0
            for row in years {
                #expect(row.graduated == (startedIn[row.year - 2] ?? 0))
                #expect(row.started == (startedIn[row.year] ?? 0) && row.started <= row.freeSlots)
                inMentoring += row.started - row.graduated
                ever += row.started
                #expect(row.inMentoring == inMentoring && row.everMentored == ever && ever <= row.umkm)
            }
            let again = try sim.run(years: 8)
            #expect(again == years, "deterministic")
        }
    }

    /// The smallest yearly recruitment found by bisection equals a scan over every count.
    @Test func smallestRecruitmentMatchesAScan() throws {
        var profile = Profile.default
        profile.planning.mentoringYears = 2
        let d = randomDataset(seed: 91, mentees: 150, mentors: 2, spreadDegrees: 0.1)
        let sim = PlanSimulation(base: d, profile: profile, settings: try Self.settings(recruit: 4), regions: try RegionTable.bundled())
        let target = 0.5
        let found = try #require(try sim.smallestRecruitment(target: target, byYear: 4))
        var scan = -1
        for c in 0...60 where scan < 0 {
            if (try sim.run(years: 4, recruitScale: Double(c) / 4).last?.coverage ?? 0) + 1e-12 >= target { scan = c }
        }
        #expect(found.count == scan)
    }
}
