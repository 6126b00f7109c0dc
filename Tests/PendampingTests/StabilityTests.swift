import Foundation
import Testing
@_spi(Stages) @testable import Pendamping
import Optimisation
import Tabular
import PendampingTestSupport

/// Preferences written from the definition, independently of ``PreferenceOrder``: a stated
/// rank first (ranked before unranked, smaller rank better), then the higher score, then the
/// smaller index.
struct StatedOrders {
    let d: Dataset
    let g: CandidateGraph
    let menteeRank: [[String: Int]]   // mentee → mentor id → rank
    let mentorRank: [[String: Int]]   // mentor → mentee id → rank

    init(_ r: MatchResult) {
        d = r.dataset; g = r.graph
        menteeRank = d.mentees.map { e in
            var out: [String: Int] = [:]
            for c in e.rankedMentors where out[c.id] == nil { out[c.id] = c.rank }
            return out
        }
        mentorRank = d.mentors.map { m in
            var out: [String: Int] = [:]
            for c in m.preferredMentees where out[c.id] == nil { out[c.id] = c.rank }
            return out
        }
    }

    func score(_ i: Int, _ j: Int) -> Int64 { g.score[g.pairIndex(mentee: i, mentor: j)!] }

    /// Whether mentee `i` prefers mentor `a` to mentor `b` (both candidates).
    func menteePrefers(_ i: Int, _ a: Int, _ b: Int) -> Bool {
        let ra = menteeRank[i][d.mentors[a].id] ?? Int.max, rb = menteeRank[i][d.mentors[b].id] ?? Int.max
        if ra != rb { return ra < rb }
        if score(i, a) != score(i, b) { return score(i, a) > score(i, b) }
        return a < b
    }

    /// Whether mentor `j` prefers mentee `a` to mentee `b`.
    func mentorPrefers(_ j: Int, _ a: Int, _ b: Int) -> Bool {
        let ra = mentorRank[j][d.mentees[a].id] ?? Int.max, rb = mentorRank[j][d.mentees[b].id] ?? Int.max
        if ra != rb { return ra < rb }
        if score(a, j) != score(b, j) { return score(a, j) > score(b, j) }
        return a < b
    }

    /// Blocking pairs of `mentorOf` (mentor per mentee, -1 unmatched); `decided` mentees
    /// (locked, accepted) block nothing and cannot be displaced.
    func blocking(_ mentorOf: [Int], decided: Set<Int> = []) -> Set<String> {
        var cohort = [[Int]](repeating: [], count: g.mentorCount)
        for (i, j) in mentorOf.enumerated() where j >= 0 { cohort[j].append(i) }
        var out = Set<String>()
        for i in 0..<g.menteeCount where !decided.contains(i) {
            for p in g.pairs(ofMentee: i) {
                let j = Int(g.mentor[p])
                guard j != mentorOf[i], mentorOf[i] < 0 || menteePrefers(i, j, mentorOf[i]) else { continue }
                let room = cohort[j].count < d.mentors[j].capacity
                let displaceable = cohort[j].filter { !decided.contains($0) }
                if room || displaceable.contains(where: { mentorPrefers(j, i, $0) }) { out.insert("\(i)>\(j)") }
            }
        }
        return out
    }

    /// Every matching of the candidate pairs within capacities (small instances only).
    func allMatchings(fixed: [Int: Int] = [:]) -> [[Int]] {
        var out: [[Int]] = [], current = [Int](repeating: -1, count: g.menteeCount)
        var load = [Int](repeating: 0, count: g.mentorCount)
        func go(_ i: Int) {
            if i == g.menteeCount { out.append(current); return }
            if let j = fixed[i] { current[i] = j; load[j] += 1; go(i + 1); load[j] -= 1; current[i] = -1; return }
            go(i + 1)
            for p in g.pairs(ofMentee: i) {
                let j = Int(g.mentor[p])
                guard load[j] < d.mentors[j].capacity else { continue }
                current[i] = j; load[j] += 1; go(i + 1); load[j] -= 1; current[i] = -1
            }
        }
        go(0)
        return out
    }
}

