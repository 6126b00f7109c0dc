import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MinCostFlow
import Testing
@_spi(Stages) @testable import Pendamping
import PendampingSynthetic
import Optimisation
import Tabular
@testable import PendampingPlanning

@Suite struct WhatIfTests {
    func province(mentees: Int, mentors: Int, seed: UInt64) throws -> Dataset {
        try ProvinceGenerator(preset: .L, mentees: mentees, mentors: mentors, seed: seed, regions: RegionTable.bundled()).generateDataset()
    }

    @Test func scenarioFilesAreReadStrictly() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try Scenario.read(path: packageRoot.appendingPathComponent("fixtures/scenarios/cadres-120.json").path)
        #expect(s.name == "+120 student cadres" && s.addMentors.first?.count == 120 && s.addMentors.first?.place == .recruit)
        let bad = dir.appendingPathComponent("bad.json")
        try #"{"add_mentors": [{"kind": "robot", "count": 1, "capacity": 2}]}"#.write(to: bad, atomically: true, encoding: .utf8)
        #expect {
            try Scenario.read(path: bad.path)
        } throws: { e in
            guard case InputError.invalid(let issues) = e else { return false }
            return issues.first?.column == "add_mentors[0].kind"
        }
        let patched = dir.appendingPathComponent("p.json")
        try #"{"profile": {"rules": {"max_km": 30}}}"#.write(to: patched, atomically: true, encoding: .utf8)
        let p = try Scenario.read(path: patched.path).profile(over: .default)
        #expect(p.rules.maxKm == 30 && p.weights == Profile.default.weights)
    }

    /// The recruitment MIP equals trying every way to place K mentors and matching exactly.
    @Test func recruitmentEqualsBruteForce() throws {
        for seed in 0..<12 {
            var rng = SplitMix64(seed: UInt64(seed) &+ 300)
            let locations = (0..<4).map { l in (RegionCode(String(format: "62.71.%02d", l + 1))!,
                                                GeoPoint(lat: -2.2 + 0.05 * Double(l), lon: 113.9 + rng.double(in: -0.02...0.02))) }
            let mentees = (0..<rng.int(in: 3...7)).map { i in
                Mentee(id: "E\(i)", kbli: [KBLICode(["10710", "47112", "14111"][rng.int(in: 0...2)])!],
                       location: GeoPoint(lat: -2.2 + rng.double(in: -0.03...0.18), lon: 113.9 + rng.double(in: -0.03...0.03)),
                       region: RegionCode("62.71.01")!, needs: SkillSet([.digital]))
            }
            let t = Scenario.NewMentors(kind: .cadre, count: 2, capacity: 2, hoursPerMonth: nil, kbli: [KBLICode("10710")!],
                                        expertise: SkillSet([.digital]), languages: ["ind"], place: .recruit)
            let choice = try Recruitment.choose(template: t, count: 2, locations: locations, unmatched: mentees, profile: .default)
            #expect(choice.placements.reduce(0) { $0 + $1.count } <= 2)
            // Brute force: every placement of 2 mentors over 4 locations, then the exact matching.
            var p = Profile.default
            p.k = 4
            var best: Int64 = 0
            for a in 0..<4 { for b in a..<4 {
                var counts = [0, 0, 0, 0]; counts[a] += 1; counts[b] += 1
                let mentors = (0..<4).map { l in Mentor(id: String(format: "L%05d", l), kbli: t.kbli, location: locations[l].1,
                                                      region: locations[l].0, capacity: 2 * counts[l], expertise: t.expertise, languages: t.languages, kind: .cadre) }
                let d = Dataset(mentors: mentors, mentees: mentees)
                let g = CandidateBuilder(scoring: try ScoringModel(dataset: d, profile: p)).build()
                let model = try MatchingModel(graph: g, capacity: mentors.map { Int32($0.capacity) })
                best = max(best, try NetworkMatchingSolver().solve(model).assignment.objective)
            } }
            #expect(choice.status == .optimal)
            #expect(Int64((choice.gain * ScoringModel.integerScale).rounded()) == best, "seed \(seed)")
        }
    }

    @Test func scenariosCompareAndCurveRises() throws {
        let d = try province(mentees: 2500, mentors: 80, seed: 8)
        var s = Scenario(name: "+30 cadres")
        s.addMentors = [Scenario.NewMentors(kind: .cadre, count: 30, capacity: 8, hoursPerMonth: 40, kbli: [KBLICode("47911")!],
                                            expertise: SkillSet([.digital, .qris]), languages: ["bjn", "ind"], place: .recruit)]
        var half = Scenario(name: "half capacity")
        half.capacityScale = 0.5
        let (base, rows) = try WhatIfRunner(base: d, profile: .default, regions: RegionTable.bundled()).run([s, half])
        #expect(rows.map(\.name) == ["base", "+30 cadres", "half capacity"])
        #expect(rows[1].placements.reduce(0) { $0 + $1.count } == 30 && rows[1].mentors == rows[0].mentors + 30)
        #expect(rows[1].matched >= rows[0].matched && rows[2].matched <= rows[0].matched)
        #expect(base.slotGain != nil && !WhatIfRunner.marginal(base).regions.isEmpty)
        let points = try CoverageCurve.sweep(d, profile: .default, factors: [0, 0.5, 1, 2])
        #expect(points.map(\.matched) == points.map(\.matched).sorted() && points[0].matched == 0)
        #expect(points[2].matched == base.matchedCount)
        let svg = SVGChart.line(title: "t & <c>", xLabel: "x", yLabel: "y", points: points.map { (Double($0.capacity), $0.coverage * 100) })
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "the SVG must be well-formed XML")
        #expect(svg.contains("<polyline") && svg.components(separatedBy: "<circle").count == points.count + 1)
    }
}

