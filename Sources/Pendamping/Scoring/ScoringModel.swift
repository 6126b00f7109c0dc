import Foundation

/// The four terms of a pair's score, each in [0, 1], their weighted mean and the distance.
public struct ScoreBreakdown: Sendable, Equatable {
    public var sector: Double
    public var location: Double
    public var capacity: Double
    public var culture: Double
    /// Σ w·term / Σ w, in [0, 1].
    public var total: Double
    public var distanceKm: Double
}

/// Scores mentee–mentor pairs (DESIGN §4) and applies the profile's hard rules.
///
/// - sector: depth of the shared KBLI prefix / 5, best over both code lists;
/// - location: `(1 − share)·exp(−km / decay) + share·region` (region 1 same kecamatan,
///   0.5 same kabupaten/kota);
/// - capacity: 0.8 · share of the mentee's needs the mentor's expertise covers (1 when it
///   states none) + 0.2 · scale fit (1 mentor larger, 0.5 equal or unknown, 0 smaller);
/// - culture: 0.5 · share of the mentee's languages the mentor speaks (1 when none stated)
///   + 0.5 · preference, the mean of the parts that were stated (1 when none): the share of the
///   mentee's attribute preferences (`gender:`, `kind:`) the mentor meets; the mentee's rank
///   of the mentor; the mentor's rank of the mentee. A rank counts `1 − b/c` for a partner
///   with `b` partners ranked strictly better among `c` ranked (first choice 1), and 0 for an
///   unranked partner (``RankTable``).
/// Scores become integers (``integerScale`` per unit, rounded) before any solver sees them.
public struct ScoringModel: Sendable {
    public static let integerScale = 1_000_000.0

    public let profile: Profile
    let mentors: [Mentor]
    let mentees: [Mentee]
    /// Interned languages as bitmasks (at most 64 distinct codes per dataset).
    let mentorLanguages: [UInt64]
    let menteeLanguages: [UInt64]
    let weightSum: Double
    let mentorFeatures: ScoringFeatures
    let menteeFeatures: ScoringFeatures
    /// Mentor attributes that preferences refer to.
    let mentorGender: [Gender?]
    let mentorKind: [MentorKind?]
    /// Per mentee, its attribute preferences (gender, kind).
    let preferenceStart: [Int32]
    let preferences: [ResolvedPreference]
    /// Stated ranks: beginners' of mentors, mentors' of beginners.
    public let ranks: RankTable
    /// Online mentoring per record (0 no, 1 yes, 2 only, resolved against the profile's
    /// defaults) and time zone (UTC offset in hours).
    let menteeOnline: [UInt8]
    let mentorOnline: [UInt8]
    let menteeZone: [Int8]
    let mentorZone: [Int8]
    /// Whether any mentor takes online pairs.
    let anyMentorOnline: Bool

    enum ResolvedPreference: Sendable {
        case gender(Gender), kind(MentorKind)
    }

