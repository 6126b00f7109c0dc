import Foundation
import Tabular

/// How pairs are scored and which pairs are allowed: weights, distance decay, hard rules and
/// the number of candidates kept per mentee (docs/architecture.md). Read from JSON; every field is
/// optional and falls back to ``Profile/default``; an unknown key is an error.
public struct Profile: Sendable, Equatable, Codable {
    /// The largest `mentors_per_mentee` accepted (co-mentoring).
    public static let maxMentorsPerMentee = 10
    /// Relative weights of the four score terms; only their ratios matter.
    public struct Weights: Sendable, Equatable, Codable {
        /// Weight of the sector term (KBLI similarity).
        public var sector = 0.35
        /// Weight of the location term (distance and region).
        public var location = 0.30
        /// Weight of the capacity term (needs covered by expertise, and scale).
        public var capacity = 0.25
        /// Weight of the culture term (languages and stated preferences).
        public var culture = 0.10
        /// The default weights: 0.35, 0.30, 0.25, 0.10.
        public init() {}
        var sum: Double { sector + location + capacity + culture }
    }

    /// The location term: `(1 − regionShare)·exp(−km / decayKm) + regionShare·region`, where
    /// region is 1 for the same kecamatan, 0.5 for the same kabupaten/kota, 0 otherwise.
    public struct Location: Sendable, Equatable, Codable {
        /// Kilometres over which the distance part falls to 1/e.
        public var decayKm = 10.0
        /// Share of the term given by the shared region (0–1).
        public var regionShare = 0.25
        /// The defaults: 10 km and 0.25.
        public init() {}
    }

    /// Rules that remove a pair before it is scored.
    public struct Rules: Sendable, Equatable, Codable {
        /// Pairs farther apart than this (great-circle km) are not allowed; nil for no limit.
        public var maxKm: Double? = 50
        /// Mentor and mentee must be in the same kabupaten/kota.
        public var sameKabupaten = false
        /// They must share a language (when both state languages).
        public var languageMustOverlap = false
        /// The mentor's scale must be at least the mentee's (when both are stated).
        public var mentorScaleAtLeastMentee = false
        /// Pairs scoring below this (0–1) are not allowed.
        public var minScore = 0.0
        /// No rule: every pair is allowed.
        public init() {}
        enum CodingKeys: String, CodingKey { case maxKm, sameKabupaten, languageMustOverlap, mentorScaleAtLeastMentee, minScore }
    }

    /// Programme rules that break the network structure (the optional rows of docs/architecture.md); any of
    /// them makes the solve a GLPK integer programme.
    public struct Constraints: Sendable, Equatable, Codable {
        /// Minimum cohort for every mentor that opens (a mentor's `min_mentees` column overrides it); 0 = none.
        public var minMentees = 0
        /// Enforce `hours_per_month` against each pair's `hours_needed + travel`.
        public var hours = false
        /// Travel speed for the hours rule, km/h (great-circle km).
        public var speedKmh = 30.0
        /// Visits a month: travel per pair = sessions × 2 × km / speed.
        public var sessionsPerMonth = 2.0
        /// Hours a month for mentees that state none.
        public var defaultHoursNeeded = 2.0
        /// Hours a month for mentors that state none; nil = unlimited.
        public var defaultHoursPerMonth: Double? = nil
        /// Region level of coverage quotas: `kecamatan` or `kabupaten`.
        public var quotaLevel = QuotaLevel.kecamatan
        /// At least this share of each region's mentees matched (0 = no share quota).
        public var quotaShare = 0.0
        /// At least this many of each region's mentees matched (capped at the region's size; 0 = none).
        public var quotaCount = 0
        /// Every mentee must be matched.
        public var coverAll = false
        /// Equity between regions: every kabupaten/kota's coverage at least the coverage the
        /// score optimum reaches overall, less this band (0–1); nil = off. A kabupaten's floor is
        /// capped at its mentees that have candidates.
        public var equityBand: Double? = nil
        /// All off.
        public init() {}
        enum CodingKeys: String, CodingKey {
            case minMentees, hours, speedKmh, sessionsPerMonth, defaultHoursNeeded, defaultHoursPerMonth
            case quotaLevel, quotaShare, quotaCount, coverAll, equityBand
        }