func mentorOf(_ r: MatchResult) -> [Int] {
    var out = [Int](repeating: -1, count: r.dataset.mentees.count)
    for p in r.pairs { out[Int(p.mentee)] = Int(p.mentor) }
    return out
}

/// Random stated ranks on some mentors and mentees (ties and unranked partners included).
func withRandomRanks(_ d: Dataset, seed: UInt64) -> Dataset {
    var rng = SplitMix64(seed: seed), d = d
    for j in d.mentors.indices where rng.int(in: 0...2) > 0 {
        let picks = Set((0..<rng.int(in: 1...max(1, d.mentees.count / 2))).map { _ in rng.int(in: 0...(d.mentees.count - 1)) }).sorted()
        d.mentors[j].preferredMentees = picks.map { RankedChoice(id: d.mentees[$0].id, rank: rng.int(in: 1...4)) }
    }
    for i in d.mentees.indices where rng.int(in: 0...2) == 0 {
        let picks = Set((0..<rng.int(in: 1...3)).map { _ in rng.int(in: 0...(d.mentors.count - 1)) }).sorted()
        d.mentees[i].rankedMentors = picks.map { RankedChoice(id: d.mentors[$0].id, rank: rng.int(in: 1...3)) }
    }
    return d
}

@Suite struct StabilityTests {
    /// Both deferred-acceptance variants leave no blocking pair, by the definition checked
    /// independently, on 2,000 random instances with stated ranks, locks and rejections; the
    /// report's blocking pairs equal the independent check for every objective.
    @Test func deferredAcceptanceLeavesNoBlockingPair() throws {
        var compared = 0, withBlockingAtOptimum = 0
        for seed in 0..<1_000 {
            var rng = SplitMix64(seed: UInt64(seed) &+ 5_000)
            let n = rng.int(in: 4...24), m = rng.int(in: 1...5)
            let d = withRandomRanks(randomDataset(seed: UInt64(seed) &+ 7_000, mentees: n, mentors: m, spreadDegrees: 0.1), seed: UInt64(seed))
            var decisions = Decisions()
            if seed % 3 == 0 {
                decisions.entries.append(.init(menteeID: d.mentees[0].id, mentorID: d.mentors[0].id, decision: .lock, line: 2))
                if m > 1 { decisions.entries.append(.init(menteeID: d.mentees[1].id, mentorID: d.mentors[1].id, decision: .reject, line: 3)) }
            }
            for objective in [MatchObjective.stableMentee, .stableMentor, .score] {
                var matcher = Matcher(decisions: decisions)
                matcher.objective = objective
                let r: MatchResult
                do { r = try matcher.run(d) } catch is InfeasibleDecisions { continue }
                let orders = StatedOrders(r)
                let decided = Set(r.pairs.filter { $0.decision != nil }.map { Int($0.mentee) })
                let expected = orders.blocking(mentorOf(r), decided: decided)
                let reported = Set(Fairness.blockingPairs(r).map { b in
                    "\(d.menteeIndex()[b.menteeID]!)>\(d.mentorIndex()[b.mentorID]!)"
                })
                #expect(reported == expected, "seed \(seed) \(objective)")
                if objective != .score { #expect(expected.isEmpty, "seed \(seed) \(objective)") } else if !expected.isEmpty { withBlockingAtOptimum += 1 }
                if objective != .score {
                    let c = try #require(r.objectiveComparison)
                    #expect(c.total <= c.optimumTotal && c.price >= 0)
                    #expect(!decided.isEmpty || r.pairs.allSatisfy { $0.decision == nil })
                }
                compared += 1
            }
        }
        #expect(compared > 2_500)
        #expect(withBlockingAtOptimum > 0, "the score optimum should be unstable on some instances")
    }

    /// On small instances, enumeration of every stable matching shows the beginner-proposing
    /// result gives each beginner its best stable mentor and the mentor-proposing result its
    /// worst (the lattice of stable matchings), and that every stable matching matches the
    /// same beginners (the rural hospitals theorem).
    @Test func proposingSideIsOptimalForItsSide() throws {
        var instances = 0
        for seed in 0..<300 {
            var rng = SplitMix64(seed: UInt64(seed) &+ 11_000)
            let n = rng.int(in: 2...6), m = rng.int(in: 1...3)
            var d = withRandomRanks(randomDataset(seed: UInt64(seed) &+ 12_000, mentees: n, mentors: m, spreadDegrees: 0.05), seed: UInt64(seed) &+ 1)
            for j in d.mentors.indices { d.mentors[j].capacity = rng.int(in: 1...2) }
            var results: [MatchObjective: MatchResult] = [:]
            for objective in [MatchObjective.stableMentee, .stableMentor] {
                var matcher = Matcher(); matcher.objective = objective
                results[objective] = try matcher.run(d)
            }
            let orders = StatedOrders(results[.stableMentee]!)
            let stable = orders.allMatchings().filter { orders.blocking($0).isEmpty }
            try #require(!stable.isEmpty)
            let best = mentorOf(results[.stableMentee]!), worst = mentorOf(results[.stableMentor]!)
            #expect(stable.contains(best) && stable.contains(worst))
            for s in stable {
                for i in 0..<n {
                    #expect((s[i] < 0) == (best[i] < 0), "rural hospitals, seed \(seed)")
                    guard s[i] >= 0 else { continue }
                    #expect(s[i] == best[i] || orders.menteePrefers(i, best[i], s[i]), "seed \(seed) mentee \(i)")
                    #expect(s[i] == worst[i] || orders.menteePrefers(i, s[i], worst[i]), "seed \(seed) mentee \(i)")
                }
            }
            instances += 1
        }
        #expect(instances == 300)
    }

    /// `maxmin` equals brute force over every matching: the most beginners covered, then the
    /// highest worst score, then the highest total; locks stay.
    @Test func maxminMatchesBruteForce() throws {
        var raisedWorst = 0
        for seed in 0..<300 {
            var rng = SplitMix64(seed: UInt64(seed) &+ 21_000)
            let n = rng.int(in: 2...7), m = rng.int(in: 1...3)
            var d = randomDataset(seed: UInt64(seed) &+ 22_000, mentees: n, mentors: m, spreadDegrees: 0.1)
            for j in d.mentors.indices { d.mentors[j].capacity = rng.int(in: 1...2) }
            for i in d.mentees.indices where rng.int(in: 0...4) == 0 { d.mentees[i].priority = 2 }
            var decisions = Decisions()
            if seed % 4 == 0 { decisions.entries.append(.init(menteeID: d.mentees[0].id, mentorID: d.mentors[0].id, decision: .lock, line: 2)) }
            var matcher = Matcher(decisions: decisions); matcher.objective = .maxmin
            let r: MatchResult
            do { r = try matcher.run(d) } catch is InfeasibleDecisions { continue }
            let orders = StatedOrders(r)
            let g = r.graph
            let fixed = seed % 4 == 0 ? [0: 0] : [:]
            func weight(_ i: Int, _ j: Int) -> Int64 {
                let s = Double(orders.score(i, j)) * d.mentees[i].priority
                return max(1, Int64(s.rounded()))
            }
            var best: (Int, Int64, Int64)? = nil
            for s in orders.allMatchings(fixed: fixed) {
                let pairs = s.enumerated().filter { $0.element >= 0 }
                let key = (pairs.count, pairs.map { orders.score($0.offset, $0.element) }.min() ?? Int64.max,
                           pairs.reduce(Int64(0)) { $0 + weight($1.offset, $1.element) })
                if best.map({ key > $0 }) ?? true { best = key }
            }
            let got = (r.pairs.count, r.pairs.map(\.score).min() ?? Int64.max, r.outcome.assignment.objective)
            #expect(got == best!, "seed \(seed): \(got) vs \(best!)")
            if let c = r.objectiveComparison, c.matched == c.optimumMatched, let w = c.worst, let ow = c.optimumWorst, w > ow { raisedWorst += 1 }
            _ = g
        }
        #expect(raisedWorst > 0, "maxmin should raise the worst score on some instances")
    }
}

@Suite struct PreferencesInputTests {
    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The first id column says who ranks; ranks land on the records and in the score.
    @Test func preferencesFileRanksEitherSide() throws {
        let dir = try temporaryDirectory()
        var d = randomDataset(seed: 3, mentees: 10, mentors: 3)
        for i in d.mentees.indices { d.mentees[i].preferences = [] }
        let byMentor = try write("mentor_id,mentee_id,rank\n\(d.mentors[0].id),\(d.mentees[4].id),1\n\(d.mentors[0].id),\(d.mentees[2].id),2\n",
                                 "m.csv", in: dir)
        let byMentee = try write("mentee_id;mentor_id;rank\n\(d.mentees[1].id);\(d.mentors[2].id);1\n", "e.csv", in: dir)
        let ranked = try PreferencesFile.apply(path: byMentee, to: PreferencesFile.apply(path: byMentor, to: d))
        #expect(ranked.mentors[0].preferredMentees == [RankedChoice(id: d.mentees[4].id, rank: 1), RankedChoice(id: d.mentees[2].id, rank: 2)])
        #expect(ranked.mentees[1].rankedMentors == [RankedChoice(id: d.mentors[2].id, rank: 1)])
        let table = RankTable(ranked)
        #expect(table.mentorValue(mentor: 0, mentee: 4) == 1 && table.mentorValue(mentor: 0, mentee: 2) == 0.5)
        #expect(table.mentorValue(mentor: 0, mentee: 3) == nil && table.menteeValue(mentee: 1, mentor: 2) == 1)
        // The preference part (half of culture): the mentor's first choice keeps the full part
        // (nothing else stated), an unranked beginner of that mentor loses it, its second choice half.
        let s = try ScoringModel(dataset: ranked, profile: .default)
        let plain = try ScoringModel(dataset: d, profile: .default)
        func culture(_ m: ScoringModel, _ i: Int) -> Double { m.breakdown(mentee: i, mentor: 0).culture }
        #expect(abs(culture(s, 4) - culture(plain, 4)) < 1e-12)
        #expect(abs(culture(plain, 3) - culture(s, 3) - 0.5) < 1e-12)
        #expect(abs(culture(plain, 2) - culture(s, 2) - 0.25) < 1e-12)
    }

