@_spi(Stages) import Pendamping
import Tabular
/// Runs scenarios against a base dataset and compares them (coverage overall and per
/// kabupaten/kota, mean score, utilisation, unassigned by reason).
public struct WhatIfRunner: Sendable {
    /// The mentors and mentees every scenario starts from.
    public var base: Dataset
    /// The profile every scenario starts from (a scenario may patch it).
    public var profile: Profile
    /// The regions new mentors are placed in.
    public var regions: RegionTable
    /// A request that ends every match of the run early (a cancel).
    public var stop: SolveStop?

    /// A runner of scenarios on `base`.
    public init(base: Dataset, profile: Profile, regions: RegionTable) {
        self.base = base; self.profile = profile; self.regions = regions
    }

    /// A matcher on `profile` that honours ``stop``.
    func matcher(_ profile: Profile) -> Matcher {
        var m = Matcher(profile: profile)
        m.stop = stop
        return m
    }

    /// One scenario's figures.
    public struct Row: Sendable {
        /// The scenario's name (`base` for the dataset as it is).
        public var name: String
        /// Mentors in the scenario.
        public var mentors: Int
        /// Their total capacity.
        public var capacity: Int
        /// Mentees matched.
        public var matched: Int
        /// Mentees in the scenario.
        public var mentees: Int
        /// Mean score of the matched pairs.
        public var meanScore: Double
        /// Unassigned mentees by reason (`UnassignedReason` raw values).
        public var unassignedByReason: [String: Int]
        /// Per kabupaten/kota: (mentees, matched).
        public var byRegion: [String: (mentees: Int, matched: Int)]
        /// Where the scenario placed new mentors.
        public var placements: [Recruitment.Placement]
        /// Cost over one mentoring span (profile `costs`, `planning.mentoring_years`): honoraria,
        /// payments per matched mentee, training of new mentors (rupiah).
        public var cost: Double = 0
        /// `matched / mentees` (0 without mentees).
        public var coverage: Double { mentees == 0 ? 0 : Double(matched) / Double(mentees) }
        /// Cost per matched beginner (0 when none).
        public var costPerMatched: Double { matched == 0 ? 0 : cost / Double(matched) }
        /// `matched / capacity` (0 without capacity).
        public var utilisation: Double { capacity == 0 ? 0 : Double(matched) / Double(capacity) }
    }

    /// The cost of a match over one mentoring span: each mentor's honorarium for
    /// `mentoring_years`, each pair's payment by its mentor's kind, and training for the
    /// mentors `isNew` marks. Mentors without a kind cost nothing. - Complexity: `O(m + pairs)`.
    public static func cost(_ r: MatchResult, profile: Profile, isNew: (Mentor) -> Bool = { $0.id.hasPrefix("NEW-") }) -> Double {
        let months = 12 * Double(profile.planning.mentoringYears)
        var total = 0.0
        for m in r.dataset.mentors {
            guard let kind = m.kind else { continue }
            let c = profile.costs[kind]
            total += (c.honorariumPerMonth * months + (isNew(m) ? c.training : 0)) * Double(m.teamSize)
        }
        for p in r.pairs { if let kind = r.dataset.mentors[Int(p.mentor)].kind { total += profile.costs[kind].perMentee } }
        return total
    }

    /// Figures of a finished match.
    static func row(_ name: String, _ r: MatchResult, placements: [Recruitment.Placement] = []) -> Row {
        var byRegion: [String: (mentees: Int, matched: Int)] = [:]
        var matched = Set<Int32>()
        for p in r.pairs { matched.insert(p.mentee) }
        for (i, e) in r.dataset.mentees.enumerated() {
            let key = e.region.prefix(2)?.text ?? e.region.text
            var v = byRegion[key] ?? (0, 0)
            v.mentees += 1
            if matched.contains(Int32(i)) { v.matched += 1 }
            byRegion[key] = v
        }
        return Row(name: name, mentors: r.dataset.mentors.reduce(0) { $0 + $1.teamSize }, capacity: r.dataset.mentors.reduce(0) { $0 + $1.capacity },
                   matched: r.matchedCount, mentees: r.dataset.mentees.count, meanScore: r.meanScore,
                   unassignedByReason: r.unassignedByReason,
                   byRegion: byRegion, placements: placements, cost: cost(r, profile: r.profile))
    }

