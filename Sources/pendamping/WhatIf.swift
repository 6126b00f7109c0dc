import ArgumentParser
import Foundation
import Pendamping

struct WhatIf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Compare capacity scenarios against a base dataset; rank where extra capacity is worth most; sweep coverage.",
        discussion: """
        Each --scenario is a JSON file (see the README): add mentors of a kind (placed by kabupaten, at given \
        regions, or where a GLPK facility-location programme says they add most: "place": "recruit"), scale or \
        set capacities, change profile rules. Prints one comparison table and writes comparison.csv, regions.csv, \
        placements.csv, marginal.csv (exact gain of one more slot per mentor), marginal-regions.csv, curve.csv and \
        curve.svg (coverage as total capacity is scaled) into --out.
        """
    )

    @OptionGroup var data: DatasetOptions
    @Option(help: "Matching profile (JSON).")
    var profile: String?
    @Option(help: "Regions CSV for placing new mentors; default: the bundled sample.")
    var regions: String?
    @Option(name: .customLong("scenario"), help: "Scenario JSON file (repeatable).")
    var scenarios: [String] = []
    @Option(help: "Capacity factors for the coverage curve, comma-separated.")
    var curve: String = "0.25,0.5,0.75,1,1.25,1.5,2,3"
    @Option(help: "Output directory.")
    var out: String

    func validate() throws {
        let factors = curve.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...100).contains(factors.count), factors.allSatisfy({ Double($0).map { (0...100).contains($0) } ?? false }) else {
            throw ValidationError("--curve takes 1 to 100 comma-separated capacity factors, each in [0, 100]")
        }
    }

    func run() throws {
        do {
            let dataset = try data.read()
            let prof = try profile.map(Profile.read) ?? .default
            let table = try regions.map(RegionTable.read) ?? RegionTable.bundled()
            let list = try scenarios.map(Scenario.read)
            let runner = WhatIfRunner(base: dataset, profile: prof, regions: table)
            let (base, rows) = try runner.run(list)
            let (mentorGains, regionGains) = WhatIfRunner.marginal(base)
            let factors = curve.split(separator: ",").map { Double($0)! }
            let points = try CoverageCurve.sweep(dataset, profile: prof, factors: factors)

            var files: [(String, Data)] = []
            var comparison = CSVTableWriter(header: ["scenario", "mentors", "capacity", "matched", "coverage", "mean_score", "utilisation", "unassigned_by_reason"])
            for r in rows {
                comparison.appendRow([.text(r.name), .number(String(r.mentors)), .number(String(r.capacity)), .number(String(r.matched)),
                                      .number(formatFixed(r.coverage, 4)), .number(formatFixed(r.meanScore, 4)), .number(formatFixed(r.utilisation, 4)),
                                      .text(r.unassignedByReason.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "|"))])
            }
            files.append(("comparison.csv", Data(comparison.text.utf8)))
            let regionCodes = Set(rows.flatMap { $0.byRegion.keys }).sorted()
            var byRegion = CSVTableWriter(header: ["region", "mentees"] + rows.map { "coverage:" + $0.name })
            for code in regionCodes {
                byRegion.appendRow([.text(code), .number(String(rows[0].byRegion[code]?.mentees ?? 0))]
                                   + rows.map { r in .number(formatFixed(r.byRegion[code].map { Double($0.matched) / Double(max(1, $0.mentees)) } ?? 0, 4)) })
            }
            files.append(("regions.csv", Data(byRegion.text.utf8)))
            var placements = CSVTableWriter(header: ["scenario", "region", "lat", "lon", "new_mentors"])
            for r in rows { for p in r.placements {
                placements.appendRow([.text(r.name), .text(p.region.text), .number(formatFixed(p.point.lat, 5)), .number(formatFixed(p.point.lon, 5)), .number(String(p.count))])
            } }
            files.append(("placements.csv", Data(placements.text.utf8)))
            var marginal = CSVTableWriter(header: ["mentor_id", "region", "slot_gain"])
            for m in mentorGains { marginal.appendRow([.text(m.id), .text(m.region), .number(formatScore(m.gain))]) }
            files.append(("marginal.csv", Data(marginal.text.utf8)))
            var marginalRegions = CSVTableWriter(header: ["region", "best_mentor", "slot_gain"])
            for m in regionGains { marginalRegions.appendRow([.text(m.region), .text(m.mentor), .number(formatScore(m.gain))]) }
            files.append(("marginal-regions.csv", Data(marginalRegions.text.utf8)))
            files.append(("curve.csv", Data(CoverageCurve.csv(points).utf8)))
            files.append(("curve.svg", Data(SVGChart.line(title: "Coverage as mentor capacity grows", xLabel: "total mentor capacity (slots)",
                                                          yLabel: "mentees matched (%)",
                                                          points: points.map { (Double($0.capacity), $0.coverage * 100) }, yRange: 0...100).utf8)))
            try OutputDirectory.write(files, to: out, inputs: data.paths + [profile, regions].compactMap { $0 } + scenarios)

            func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
            let nameWidth = max(10, rows.map(\.name.count).max() ?? 0) + 2
            print(pad("scenario", nameWidth) + "mentors  capacity  matched   coverage  mean score  utilisation  unassigned by reason")
            for r in rows {
                print(pad(r.name, nameWidth) + pad(String(r.mentors), 9) + pad(String(r.capacity), 10) + pad(String(r.matched), 10)
                      + pad(formatFixed(r.coverage * 100, 1) + " %", 10) + pad(formatFixed(r.meanScore, 4), 12) + pad(formatFixed(r.utilisation * 100, 1) + " %", 13)
                      + r.unassignedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
            }
            for r in rows where !r.placements.isEmpty {
                var perKabupaten: [String: Int] = [:]
                for p in r.placements { perKabupaten[p.region.prefix(2)?.text ?? p.region.text, default: 0] += p.count }
                print("\nbest placement for \(r.name) (per kabupaten/kota; per kecamatan in placements.csv): "
                      + perKabupaten.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            if !regionGains.isEmpty {
                print("\nwhere one more slot is worth most (kabupaten/kota: best mentor, gain in total score):")
                for g in regionGains.prefix(5) { print("  \(g.region): \(g.mentor) +\(formatScore(g.gain))") }
            }
            print("\nwritten \(out)/{comparison.csv, regions.csv, placements.csv, marginal.csv, marginal-regions.csv, curve.csv, curve.svg}")
        } catch {
            throw Failure.exit(error)
        }
    }
}