    /// Unknown ids, bad ranks, a pair ranked twice and ranks stated in two places are errors
    /// naming the file, line and column.
    @Test func badPreferencesAreErrorsWithFileLineAndColumn() throws {
        let dir = try temporaryDirectory()
        let d = randomDataset(seed: 4, mentees: 5, mentors: 2)
        let cases: [(String, Int, String, String)] = [
            ("mentor_id,mentee_id,rank\nNOPE,\(d.mentees[0].id),1\n", 2, "mentor_id", "unknown mentor"),
            ("mentor_id,mentee_id,rank\n\(d.mentors[0].id),NOPE,1\n", 2, "mentee_id", "unknown mentee"),
            ("mentee_id,mentor_id,rank\n\(d.mentees[0].id),\(d.mentors[0].id),0\n", 2, "rank", "whole number"),
            ("mentor_id,mentee_id,rank\n\(d.mentors[0].id),\(d.mentees[0].id),1\n\(d.mentors[0].id),\(d.mentees[0].id),2\n", 3, "mentee_id", "twice"),
        ]
        for (k, (text, line, column, words)) in cases.enumerated() {
            let path = try write(text, "p\(k).csv", in: dir)
            do {
                _ = try PreferencesFile.apply(path: path, to: d)
                Issue.record("case \(k) accepted")
            } catch InputError.invalid(let issues) {
                let i = try #require(issues.first)
                #expect(i.file == path && i.line == line && i.column == column && i.message.contains(words), "case \(k): \(i)")
            }
        }
        var both = d
        both.mentors[0].preferredMentees = [RankedChoice(id: d.mentees[0].id, rank: 1)]
        let path = try write("mentor_id,mentee_id,rank\n\(d.mentors[0].id),\(d.mentees[1].id),1\n", "both.csv", in: dir)
        #expect(throws: InputError.self) { try PreferencesFile.apply(path: path, to: both) }
    }

