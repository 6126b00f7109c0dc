@_spi(Stages) import Pendamping
import Foundation
import Optimisation

/// A programme projected year by year (`pendamping plan`): each year cohorts that have been
/// mentored for the profile's `planning.mentoring_years` graduate and free their mentors'
/// slots; some mentors stop taking new cohorts (attrition); the year's recruits join, placed
/// as their template says; a share of last year's graduates become mentors (Kakak Asuh) with
/// the alumni capacity, at their own business; new UMKM arrive; and the year's new cohorts
/// are an exact solve (the ordinary match, total score) of the UMKM still waiting against the
/// free slots. No one is mentored twice.
///
/// Coverage is the share of all UMKM present (the starting list and arrivals) that have ever
/// started mentoring. Deterministic: who leaves, which graduates mentor and which records
/// arrivals copy follow a hash of the record id and the year.
/// - Complexity: one match per year over the waiting UMKM and the mentors with free slots.
public struct PlanSimulation: Sendable {
    /// The mentors and UMKM at the start.
    public var base: Dataset
    /// The profile every yearly match uses (its `planning.mentoring_years` too).
    public var profile: Profile
    /// Recruitment, attrition, alumni and arrivals, year by year.
    public var settings: PlanSettings
    /// The regions recruits are placed in.
    public var regions: RegionTable
    /// A request that ends every yearly match early (a cancel).
    public var stop: SolveStop?

    /// A projection of `base` under `profile` and `settings`.
    public init(base: Dataset, profile: Profile, settings: PlanSettings, regions: RegionTable) {
        self.base = base; self.profile = profile; self.settings = settings; self.regions = regions
    }

    /// One year's figures.
    public struct Year: Sendable, Equatable {
        /// The year, 1 for the first.
        public var year: Int
        /// Mentors taking cohorts this year.
        public var mentors: Int
        /// Mentors recruited this year.
        public var recruited: Int
        /// Graduates who became mentors this year.
        public var alumniMentors: Int
        /// Mentors who stopped taking new cohorts this year.
        public var retired: Int
        /// Slots free for this year's new cohorts.
        public var freeSlots: Int
        /// UMKM whose mentoring started this year.
        public var started: Int
        /// UMKM being mentored this year (all cohorts not yet graduated).
        public var inMentoring: Int
        /// UMKM whose mentoring ended this year.
        public var graduated: Int
        /// New UMKM that arrived this year.
        public var arrived: Int
        /// UMKM present: the starting list and every arrival so far.
        public var umkm: Int
        /// UMKM that have started mentoring, this year or before.
        public var everMentored: Int
        /// `everMentored / umkm` (0 without UMKM).
        public var coverage: Double { umkm == 0 ? 0 : Double(everMentored) / Double(umkm) }
    }

    /// A mentor in the simulation: the record, whether it still takes cohorts, and its active
    /// mentees' graduation years.
    struct Active {
        var mentor: Mentor
        var retired = false
        var graduations: [Int] = []
        var freeSlots: Int { retired ? 0 : max(0, mentor.capacity - graduations.count) }
    }

