import Foundation
import Optimisation
@_spi(Stages) import Pendamping

// Seeded random inputs for property tests: datasets, core models and programme rules.

/// A random dataset around Jakarta Barat for property tests.
package func randomDataset(seed: UInt64, mentees n: Int, mentors m: Int, spreadDegrees: Double = 0.2) -> Dataset {
    var rng = SplitMix64(seed: seed)
    let kblis = ["10710", "10792", "14111", "13134", "15120", "01130", "47761", "56102", "C", "G"].compactMap { KBLICode($0) }
    let regions = ["31.73.01", "31.73.02", "31.73.05", "31.74.01", "32.01.01"].compactMap { RegionCode($0) }
    let langs = ["ind", "bew", "jav", "sun"]
    func point() -> GeoPoint { GeoPoint(lat: -6.17 + rng.double(in: -spreadDegrees...spreadDegrees), lon: 106.77 + rng.double(in: -spreadDegrees...spreadDegrees)) }
    func skills() -> SkillSet { SkillSet(rawValue: UInt16(rng.int(in: 0...1023))) }
    let mentors = (0..<m).map { j in
        Mentor(id: String(format: "M%04d", j), kbli: [kblis[rng.int(in: 0...9)]], location: point(), region: regions[rng.int(in: 0...4)],
               capacity: rng.int(in: 1...4), expertise: skills(), languages: Array(Set([langs[rng.int(in: 0...3)], "ind"])).sorted(),
               gender: rng.int(in: 0...1) == 0 ? .female : .male, scale: BusinessScale.allCases[rng.int(in: 0...3)],
               kind: MentorKind.allCases[rng.int(in: 0...3)])
    }
    let mentees = (0..<n).map { i in
        Mentee(id: String(format: "E%05d", i), kbli: [kblis[rng.int(in: 0...9)]], location: point(), region: regions[rng.int(in: 0...4)],
               needs: skills(), languages: [langs[rng.int(in: 0...3)]], gender: rng.int(in: 0...1) == 0 ? .female : .male,
               scale: BusinessScale.allCases[rng.int(in: 0...1)], preferences: rng.int(in: 0...3) == 0 ? [.gender(.female)] : [])
    }
    return Dataset(mentors: mentors, mentees: mentees)
}

/// Small random core models with ties, zero capacities, isolated mentees and locks.
package func randomModel(seed: UInt64, maxMentees: Int = 6, maxMentors: Int = 3, maxK: Int = 3, lockProbability: Double = 0.15) -> MatchingModel {
    var rng = SplitMix64(seed: seed)
    let n = rng.int(in: 1...maxMentees), m = rng.int(in: 1...maxMentors)
    var capacity = (0..<m).map { _ in Int32(rng.int(in: 0...3)) }
    var offsets: [Int32] = [0], mentor: [Int32] = [], score: [Int64] = []
    let tiesOnly = rng.int(in: 0...3) == 0
    for _ in 0..<n {
        let k = rng.int(in: 0...min(maxK, m))
        var chosen = Set<Int32>()
        while chosen.count < k { chosen.insert(Int32(rng.int(in: 0...m - 1))) }
        for j in chosen.sorted() { mentor.append(j); score.append(tiesOnly ? 500_000 : Int64(rng.int(in: 1...20)) * 50_000) }
        offsets.append(Int32(mentor.count))
    }
    let g = CandidateGraph(menteeCount: n, mentorCount: m, offsets: offsets, mentor: mentor, score: score,
                           nearestWhenNone: Array(repeating: nil, count: n))
    // Locks: at most one per mentee, never beyond capacity (raise capacity to fit when needed).
    var fixed: [Int32] = []
    var lockedLoad = [Int32](repeating: 0, count: m)
    for i in 0..<n where rng.unit() < lockProbability && !g.pairs(ofMentee: i).isEmpty {
        let p = g.pairs(ofMentee: i).lowerBound + rng.int(in: 0...(g.pairs(ofMentee: i).count - 1))
        let j = Int(g.mentor[p])
        lockedLoad[j] += 1
        capacity[j] = max(capacity[j], lockedLoad[j])
        fixed.append(Int32(p))
    }
    // A third of the models weight mentees by priority (0.5–3).
    let priority: [Double]? = seed % 3 == 1 ? (0..<n).map { _ in [0.5, 1, 1, 2, 3][rng.int(in: 0...4)] } : nil
    return try! MatchingModel(graph: g, capacity: capacity, fixedPairs: fixed, priority: priority)
}

/// Placeholder records so rule messages can name ids.
package func dummyDataset(mentees n: Int, mentors m: Int) -> Dataset {
    let r = RegionCode("31.73.01")!, k = [KBLICode("10710")!], p = GeoPoint(lat: -6.1, lon: 106.7)
    return Dataset(mentors: (0..<m).map { Mentor(id: String(format: "M%02d", $0), kbli: k, location: p, region: r, capacity: 1) },
                   mentees: (0..<n).map { Mentee(id: String(format: "E%02d", $0), kbli: k, location: p, region: r) })
}

/// Random rules for a random model: cohorts, hours, quotas over index ranges, sometimes cover-all.
package func randomRules(_ model: MatchingModel, seed: UInt64) -> ProgrammeRules {
    var rng = SplitMix64(seed: seed ^ 0xABCDEF)
    let g = model.graph
    let minCohort = (0..<g.mentorCount).map { _ in Int32(rng.int(in: 0...3) == 0 ? rng.int(in: 2...3) : 0) }
    let hoursOn = rng.int(in: 0...1) == 1
    let hoursLimit: [Double?] = (0..<g.mentorCount).map { _ in hoursOn && rng.int(in: 0...1) == 1 ? Double(rng.int(in: 3...9)) : nil }
    let pairHours: [Double] = hoursOn ? (0..<g.pairCount).map { _ in Double(rng.int(in: 1...4)) } : []
    var quotas: [ProgrammeRules.Quota] = []
    if rng.int(in: 0...1) == 1, g.menteeCount >= 2 {
        let half = g.menteeCount / 2
        quotas.append(.init(region: RegionCode("31.73.01")!, mentees: (0..<Int32(half)).map { $0 }, required: rng.int(in: 1...max(1, half))))
    }
    return ProgrammeRules(minCohort: minCohort, hoursLimit: hoursLimit, pairHours: pairHours, quotas: quotas,
                          coverAll: rng.int(in: 0...5) == 0)
}

