import Foundation
import Testing
@_spi(Stages) @testable import Pendamping
import Optimisation
import PendampingTestSupport

@Suite struct EquityTests {
    /// The joint-feasibility flow of the equity floors agrees with enumeration of every
    /// matching on small instances (several kabupaten competing for the same mentors).
    @Test func floorsHoldTogetherExactlyWhenSomeMatchingMeetsThem() throws {
        var checked = 0, infeasible = 0
        for seed in 0..<200 {
            var rng = SplitMix64(seed: UInt64(seed) &+ 41_000)
            let n = rng.int(in: 2...6), m = rng.int(in: 1...3)
            var d = randomDataset(seed: UInt64(seed) &+ 42_000, mentees: n, mentors: m, spreadDegrees: 0.05)
            for j in d.mentors.indices { d.mentors[j].capacity = rng.int(in: 1...2) }
            var ts = StageTimings()
            let prep = try Matcher().prepare(d, timings: &ts)
            let region = d.mentees.map { $0.region.prefix(2) ?? $0.region }
            var floors: [RegionCode: Int] = [:]
            for k in Set(region) { floors[k] = rng.int(in: 0...region.filter { $0 == k }.count) }
            let flow = try EquityBasis.holdTogether(floors, model: prep.model, region: region)
            let orders = StatedOrders(try Matcher().run(d))
            let brute = orders.allMatchings().contains { s in
                floors.allSatisfy { k, f in s.indices.filter { region[$0] == k && s[$0] >= 0 }.count >= f }
            }
            #expect(flow == brute, "seed \(seed)")
            checked += 1
            if !brute { infeasible += 1 }
        }
        #expect(checked == 200 && infeasible > 10)
    }

    /// With `equity_band`, every kabupaten/kota meets its floor and the worst kabupaten
    /// coverage is at least the score optimum's.
    @Test func equityBandRaisesTheWorstKabupaten() throws {
        var d = randomDataset(seed: 77, mentees: 300, mentors: 12, spreadDegrees: 0.3)
        for j in d.mentors.indices { d.mentors[j].capacity = 6 }
        let plain = try Matcher().run(d)
        var profile = Profile.default
        profile.constraints.equityBand = 0.02
        let r = try Matcher(profile: profile).run(d)
        let fp = Fairness(plain), fr = Fairness(r)
        #expect(fr.coverageMin >= fp.coverageMin)
        var timings = StageTimings()
        let model = try Matcher(profile: profile).prepare(d, timings: &timings).model
        let basis = try EquityBasis.compute(model, dataset: d, band: 0.02)
        let rules = ProgrammeRules(profile: profile, dataset: d, graph: r.graph, scoring: r.scoring, equity: basis)
        #expect(!rules.quotas.isEmpty)
        #expect(rules.violations(of: r.outcome.assignment, model: model).isEmpty)
        #expect(r.rules.contains { $0.hasPrefix("equity:") })
    }
}

