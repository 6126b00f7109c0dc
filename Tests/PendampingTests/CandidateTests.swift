import Foundation
import Testing
@_spi(Stages) @testable import Pendamping
import Optimisation
import PendampingTestSupport

@Suite struct CandidateTests {
    /// The top k by scanning every mentor: the reference for the grid search.
    func bruteForce(_ s: ScoringModel, mentees n: Int, mentors m: Int, k: Int, rejected: [Int32: [Int32]]) -> [[Int32]] {
        (0..<n).map { i in
            var all: [(Int64, Int32)] = []
            for j in 0..<m where !(rejected[Int32(i)] ?? []).contains(Int32(j)) {
                if let v = s.allowedScore(mentee: i, mentor: j, distanceKm: s.distanceKm(mentee: i, mentor: j)) { all.append((v, Int32(j))) }
            }
            all.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
            return all.prefix(k).map(\.1)
        }
    }

    @Test(arguments: 0..<60)
    func topKEqualsBruteForce(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919)
        let n = rng.int(in: 1...150), m = rng.int(in: 1...120)
        let d = randomDataset(seed: UInt64(seed), mentees: n, mentors: m, spreadDegrees: [0.01, 0.2, 2, 8][seed % 4])
        var p = Profile.default
        p.k = rng.int(in: 1...12)
        p.rules.maxKm = [nil, 5, 30, 200][rng.int(in: 0...3)]
        p.rules.sameKabupaten = seed % 5 == 0
        p.rules.languageMustOverlap = seed % 3 == 0
        p.rules.mentorScaleAtLeastMentee = seed % 7 == 0
        p.location.decayKm = [0.5, 10, 300][seed % 3]
        var rejected: [Int32: [Int32]] = [:]
        for _ in 0..<rng.int(in: 0...20) { rejected[Int32(rng.int(in: 0...n - 1)), default: []].append(Int32(rng.int(in: 0...m - 1))) }
        let s = try ScoringModel(dataset: d, profile: p)
        let g = CandidateBuilder(scoring: s).build(rejected: rejected)
        let expected = bruteForce(s, mentees: n, mentors: m, k: p.k, rejected: rejected)
        for i in 0..<n {
            #expect(Array(g.pairs(ofMentee: i).map { g.mentor[$0] }) == expected[i], "seed \(seed) mentee \(i)")
            if expected[i].isEmpty {
                let nearest = (0..<m).map { Geo.distanceKm(d.mentees[i].location, d.mentors[$0].location) }.min()!
                #expect(g.nearestWhenNone[i] == nearest)
            }
        }
    }

    /// Code lists of one to three codes, from sections to 5-digit codes sharing prefixes at
    /// every depth: the searches by prefix level must still find exactly the top k, each
    /// mentor once.
    @Test(arguments: 0..<40)
    func topKEqualsBruteForceWithCodeLists(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 104_729 &+ 5)
        let pool = ["C", "G", "I", "10", "107", "1071", "10710", "10712", "10792", "1079", "11", "56", "561", "5610", "56102",
                    "56103", "47", "47112", "47911", "01130"].compactMap { KBLICode($0) }
        func list() -> [KBLICode] { Array(Set((0..<rng.int(in: 1...3)).map { _ in pool[rng.int(in: 0...pool.count - 1)] })).sorted { $0.description < $1.description } }
        var d = randomDataset(seed: UInt64(seed) &+ 900, mentees: rng.int(in: 1...120), mentors: rng.int(in: 1...100),
                              spreadDegrees: [0.05, 0.5, 3][seed % 3])
        for i in d.mentees.indices { d.mentees[i].kbli = list() }
        for j in d.mentors.indices { d.mentors[j].kbli = list() }
        var p = Profile.default
        p.k = rng.int(in: 1...10)
        p.rules.maxKm = [nil, 10, 60][seed % 3]
        p.location.decayKm = [2, 10, 80][rng.int(in: 0...2)]
        let s = try ScoringModel(dataset: d, profile: p)
        let g = CandidateBuilder(scoring: s).build()
        let expected = bruteForce(s, mentees: d.mentees.count, mentors: d.mentors.count, k: p.k, rejected: [:])
        for i in d.mentees.indices {
            #expect(Array(g.pairs(ofMentee: i).map { g.mentor[$0] }) == expected[i], "seed \(seed) mentee \(i)")
        }
    }

    /// The packed-code depth (bit arithmetic) equals the code-level definition on every pair of a pool.
    @Test func packedDepthEqualsSharedDepth() {
        let pool = ["A", "C", "G", "U", "10", "11", "107", "108", "1071", "1072", "10710", "10711", "10792", "32", "33", "56102",
                    "01", "01130", "99", "99000"].compactMap { KBLICode($0) }
        for a in pool {
            for b in pool {
                #expect(ScoringFeatures.depth(ScoringFeatures.pack(a), ScoringFeatures.pack(b)) == a.sharedDepth(with: b), "\(a) \(b)")
            }
        }
    }

    /// The search steps of a mentee's codes: every mentor is in exactly one step of a mentee
    /// with one code, the step of the depth it shares with it; codes that part below a shared
    /// prefix search that prefix whole.
    @Test func searchStepsCoverEachDepthOnce() {
        let pool = ["A", "C", "10", "11", "107", "108", "1071", "1079", "10710", "10711", "10792", "56102", "01130"].compactMap { KBLICode($0) }
        let packed = pool.map(ScoringFeatures.pack)
        /// Whether a mentor with `codes` falls in `step`.
        func holds(_ step: CandidateBuilder.Step, _ codes: [UInt64]) -> Bool {
            func has(_ prefix: UInt64) -> Bool {
                prefix == 0 || codes.contains { ScoringFeatures.levels($0) >= ScoringFeatures.levels(prefix) && ScoringFeatures.prefix($0, level: ScoringFeatures.levels(prefix)) == prefix }
            }
            return has(step.prefix) && (step.without == 0 || !has(step.without))
        }
        for (c, code) in packed.enumerated() {
            var steps: [(Int, CandidateBuilder.Step)] = []
            CandidateBuilder.forEachStep([code][...]) { steps.append(($0, $1)) }
            #expect(steps.map(\.0) == Array((0...ScoringFeatures.levels(code)).reversed()), "\(pool[c])")
            for (m, mentor) in packed.enumerated() {
                let depth = ScoringFeatures.depth(code, mentor)
                let found = steps.filter { holds($0.1, [mentor]) }.map(\.0)
                #expect(found == [depth], "\(pool[c]) with \(pool[m])")
            }
        }
        // Two codes that share 107 and part below it: that level is the whole prefix.
        var steps: [(Int, CandidateBuilder.Step)] = []
        CandidateBuilder.forEachStep([ScoringFeatures.pack(KBLICode("10710")!), ScoringFeatures.pack(KBLICode("10792")!)][...]) { steps.append(($0, $1)) }
        #expect(steps.contains { $0.0 == 3 && $0.1 == CandidateBuilder.Step(prefix: ScoringFeatures.pack(KBLICode("107")!), without: 0) })
        #expect(steps.contains { $0.0 == 2 && $0.1.without == ScoringFeatures.pack(KBLICode("107")!) })
        #expect(steps.filter { $0.0 == 4 }.count == 2 && steps.last!.0 == 0)
    }

    @Test func fixedPairsAreAlwaysCandidates() throws {
        let d = randomDataset(seed: 3, mentees: 30, mentors: 20, spreadDegrees: 3)
        var p = Profile.default
        p.rules.maxKm = 1
        p.k = 1
        let s = try ScoringModel(dataset: d, profile: p)
        let g = CandidateBuilder(scoring: s).build(fixed: [5: [7, 8]])
        #expect(g.pairIndex(mentee: 5, mentor: 7) != nil && g.pairIndex(mentee: 5, mentor: 8) != nil)
    }

    @Test func componentsPartitionPairs() throws {
        let d = randomDataset(seed: 11, mentees: 200, mentors: 60, spreadDegrees: 4)
        var p = Profile.default
        p.rules.maxKm = 40
        p.k = 3
        let g = CandidateBuilder(scoring: try ScoringModel(dataset: d, profile: p)).build()
        let c = Components(graph: g)
        #expect(c.count > 1)
        for i in 0..<g.menteeCount {
            for q in g.pairs(ofMentee: i) { #expect(c.ofMentee[i] == c.ofMentor[Int(g.mentor[q])]) }
        }
        #expect(c.mentees.flatMap { $0 }.count == (0..<g.menteeCount).filter { !g.pairs(ofMentee: $0).isEmpty }.count)
    }
}