    /// A mentor's `prefer` column names beginners (bare ids or `mentee:ID`); an unknown one is
    /// an error on the mentor's line.
    @Test func mentorPreferColumn() throws {
        let dir = try temporaryDirectory()
        let mentors = try write("id,name,kbli,lat,lon,region,capacity,prefer\nKA-1,A,10710,-6.15,106.8,31.73.04,2,E2|mentee:E1\n", "mentors.csv", in: dir)
        let mentees = try write("id,name,kbli,lat,lon,region\nE1,B,10710,-6.15,106.8,31.73.04\nE2,C,10710,-6.16,106.8,31.73.04\n", "mentees.csv", in: dir)
        let d = try DatasetReader.read(mentorsPath: mentors, menteesPath: mentees)
        #expect(d.mentors[0].preferredMentees == [RankedChoice(id: "E2", rank: 1), RankedChoice(id: "E1", rank: 2)])
        let bad = try write("id,name,kbli,lat,lon,region,capacity,prefer\nKA-1,A,10710,-6.15,106.8,31.73.04,2,E9\n", "bad.csv", in: dir)
        do {
            _ = try DatasetReader.read(mentorsPath: bad, menteesPath: mentees)
            Issue.record("unknown mentee accepted")
        } catch InputError.invalid(let issues) {
            #expect(issues.first?.line == 2 && issues.first?.column == "prefer" && issues.first?.recordID == "KA-1")
        }
    }