        /// Whether any rule is set.
        public var isActive: Bool { minMentees > 0 || hours || quotaShare > 0 || quotaCount > 0 || coverAll || equityBand != nil }
    }

    /// The region level at which coverage quotas count mentees.
    public enum QuotaLevel: String, Sendable, Equatable, Codable, CaseIterable {
        /// Count by kecamatan or by kabupaten/kota.
        case kecamatan, kabupaten
        /// Digits groups of the Kemendagri code at this level (kabupaten 2, kecamatan 3).
        var codeLevel: Int { self == .kabupaten ? 2 : 3 }
    }

    /// Curation rounds: how much a pair must gain to replace a previous round's pair.
    public struct Stability: Sendable, Equatable, Codable {
        /// Score (0–1 units) a change must gain per moved pair.
        public var penalty = 0.05
        /// The default: 0.05.
        public init() {}
    }

    /// What one mentor of a kind costs (rupiah): a monthly honorarium, a payment per mentee
    /// mentored, and one-off training for a newly recruited mentor.
    public struct KindCost: Sendable, Equatable, Codable {
        /// Honorarium a month, rupiah.
        public var honorariumPerMonth = 0.0
        /// Payment per mentee mentored, rupiah.
        public var perMentee = 0.0
        /// One-off training of a newly recruited mentor, rupiah.
        public var training = 0.0
        /// All 0.
        public init() {}
    }

    /// Costs per mentor kind (all 0 by default: a profile states its programme's figures).
    public struct Costs: Sendable, Equatable, Codable {
        /// Costs of a mentor business (Kakak Asuh).
        public var business = KindCost()
        /// Costs of a consultant (e.g. PLUT).
        public var consultant = KindCost()
        /// Costs of a trained cadre (e.g. a student).
        public var cadre = KindCost()
        /// Costs of a volunteer.
        public var volunteer = KindCost()
        /// All 0.
        public init() {}
        /// The costs of mentors of `kind`.
        public subscript(kind: MentorKind) -> KindCost {
            switch kind {
            case .business: return business
            case .consultant: return consultant
            case .cadre: return cadre
            case .volunteer: return volunteer
            }
        }
    }

    /// Online mentoring (*daring*): a pair beyond the in-person limit (`rules.max_km`) may be
    /// online when both sides allow it and their time zones are the same or adjacent; a side
    /// that is `only` online makes every pair of it online.
    public struct Online: Sendable, Equatable, Codable {
        /// An online pair scores this share of its in-person score.
        public var scoreFactor = 0.8
        /// At most this share of a mentor's capacity (rounded down) goes to online pairs.
        public var capacityShare = 1.0
        /// Default for mentors without an `online` value.
        public var mentors = OnlineMode.no
        /// Default for mentees without an `online` value.
        public var mentees = OnlineMode.no
        /// Region codes (e.g. far kabupaten) whose mentees without a value default to `yes`.
        public var menteeRegions: [String] = []
        /// The defaults: online off, 0.8 of the score, the whole capacity.
        public init() {}
    }

    /// Planning over time: how long one mentoring lasts.
    public struct Planning: Sendable, Equatable, Codable {
        /// Years one cohort is mentored (honoraria are counted over this span).
        public var mentoringYears = 3
        /// The default: three years.
        public init() {}
    }

    /// Weights of the four score terms.
    public var weights = Weights()
    /// How distance and region make the location term.
    public var location = Location()
    /// Hard rules that remove pairs before scoring.
    public var rules = Rules()
    /// Programme rules on the assignment (cohort sizes, hours, quotas, equity, cover-all).
    public var constraints = Constraints()
    /// How much a change must gain in a curation round.
    public var stability = Stability()
    /// Candidates kept per mentee.
    public var k = 10
    /// Co-mentoring: the most mentors one beginner gets, each credited with a different need
    /// of the beginner its expertise covers (one mentor may be the general mentor); 1 = the
    /// ordinary assignment (``CoMentoring``).
    public var mentorsPerMentee = 1
    /// What each mentor kind costs (what-if and planning).
    public var costs = Costs()
    /// Planning over time.
    public var planning = Planning()
    /// Online mentoring.
    public var online = Online()