    public init(dataset: Dataset, profile: Profile) throws {
        self.profile = profile
        mentors = dataset.mentors
        mentees = dataset.mentees
        var table: [String: Int] = [:]
        for code in (dataset.mentors.flatMap(\.languages) + dataset.mentees.flatMap(\.languages)).sorted()
            where table[code] == nil { table[code] = table.count }
        guard table.count <= 64 else {
            throw InputError.invalid([InputIssue(file: "languages", line: 0, column: "languages",
                                                 message: "\(table.count) distinct languages; at most 64 are supported in one run")])
        }
        func mask(_ langs: [String]) -> UInt64 { langs.reduce(0) { $0 | (1 << UInt64(table[$1]!)) } }
        mentorLanguages = dataset.mentors.map { mask($0.languages) }
        menteeLanguages = dataset.mentees.map { mask($0.languages) }
        weightSum = profile.weights.sum
        var mf = ScoringFeatures(), ef = ScoringFeatures()
        for (j, m) in dataset.mentors.enumerated() {
            mf.append(kbli: m.kbli, skills: m.expertise, scale: m.scale, languages: mentorLanguages[j], region: m.region, location: m.location,
                      radiusKm: m.locationRadiusKm)
        }
        for (i, e) in dataset.mentees.enumerated() {
            ef.append(kbli: e.kbli, skills: e.needs, scale: e.scale, languages: menteeLanguages[i], region: e.region, location: e.location,
                      radiusKm: e.locationRadiusKm)
        }
        mentorFeatures = mf
        menteeFeatures = ef
        mentorGender = dataset.mentors.map(\.gender)
        mentorKind = dataset.mentors.map(\.kind)
        var start: [Int32] = [0], prefs: [ResolvedPreference] = []
        for e in dataset.mentees {
            for p in e.preferences {
                switch p {
                case .gender(let g): prefs.append(.gender(g))
                case .kind(let k): prefs.append(.kind(k))
                case .mentor: break
                }
            }
            start.append(Int32(prefs.count))
        }
        preferenceStart = start
        preferences = prefs
        ranks = RankTable(dataset)
        let o = profile.online
        let farRegions = o.menteeRegions.compactMap { RegionCode($0) }
        func code(_ m: OnlineMode) -> UInt8 { m == .no ? 0 : (m == .yes ? 1 : 2) }
        menteeOnline = dataset.mentees.map { e in
            code(e.online ?? (farRegions.contains { e.region.sharedLevel(with: $0) == $0.level } ? .yes : o.mentees))
        }
        mentorOnline = dataset.mentors.map { code($0.online ?? o.mentors) }
        func zone(_ r: RegionCode) -> Int8 { Int8(IndonesianTimeZone(province: Int(r.packed / 100_000_000)).rawValue) }
        menteeZone = dataset.mentees.map { zone($0.region) }
        mentorZone = dataset.mentors.map { zone($0.region) }
        anyMentorOnline = mentorOnline.contains { $0 != 0 }
    }

    /// Whether any pair can be online (some mentee and some mentor allow it). `O(n)`.
    public var onlinePossible: Bool { anyMentorOnline && menteeOnline.contains { $0 != 0 } }

    /// Whether mentee `i` may have online pairs at all (it allows them and some mentor does). `O(1)`.
    @inline(__always)
    func mayGoOnline(mentee i: Int) -> Bool { menteeOnline[i] != 0 && anyMentorOnline }

    /// Whether the pair, `km` apart, is online (true), in person (false), or not allowed by
    /// the online rules (nil): a side that is `only` online makes it online; beyond `max_km` it
    /// is online if both sides allow it; online needs the same or adjacent time zones. `O(1)`.
    @inline(__always)
    func mode(mentee i: Int, mentor j: Int, distanceKm km: Double) -> Bool? {
        let a = menteeOnline[i], b = mentorOnline[j]
        let mustBeOnline = a == 2 || b == 2
        let beyond = profile.rules.maxKm.map { km > $0 } ?? false
        guard mustBeOnline || beyond else { return false }
        guard a != 0, b != 0, abs(Int(menteeZone[i]) - Int(mentorZone[j])) <= 1 else { return nil }
        return true
    }

    /// Whether the pair is online, when allowed (for the outputs). `O(1)`.
    public func isOnline(mentee i: Int, mentor j: Int) -> Bool {
        mode(mentee: i, mentor: j, distanceKm: distanceKm(mentee: i, mentor: j)) == true
    }

    /// Whether the rules that do not depend on distance allow the pair. `O(1)`.
    @inline(__always)
    func passesStaticRules(mentee i: Int, mentor j: Int) -> Bool {
        let r = profile.rules
        let a = menteeFeatures, b = mentorFeatures
        if r.sameKabupaten, a.region[i].sharedLevel(with: b.region[j]) < 2 { return false }
        if r.languageMustOverlap, a.languages[i] != 0, b.languages[j] != 0, a.languages[i] & b.languages[j] == 0 { return false }
        if r.mentorScaleAtLeastMentee, a.scale[i] >= 0, b.scale[j] >= 0, b.scale[j] < a.scale[i] { return false }
        return true
    }

