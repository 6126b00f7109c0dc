import Foundation
import GLPK
import Testing
@_spi(Stages) @testable import Pendamping
import Optimisation
import PendampingTestSupport

/// The solve's outcome, or nil when the rules cannot all hold; every other error is rethrown.
func solvedOrInfeasible(_ solve: () throws -> RulesSolver.Outcome) throws -> RulesSolver.Outcome? {
    do { return try solve() } catch is InfeasibleRules { return nil }
}

@Suite struct RulesTests {
    /// A random model small enough for exhaustive search with random rules (nil: no rules drawn).
    func smallRuleCase(_ seed: Int) -> (MatchingModel, ProgrammeRules, Dataset)? {
        let model = randomModel(seed: UInt64(seed) &+ 4242, maxMentees: 6, maxMentors: 3, maxK: 3, lockProbability: 0.1)
        let rules = randomRules(model, seed: UInt64(seed))
        guard !rules.isEmpty else { return nil }
        return (model, rules, dummyDataset(mentees: model.graph.menteeCount, mentors: model.graph.mentorCount))
    }

    /// A mentor is called unable to open only when no cohort of its candidate pairs, sized
    /// between its minimum and its capacity, fits its hours (every subset tried here); and
    /// the hours alone must be the reason in some cases.
    @Test func cannotOpenOnlyWhenNoCohortFits() {
        var flagged = 0, byHours = 0
        for seed in 0..<1_500 {
            guard let (model, rules, _) = smallRuleCase(seed) else { continue }
            let g = model.graph
            let never = rules.cannotOpen(model)
            for j in 0..<g.mentorCount {
                let pairs = (0..<g.pairCount).filter { Int(g.mentor[$0]) == j }
                let least = Int(rules.minCohort[j]), most = Int(model.capacity[j])
                let locked = model.fixedPairs.contains { Int(g.mentor[Int($0)]) == j }
                var fits = false, fitsWithoutHours = false
                for mask in 0..<(1 << pairs.count) where (max(1, least)...max(1, least, most)).contains(mask.nonzeroBitCount)
                    && mask.nonzeroBitCount <= most {
                    fitsWithoutHours = true
                    let used = (0..<pairs.count).filter { mask & (1 << $0) != 0 }.reduce(0.0) {
                        $0 + (rules.pairHours.isEmpty ? 0 : rules.pairHours[pairs[$1]])
                    }
                    if rules.hoursLimit[j].map({ rules.pairHours.isEmpty || used <= $0 + 1e-6 }) ?? true { fits = true; break }
                }
                guard never[j] else { continue }
                flagged += 1
                #expect(!locked && least > 0 && !fits, "seed \(seed), mentor \(j)")
                if fitsWithoutHours { byHours += 1 }
            }
        }
        #expect(flagged > 10 && byHours > 3, "flagged \(flagged), by hours \(byHours)")
    }

    @Test func rulesSolverEqualsExhaustiveSearch() throws {
        var solved = 0, infeasible = 0, changed = 0
        for seed in 0..<300 {
            guard let (model, rules, d) = smallRuleCase(seed) else { continue }
            let expected = exhaustiveOptimum(model, rules: rules, dataset: d)
            do {
                let r = try RulesSolver(rules: rules).solve(model, dataset: d)
                #expect(r.solve.status == .optimal, "seed \(seed)")
                #expect(r.solve.assignment.objective == expected, "seed \(seed)")
                #expect(abidesIndependently(r.solve.assignment, model: model, rules: rules), "seed \(seed)")
                for (j, never) in rules.cannotOpen(model).enumerated() where never {
                    #expect(!r.solve.assignment.pairOf.contains { $0 >= 0 && model.graph.mentor[Int($0)] == j }, "seed \(seed)")
                }
                if r.solve.assignment.objective != exhaustiveOptimum(model) { changed += 1 }
                solved += 1
            } catch let e as InfeasibleRules {
                #expect(expected == nil, "seed \(seed): reported infeasible (\(e)) but \(String(describing: expected)) exists")
                #expect(!e.conflicts.isEmpty)
                infeasible += 1
            }
        }
        // The generator must produce binding rules and infeasible sets, not only easy cases.
        #expect(solved > 100 && infeasible > 5 && changed > 20, "solved \(solved), infeasible \(infeasible), changed \(changed)")
    }

