import Testing
@_spi(Stages) import Pendamping
import MinCostFlow
import Optimisation
import PendampingTestSupport

/// A kept core model re-solved after curators' decisions reaches the optimum of the model
/// with those decisions applied, built and solved independently.
@Suite struct KeptMatchingTests {
    /// The model `kept` stands for, built from scratch: forbidden pairs and withdrawn people's
    /// pairs left out, the current weights as scores, fixed pairs fixed.
    static func reference(_ kept: KeptMatching) throws -> MatchingModel {
        let g = kept.model.graph
        var offsets: [Int32] = [0], mentor: [Int32] = [], score: [Int64] = [], fixed: [Int32] = []
        for i in 0..<g.menteeCount {
            for p in g.pairs(ofMentee: i) where kept.rule[p] != .forbidden && !kept.menteeWithdrawn[i]
                && !kept.mentorWithdrawn[Int(g.mentor[p])] {
                if kept.rule[p] == .fixed { fixed.append(Int32(mentor.count)) }
                mentor.append(g.mentor[p]); score.append(kept.weight[p])
            }
            offsets.append(Int32(mentor.count))
        }
        let graph = CandidateGraph(menteeCount: g.menteeCount, mentorCount: g.mentorCount, offsets: offsets, mentor: mentor,
                                   score: score, nearestWhenNone: Array(repeating: nil, count: g.menteeCount))
        return try MatchingModel(graph: graph, capacity: kept.model.capacity, fixedPairs: fixed)
    }

    /// One random decision of any kind on `kept`; returns its kind.
    static func decide(_ kept: KeptMatching, _ rng: inout SplitMix64) throws -> String {
        let g = kept.model.graph
        switch rng.int(in: 0...9) {
        case 0...2 where g.pairCount > 0:
            let p = rng.int(in: 0...g.pairCount - 1)
            try kept.setRule(.forbidden, pair: p); return "reject"
        case 3...4 where g.pairCount > 0:
            let p = rng.int(in: 0...g.pairCount - 1)
            try kept.setRule(.fixed, pair: p); return "lock"
        case 5 where g.pairCount > 0:
            let p = rng.int(in: 0...g.pairCount - 1)
            try kept.setRule(.open, pair: p); return "release"
        case 6:
            let i = rng.int(in: 0...g.menteeCount - 1)
            try kept.setWithdrawn(mentee: i, !kept.menteeWithdrawn[i]); return "withdraw mentee"
        case 7:
            let j = rng.int(in: 0...g.mentorCount - 1)
            try kept.setWithdrawn(mentor: j, !kept.mentorWithdrawn[j]); return "withdraw mentor"
        case 8 where g.pairCount > 0:
            let p = rng.int(in: 0...g.pairCount - 1)
            try kept.setWeight(pair: p, Int64(rng.int(in: 1...40)) * 50_000); return "weight"
        default:
            return "none"
        }
    }

    /// Clears what ``KeptMatching/conflicts()`` names, so the next solve can go on.
    static func clearConflicts(_ kept: KeptMatching) throws {
        let g = kept.model.graph
        for p in 0..<g.pairCount where kept.rule[p] == .fixed { try kept.setRule(.open, pair: p) }
    }

    /// Checks `outcome` against the decisions and recomputes its objective from the weights.
    static func abides(_ outcome: SolveOutcome, _ kept: KeptMatching) -> Bool {
        let g = kept.model.graph
        var load = [Int32](repeating: 0, count: g.mentorCount), total: Int64 = 0
        for (i, p) in outcome.assignment.pairOf.enumerated() where p >= 0 {
            guard g.pairs(ofMentee: i).contains(Int(p)), kept.rule[Int(p)] != .forbidden, !kept.menteeWithdrawn[i],
                  !kept.mentorWithdrawn[Int(g.mentor[Int(p)])] else { return false }
            load[Int(g.mentor[Int(p)])] += 1
            total += kept.weight[Int(p)]
        }
        let fixedKept = (0..<g.pairCount).allSatisfy { kept.rule[$0] != .fixed || outcome.assignment.pairOf[Int(kept.model.menteeOfPair[$0])] == Int32($0) }
        return fixedKept && total == outcome.assignment.objective && (0..<g.mentorCount).allSatisfy { load[$0] <= kept.model.capacity[$0] }
    }