    /// The base run. - Complexity: one match.
    public func runBase() throws -> MatchResult { try matcher(profile).run(base) }

    /// The dataset and profile of a scenario, and where its recruited mentors went.
    public func apply(_ s: Scenario, baseResult: MatchResult) throws -> (Dataset, Profile, [Recruitment.Placement]) {
        let prof = try s.profile(over: profile)
        var mentors = base.mentors.map { m -> Mentor in
            var m = m
            if let set = m.kind.flatMap({ s.capacitySet[$0] }) { m.capacity = set }
            m.capacity = Int((Double(m.capacity) * s.capacityScale).rounded())
            return m
        }
        let province = RegionCode(String(base.mentees.first?.region.text.prefix(2) ?? "31")) ?? RegionCode("31")!
        let kabupaten = regions.regions.filter { $0.code.level == 2 && $0.code.sharedLevel(with: province) == 1 && $0.point != nil }
        var placements: [Recruitment.Placement] = []
        var serial = 0
        for add in s.addMentors {
            var spots: [(RegionCode, GeoPoint)] = []
            switch add.place {
            case .kabupaten:
                guard !kabupaten.isEmpty else { throw InputError.invalid([InputIssue(file: "scenario \(s.name)", line: 0, column: "place", message: "no kabupaten/kota with coordinates for province \(province.text) in the regions table")]) }
                spots = (0..<add.count).map { kabupaten[$0 % kabupaten.count] }.map { ($0.code, $0.point!) }
            case .regions(let codes):
                let found = try codes.map { c -> (RegionCode, GeoPoint) in
                    guard let r = regions.regions.first(where: { $0.code == c && $0.point != nil }) else {
                        throw InputError.invalid([InputIssue(file: "scenario \(s.name)", line: 0, column: "place", message: "region \(c.text) has no coordinates in the regions table")])
                    }
                    return (r.code, r.point!)
                }
                spots = (0..<add.count).map { found[$0 % found.count] }
            case .recruit:
                let locations = recruitmentPlaces()
                let assigned = Set(baseResult.pairs.map(\.mentee))
                let unmatched = base.mentees.enumerated().filter { !assigned.contains(Int32($0.offset)) }.map(\.element)
                let choice = try Recruitment.choose(template: add, count: add.count, locations: locations, unmatched: unmatched, profile: prof)
                placements += choice.placements
                spots = choice.placements.flatMap { p in Array(repeating: (p.region, p.point), count: p.count) }
            }
            if spots.count < add.count {
                let why = add.place == .recruit
                    ? (baseResult.pairs.count == base.mentees.count
                        ? "every mentee is already matched, so 'recruit' finds no place where new mentors would gain anything; use \"place\": \"kabupaten\" or a list of region codes"
                        : "no location in province \(province.text) lets such a mentor take an unmatched mentee (check kbli, languages and the profile's max_km)")
                    : "the regions table has too few places"
                throw InputError.invalid([InputIssue(file: "scenario \(s.name)", line: 0, column: "add_mentors",
                                                     message: "places \(spots.count) of \(add.count) new \(add.kind.rawValue) mentors: \(why)")])
            }
            // One record per point for the team placed there (see Mentor.teamSize).
            var teams: [(code: RegionCode, point: GeoPoint, size: Int)] = []
            var teamAt: [RegionCode: Int] = [:]
            for (code, point) in spots {
                if let t = teamAt[code] { teams[t].size += 1 } else { teamAt[code] = teams.count; teams.append((code, point, 1)) }
            }
            for t in teams {
                serial += 1
                var m = Mentor(id: "NEW-\(add.kind.rawValue)-\(serial)", name: "new \(add.kind.rawValue) \(serial) ×\(t.size)", kbli: add.kbli,
                               location: t.point, region: t.code, capacity: add.capacity * t.size, hoursPerMonth: add.hoursPerMonth.map { $0 * Double(t.size) },
                               expertise: add.expertise, languages: add.languages, kind: add.kind,
                               extra: Array(repeating: "", count: base.mentorExtraColumns.count))
                m.teamSize = t.size
                mentors.append(m)
            }
        }
        return (Dataset(mentors: mentors, mentees: base.mentees, mentorExtraColumns: base.mentorExtraColumns,
                        menteeExtraColumns: base.menteeExtraColumns), prof, placements)
    }

