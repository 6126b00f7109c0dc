import Foundation
import GLPK
import Testing
@_spi(Stages) @testable import Pendamping
import Optimisation
import PendampingTestSupport

@Suite struct SolverTests {
    /// A stop requested before the exact solve ends it at its first check: no assignment, the
    /// error says so; the same matcher without the request solves.
    @Test func aStoppedNetworkSolveEndsWithoutAnAssignment() throws {
        let d = try DatasetReader.read(mentorsPath: fixture("jakarta-barat/mentors.csv"), menteesPath: fixture("jakarta-barat/mentees.csv"))
        var matcher = Matcher(profile: .default)
        let stop = SolveStop()
        stop.stop()
        matcher.stop = stop
        #expect(throws: MatchingError.stopped) { _ = try matcher.run(d) }
        matcher.stop = SolveStop()
        #expect(try matcher.run(d).outcome.status == .optimal)
    }

    @Test func glpkEqualsExhaustiveSearchOnTinyInstances() throws {
        for seed in 0..<400 {
            let model = randomModel(seed: UInt64(seed))
            let expected = exhaustiveOptimum(model)
            let lp = try GLPKMatchingSolver(method: .simplex).solve(model)
            #expect(lp.status == .optimal && lp.assignment.objective == expected, "seed \(seed)")
        }
    }

    @Test func networkSolverEqualsExhaustiveSearchWithCertificates() throws {
        for seed in 0..<600 {
            let model = randomModel(seed: UInt64(seed) &+ 77, lockProbability: seed % 10 == 0 ? 1 : 0.15)
            let expected = exhaustiveOptimum(model)
            let net = try NetworkMatchingSolver(certify: true, workers: 1 + seed % 3).solve(model)
            #expect(net.status == .optimal && net.assignment.objective == expected, "seed \(seed)")
        }
    }

    @Test func networkGLPKLPAndMIPAgreeOnThousandsOfInstances() throws {
        for seed in 5000..<7000 {
            let model = randomModel(seed: UInt64(seed), maxMentees: 30, maxMentors: 8, maxK: 5,
                                    lockProbability: [0, 0.1, 0.5, 1][seed % 4])
            let net = try NetworkMatchingSolver(certify: true, workers: 2).solve(model)
            let lp = try GLPKMatchingSolver(method: .simplex).solve(model)
            #expect(net.assignment.objective == lp.assignment.objective, "seed \(seed)")
            let mip = try GLPKMatchingSolver(method: .intopt).solve(model)
            #expect(mip.status == .optimal && mip.assignment.objective == lp.assignment.objective, "seed \(seed)")
        }
    }

    /// Marginal gains equal re-solving with one more slot, for the network and GLPK duals alike.
    @Test func marginalGainsEqualResolvingWithOneMoreSlot() throws {
        for seed in 9000..<9300 {
            let model = randomModel(seed: UInt64(seed), maxMentees: 7, maxMentors: 3, lockProbability: seed % 3 == 0 ? 0.3 : 0)
            let base = exhaustiveOptimum(model)
            let net = try NetworkMatchingSolver(certify: true).solve(model)
            let lp = try GLPKMatchingSolver(method: .simplex).solve(model)
            let fromNetwork = try MarginalGains.compute(model, net.assignment, menteeDual: net.menteeDual!, mentorDual: net.mentorDual!)
            let fromGLPK = try MarginalGains.compute(model, lp.assignment, menteeDual: lp.menteeDual!, mentorDual: lp.mentorDual!)
            for j in 0..<model.graph.mentorCount {
                var capacity = model.capacity
                capacity[j] += 1
                let bigger = try MatchingModel(graph: model.graph, capacity: capacity, fixedPairs: model.fixedPairs,
                                               priority: priorityOf(model))
                let gain = exhaustiveOptimum(bigger) - base
                #expect(fromNetwork[j] == gain, "seed \(seed) mentor \(j)")
                #expect(fromGLPK[j] == gain, "seed \(seed) mentor \(j)")
            }
        }
    }

