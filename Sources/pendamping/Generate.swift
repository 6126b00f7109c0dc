import ArgumentParser
import Foundation
import Pendamping
import PendampingSynthetic
import Tabular

struct Generate: Subcommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a realistic synthetic province (mentors.csv, mentees.csv), deterministic by seed.",
        discussion: """
        Presets (docs/architecture.md, Scale): S = Jakarta Barat pilot (57 × 4), M = Jakarta Barat (35,000 × 1,000), \
        L = Kalimantan Tengah (250,000 × 5,000), XL = Jawa Barat (1,000,000 × 20,000). Points are placed around \
        kecamatan centroids of the bundled Kemendagri table, or of --regions (a regions.csv with code, level, \
        name, lat, lon, population, area_km2).
        """
    )

    @OptionGroup var generation: PresetOptions
    @Option(help: "Mentee count (overrides the preset's).")
    var mentees: Int?
    @Option(help: "Mentor count (overrides the preset's).")
    var mentors: Int?
    @Option(help: "Region code the province or kabupaten to fill (overrides the preset's), e.g. 62 or 31.73.")
    var scope: String?
    @Option(help: "Put before every id (e.g. JB-), so that provinces generated apart can be listed together.")
    var idPrefix: String = ""
    @Option(help: "Output directory for mentors.csv and mentees.csv.")
    var out: String

    func validate() throws {
        if generation.national && scope != nil { throw ValidationError("--preset ID covers every province; leave out --scope") }
        if !generation.national && generation.tier() == nil && (mentees == nil || mentors == nil || scope == nil) {
            throw ValidationError("give --preset, or all of --mentees, --mentors and --scope")
        }
        // The generator holds both files in memory (about 100 bytes a row) before writing.
        if let m = mentees, !(0...ProvinceGenerator.maxMentees).contains(m) {
            throw ValidationError("--mentees must be in [0, \(ProvinceGenerator.maxMentees)]: larger provinces do not fit one machine's memory; generate shards by --scope")
        }
        if let m = mentors, !(0...ProvinceGenerator.maxMentors).contains(m) {
            throw ValidationError("--mentors must be in [0, \(ProvinceGenerator.maxMentors)]")
        }
        if let s = scope, RegionCode(s) == nil { throw ValidationError("--scope '\(s)' is not a region code") }
    }

    func execute() throws {
        let table = try generation.regionTable(), seed = generation.seed
        if generation.national {
            let g = NationalGenerator(mentees: mentees ?? 10_000_000, mentors: mentors ?? 200_000, seed: seed, regions: table)
            let clock = ContinuousClock(), start = clock.now
            try g.write(to: out)
            let (s, a) = (clock.now - start).components
            print("generated \(g.menteeCount) mentees and \(g.mentorCount) mentors in \(g.plan().count) provinces "
                  + "(seed \(seed)) into \(out) in \(formatFixed(Double(s) + Double(a) / 1e18, 2)) s")
            return
        }
        var generator = generation.tier().map {
            ProvinceGenerator(preset: $0, mentees: mentees, mentors: mentors, scope: scope.flatMap(RegionCode.init), seed: seed, regions: table)
        } ?? ProvinceGenerator(scope: RegionCode(scope!)!, mentees: mentees!, mentors: mentors!, seed: seed, regions: table)
        generator.idPrefix = idPrefix
        let clock = ContinuousClock(), start = clock.now
        try generator.write(to: out)
        let (s, a) = (clock.now - start).components
        print("generated \(generator.menteeCount) mentees and \(generator.mentorCount) mentors in \(generator.scope.text) "
              + "(seed \(seed)) into \(out) in \(formatFixed(Double(s) + Double(a) / 1e18, 2)) s")
    }
}