    /// A recruitment goal (``RecruitmentTarget``) solved against `baseResult`, then run as a
    /// scenario that places the mentors found, so the row shows the coverage actually reached.
    /// - Complexity: one recruitment MIP and one match.
    public func runGoal(_ goal: RecruitmentTarget.Goal, template: Scenario.NewMentors, baseResult: MatchResult) throws -> (RecruitmentTarget.Plan, Row) {
        let locations = recruitmentPlaces()
        let plan = try RecruitmentTarget.solve(goal, template: template, base: baseResult, locations: locations, profile: profile)
        let name: String
        switch goal {
        case .coverage(let x): name = "target \(formatFixed(x * 100, 1)) %: +\(plan.count) \(template.kind.rawValue)"
        case .perKabupaten(let x): name = "target \(formatFixed(x * 100, 1)) % per kabupaten: +\(plan.count) \(template.kind.rawValue)"
        case .budget(let x): name = "budget Rp \(formatFixed(x, 0)): +\(plan.count) \(template.kind.rawValue)"
        }
        guard plan.count > 0 else {
            var row = Self.row(name, baseResult)
            row.placements = []
            return (plan, row)
        }
        var add = template
        add.count = plan.count
        add.place = .regions(plan.placements.flatMap { Array(repeating: $0.region, count: $0.count) })
        var s = Scenario(name: name)
        s.addMentors = [add]
        let (d, p, _) = try apply(s, baseResult: baseResult)
        return (plan, Self.row(name, try matcher(p).run(d), placements: plan.placements))
    }

    /// Where new mentors may be recruited: the kecamatan of the mentees' province, or, when
    /// the mentees span several provinces (a national run), every kabupaten/kota of those
    /// provinces (all 514 for the whole country). `O(regions + mentees)`.
    func recruitmentPlaces() -> [(RegionCode, GeoPoint)] {
        let provinces = Set(base.mentees.compactMap { $0.region.prefix(1) })
        if provinces.count <= 1 {
            let province = provinces.first ?? RegionCode("31")!
            return regions.placementUnits(in: province).map { ($0.region.code, $0.region.point!) }
        }
        return regions.regions.filter { r in r.code.level == 2 && r.point != nil && r.code.prefix(1).map(provinces.contains) == true }
            .sorted { $0.code < $1.code }.map { ($0.code, $0.point!) }
    }

    /// A result's pairs by id: mentee id → mentor id. `O(pairs)`.
    static func pairsByID(_ r: MatchResult) -> [String: String] {
        Dictionary(uniqueKeysWithValues: r.pairs.map { (r.dataset.mentees[Int($0.mentee)].id, r.dataset.mentors[Int($0.mentor)].id) })
    }

    /// Runs the base and every scenario. - Complexity: one match per scenario (plus a recruitment MIP where asked).
    public func run(_ scenarios: [Scenario]) throws -> (base: MatchResult, rows: [Row]) {
        let baseResult = try runBase()
        var rows = [Self.row("base", baseResult)]
        // Each scenario starts from the base run's optimum (its pairs that remain candidates).
        let basePairs = Self.pairsByID(baseResult)
        for s in scenarios {
            let (d, p, placements) = try apply(s, baseResult: baseResult)
            var matcher = matcher(p)
            matcher.startFrom = basePairs
            rows.append(Self.row(s.name, try matcher.run(d), placements: placements))
        }
        return (baseResult, rows)
    }

    /// Where one more slot is worth most: each mentor's exact slot gain, ranked, and per
    /// kabupaten/kota the best mentor to extend there.
    public static func marginal(_ r: MatchResult) -> (mentors: [(id: String, region: String, gain: Int64)], regions: [(region: String, mentor: String, gain: Int64)]) {
        guard let gains = r.slotGain else { return ([], []) }
        let ranked = r.dataset.mentors.indices.map { (r.dataset.mentors[$0].id, r.dataset.mentors[$0].region.text, gains[$0]) }
            .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }
        var best: [String: (String, Int64)] = [:]
        for (id, region, g) in ranked {
            let key = RegionCode(region)?.prefix(2)?.text ?? region
            if best[key] == nil { best[key] = (id, g) }
        }
        let regions = best.map { ($0.key, $0.value.0, $0.value.1) }.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }
        return (ranked.map { (id: $0.0, region: $0.1, gain: $0.2) }, regions.map { (region: $0.0, mentor: $0.1, gain: $0.2) })
    }
}