    @Test func lpAndMIPPathsAgree() throws {
        for seed in 1000..<1150 {
            let model = randomModel(seed: UInt64(seed), maxMentees: 25, maxMentors: 6, maxK: 4)
            let lp = try GLPKMatchingSolver(method: .simplex).solve(model)
            let mip = try GLPKMatchingSolver(method: .intopt).solve(model)
            #expect(lp.status == .optimal && mip.status == .optimal, "seed \(seed)")
            #expect(lp.assignment.objective == mip.assignment.objective, "seed \(seed)")
        }
    }

    @Test func conflictingLocksAreRejectedBeforeSolving() throws {
        let g = CandidateGraph(menteeCount: 2, mentorCount: 1, offsets: [0, 1, 2], mentor: [0, 0], score: [5, 5],
                               nearestWhenNone: [nil, nil])
        #expect(throws: MatchingError.infeasibleLocks([.mentorOverCapacity(mentor: 0, locked: 2, capacity: 1)])) {
            try MatchingModel(graph: g, capacity: [1], fixedPairs: [0, 1])
        }
    }

    @Test func verifyCatchesBadAssignments() throws {
        let model = randomModel(seed: 5, maxMentees: 6, maxMentors: 2)
        let good = try GLPKMatchingSolver().solve(model).assignment
        var wrongObjective = good
        wrongObjective.objective += 1
        #expect(throws: MatchingError.self) { try wrongObjective.verify(model) }
        // A mentor given one mentee more than its capacity, with the objective summed right.
        let g = model.graph
        let j = (0..<g.mentorCount).first { j in (0..<g.pairCount).filter { Int(g.mentor[$0]) == j }.count > Int(model.capacity[j]) }
        guard let j else { Issue.record("the seed must give a mentor more candidates than capacity"); return }
        var overfull = Assignment(pairOf: [Int32](repeating: -1, count: g.menteeCount), objective: 0)
        var given = 0
        for i in 0..<g.menteeCount where given <= Int(model.capacity[j]) {
            guard let p = g.pairs(ofMentee: i).first(where: { Int(g.mentor[$0]) == j }) else { continue }
            overfull.pairOf[i] = Int32(p); overfull.objective += model.weight[p]; given += 1
        }
        #expect(given == Int(model.capacity[j]) + 1)
        #expect(throws: MatchingError.self) { try overfull.verify(model) }
    }
}

@Suite struct GLPKBasisCertificateTests {
    @Test func glpkConfirmsTheNetworkBasisWithoutPivoting() throws {
        var iterations = 0
        for seed in 300..<700 {
            let model = randomModel(seed: UInt64(seed), maxMentees: 30, maxMentors: 8, maxK: 5, lockProbability: seed % 4 == 0 ? 0.3 : 0)
            let report = try GLPKBasisCertificate.check(model)
            let ours = try NetworkMatchingSolver().solve(model).assignment.objective
            let fixed = model.fixedPairs.reduce(Int64(0)) { $0 + model.weight[Int($1)] }
            #expect(report.agrees, "seed \(seed): \(report)")
            #expect(report.networkObjective + fixed == ours, "seed \(seed)")
            iterations += report.glpkIterations
        }
        #expect(iterations == 0)
    }

    @Test func realisticInstanceNeedsNoIterations() throws {
        let d = randomDataset(seed: 4, mentees: 3000, mentors: 150, spreadDegrees: 0.6)
        var timings = StageTimings()
        let prepared = try Matcher().prepare(d, timings: &timings)
        let report = try GLPKBasisCertificate.check(prepared.model)
        #expect(report.agrees && report.glpkIterations == 0, "\(report)")
    }
}

/// The priorities behind a model's weights (weight / score per mentee), for rebuilding it.
func priorityOf(_ model: MatchingModel) -> [Double] {
    let g = model.graph
    return (0..<g.menteeCount).map { i in
        guard let p = g.pairs(ofMentee: i).first else { return 1 }
        return Double(model.weight[p]) / Double(g.score[p])
    }
}
