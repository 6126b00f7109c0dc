import Foundation
import Pendamping
import Optimisation
import Tabular

/// Synthetic but realistic provinces for benchmarks and what-if runs, deterministic by seed.
///
/// Mentees and mentors are placed around real region centroids of a province (weighted by
/// population, jittered by a spread from the area), with sectors, needs, languages that fit
/// the province, and mentors of four kinds: PLUT consultants at kabupaten centres, student
/// cadres in the cities, experienced businesses and volunteers where the businesses are.
/// - Complexity: `O(mentees + mentors + regions)`.
public struct ProvinceGenerator: Sendable {
    /// The benchmark tiers of docs/architecture.md, Scale.
    public enum Preset: String, CaseIterable, Sendable {
        /// The tiers, from the Jakarta Barat pilot's size (S) to a large Java province (XL).
        case S, M, L, XL
        /// Region scope, mentees, mentors.
        public var shape: (scope: String, mentees: Int, mentors: Int) {
            switch self {
            case .S: return ("31.73", 57, 4)           // Jakarta Barat pilot
            case .M: return ("31.73", 35_000, 1_000)   // Jakarta Barat, all binaan
            case .L: return ("62", 250_000, 5_000)     // Kalimantan Tengah
            case .XL: return ("32", 1_000_000, 20_000) // Jawa Barat
            }
        }
    }

    /// The province (or kabupaten) the records are placed in.
    public var scope: RegionCode
    /// Beginners to generate.
    public var menteeCount: Int
    /// The largest sizes `generate` accepts: 20 million rows of about 100 bytes fit in memory
    /// on the project's 24 GiB machines with room to spare.
    public static let maxMentees = 20_000_000
    /// The most mentors `generate` accepts (see ``maxMentees``).
    public static let maxMentors = 1_000_000
    /// Mentors to generate.
    public var mentorCount: Int
    /// The seed: the same seed gives the same bytes.
    public var seed: UInt64
    /// The regions with populations and points.
    public var regions: RegionTable
    /// Put before every id (`JB-E000001`), so that provinces generated apart can be listed together.
    public var idPrefix = ""

    /// A generator of `mentees` and `mentors` in `scope`.
    public init(scope: RegionCode, mentees: Int, mentors: Int, seed: UInt64, regions: RegionTable) {
        self.scope = scope; menteeCount = mentees; mentorCount = mentors; self.seed = seed; self.regions = regions
    }

    /// A preset's shape, with optional overrides of its counts and scope.
    public init(preset: Preset, mentees: Int? = nil, mentors: Int? = nil, scope: RegionCode? = nil, seed: UInt64, regions: RegionTable) {
        let shape = preset.shape
        self.init(scope: scope ?? RegionCode(shape.scope)!, mentees: mentees ?? shape.mentees, mentors: mentors ?? shape.mentors,
                  seed: seed, regions: regions)
    }

    /// Generates and writes `DIR/mentors.csv` and `DIR/mentees.csv` atomically.
    public func write(to directory: String) throws {
        let (m, e) = try generateCSV()
        try OutputDirectory.write([("mentors.csv", Data(m.utf8)), ("mentees.csv", Data(e.utf8))], to: directory)
    }

    /// The generated records read back exactly as `match` reads the CSV files.
    public func generateDataset() throws -> Dataset {
        let (m, e) = try generateCSV()
        var issues: [InputIssue] = []
        let (mentors, mx) = DatasetReader.parseMentors(try CSVFile.parse(Data(m.utf8), name: "mentors.csv"), issues: &issues)
        let (mentees, ex) = DatasetReader.parseMentees(try CSVFile.parse(Data(e.utf8), name: "mentees.csv"), issues: &issues)
        guard issues.isEmpty else { throw InputError.invalid(issues) }
        return Dataset(mentors: mentors, mentees: mentees, mentorExtraColumns: mx, menteeExtraColumns: ex)
    }

    /// Mentor kinds for `m` mentors: Kalimantan Tengah's proportions (7 PLUT consultants and 120
    /// student cadres per 5,000), a tenth volunteers, the rest businesses; all businesses below 50.
    static func kindCounts(_ m: Int) -> [(MentorKind, Int)] {
        guard m >= 50 else { return [(.business, m)] }
        let consultants = max(1, (m * 7 + 2_500) / 5_000), cadres = max(1, (m * 120 + 2_500) / 5_000)
        let volunteers = m / 10
        return [(.consultant, consultants), (.cadre, cadres), (.volunteer, volunteers),
                (.business, m - consultants - cadres - volunteers)]
    }

