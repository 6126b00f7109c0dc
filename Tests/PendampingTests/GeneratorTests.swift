import Foundation
import GLPK
import MinCostFlow
@_spi(Stages) @testable import Pendamping
import PendampingSynthetic
import Tabular
import Testing
import PendampingTestSupport

@Suite struct GeneratorTests {
    func generate(_ preset: ProvinceGenerator.Preset, seed: UInt64, mentees: Int? = nil, mentors: Int? = nil) throws -> (String, String) {
        let shape = preset.shape
        return try ProvinceGenerator(scope: RegionCode(shape.scope)!, mentees: mentees ?? shape.mentees, mentors: mentors ?? shape.mentors,
                                     seed: seed, regions: RegionTable.bundled()).generateCSV()
    }

    @Test func sameSeedSameBytesOtherSeedOtherData() throws {
        let a = try generate(.L, seed: 7, mentees: 3000, mentors: 120)
        let b = try generate(.L, seed: 7, mentees: 3000, mentors: 120)
        let c = try generate(.L, seed: 8, mentees: 3000, mentors: 120)
        #expect(a == b)
        #expect(a.1 != c.1 && a.0 != c.0)
    }

    @Test(arguments: [ProvinceGenerator.Preset.S, .M, .L])
    func generatedDataIsValidAndInRange(preset: ProvinceGenerator.Preset) throws {
        let (mentorText, menteeText) = try generate(preset, seed: 3, mentees: min(preset.shape.mentees, 4000), mentors: min(preset.shape.mentors, 300))
        var issues: [InputIssue] = []
        let (mentors, _) = DatasetReader.parseMentors(try CSVFile.parse(Data(mentorText.utf8), name: "mentors.csv"), issues: &issues)
        let (mentees, _) = DatasetReader.parseMentees(try CSVFile.parse(Data(menteeText.utf8), name: "mentees.csv"), issues: &issues)
        #expect(issues.isEmpty)
        #expect(mentees.count == min(preset.shape.mentees, 4000) && mentors.count == min(preset.shape.mentors, 300))
        let scope = RegionCode(preset.shape.scope)!
        // Near their region: within Indonesia's box, inside the scope's code.
        for m in mentees {
            #expect(m.region.sharedLevel(with: scope) == scope.level)
            #expect((-11.5...6.5).contains(m.location.lat) && (94...141.5).contains(m.location.lon))
            #expect(!m.needs.skills.isEmpty && m.languages.contains("ind"))
        }
        for m in mentors {
            #expect((1...60).contains(m.capacity))
            #expect(m.region.sharedLevel(with: scope) == scope.level)
        }
        if preset == .L {
            // Kalimantan Tengah's languages and mentor kinds.
            #expect(mentees.contains { $0.languages.contains("bjn") } && mentees.contains { $0.languages.contains("nij") })
            let kinds = Dictionary(grouping: mentors, by: { $0.kind! }).mapValues(\.count)
            #expect(kinds[.consultant] == 1 && kinds[.cadre] == 7 && kinds[.volunteer] == 30)
        }
    }

    /// The one bundled table is the full Kemendagri table: 7,837 regions, Kalimantan Tengah's
    /// 136 kecamatan and Jakarta Barat's 8 as placement units (the data's documented counts).
    @Test func bundledRegionsParse() throws {
        let t = try RegionTable.bundled()
        #expect(t.regions.count == 7_837)
        #expect(t.placementUnits(in: RegionCode("62")!).count == 136)
        #expect(t.placementUnits(in: RegionCode("31.73")!).count == 8)
        #expect(RegionDirectory.bundled.entries.count == t.regions.filter { $0.code.level <= 3 }.count)
    }
}

@Suite struct ExportTests {
    func smallModel(seed: UInt64) throws -> (MatchingModel, Int64) {
        let d = randomDataset(seed: seed, mentees: 120, mentors: 25, spreadDegrees: 0.5)
        var p = Profile.default
        p.k = 4
        var timings = StageTimings()
        let prepared = try Matcher(profile: p).prepare(d, timings: &timings)
        let ours = try NetworkMatchingSolver(certify: true).solve(prepared.model).assignment.objective
        return (prepared.model, ours)
    }

    @Test(arguments: [ModelExport.Format.lp, .mps])
    func glpkReadsTheExportAndFindsOurOptimum(format: ModelExport.Format) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for seed in 0..<5 {
            let (model, ours) = try smallModel(seed: UInt64(seed))
            let path = dir.appendingPathComponent("m.\(format.rawValue)").path
            try ModelExport.write(model, format: format, to: path)
            let s = try GLPK.withProblem { p in try p.read(from: path, format: format == .lp ? .lp : .mps); return try p.simplex(SimplexOptions(presolve: true)) }
            #expect(s.status == .optimal)
            #expect(Int64(s.objective.rounded()) == -ours, "seed \(seed)")
        }
    }

    /// With locked pairs every format leaves them out the same way: all three optima equal
    /// −(our objective − the locked pairs' weight).
    @Test func everyFormatHasTheSameOptimumWithLockedPairs() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (plain, _) = try smallModel(seed: 3)
        let g = plain.graph
        var locks: [Int32] = [], used = Set<Int32>()
        for i in 0..<g.menteeCount where locks.count < 6 {
            guard let p = g.pairs(ofMentee: i).first, !used.contains(g.mentor[p]) else { continue }
            locks.append(Int32(p)); used.insert(g.mentor[p])
        }
        let model = try MatchingModel(graph: g, capacity: plain.capacity, fixedPairs: locks)
        let ours = try NetworkMatchingSolver(certify: true).solve(model).assignment.objective
        let free = ours - locks.reduce(0) { $0 + model.weight[Int($1)] }
        for format in [ModelExport.Format.lp, .mps] {
            let path = dir.appendingPathComponent("m.\(format.rawValue)").path
            try ModelExport.write(model, format: format, to: path)
            let s = try GLPK.withProblem { p in try p.read(from: path, format: format == .lp ? .lp : .mps); return try p.simplex(SimplexOptions(presolve: true)) }
            #expect(s.status == .optimal && Int64(s.objective.rounded()) == -free, "\(format)")
        }
        #expect(try solveDIMACS(ModelExport.dimacs(model)) == -free)
    }

    /// Our own solve of a DIMACS min-cost flow text.
    func solveDIMACS(_ text: String) throws -> Int64 {
        var net: FlowNetwork?
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ")
            switch f.first {
            case "p": net = FlowNetwork(nodeCount: Int(f[2])!)
            case "n": net!.supply[Int(f[1])! - 1] = Int64(f[2])!
            case "a": net!.addArc(from: Int32(f[1])! - 1, to: Int32(f[2])! - 1, capacity: Int64(f[4])!, cost: Int64(f[5])!)
            default: break
            }
        }
        let r = try NetworkSimplex.solve(net!)
        #expect(r.status == .optimal)
        return r.totalCost
    }

    @Test func dimacsDescribesTheSameNetwork() throws {
        let (model, ours) = try smallModel(seed: 9)
        #expect(try solveDIMACS(ModelExport.dimacs(model)) == -ours)
    }
}