    /// A stated choice that the hard rules allow is a candidate even outside the top k.
    @Test func statedChoicesBecomeCandidates() throws {
        var d = randomDataset(seed: 8, mentees: 40, mentors: 8)
        var profile = Profile.default
        profile.k = 1
        let plain = try Matcher(profile: profile).run(d)
        // A mentor that is no beginner's top candidate chooses one beginner.
        let j = try #require((0..<d.mentors.count).first { j in (0..<plain.graph.menteeCount).allSatisfy { plain.graph.pairIndex(mentee: $0, mentor: j) == nil } })
        d.mentors[j].preferredMentees = [RankedChoice(id: d.mentees[5].id, rank: 1)]
        let r = try Matcher(profile: profile).run(d)
        #expect(r.graph.pairIndex(mentee: 5, mentor: j) != nil)
    }
}

@Suite struct AlternatesRejectedTests {
    /// A curator-rejected mentor that the hard rules allow appears among a beginner's
    /// alternates with reason `rejected` and its score, in score order with the candidates.
    @Test func rejectedMentorsAreListedWithTheirReason() throws {
        let d = randomDataset(seed: 123, mentees: 30, mentors: 5, spreadDegrees: 0.05)
        let plain = try Matcher().run(d)
        let p = try #require(plain.pairs.first)
        let decisions = Decisions(entries: [.init(menteeID: p.menteeID, mentorID: p.mentorID, decision: .reject, line: 2)])
        let r = try Matcher(decisions: decisions).run(d)
        let mine = Alternate.compute(r).filter { $0.menteeID == p.menteeID }
        let rejected = try #require(mine.first { $0.mentorID == p.mentorID })
        #expect(rejected.reason == .rejected && rejected.score == p.score)
        #expect(zip(mine, mine.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(r.pairs.first { $0.menteeID == p.menteeID }?.mentorID != p.mentorID)
    }
}