    /// The dataset as the two CSV texts `match` reads.
    public func generateCSV() throws -> (mentors: String, mentees: String) {
        let units = regions.placementUnits(in: scope)
        guard !units.isEmpty else {
            throw InputError.invalid([InputIssue(file: "regions", line: 0, column: "code",
                                                 message: "no regions with coordinates inside \(scope.text)")])
        }
        var rng = SplitMix64(seed: seed)
        let unitPicker = WeightedPicker(units.map(\.weight))
        let cityPicker = WeightedPicker(units.map { $0.weight * $0.weight })
        let sectorPicker = WeightedPicker(SyntheticVocabulary.sectors.map(\.weight))
        let langs = SyntheticVocabulary.languages(province: String(scope.text.prefix(2)))
        let kabupatenUnits = Dictionary(grouping: units.indices, by: { units[$0].region.code.prefix(2)?.text ?? "" })
            .sorted { $0.key < $1.key }.map { $0.value[0] }

        func place(_ u: Int, spreadFactor: Double = 1) -> (GeoPoint, RegionCode) {
            let unit = units[u]
            let c = unit.region.point!
            // Box–Muller normal offsets, in km.
            let r = (-2 * log(max(rng.unit(), 1e-12))).squareRoot() * unit.spreadKm * spreadFactor
            let a = 2 * Double.pi * rng.unit()
            let lat = min(90, max(-90, c.lat + r * cos(a) / 111.195))
            let lon = min(180, max(-180, c.lon + r * sin(a) / (111.195 * max(0.01, cos(c.lat * .pi / 180)))))
            return (GeoPoint(lat: lat, lon: lon), unit.region.code)
        }
        func languageList() -> String {
            var out = ["ind"]
            let x = rng.unit()
            var acc = 0.0
            for l in langs { acc += l.share; if x < acc { out.append(l.code); break } }
            return out.sorted().joined(separator: "|")
        }
        func skills(_ base: [Skill], _ count: Int) -> String {
            var pool = base, chosen: [Skill] = []
            for _ in 0..<min(count, pool.count) { chosen.append(pool.remove(at: rng.int(in: 0...(pool.count - 1)))) }
            return SkillSet(chosen).description
        }

        var mentees = CSVTableWriter(header: ["id", "name", "kbli", "lat", "lon", "region", "needs", "languages",
                                              "gender", "scale", "hours_needed", "prefer", "priority"])
        let width = String(max(menteeCount, 1)).count
        for i in 0..<menteeCount {
            let (p, region) = place(unitPicker.pick(&rng))
            let sector = SyntheticVocabulary.sectors[sectorPicker.pick(&rng)]
            let female = rng.unit() < 0.6
            let scaleRoll = rng.unit()
            let scale = scaleRoll < 0.8 ? "mikro" : (scaleRoll < 0.98 ? "kecil" : "menengah")
            let id = idPrefix + "E" + String(repeating: "0", count: width - String(i + 1).count) + String(i + 1)
            mentees.appendRow([.text(id), .text("\(sector.label) \(i + 1)"), .text(sector.kbli),
                               .number(formatFixed(p.lat, 5)), .number(formatFixed(p.lon, 5)), .text(region.text),
                               .text(skills(sector.needs, rng.int(in: 1...3))), .text(languageList()),
                               .text(female ? "f" : "m"), .text(scale), .number(String([1, 2, 2, 3][rng.int(in: 0...3)])),
                               .text(female && rng.unit() < 0.1 ? "gender:f" : ""),
                               .number(rng.unit() < 0.05 ? "2" : "1")])
        }

        var mentors = CSVTableWriter(header: ["id", "name", "kind", "kbli", "lat", "lon", "region", "capacity",
                                              "hours_per_month", "expertise", "languages", "gender", "scale"])
        var j = 0
        let mWidth = String(max(mentorCount, 1)).count
        for (kind, count) in Self.kindCounts(mentorCount) {
            for k in 0..<count {
                let unit: Int
                switch kind {
                case .consultant: unit = kabupatenUnits[k % kabupatenUnits.count]
                case .cadre: unit = cityPicker.pick(&rng)
                case .business, .volunteer: unit = unitPicker.pick(&rng)
                }
                let (p, region) = place(unit, spreadFactor: kind == .consultant ? 0.1 : 1)
                var codes: [String] = []
                for _ in 0..<(kind == .consultant ? 3 : rng.int(in: 1...2)) {
                    let c = SyntheticVocabulary.sectors[sectorPicker.pick(&rng)].kbli
                    if !codes.contains(c) { codes.append(c) }
                }
                let capacity: Int, hours: Int, expertiseCount: Int, scale: String
                switch kind {
                case .consultant: capacity = rng.int(in: 30...60); hours = 40; expertiseCount = rng.int(in: 5...8); scale = "menengah"
                case .cadre: capacity = rng.int(in: 8...15); hours = rng.int(in: 30...50); expertiseCount = rng.int(in: 2...4); scale = "kecil"
                case .business:
                    capacity = rng.int(in: 5...20); hours = rng.int(in: 20...60); expertiseCount = rng.int(in: 2...5)
                    scale = ["kecil", "menengah", "menengah", "besar"][rng.int(in: 0...3)]
                case .volunteer: capacity = rng.int(in: 3...8); hours = rng.int(in: 10...20); expertiseCount = rng.int(in: 2...3); scale = "kecil"
                }
                let label = ["business": "Usaha", "consultant": "PLUT", "cadre": "Kader", "volunteer": "Relawan"][kind.rawValue]!
                j += 1
                let id = idPrefix + "M" + String(repeating: "0", count: mWidth - String(j).count) + String(j)
                mentors.appendRow([.text(id), .text("\(label) \(j)"), .text(kind.rawValue), .text(codes.joined(separator: "|")),
                                   .number(formatFixed(p.lat, 5)), .number(formatFixed(p.lon, 5)), .text(region.text),
                                   .number(String(capacity)), .number(String(hours)),
                                   .text(skills(Skill.allCases, expertiseCount)), .text(rng.unit() < 0.8 ? languageList() : "ind"),
                                   .text(rng.unit() < 0.5 ? "f" : "m"), .text(scale)])
            }
        }
        return (mentors.text, mentees.text)
    }
}

/// Picks an index with probability proportional to its weight, by binary search over the
/// cumulative sums. `O(log n)` per pick.
struct WeightedPicker {
    let cumulative: [Double]
    init(_ weights: [Double]) {
        var acc = 0.0
        cumulative = weights.map { acc += max(0, $0); return acc }
    }
    func pick(_ rng: inout SplitMix64) -> Int {
        let x = rng.unit() * (cumulative.last ?? 0)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
