/// Runs scenarios against a base dataset and compares them (coverage overall and per
/// kabupaten/kota, mean score, utilisation, unassigned by reason).
public struct WhatIfRunner: Sendable {
    public var base: Dataset
    public var profile: Profile
    public var regions: RegionTable

    public init(base: Dataset, profile: Profile, regions: RegionTable) {
        self.base = base; self.profile = profile; self.regions = regions
    }

    /// One scenario's figures.
    public struct Row: Sendable {
        public var name: String
        public var mentors: Int
        public var capacity: Int
        public var matched: Int
        public var mentees: Int
        public var meanScore: Double
        public var unassignedByReason: [String: Int]
        /// Per kabupaten/kota: (mentees, matched).
        public var byRegion: [String: (mentees: Int, matched: Int)]
        public var placements: [Recruitment.Placement]
        public var coverage: Double { mentees == 0 ? 0 : Double(matched) / Double(mentees) }
        public var utilisation: Double { capacity == 0 ? 0 : Double(matched) / Double(capacity) }
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
        return Row(name: name, mentors: r.dataset.mentors.count, capacity: r.dataset.mentors.reduce(0) { $0 + $1.capacity },
                   matched: r.matchedCount, mentees: r.dataset.mentees.count, meanScore: r.meanScore,
                   unassignedByReason: r.unassignedByReason,
                   byRegion: byRegion, placements: placements)
    }

    /// The base run. - Complexity: one match.
    public func runBase() throws -> MatchResult { try Matcher(profile: profile).run(base) }

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
                let locations = regions.placementUnits(in: province).map { ($0.region.code, $0.region.point!) }
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
            for (code, point) in spots {
                serial += 1
                mentors.append(Mentor(id: "NEW-\(add.kind.rawValue)-\(serial)", name: "new \(add.kind.rawValue) \(serial)", kbli: add.kbli,
                                      location: point, region: code, capacity: add.capacity, hoursPerMonth: add.hoursPerMonth,
                                      expertise: add.expertise, languages: add.languages, kind: add.kind,
                                      extra: Array(repeating: "", count: base.mentorExtraColumns.count)))
            }
        }
        return (Dataset(mentors: mentors, mentees: base.mentees, mentorExtraColumns: base.mentorExtraColumns,
                        menteeExtraColumns: base.menteeExtraColumns), prof, placements)
    }

    /// Runs the base and every scenario. - Complexity: one match per scenario (plus a recruitment MIP where asked).
    public func run(_ scenarios: [Scenario]) throws -> (base: MatchResult, rows: [Row]) {
        let baseResult = try runBase()
        var rows = [Self.row("base", baseResult)]
        for s in scenarios {
            let (d, p, placements) = try apply(s, baseResult: baseResult)
            rows.append(Self.row(s.name, try Matcher(profile: p).run(d), placements: placements))
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