    /// The default profile (``Profile/default``).
    public init() {}

    /// The bundled default profile (also in `profiles/default.json`).
    public static let `default` = Profile()

    /// Reads a JSON profile; missing fields keep their defaults.
    public static func read(path: String) throws -> Profile {
        let data = try InputFile.contents(path, name: path)
        return try decode(data, name: path)
    }

    /// Decodes and validates a JSON profile: its settings are merged over the default
    /// profile's own encoding (every key present), so the synthesized `Codable` decodes the
    /// whole profile; a key the default does not have is an unknown setting.
    public static func decode(_ data: Data, name: String) throws -> Profile {
        let given = try StrictJSON.object(data, file: name)
        return try merged(given, over: .default, name: name)
    }

    /// `patch` (a JSON object of settings) merged over `base`, decoded and validated.
    package static func merged(_ patch: [String: Any], over base: Profile, name: String) throws -> Profile {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let baseObject = try StrictJSON.object(try encoder.encode(base), file: "the default profile")
        var issues: [InputIssue] = []
        StrictJSON.unknownKeys(patch, known: baseObject, at: "", file: name, into: &issues)
        if !issues.isEmpty { throw InputError.invalid(issues) }
        let merged = StrictJSON.merge(patch, over: baseObject)
        let data = try JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys])
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let profile: Profile
        do {
            profile = try decoder.decode(Profile.self, from: data)
        } catch let DecodingError.typeMismatch(expected, ctx) {
            throw InputError.invalid([InputIssue(file: name, line: 0, column: ctx.codingPath.dottedSnake,
                                                 problem: SettingProblem.mustBe(.init(expected)))])
        } catch let DecodingError.valueNotFound(expected, ctx) {
            throw InputError.invalid([InputIssue(file: name, line: 0, column: ctx.codingPath.dottedSnake,
                                                 problem: SettingProblem.mustBeNotNull(.init(expected)))])
        } catch let DecodingError.dataCorrupted(ctx) {
            if let path = StrictJSON.firstNonInteger(merged, integerKeys: ["k", "min_mentees", "quota_count", "mentors_per_mentee", "mentoring_years"]) {
                throw InputError.invalid([InputIssue(file: name, line: 0, column: path, problem: SettingProblem.mustBe(.wholeNumber))])
            }
            let allowed: SettingProblem = ctx.codingPath.last?.stringValue == "quotaLevel"
                ? .oneOf(QuotaLevel.allCases.map(\.rawValue).joined(separator: ", ")) : .notValidHere(ctx.debugDescription)
            throw InputError.invalid([InputIssue(file: name, line: 0, column: ctx.codingPath.isEmpty ? nil : ctx.codingPath.dottedSnake,
                                                 problem: allowed)])
        }
        try profile.validate(name: name)
        return profile
    }

    /// Checks ranges, each bounded so that no later arithmetic can overflow: weights in
    /// [0, 10⁶] with a positive sum, decay and distances within the Earth's half circumference,
    /// shares in [0, 1], k in [1, 1000], speeds, sessions and hours within what a month holds.
    public func validate(name: String = "profile") throws {
        var issues: [InputIssue] = []
        func bad(_ field: String, _ problem: SettingProblem) { issues.append(InputIssue(file: name, line: 0, column: field, problem: problem)) }
        func check(_ field: String, _ v: Double, _ range: ClosedRange<Double>, open lower: Bool = false) {
            guard v.isFinite, range.contains(v), !(lower && v == range.lowerBound) else {
                bad(field, .numberIn("\(lower ? "(" : "[")\(formatFixed(range.lowerBound, 0)), \(formatFixed(range.upperBound, 0))]")); return
            }
        }
        for (f, v) in [("weights.sector", weights.sector), ("weights.location", weights.location),
                       ("weights.capacity", weights.capacity), ("weights.culture", weights.culture)] {
            check(f, v, 0...1_000_000)
        }
        if !(weights.sum > 0) { bad("weights", .positiveWeight) }
        check("location.decay_km", location.decayKm, 0...20_038, open: true)
        if !(0...1).contains(location.regionShare) { bad("location.region_share", .share) }
        if let m = rules.maxKm { check("rules.max_km", m, 0...20_038, open: true) }
        if !(0...1).contains(rules.minScore) { bad("rules.min_score", .share) }
        if !(1...1000).contains(k) { bad("k", .wholeNumberIn("[1, 1000]")) }
        if !(1...Self.maxMentorsPerMentee).contains(mentorsPerMentee) {
            bad("mentors_per_mentee", .wholeNumberIn("[1, \(Self.maxMentorsPerMentee)]"))
        }
        let c = constraints
        if !(0...Mentor.maxCapacity).contains(c.minMentees) { bad("constraints.min_mentees", .wholeNumberIn("[0, \(Mentor.maxCapacity)]")) }
        check("constraints.speed_kmh", c.speedKmh, 0...1_000, open: true)
        check("constraints.sessions_per_month", c.sessionsPerMonth, 0...100)
        check("constraints.default_hours_needed", c.defaultHoursNeeded, 0...744)
        if let h = c.defaultHoursPerMonth { check("constraints.default_hours_per_month", h, 0...744) }
        if !(0...1).contains(c.quotaShare) { bad("constraints.quota_share", .share) }
        if let b = c.equityBand, !(0...1).contains(b) { bad("constraints.equity_band", .share) }
        if !(0...100_000_000).contains(c.quotaCount) { bad("constraints.quota_count", .wholeNumberIn("[0, 100000000]")) }
        for kind in MentorKind.allCases {
            let k = costs[kind]
            for (f, v) in [("honorarium_per_month", k.honorariumPerMonth), ("per_mentee", k.perMentee), ("training", k.training)] {
                check("costs.\(kind.rawValue).\(f)", v, 0...1e12)
            }
        }
        check("online.score_factor", online.scoreFactor, 0...1)
        check("online.capacity_share", online.capacityShare, 0...1)
        for (k, code) in online.menteeRegions.enumerated() where RegionCode(code) == nil {
            bad("online.mentee_regions[\(k)]", .notRegionCode(Echo.echoed(code, Echo.region)))
        }
        if !(1...50).contains(planning.mentoringYears) { bad("planning.mentoring_years", .wholeNumberIn("[1, 50]")) }
        if !(0...1).contains(stability.penalty) { bad("stability.penalty", .share) }
        if !issues.isEmpty { throw InputError.invalid(issues) }
    }
}



// Every setting is written, nil ones as null, so that the encoding of the default profile
// names every key: decoding merges over it, and unknown keys are those it lacks.
extension Profile.Constraints {
    /// Writes every constraint, nil ones as null (see the note above).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(minMentees, forKey: .minMentees)
        try c.encode(hours, forKey: .hours)
        try c.encode(speedKmh, forKey: .speedKmh)
        try c.encode(sessionsPerMonth, forKey: .sessionsPerMonth)
        try c.encode(defaultHoursNeeded, forKey: .defaultHoursNeeded)
        try c.encode(defaultHoursPerMonth, forKey: .defaultHoursPerMonth)
        try c.encode(quotaLevel, forKey: .quotaLevel)
        try c.encode(quotaShare, forKey: .quotaShare)
        try c.encode(quotaCount, forKey: .quotaCount)
        try c.encode(coverAll, forKey: .coverAll)
        try c.encode(equityBand, forKey: .equityBand)
    }
}

extension Profile.Rules {
    /// Writes `max_km` even when it is null (no limit), so the profile reads back the same.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(maxKm, forKey: .maxKm)
        try c.encode(sameKabupaten, forKey: .sameKabupaten)
        try c.encode(languageMustOverlap, forKey: .languageMustOverlap)
        try c.encode(mentorScaleAtLeastMentee, forKey: .mentorScaleAtLeastMentee)
        try c.encode(minScore, forKey: .minScore)
    }
}
