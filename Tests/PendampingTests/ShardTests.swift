import Foundation
@testable import Pendamping
import PendampingSynthetic
import Testing

/// Shards answer exactly what one run answers.
@Suite struct ShardTests {
    /// Three provinces generated apart and listed together.
    func threeProvinces(_ perProvince: Int, mentorsPer: Int = 30) throws -> Dataset {
        var mentors: [Mentor] = [], mentees: [Mentee] = []
        let table = try RegionTable.read(path: packageRoot.appendingPathComponent("Sources/Pendamping/Resources/regions.csv").path)
        for (scope, prefix) in [("31", "JK-"), ("32", "JB-"), ("62", "KT-")] {
            var g = ProvinceGenerator(scope: RegionCode(scope)!, mentees: perProvince, mentors: perProvince / mentorsPer, seed: 3, regions: table)
            g.idPrefix = prefix
            let d = try g.generateDataset()
            mentors += d.mentors; mentees += d.mentees
        }
        return Dataset(mentors: mentors, mentees: mentees)
    }

    func subset(_ d: Dataset, _ s: ShardPlan.Shard) -> Dataset {
        Dataset(mentors: s.mentors.map { d.mentors[Int($0)] }, mentees: s.mentees.map { d.mentees[Int($0)] })
    }

    @Test(arguments: [(ShardPlan.Key.province, 700), (.kabupaten, 150)])
    func shardsSumToTheSingleRun(key: ShardPlan.Key, maxMentees: Int) throws {
        let d = try threeProvinces(600)
        var profile = Profile.default
        profile.rules.maxKm = 30
        let single = try Matcher(profile: profile).run(d)
        let plan = try ShardPlan.make(dataset: d, profile: profile, by: key, maxMentees: maxMentees)
        #expect(plan.shards.count >= 3)
        // Every record in exactly one shard; no candidate pair crosses two.
        var shardOfMentee = [Int](repeating: -1, count: d.mentees.count), shardOfMentor = [Int](repeating: -1, count: d.mentors.count)
        for (k, s) in plan.shards.enumerated() {
            for i in s.mentees { #expect(shardOfMentee[Int(i)] == -1); shardOfMentee[Int(i)] = k }
            for j in s.mentors { #expect(shardOfMentor[Int(j)] == -1); shardOfMentor[Int(j)] = k }
            #expect(s.oversized || s.mentees.count <= maxMentees)
        }
        #expect(!shardOfMentee.contains(-1) && !shardOfMentor.contains(-1))
        let g = single.graph
        for i in 0..<g.menteeCount { for p in g.pairs(ofMentee: i) { #expect(shardOfMentee[i] == shardOfMentor[Int(g.mentor[p])]) } }
        // The shards' optima add up to the single optimum, pair for pair.
        var objective: Int64 = 0
        var pairs = Set<String>()
        for s in plan.shards {
            let r = try Matcher(profile: profile).run(subset(d, s))
            #expect(r.outcome.status == .optimal)
            objective += r.outcome.assignment.objective
            for p in r.pairs { pairs.insert(p.menteeID + ">" + p.mentorID) }
        }
        #expect(objective == single.outcome.assignment.objective)
        #expect(pairs == Set(single.pairs.map { $0.menteeID + ">" + $0.mentorID }))
    }

    /// With coverage quotas, every mentee of a quota region is in one shard, and the shards'
    /// optima under the rules add up to the single run's.
    @Test func quotaRegionsStayInOneShard() throws {
        let d = try threeProvinces(300, mentorsPer: 5)
        var profile = Profile.default
        profile.rules.maxKm = 40
        profile.constraints.quotaLevel = .kabupaten
        profile.constraints.quotaShare = 0.02
        let plan = try ShardPlan.make(dataset: d, profile: profile, by: .kabupaten, maxMentees: 40)
        #expect(plan.shards.count >= 2)
        var shardOfRegion: [String: Int] = [:]
        for (k, s) in plan.shards.enumerated() {
            for i in s.mentees {
                let region = d.mentees[Int(i)].region.prefix(2)!.text
                if let other = shardOfRegion[region] { #expect(other == k, "\(region)") } else { shardOfRegion[region] = k }
            }
        }
        var matcher = Matcher(profile: profile)
        matcher.relativeGap = 0
        let single = try matcher.run(d)
        var objective: Int64 = 0
        for s in plan.shards where !s.mentees.isEmpty { objective += try matcher.run(subset(d, s)).outcome.assignment.objective }
        #expect(single.outcome.status == .optimal && objective == single.outcome.assignment.objective)
    }
}

@Suite struct NationalGeneratorTests {
    /// Every province with people gets its share (largest remainder), the totals are exact,
    /// and ids carry the province code so the lists can be concatenated.
    @Test func provincesGetTheirPopulationShare() throws {
        let table = try RegionTable.read(path: packageRoot.appendingPathComponent("Sources/Pendamping/Resources/regions.csv").path)
        let g = NationalGenerator(mentees: 100_000, mentors: 2_000, seed: 1, regions: table)
        let plan = g.plan()
        #expect(plan.count >= 30)
        #expect(plan.reduce(0) { $0 + $1.mentees } == 100_000 && plan.reduce(0) { $0 + $1.mentors } == 2_000)
        let population = Dictionary(uniqueKeysWithValues: table.regions.filter { $0.code.level == 1 }.map { ($0.code.text, $0.population ?? 0) })
        let total = plan.reduce(0.0) { $0 + population[$1.province.text]! }
        for p in plan {
            let exact = 100_000 * population[p.province.text]! / total
            #expect(abs(Double(p.mentees) - exact) < 1, "\(p.province.text)")
        }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try NationalGenerator(mentees: 3_000, mentors: 90, seed: 1, regions: table).write(to: dir.path + "/id")
        let d = try DatasetReader.read(mentorsPath: dir.path + "/id/mentors.csv", menteesPath: dir.path + "/id/mentees.csv")
        #expect(d.mentees.count == 3_000 && d.mentors.count == 90)
        #expect(d.mentees.allSatisfy { $0.id.hasPrefix($0.region.prefix(1)!.text + "-") })
    }
}