    /// Runs `years` years; `recruitScale` multiplies every template's yearly count (the search
    /// for the smallest recruitment). - Complexity: `years` matches.
    /// - Parameters:
    ///   - years: how many years to project (from year 1).
    ///   - recruitScale: multiplies every recruit template's yearly count.
    ///   - progress: called after each year with its figures.
    ///   - cohort: called with each year's new pairs (year, mentee id, mentor id, the mentor's
    ///     capacity), for checks and logs.
    public func run(years: Int, recruitScale: Double = 1, progress: ((Year) -> Void)? = nil,
                    cohort: ((Int, String, String, Int) -> Void)? = nil) throws -> [Year] {
        let duration = profile.planning.mentoringYears
        var mentors = base.mentors.map { Active(mentor: $0) }
        var waiting = base.mentees
        var umkm = base.mentees.count, ever = 0
        var lastGraduates: [Mentee] = []
        var cohorts: [Int: [Mentee]] = [:]   // graduation year → its mentees
        var out: [Year] = []
        let province = RegionCode(String(base.mentees.first?.region.text.prefix(2) ?? "31")) ?? RegionCode("31")!
        let kabupaten = regions.regions.filter { $0.code.level == 2 && $0.code.sharedLevel(with: province) == 1 && $0.point != nil }
        var serial = 0
        for y in 1...max(1, years) {
            var row = Year(year: y, mentors: 0, recruited: 0, alumniMentors: 0, retired: 0, freeSlots: 0, started: 0, inMentoring: 0,
                           graduated: 0, arrived: 0, umkm: 0, everMentored: 0)
            // Graduation: cohorts started `duration` years ago free their slots.
            for k in mentors.indices { mentors[k].graduations.removeAll { $0 <= y } }
            let graduates = cohorts.removeValue(forKey: y) ?? []
            row.graduated = graduates.count
            // Attrition: the given share of active mentors stops taking new cohorts.
            let active = mentors.indices.filter { !mentors[$0].retired }
            let leaving = Int((settings.attrition * Double(active.count)).rounded(.down))
            for k in active.sorted(by: { Self.hash(mentors[$0].mentor.id, y) < Self.hash(mentors[$1].mentor.id, y) }).prefix(leaving) {
                mentors[k].retired = true
            }
            row.retired = leaving
            // Alumni of last year mentor from this year.
            let alumni = Int((settings.alumniShare * Double(lastGraduates.count)).rounded(.down))
            for e in lastGraduates.sorted(by: { Self.hash($0.id, y) < Self.hash($1.id, y) }).prefix(alumni) {
                var m = Mentor(id: "ALUMNI-\(e.id)", name: "alumni \(e.id)", kbli: e.kbli, location: e.location, region: e.region,
                               capacity: settings.alumniCapacity, expertise: e.needs, languages: e.languages, kind: .business)
                m.locationSource = e.locationSource; m.locationRadiusKm = e.locationRadiusKm
                mentors.append(Active(mentor: m))
            }
            row.alumniMentors = alumni
            lastGraduates = graduates
            // Recruits.
            for t in settings.recruit {
                let count = Int((Double(t.count) * recruitScale).rounded())
                guard count > 0 else { continue }
                let spots = try place(t, count: count, kabupaten: kabupaten, waiting: waiting, province: province)
                for (code, point) in spots {
                    serial += 1
                    mentors.append(Active(mentor: Mentor(id: "NEW-\(t.kind.rawValue)-Y\(y)-\(serial)", name: "new \(t.kind.rawValue)", kbli: t.kbli,
                                                         location: point, region: code, capacity: t.capacity, hoursPerMonth: t.hoursPerMonth,
                                                         expertise: t.expertise, languages: t.languages, kind: t.kind)))
                }
                row.recruited += spots.count
            }
            // Arrivals copy records of the starting list (their needs, sector and place).
            let arriving = Int((settings.arrivals * Double(base.mentees.count)).rounded(.down))
            if arriving > 0 && !base.mentees.isEmpty {
                for n in 0..<arriving {
                    let source = base.mentees[Int(Self.hash("\(n)", y) % UInt64(base.mentees.count))]
                    var e = source
                    e.id = "ARRIVAL-Y\(y)-\(n + 1)"; e.name = "arrival"; e.nib = nil
                    waiting.append(e)
                }
                umkm += arriving
            }
            row.arrived = arriving
            // The year's cohorts: an exact match of the waiting UMKM to the free slots.
            let open = mentors.indices.filter { mentors[$0].freeSlots > 0 }
            row.freeSlots = open.reduce(0) { $0 + mentors[$1].freeSlots }
            if !open.isEmpty && !waiting.isEmpty {
                let dataset = Dataset(mentors: open.map { k -> Mentor in var m = mentors[k].mentor; m.capacity = mentors[k].freeSlots; return m },
                                      mentees: waiting)
                var matcher = Matcher(profile: profile)
                matcher.stop = stop
                let r = try matcher.run(dataset)
                let slot = Dictionary(uniqueKeysWithValues: open.map { (mentors[$0].mentor.id, $0) })
                var taken = Set<String>()
                for p in r.pairs {
                    let k = slot[p.mentorID]!
                    mentors[k].graduations.append(y + duration)
                    let e = r.dataset.mentees[Int(p.mentee)]
                    cohorts[y + duration, default: []].append(e)
                    taken.insert(e.id)
                    cohort?(y, e.id, p.mentorID, mentors[k].mentor.capacity)
                }
                waiting.removeAll { taken.contains($0.id) }
                row.started = taken.count
            }
            ever += row.started
            row.mentors = mentors.filter { !$0.retired }.count
            row.inMentoring = mentors.reduce(0) { $0 + $1.graduations.count }
            row.umkm = umkm
            row.everMentored = ever
            out.append(row)
            progress?(row)
        }
        return out
    }