@Suite struct RecruitmentScaleTests {
    /// On a generated Kalimantan Tengah-like province with the full regions table (136
    /// kecamatan as candidate places), recruiting places every new mentor even when GLPK's
    /// time limit is short, never below the greedy placement it starts from, and says what is
    /// proven: optimal, or the time limit with a finite gap.
    @Test func everyMentorPlacedWithinALimitWithItsGap() throws {
        let table = try RegionTable.bundled()
        let d = try ProvinceGenerator(preset: .L, mentees: 4000, mentors: 50, seed: 3, regions: table).generateDataset()
        let base = try Matcher(profile: .default).run(d)
        let matched = Set(base.pairs.map(\.mentee))
        let unmatched = d.mentees.enumerated().filter { !matched.contains(Int32($0.offset)) }.map(\.element)
        #expect(unmatched.count > 1000)
        let template = Scenario.NewMentors(kind: .cadre, count: 40, capacity: 8, hoursPerMonth: 40, kbli: [KBLICode("47911")!],
                                           expertise: SkillSet([.digital, .qris]), languages: ["bjn", "ind"], place: .recruit)
        let locations = table.placementUnits(in: RegionCode("62")!).map { ($0.region.code, $0.region.point!) }
        #expect(locations.count == 136)
        for limit in [Duration.milliseconds(1), .seconds(3)] {
            let choice = try Recruitment.choose(template: template, count: 40, locations: locations, unmatched: unmatched,
                                                profile: .default, timeLimit: limit)
            #expect(choice.placements.reduce(0) { $0 + $1.count } == 40, "limit \(limit)")
            #expect(choice.status == .optimal || choice.status == .timeLimit)
            #expect(choice.relativeGap.map { $0.isFinite && $0 >= 0 } == true)
            // Never below the greedy placement.
            let (graph, _) = try Recruitment.locationGraph(template: template, locations: locations, unmatched: unmatched, profile: .default)
            let lists = Recruitment.candidateLists(graph, locations: locations.count, keep: 8 * 20)
            let greedy = Recruitment.greedy(lists, count: 40, capacity: 8)
            #expect(choice.gain * ScoringModel.integerScale >= Double(greedy.gain) - 0.5)
            #expect(greedy.count.reduce(0, +) == 40 && Set(greedy.location.keys).count == greedy.location.count)
        }
    }