    /// Great-circle km between mentee `i` and mentor `j` (haversine on precomputed radians),
    /// never below the typical radius of a region whose point stands in for either's location:
    /// two businesses placed at one kecamatan's point are not 0 km apart, but about that
    /// kecamatan's radius. Never below the great-circle distance, so the candidate search's
    /// distance bounds stay exact. `O(1)`.
    @inline(__always)
    func distanceKm(mentee i: Int, mentor j: Int) -> Double {
        let a = menteeFeatures, b = mentorFeatures
        let s1 = sin((b.latRad[j] - a.latRad[i]) / 2), s2 = sin((b.lonRad[j] - a.lonRad[i]) / 2)
        let h = s1 * s1 + a.cosLat[i] * b.cosLat[j] * s2 * s2
        return max(2 * Geo.earthRadiusKm * asin(min(1, h.squareRoot())), a.radiusKm[i], b.radiusKm[j])
    }

    /// The breakdown for a pair, whether or not the rules allow it. `O(|kbli|²)`.
    public func breakdown(mentee i: Int, mentor j: Int) -> ScoreBreakdown {
        breakdown(mentee: i, mentor: j, distanceKm: distanceKm(mentee: i, mentor: j))
    }

    /// Sector, capacity and culture terms: everything but location. `O(|kbli|² + |prefs|)`.
    @inline(__always)
    func nonLocationTerms(mentee i: Int, mentor j: Int) -> (sector: Double, capacity: Double, culture: Double) {
        let a = menteeFeatures, b = mentorFeatures
        var depth = 0
        for x in Int(a.kbliStart[i])..<Int(a.kbliStart[i + 1]) {
            for y in Int(b.kbliStart[j])..<Int(b.kbliStart[j + 1]) {
                depth = max(depth, ScoringFeatures.depth(a.kbli[x], b.kbli[y]))
            }
        }
        let needs = a.skills[i].nonzeroBitCount
        let covered = needs == 0 ? 1.0 : Double((a.skills[i] & b.skills[j]).nonzeroBitCount) / Double(needs)
        var scaleFit = 0.5
        if a.scale[i] >= 0, b.scale[j] >= 0 { scaleFit = b.scale[j] > a.scale[i] ? 1 : (b.scale[j] == a.scale[i] ? 0.5 : 0) }
        let la = a.languages[i]
        let lang = la == 0 ? 1.0 : Double((la & b.languages[j]).nonzeroBitCount) / Double(la.nonzeroBitCount)
        let p0 = Int(preferenceStart[i]), p1 = Int(preferenceStart[i + 1])
        var parts = 0, sum = 0.0
        if p1 > p0 {
            var met = 0
            for k in p0..<p1 {
                switch preferences[k] {
                case .gender(let g): if mentorGender[j] == g { met += 1 }
                case .kind(let kind): if mentorKind[j] == kind { met += 1 }
                }
            }
            parts = 1; sum = Double(met) / Double(p1 - p0)
        }
        if ranks.isActive {
            if ranks.menteeRanks(i) { parts += 1; sum += ranks.menteeValue(mentee: i, mentor: j) ?? 0 }
            if ranks.mentorRanks(j) { parts += 1; sum += ranks.mentorValue(mentor: j, mentee: i) ?? 0 }
        }
        let pref = parts == 0 ? 1.0 : sum / Double(parts)
        return (Double(depth) / 5, 0.8 * covered + 0.2 * scaleFit, 0.5 * lang + 0.5 * pref)
    }

    @inline(__always)
    func locationTerm(mentee i: Int, mentor j: Int, distanceKm km: Double) -> Double {
        let share = profile.location.regionShare
        let level = menteeFeatures.region[i].sharedLevel(with: mentorFeatures.region[j])
        let region = level >= 3 ? 1.0 : (level == 2 ? 0.5 : 0)
        return (1 - share) * exp(-km / profile.location.decayKm) + share * region
    }