    /// 400 small models, five steps of random decisions each: every re-solve equals the
    /// exhaustive optimum of the reference model, keeps the decisions, and is certified.
    @Test func resolvesEqualExhaustiveOptima() throws {
        var kinds: [String: Int] = [:], conflictsSeen = 0
        for seed in 0..<400 {
            let model = randomModel(seed: UInt64(seed) &+ 51_000, maxMentees: 7, maxMentors: 3, maxK: 3)
            let kept = try KeptMatching(model: model)
            #expect(try kept.solve().assignment.objective == exhaustiveOptimum(model), "seed \(seed)")
            var rng = SplitMix64(seed: UInt64(seed) &+ 52_000)
            for step in 0..<5 {
                for _ in 0..<rng.int(in: 1...3) { kinds[try Self.decide(kept, &rng), default: 0] += 1 }
                if !kept.conflicts().isEmpty {
                    conflictsSeen += 1
                    #expect(throws: MatchingError.self) { try kept.solve() }
                    try Self.clearConflicts(kept)
                }
                let outcome = try kept.solve()
                #expect(outcome.assignment.objective == exhaustiveOptimum(try Self.reference(kept)), "seed \(seed) step \(step)")
                #expect(Self.abides(outcome, kept), "seed \(seed) step \(step)")
                let c = try kept.certificateInput()
                #expect(throws: Never.self) { try FlowCertificate.check(c.network, flow: c.flow, potential: c.potential) }
            }
        }
        for kind in ["reject", "lock", "release", "withdraw mentee", "withdraw mentor", "weight"] {
            #expect(kinds[kind, default: 0] > 50, "\(kind): \(kinds[kind, default: 0])")
        }
        #expect(conflictsSeen > 20, "conflicting decisions met \(conflictsSeen) times")
    }

    /// 200 larger models (up to 60 mentees): every re-solve equals a cold network solve of the
    /// reference model.
    @Test func resolvesEqualColdSolves() throws {
        for seed in 0..<200 {
            let model = randomModel(seed: UInt64(seed) &+ 61_000, maxMentees: 60, maxMentors: 8, maxK: 4)
            let kept = try KeptMatching(model: model)
            var rng = SplitMix64(seed: UInt64(seed) &+ 62_000)
            for step in 0..<4 {
                for _ in 0..<rng.int(in: 1...12) { _ = try Self.decide(kept, &rng) }
                if !kept.conflicts().isEmpty { try Self.clearConflicts(kept) }
                let warm = try kept.solve()
                let cold = try NetworkMatchingSolver(certify: true, workers: 1).solve(try Self.reference(kept))
                #expect(warm.assignment.objective == cold.assignment.objective, "seed \(seed) step \(step)")
                #expect(Self.abides(warm, kept), "seed \(seed) step \(step)")
            }
        }
    }

    /// Conflicting decisions are refused by name before anything is solved.
    @Test func conflictsAreNamed() throws {
        let model = (UInt64(0)...).lazy.map { randomModel(seed: $0, maxMentees: 6, maxMentors: 3, maxK: 3, lockProbability: 0) }
            .first { $0.graph.pairCount > 0 }!
        let kept = try KeptMatching(model: model)
        let g = model.graph
        let p = 0
        try kept.setRule(.fixed, pair: p)
        try kept.setWithdrawn(mentor: Int(g.mentor[p]), true)
        #expect(kept.conflicts().contains(.fixedButWithdrawn(mentee: model.menteeOfPair[p], mentor: g.mentor[p], mentorWithdrawn: true)))
        try kept.setWithdrawn(mentor: Int(g.mentor[p]), false)
        #expect(kept.conflicts().allSatisfy { if case .fixedButWithdrawn = $0 { false } else { true } })
        try kept.setWithdrawn(mentor: Int(g.mentor[p]), true)
        #expect(throws: MatchingError.infeasibleLocks(kept.conflicts())) { try kept.solve() }
    }
}