    /// A national list (every province in proportion) recruits over every kabupaten/kota of
    /// Indonesia with coordinates and places every new mentor.
    @Test func nationalRecruitmentOverEveryKabupaten() throws {
        let table = try RegionTable.bundled()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try NationalGenerator(mentees: 6000, mentors: 120, seed: 2, regions: table).write(to: dir.path)
        let d = try DatasetReader.read(mentorsPath: dir.appendingPathComponent("mentors.csv").path,
                                       menteesPath: dir.appendingPathComponent("mentees.csv").path)
        let runner = WhatIfRunner(base: d, profile: .default, regions: table)
        let places = runner.recruitmentPlaces()
        let expected = table.regions.filter { $0.code.level == 2 && $0.point != nil && Set(d.mentees.map { String($0.region.text.prefix(2)) }).contains(String($0.code.text.prefix(2))) }
        #expect(places.count == expected.count && places.count > 400, "\(places.count) places")
        var s = Scenario(name: "+60 cadres")
        s.addMentors = [Scenario.NewMentors(kind: .cadre, count: 60, capacity: 10, hoursPerMonth: 40, kbli: [KBLICode("47911")!],
                                            expertise: SkillSet([.digital, .qris]), languages: ["ind"], place: .recruit)]
        let (_, rows) = try runner.run([s])
        #expect(rows[1].placements.reduce(0) { $0 + $1.count } == 60)
        #expect(rows[1].matched > rows[0].matched)
        #expect(Set(rows[1].placements.map { $0.region.prefix(1)!.text }).count > 3, "placed in several provinces")
    }

    /// The bundled scenario runs on the bundled data the guide pairs it with.
    @Test func bundledScenarioRunsOnTheScarcePilot() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try runCLI(["whatif", "--mentors", fixture("jakarta-barat-scarce/mentors.csv"), "--mentees", fixture("jakarta-barat-scarce/mentees.csv"),
                              "--scenario", fixture("scenarios/cadres-120.json"), "--curve", "1", "--out", dir.path + "/w"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("+120 student cadres  124"), "\(run.stdout)")
    }

    /// The what-if summary in Indonesian says the same figures, line for line, with the
    /// decimal comma and the report's words for the unassigned reasons.
    @Test func whatIfSummaryInIndonesian() throws {
        let d = try DatasetReader.read(mentorsPath: fixture("jakarta-barat-scarce/mentors.csv"), menteesPath: fixture("jakarta-barat-scarce/mentees.csv"))
        let scenario = try Scenario.decode(Data(contentsOf: URL(fileURLWithPath: fixture("scenarios/cadres-120.json"))), name: "s", fallbackName: "s")
        let report = try WhatIfReport.run(WhatIfRunner(base: d, profile: .default, regions: try RegionTable.bundled()),
                                          scenarios: [scenario], curveFactors: [1], goals: [], template: nil)
        let en = report.text(outDir: "").split(separator: "\n", omittingEmptySubsequences: false)
        let id = report.text(outDir: "", language: .id).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(en.count == id.count)
        #expect(id[0].hasPrefix("skenario") && en[0].hasPrefix("scenario"))
        #expect(!en.contains { $0.hasPrefix("written") } && report.text(outDir: "o").hasSuffix("written o/{\(WhatIfReport.fileNames.joined(separator: ", "))}"))
        for (e, i) in zip(en.dropFirst(), id.dropFirst()) where e.hasPrefix("base") || e.hasPrefix("+120") {
            // The same figures: English decimals written with a comma.
            let figures = e.split(separator: " ").prefix(7).map { $0.replacingOccurrences(of: ".", with: ",") }
            #expect(Array(i.split(separator: " ").prefix(7).map(String.init)) == figures, "\(e) / \(i)")
        }
        #expect(id.contains { $0.contains("kandidat sudah penuh") || $0.contains("tidak ada pendamping dalam aturan") })
    }
}