    /// Where a year's recruits of template `t` go: round robin over the kabupaten/kota
    /// points, the given regions, or the recruitment model against the waiting UMKM.
    func place(_ t: Scenario.NewMentors, count: Int, kabupaten: [RegionTable.Region], waiting: [Mentee],
               province: RegionCode) throws -> [(RegionCode, GeoPoint)] {
        switch t.place {
        case .kabupaten:
            guard !kabupaten.isEmpty else { return [] }
            return (0..<count).map { kabupaten[$0 % kabupaten.count] }.map { ($0.code, $0.point!) }
        case .regions(let codes):
            let found = codes.compactMap { c in regions.regions.first { $0.code == c && $0.point != nil } }.map { ($0.code, $0.point!) }
            guard !found.isEmpty else { return [] }
            return (0..<count).map { found[$0 % found.count] }
        case .recruit:
            let locations = regions.placementUnits(in: province).map { ($0.region.code, $0.region.point!) }
            let choice = try Recruitment.choose(template: t, count: count, locations: locations, unmatched: waiting, profile: profile)
            return choice.placements.flatMap { p in Array(repeating: (p.region, p.point), count: p.count) }
        }
    }

    /// A stable hash of an id and a year (FNV-1a, then SplitMix64's mixer), for deterministic
    /// choices that do not depend on list order. `O(id length)`.
    static func hash(_ id: String, _ year: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        var rng = SplitMix64(seed: h ^ UInt64(year))
        return rng.next()
    }

    /// The smallest yearly recruitment (the first template's count; the others scale with it)
    /// whose projection reaches `target` coverage by `year`, by bisection on the count (coverage
    /// by a year grows with recruitment in this model up to the solves' ties), or nil when
    /// `limit` a year does not reach it. - Complexity: `O(log limit)` projections.
    public func smallestRecruitment(target: Double, byYear year: Int, limit: Int = 100_000) throws -> (count: Int, years: [Year])? {
        guard let base = settings.recruit.first?.count, base > 0 else { return nil }
        func reaches(_ count: Int) throws -> [Year]? {
            let years = try run(years: year, recruitScale: Double(count) / Double(base))
            return years.last.map { $0.coverage + 1e-12 >= target } == true ? years : nil
        }
        if let years = try reaches(0) { return (0, years) }
        var lo = 0, hi = max(1, base), found: [Year]?   // lo: the largest count known to fail
        while true {
            if let y = try reaches(hi) { found = y; break }
            if hi >= limit { return nil }
            lo = hi
            hi = min(limit, hi * 2)
        }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if let y = try reaches(mid) { hi = mid; found = y } else { lo = mid }
        }
        return (hi, found!)
    }
}
