import Testing
@testable import Pendamping
import Optimisation
import PendampingTestSupport
@testable import PendampingPlanning

/// A round or a what-if scenario started from an earlier optimum reaches the same optimum as
/// one started from the greedy assignment alone, whatever the decisions.
@Suite struct WarmStartRoundTests {
    /// 300 seeded rounds, each with rejects, locks, accepts, withdrawals of mentees and of
    /// mentors, and changed capacities: warm and cold agree on the total (both certified).
    @Test func warmAndColdRoundsReachTheSameOptimum() throws {
        var kinds: [String: Int] = [:]
        var pivotsWarm = 0, pivotsCold = 0
        for seed in 0..<300 {
            var rng = SplitMix64(seed: UInt64(seed) &+ 90_000)
            let d = randomDataset(seed: UInt64(seed) &+ 91_000, mentees: rng.int(in: 5...60), mentors: rng.int(in: 2...8), spreadDegrees: 0.15)
            let first = try Matcher(profile: .default).run(d)
            let previous = Dictionary(uniqueKeysWithValues: first.pairs.map { (d.mentees[Int($0.mentee)].id, d.mentors[Int($0.mentor)].id) })
            var entries: [Decisions.Entry] = []
            var line = 2
            func add(_ me: String, _ mo: String, _ decision: PairDecision) {
                entries.append(.init(menteeID: me, mentorID: mo, decision: decision, line: line)); line += 1
                kinds[decision.rawValue, default: 0] += 1
            }
            for (me, mo) in previous.sorted(by: { $0.key < $1.key }) {
                switch rng.int(in: 0...9) {
                case 0: add(me, mo, .reject)
                case 1: add(me, mo, .accept)
                case 2: add(me, mo, .lock)
                default: break
                }
            }
            // A lock on a pair that was not chosen, now and then.
            if seed % 3 == 0, let e = d.mentees.first(where: { previous[$0.id] == nil }) {
                add(e.id, d.mentors[rng.int(in: 0...d.mentors.count - 1)].id, .lock)
            }
            if seed % 4 == 1 { add(d.mentees[rng.int(in: 0...d.mentees.count - 1)].id, "", .withdraw) }
            if seed % 5 == 2, d.mentors.count > 2 { add("", d.mentors[rng.int(in: 0...d.mentors.count - 1)].id, .withdraw) }
            // Capacities changed between the rounds.
            var next = d
            if seed % 2 == 0 {
                for j in next.mentors.indices where rng.int(in: 0...2) == 0 { next.mentors[j].capacity = max(1, next.mentors[j].capacity + rng.int(in: -2...2)) }
                kinds["capacity", default: 0] += 1
            }
            let decisions = Decisions(entries: entries)
            var cold = Matcher(profile: .default, certify: true)
            cold.startFrom = [:]
            let warmRound: CurationRound, coldRound: CurationRound
            do {
                warmRound = try CurationRound.run(dataset: next, previous: previous, decisions: decisions, matcher: Matcher(profile: .default, certify: true))
            } catch is InfeasibleDecisions {
                #expect(throws: InfeasibleDecisions.self, "seed \(seed)") {
                    _ = try CurationRound.run(dataset: next, previous: previous, decisions: decisions, matcher: cold)
                }
                continue
            }
            coldRound = try CurationRound.run(dataset: next, previous: previous, decisions: decisions, matcher: cold)
            #expect(warmRound.result.outcome.status == .optimal && coldRound.result.outcome.status == .optimal, "seed \(seed)")
            #expect(warmRound.result.outcome.assignment.objective == coldRound.result.outcome.assignment.objective, "seed \(seed)")
            pivotsWarm += warmRound.result.outcome.iterations
            pivotsCold += coldRound.result.outcome.iterations
        }
        for kind in ["reject", "accept", "lock", "withdraw", "capacity"] { #expect(kinds[kind, default: 0] > 20, "\(kind): \(kinds)") }
        // Starting from the previous optimum saves pivots overall.
        #expect(pivotsWarm < pivotsCold, "warm \(pivotsWarm) pivots, cold \(pivotsCold)")
    }

    /// A what-if scenario solved from the base run's optimum gives the cold optimum too.
    @Test func scenarioFromTheBaseOptimum() throws {
        for seed in 0..<100 {
            var rng = SplitMix64(seed: UInt64(seed) &+ 92_000)
            let d = randomDataset(seed: UInt64(seed) &+ 93_000, mentees: rng.int(in: 5...50), mentors: rng.int(in: 2...6), spreadDegrees: 0.15)
            let base = try Matcher(profile: .default).run(d)
            var scenario = d
            for j in scenario.mentors.indices { scenario.mentors[j].capacity = max(1, scenario.mentors[j].capacity * rng.int(in: 1...3) / 2) }
            var warm = Matcher(profile: .default, certify: true)
            warm.startFrom = WhatIfRunner.pairsByID(base)
            let a = try warm.run(scenario), b = try Matcher(profile: .default, certify: true).run(scenario)
            #expect(a.outcome.assignment.objective == b.outcome.assignment.objective, "seed \(seed)")
        }
    }
}