    /// A solution keeps the rules and is no better than the optimum; the bound lies between the
    /// optimum and the network optimum without rules.
    func expectSolution(_ a: Assignment, bound: Double, optimum: Double, network: Double, rules: ProgrammeRules,
                        model: MatchingModel, dataset d: Dataset, seed: Int) {
        #expect(abidesIndependently(a, model: model, rules: rules), "seed \(seed)")
        #expect(Double(a.objective) <= optimum, "seed \(seed)")
        #expect(bound >= optimum - 1e-6 && bound <= network, "seed \(seed): bound \(bound), optimum \(optimum), network \(network)")
    }

    /// Forced onto the path without GLPK (Lagrangian relaxation and repair): rules hold, the
    /// bound is valid and never above the network optimum, a closed gap is a true optimum.
    @Test func lagrangianPathKeepsRulesWithAValidBound() throws {
        var found = 0, tighter = 0, closed = 0
        for seed in 0..<300 {
            guard let (model, rules, d) = smallRuleCase(seed) else { continue }
            var solver = RulesSolver(rules: rules)
            solver.columnLimit = 0
            // Only infeasible rule sets are skipped; any other error fails the test.
            guard let r = try solvedOrInfeasible({ try solver.solve(model, dataset: d) }),
                  r.solve.status == .feasible || r.solve.status == .optimal, r.solve.engine != .networkSimplex else { continue }
            #expect(r.solve.stages.map(\.name).filter { $0 != .neighbourhood } == [.core, .lagrangian], "seed \(seed)")
            let best = try #require(exhaustiveOptimum(model, rules: rules, dataset: d))
            let bound = try #require(r.solve.bound)
            let network = Double(exhaustiveOptimum(model))
            expectSolution(r.solve.assignment, bound: bound, optimum: Double(best), network: network, rules: rules, model: model, dataset: d, seed: seed)
            if r.solve.status == .optimal { #expect(r.solve.assignment.objective == best, "seed \(seed)"); closed += 1 }
            if bound < network - 1 { tighter += 1 }
            found += 1
        }
        #expect(found > 25 && tighter > 10 && closed > 5, "found \(found), tighter \(tighter), closed \(closed)")
    }

    /// The Lagrangian relaxation on models beyond exhaustive search: its bound is never below
    /// GLPK's proven optimum nor above the network optimum, and its repaired solutions keep
    /// the rules.
    @Test func lagrangianBoundIsValidAgainstGLPK() throws {
        var compared = 0, tighter = 0, matchedOptimum = 0
        for seed in 0..<60 {
            let model = randomModel(seed: UInt64(seed) &+ 777, maxMentees: 40, maxMentors: 8, maxK: 4, lockProbability: 0.05)
            let rules = randomRules(model, seed: UInt64(seed) &+ 99)
            guard !rules.isEmpty else { continue }
            let d = dummyDataset(mentees: model.graph.menteeCount, mentors: model.graph.mentorCount)
            guard let exact = try solvedOrInfeasible({ try RulesSolver(rules: rules).solve(model, dataset: d) }) else { continue }
            #expect(exact.solve.status == .optimal, "seed \(seed)")
            let optimum = Double(exact.solve.assignment.objective)
            let repair = RulesRepair(model: model, rules: rules)
            let lagrangian = try RulesLagrangian(model: model, rules: rules).run { repair.repair($0) }
            let network = Double(try NetworkMatchingSolver().solve(model).assignment.objective)
            // The relaxation rounds each adjusted weight and adds back at most ½ per mentee.
            let rounding = 0.5 * Double(model.graph.menteeCount)
            if let best = lagrangian.best {
                expectSolution(best, bound: lagrangian.bound, optimum: optimum, network: network + rounding, rules: rules, model: model, dataset: d, seed: seed)
                if Double(best.objective) == optimum { matchedOptimum += 1 }
            } else {
                #expect(lagrangian.bound >= optimum && lagrangian.bound <= network + rounding, "seed \(seed)")
            }
            if lagrangian.bound < network - 1 { tighter += 1 }
            compared += 1
        }
        #expect(compared > 20 && tighter > 5 && matchedOptimum > 5, "compared \(compared), tighter \(tighter), optimum \(matchedOptimum)")
    }

    @Test func generatedProvinceRulesHoldAndReportSlack() throws {
        let d = randomDataset(seed: 21, mentees: 600, mentors: 40, spreadDegrees: 0.3)
        var p = Profile.default
        p.constraints.minMentees = 3
        p.constraints.hours = true
        p.constraints.defaultHoursPerMonth = 12
        p.constraints.quotaLevel = .kecamatan
        p.constraints.quotaShare = 0.1
        var m = Matcher(profile: p, timeLimit: .seconds(30))
        m.relativeGap = 0
        let r = try m.run(d)
        // Whether the proof finishes within the limit depends on the machine; a rule-abiding
        // solution must be there either way.
        #expect([MatchStatus.optimal, .feasible, .timeLimit].contains(r.outcome.status))
        #expect(!r.rules.isEmpty && !r.ruleReport.isEmpty)
        #expect(r.ruleReport.allSatisfy { $0.slack >= -1e-6 })
        // Every open mentor has at least 3 mentees; every kecamatan reaches its quota, counted
        // here from the mentees' region codes: at least ⌈10 % of its mentees⌉ matched.
        for j in 0..<d.mentors.count where r.load[j] > 0 { #expect(r.load[j] >= 3) }
        var members: [String: [Int]] = [:]
        for (i, e) in d.mentees.enumerated() { members[e.region.text.split(separator: ".").prefix(3).joined(separator: "."), default: []].append(i) }
        #expect(members.count > 1)
        for (kecamatan, list) in members {
            let required = (list.count * 10 + 99) / 100
            let matched = list.filter { r.outcome.assignment.pairOf[$0] >= 0 }.count
            #expect(matched >= required, "kecamatan \(kecamatan): \(matched) of \(list.count) matched, \(required) required")
        }
    }
}

@Suite struct RulesKnapsackBoundTests {
    /// The knapsack bound never falls below the exhaustive optimum of a rule-abiding solution,
    /// with or without a target, from its own start and from the network relaxation's best
    /// multipliers, on the random rule cases of ``RulesTests``; from those it is never above
    /// the network relaxation's bound.
    @Test func knapsackBoundNeverBelowTheOptimum() throws {
        var checked = 0, warm = 0, below = 0
        for seed in 0..<300 {
            guard let (model, rules, d) = RulesTests().smallRuleCase(seed),
                  let optimum = exhaustiveOptimum(model, rules: rules, dataset: d) else { continue }
            let repair = RulesRepair(model: model, rules: rules)
            let relaxed = try RulesLagrangian(model: model, rules: rules).run { repair.repair($0) }
            for target in [nil, Double(optimum)] {
                let bound = RulesKnapsackBound(model: model, rules: rules).run(target: target)
                #expect(bound >= Double(optimum) - 1e-6 * max(1, abs(bound)), "seed \(seed): \(bound) < \(optimum)")
                guard let start = relaxed.start else { continue }
                var search = RulesKnapsackBound(model: model, rules: rules)
                search.iterations = 1
                let first = search.run(target: target, from: start)
                #expect(first >= Double(optimum) - 1e-6 * max(1, abs(first)), "seed \(seed): warm \(first) < \(optimum)")
                // Integer weights, rounded network costs: the relaxation adds ½ per mentee for them.
                #expect(first <= relaxed.bound + 1e-6 * max(1, abs(first)), "seed \(seed): warm \(first) > \(relaxed.bound)")
                if first < relaxed.bound - 0.5 { below += 1 }
                warm += 1
            }
            checked += 1
        }
        #expect(checked > 100 && warm > 50, "checked \(checked), warm \(warm)")
        #expect(below > 0, "the knapsack bound was never below the network relaxation's")
    }

    /// Each mentor's knapsack against every subset of up to 14 pairs (hours in eighths, where
    /// the hours grid is exact too, or off them): never below the best choice with its count
    /// in the window; equal to it when the count limits cannot bind; nil only when no choice fits.
    @Test func mentorKnapsackBoundsEverySubset() {
        var rng = SplitMix64(seed: 4242)
        var knapsack = MentorKnapsack()
        var exact = 0, tight = 0
        for round in 0..<600 {
            let n = rng.int(in: 0...14)
            // Some rounds at the model's weight scale (millions), where a price far past the
            // values would lose them to rounding.
            let scale = round % 3 == 0 ? 1e6 : 1
            let value = (0..<n).map { _ in Double(rng.int(in: -20...100)) / 7 * scale }
            // A third of the rounds with hours off the eighths (only the exact knapsack is exact there).
            let offGrid = round % 3 == 1
            // Another third through the hours grid (exact on eighths), as when the list outgrows its limit.
            knapsack.listLimit = round % 3 == 2 ? 0 : 20_000
            let hours = (0..<n).map { _ in
                rng.int(in: 0...9) == 0 ? 0 : Double(rng.int(in: 5...40)) / 8 + (offGrid ? Double(rng.int(in: 1...99)) / 1_013 : 0)
            }
            let room = rng.int(in: 0...6) == 0 ? Double.infinity : Double(rng.int(in: 0...80)) / 8
            let slots = rng.int(in: 0...(rng.int(in: 0...1) == 0 ? 6 : 15))
            let least = rng.int(in: 0...3) == 0 ? rng.int(in: 0...max(0, slots)) : 0
            let lambda = Double(rng.int(in: 0...8))
            let best = least <= slots ? bestSubset(value: value, hours: hours, room: room, sizes: least...slots) : nil
            guard let choice = knapsack.solve(value: value[...], hours: hours[...], room: room, slots: slots, least: least, lambda: lambda) else {
                #expect(best == nil, "round \(round): nil with a choice worth \(best ?? 0)")
                continue
            }
            guard let best else { continue }
            #expect(choice.value >= best - 1e-9 * scale, "round \(round): \(choice.value) below \(best)")
            if least == 0 && slots >= n {
                #expect(abs(choice.value - best) <= 1e-9 * scale, "round \(round): \(choice.value) against \(best)")
                exact += 1
            } else if abs(choice.value - best) <= 1e-9 * scale {
                tight += 1
            }
        }
        #expect(exact > 100 && tight > 50, "exact \(exact), tight \(tight)")
    }
}

/// From each repaired solution of the random rule cases of ``RulesTests``, `improve` must
/// return an assignment that keeps every rule (checked independently of the solver), keeps
/// the fixed pairs and capacities, is no worse than its start and no better than the
/// exhaustive optimum; and it must improve some of them.
func expectImprovesWithinRules(_ name: String, _ improve: (MatchingModel, ProgrammeRules, Assignment) throws -> Assignment) throws {
    var improved = 0, checked = 0
    for seed in 0..<300 {
        guard let (model, rules, d) = RulesTests().smallRuleCase(seed),
              let optimum = exhaustiveOptimum(model, rules: rules, dataset: d) else { continue }
        let core = try NetworkMatchingSolver().solve(model).assignment
        guard let start = RulesRepair(model: model, rules: rules).repair(core) else { continue }
        let a = try improve(model, rules, start)
        try a.verify(model)
        #expect(abidesIndependently(a, model: model, rules: rules), "\(name), seed \(seed): a rule is broken")
        #expect(a.objective >= start.objective && a.objective <= optimum, "\(name), seed \(seed)")
        if a.objective > start.objective { improved += 1 }
        checked += 1
    }
    #expect(checked > 100, "\(name): checked \(checked)")
    #expect(improved > 0, "\(name) never improved a repaired solution")
}

@Suite struct RulesLocalSearchTests {
    @Test func localSearchKeepsEveryRule() throws {
        try expectImprovesWithinRules("local search") { model, rules, start in
            RulesLocalSearch(model: model, rules: rules).improve(start)
        }
    }
}

@Suite struct RulesNeighbourhoodTests {
    @Test func neighbourhoodSearchKeepsEveryRule() throws {
        try expectImprovesWithinRules("neighbourhood search") { model, rules, start in
            var lns = RulesNeighbourhood(model: model, rules: rules)
            lns.groupSize = 2; lns.subSolves = 10
            return try lns.improve(start)
        }
    }
}