    /// The score formula, the one place it is written: Σ w·term / Σ w (DESIGN §4). `O(1)`.
    @inline(__always)
    func weighted(sector: Double, location: Double, capacity: Double, culture: Double) -> Double {
        let w = profile.weights
        return (w.sector * sector + w.location * location + w.capacity * capacity + w.culture * culture) / weightSum
    }

    func breakdown(mentee i: Int, mentor j: Int, distanceKm km: Double) -> ScoreBreakdown {
        let (sector, capacity, culture) = nonLocationTerms(mentee: i, mentor: j)
        let location = locationTerm(mentee: i, mentor: j, distanceKm: km)
        let total = weighted(sector: sector, location: location, capacity: capacity, culture: culture)
        return ScoreBreakdown(sector: sector, location: location, capacity: capacity, culture: culture,
                              total: total, distanceKm: km)
    }

    /// The integer score of an allowed pair at distance `km`, or nil when a hard rule removes
    /// it. Always ≥ 1 for an allowed pair (a zero score would add nothing to the objective). `O(1)`.
    func allowedScore(mentee i: Int, mentor j: Int, distanceKm km: Double) -> Int64? {
        allowedScore(mentee: i, mentor: j, reaching: nil) { km }
    }

    /// As ``allowedScore(mentee:mentor:distanceKm:)``, but returns nil early, before computing
    /// the distance, when even a perfect location term could not reach the score `reaching`.
    /// `distance` is called at most once.
    @inline(__always)
    func allowedScore(mentee i: Int, mentor j: Int, reaching: Int64?, distance: () -> Double) -> Int64? {
        guard passesStaticRules(mentee: i, mentor: j) else { return nil }
        let (sector, capacity, culture) = nonLocationTerms(mentee: i, mentor: j)
        if let reaching {
            // location ≤ 1, and the sum and the rounding are monotone, so this bounds the score.
            let best = weighted(sector: sector, location: 1, capacity: capacity, culture: culture)
            if Self.integer(best) < reaching { return nil }
        }
        let km = distance()
        guard let online = mode(mentee: i, mentor: j, distanceKm: km) else { return nil }
        let location = locationTerm(mentee: i, mentor: j, distanceKm: km)
        var total = weighted(sector: sector, location: location, capacity: capacity, culture: culture)
        if online { total *= profile.online.scoreFactor }
        if total < profile.rules.minScore { return nil }
        return max(1, Self.integer(total))
    }

    /// `total` as an integer score. `O(1)`.
    static func integer(_ total: Double) -> Int64 { Int64((total * integerScale).rounded()) }

    /// An upper bound on the integer score of any pair at least `km` apart whose sector term
    /// is at most `sector`. `O(1)`.
    func upperBound(atLeastKm km: Double, sectorAtMost sector: Double = 1) -> Int64 {
        let share = profile.location.regionShare
        let location = (1 - share) * exp(-km / profile.location.decayKm) + share
        let total = weighted(sector: sector, location: location, capacity: 1, culture: 1)
        return Self.integer(total) + 1
    }

    /// KBLI divisions (2-digit codes) of mentor `j`, or of mentee `i`; section-only codes have none.
    func mentorDivisions(_ j: Int) -> [Int] { Self.divisions(mentorFeatures, j) }
    func menteeDivisions(_ i: Int) -> [Int] { Self.divisions(menteeFeatures, i) }
    static func divisions(_ f: ScoringFeatures, _ r: Int) -> [Int] {
        var out: [Int] = []
        for x in Int(f.kbliStart[r])..<Int(f.kbliStart[r + 1]) {
            let d = Int((f.kbli[x] >> 8) & 0xff)
            if d > 0 && !out.contains(d) { out.append(d) }
        }
        return out
    }
}
