import Foundation
import Testing
@testable import Pendamping
import Optimisation
import Tabular
import PendampingTestSupport

@Suite struct OnlineTests {
    /// Online rules from the definition (independent of ScoringModel.mode): nil when the pair
    /// is not allowed, else whether it is online.
    static func mode(_ e: Mentee, _ m: Mentor, km: Double, profile: Profile) -> Bool? {
        func zone(_ r: RegionCode) -> Int {
            let p = Int(r.text.prefix(2))!
            if [51, 52, 53, 63, 64, 65, 71, 72, 73, 74, 75, 76].contains(p) { return 8 }
            return p >= 81 ? 9 : 7
        }
        let a = e.online ?? profile.online.mentees, b = m.online ?? profile.online.mentors
        let must = a == .only || b == .only
        let beyond = km > (profile.rules.maxKm ?? .infinity)
        if !must && !beyond { return false }
        guard a != .no, b != .no, abs(zone(e.region) - zone(m.region)) <= 1 else { return nil }
        return true
    }

    /// Small instances with online modes, three time zones and a cap on online slots: the
    /// match equals exhaustive search over every assignment of the allowed pairs.
    @Test func onlineRulesMatchExhaustiveSearch() throws {
        let regions = ["31.73.01", "51.71.01", "81.71.01"].compactMap { RegionCode($0) }
        var sawOnline = 0
        for seed in 0..<150 {
            var rng = SplitMix64(seed: UInt64(seed) &+ 91_000)
            var d = randomDataset(seed: UInt64(seed) &+ 92_000, mentees: rng.int(in: 2...6), mentors: rng.int(in: 1...3), spreadDegrees: 0.4)
            for i in d.mentees.indices {
                d.mentees[i].online = OnlineMode.allCases[rng.int(in: 0...2)]
                d.mentees[i].region = regions[rng.int(in: 0...2)]
            }
            for j in d.mentors.indices {
                d.mentors[j].online = OnlineMode.allCases[rng.int(in: 0...2)]
                d.mentors[j].region = regions[rng.int(in: 0...2)]
                d.mentors[j].capacity = rng.int(in: 1...3)
            }
            d = Dataset(mentors: d.mentors, mentees: d.mentees)
            var profile = Profile.default
            profile.rules.maxKm = 20
            profile.online.capacityShare = [0.0, 0.5, 1.0][rng.int(in: 0...2)]
            let r = try Matcher(profile: profile).run(d)
            let s = r.scoring
            // Every allowed pair with its score and mode, from the definition.
            var options = [[(mentor: Int, score: Int64, online: Bool)]](repeating: [], count: d.mentees.count)
            for i in d.mentees.indices {
                for j in d.mentors.indices where s.passesStaticRules(mentee: i, mentor: j) {
                    let km = s.distanceKm(mentee: i, mentor: j)
                    guard let online = Self.mode(d.mentees[i], d.mentors[j], km: km, profile: profile) else { continue }
                    let total = s.breakdown(mentee: i, mentor: j).total * (online ? profile.online.scoreFactor : 1)
                    options[i].append((j, max(1, ScoringModel.integer(total)), online))
                }
            }
            var best: Int64 = 0
            var load = [Int](repeating: 0, count: d.mentors.count), onlineLoad = load
            func go(_ i: Int, _ total: Int64) {
                if i == d.mentees.count { best = max(best, total); return }
                go(i + 1, total)
                for o in options[i] where load[o.mentor] < d.mentors[o.mentor].capacity {
                    let slots = Int((profile.online.capacityShare * Double(d.mentors[o.mentor].capacity) + 1e-9).rounded(.down))
                    if o.online && onlineLoad[o.mentor] >= slots { continue }
                    load[o.mentor] += 1; if o.online { onlineLoad[o.mentor] += 1 }
                    go(i + 1, total + o.score)
                    load[o.mentor] -= 1; if o.online { onlineLoad[o.mentor] -= 1 }
                }
            }
            go(0, 0)
            #expect(r.outcome.assignment.objective == best, "seed \(seed)")
            for p in r.pairs {
                let km = s.distanceKm(mentee: Int(p.mentee), mentor: Int(p.mentor))
                #expect(Self.mode(d.mentees[Int(p.mentee)], d.mentors[Int(p.mentor)], km: km, profile: profile) == p.online)
                if p.online { sawOnline += 1 }
            }
        }
        #expect(sawOnline > 20)
    }

    /// The `online` column reads yes/no/only and the Indonesian words; anything else is an
    /// error naming the line and column.
    @Test func onlineColumn() throws {
        let dir = try temporaryDirectory()
        let mentors = dir.appendingPathComponent("m.csv"), mentees = dir.appendingPathComponent("e.csv")
        try "id,name,kbli,lat,lon,region,capacity,daring\nKA-1,A,10710,-6.15,106.8,31.73.04,2,hanya\n".write(to: mentors, atomically: true, encoding: .utf8)
        try "id,name,kbli,lat,lon,region,online\nE1,B,10710,-6.15,106.8,31.73.04,ya\nE2,C,10710,-6.16,106.8,31.73.04,kadang\n".write(to: mentees, atomically: true, encoding: .utf8)
        do {
            _ = try DatasetReader.read(mentorsPath: mentors.path, menteesPath: mentees.path)
            Issue.record("a bad online value was accepted")
        } catch InputError.invalid(let issues) {
            #expect(issues.count == 1 && issues[0].line == 3 && issues[0].column == "online" && issues[0].recordID == "E2")
        }
        try "id,name,kbli,lat,lon,region,online\nE1,B,10710,-6.15,106.8,31.73.04,ya\n".write(to: mentees, atomically: true, encoding: .utf8)
        let d = try DatasetReader.read(mentorsPath: mentors.path, menteesPath: mentees.path)
        #expect(d.mentors[0].online == .only && d.mentees[0].online == .yes)
    }
}
