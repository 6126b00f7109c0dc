import Foundation
import Tabular

/// The four terms of a pair's score, each in [0, 1], their weighted mean and the distance.
public struct ScoreBreakdown: Sendable, Equatable {
    /// The sector term: the shared KBLI depth over 5.
    public var sector: Double
    /// The location term: distance decay and shared region.
    public var location: Double
    /// The capacity term: needs covered and scale fit.
    public var capacity: Double
    /// The culture term: languages and stated preferences.
    public var culture: Double
    /// Σ w·term / Σ w, in [0, 1].
    public var total: Double
    /// Great-circle km between the two.
    public var distanceKm: Double
}

/// Scores mentee–mentor pairs (docs/architecture.md) and applies the profile's hard rules.
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
    /// Score units per score point: scores are integers of 10⁻⁶.
    public static let integerScale = 1_000_000.0

    /// The profile whose weights and rules score the pairs.
    public let profile: Profile
    let mentors: [Mentor]
    let mentees: [Mentee]
    let weightSum: Double
    /// What the score reads from each record, with online mode and time zone resolved.
    let mentorFeatures: ScoringFeatures
    private(set) var menteeFeatures: ScoringFeatures
    /// Mentor attributes that preferences refer to.
    let mentorGender: [Gender?]
    let mentorKind: [MentorKind?]
    /// Per mentee, its attribute preferences (gender, kind).
    let preferenceStart: [Int32]
    let preferences: [ResolvedPreference]
    /// Stated ranks: beginners' of mentors, mentors' of beginners.
    @_spi(Stages) public let ranks: RankTable
    /// Whether any mentor takes online pairs.
    let anyMentorOnline: Bool
    /// `shares[n · 65 + c]` is `Double(c) / Double(n)` for 0 ≤ c ≤ n ≤ 64: the share of needs or
    /// languages met, looked up rather than divided per pair (the same value, bit for bit).
    let shares: [Double] = (0...64).flatMap { n in (0...64).map { c in n == 0 ? 0 : Double(c) / Double(n) } }

    enum ResolvedPreference: Sendable {
        case gender(Gender), kind(MentorKind)
    }

    /// Scores `dataset` under `profile`. - Throws: when the profile or dataset cannot be scored (e.g. too many records for `Int32` indexes).
    public init(dataset: Dataset, profile: Profile) throws {
        self.profile = profile
        mentors = dataset.mentors
        mentees = dataset.mentees
        // Fields are read through the arrays, not by copying each record (a copy retains every
        // string and list it holds).
        var distinct = Set<[String]>()
        for j in mentors.indices { distinct.insert(mentors[j].languages) }
        for i in mentees.indices { distinct.insert(mentees[i].languages) }
        var table: [String: Int] = [:]
        for code in Set(distinct.flatMap { $0 }).sorted() { table[code] = table.count }
        guard table.count <= 64 else {
            throw InputError.invalid([InputIssue(file: "languages", line: 0, column: "languages",
                                                 message: "\(table.count) distinct languages; at most 64 are supported in one run")])
        }
        // Lists repeat (read once per distinct cell), so the last one's mask is kept.
        var last: ([String], UInt64) = ([], 0)
        func mask(_ langs: [String]) -> UInt64 {
            if langs == last.0 { return last.1 }
            last = (langs, langs.reduce(0) { $0 | (1 << UInt64(table[$1]!)) })
            return last.1
        }
        weightSum = profile.weights.sum
        // Online mentoring per record (0 no, 1 yes, 2 only, resolved against the profile's
        // defaults) and time zone (UTC offset in hours).
        let o = profile.online
        let farRegions = o.menteeRegions.compactMap { RegionCode($0) }
        func code(_ m: OnlineMode) -> UInt8 { m == .no ? 0 : (m == .yes ? 1 : 2) }
        func zone(_ r: RegionCode) -> Int8 { Int8(IndonesianTimeZone(province: Int(r.packed / 100_000_000)).rawValue) }
        var mf = ScoringFeatures(), ef = ScoringFeatures()
        mf.rows.reserveCapacity(dataset.mentors.count)
        ef.rows.reserveCapacity(dataset.mentees.count)
        for j in mentors.indices {
            let region = mentors[j].region
            mf.append(kbli: mentors[j].kbli, skills: mentors[j].expertise, scale: mentors[j].scale, languages: mask(mentors[j].languages),
                      region: region, location: mentors[j].location, radiusKm: mentors[j].locationRadiusKm,
                      online: code(mentors[j].online ?? o.mentors), zone: zone(region))
        }
        for i in mentees.indices {
            let region = mentees[i].region
            let online = code(mentees[i].online ?? (farRegions.contains { region.sharedLevel(with: $0) == $0.level } ? .yes : o.mentees))
            ef.append(kbli: mentees[i].kbli, skills: mentees[i].needs, scale: mentees[i].scale, languages: mask(mentees[i].languages),
                      region: region, location: mentees[i].location, radiusKm: mentees[i].locationRadiusKm, online: online, zone: zone(region))
        }
        mentorFeatures = mf
        menteeFeatures = ef
        mentorGender = dataset.mentors.map(\.gender)
        mentorKind = dataset.mentors.map(\.kind)
        var start: [Int32] = [0], prefs: [ResolvedPreference] = []
        for i in mentees.indices {
            for p in mentees[i].preferences {
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
        anyMentorOnline = mf.rows.contains { $0.online != 0 }
    }

    /// Whether any pair can be online (some mentee and some mentor allow it). `O(n)`.
    public var onlinePossible: Bool { anyMentorOnline && menteeFeatures.rows.contains { $0.online != 0 } }

    /// Whether mentee `i` allows online pairs (whether or not any mentor does). `O(1)`.
    func menteeAllowsOnline(_ i: Int) -> Bool { menteeFeatures.rows[i].online != 0 }

    /// Whether mentee `i` may have online pairs at all (it allows them and some mentor does). `O(1)`.
    @inline(__always)
    func mayGoOnline(mentee i: Int) -> Bool { menteeFeatures.rows[i].online != 0 && anyMentorOnline }

    /// Whether the pair, `km` apart, is online (true), in person (false), or not allowed by
    /// the online rules (nil): a side that is `only` online makes it online; beyond `max_km` it
    /// is online if both sides allow it; online needs the same or adjacent time zones. `O(1)`.
    @inline(__always)
    func mode(_ a: ScoringRow, _ b: ScoringRow, distanceKm km: Double) -> Bool? {
        let mustBeOnline = a.online == 2 || b.online == 2
        let beyond = profile.rules.maxKm.map { km > $0 } ?? false
        guard mustBeOnline || beyond else { return false }
        guard a.online != 0, b.online != 0, abs(Int(a.zone) - Int(b.zone)) <= 1 else { return nil }
        return true
    }

    /// As ``mode(_:_:distanceKm:)`` for mentee `i` and mentor `j`. `O(1)`.
    func mode(mentee i: Int, mentor j: Int, distanceKm km: Double) -> Bool? {
        mode(menteeFeatures.rows[i], mentorFeatures.rows[j], distanceKm: km)
    }

    /// Whether the pair is online, when allowed (for the outputs). `O(1)`.
    public func isOnline(mentee i: Int, mentor j: Int) -> Bool {
        let a = menteeFeatures.rows[i], b = mentorFeatures.rows[j]
        return mode(a, b, distanceKm: Self.distanceKm(a, b)) == true
    }

    /// Whether the rules that do not depend on distance allow mentee `i` and mentor `j`. `O(1)`.
    func passesStaticRules(mentee i: Int, mentor j: Int) -> Bool {
        passesStaticRules(menteeFeatures.rows[i], mentorFeatures.rows[j])
    }

    /// Whether the rules that do not depend on distance allow the pair. `O(1)`.
    @inline(__always)
    func passesStaticRules(_ a: ScoringRow, _ b: ScoringRow) -> Bool {
        let r = profile.rules
        if r.sameKabupaten, a.sharedRegionLevel(b) < 2 { return false }
        if r.languageMustOverlap, a.languages != 0, b.languages != 0, a.languages & b.languages == 0 { return false }
        if r.mentorScaleAtLeastMentee, a.scale >= 0, b.scale >= 0, b.scale < a.scale { return false }
        return true
    }

    /// Great-circle km between mentee `i` and mentor `j` (haversine on precomputed radians),
    /// never below the typical radius of a region whose point stands in for either's location:
    /// two businesses placed at one kecamatan's point are not 0 km apart, but about that
    /// kecamatan's radius. Never below the great-circle distance, so the candidate search's
    /// distance bounds stay exact. `O(1)`.
    func distanceKm(mentee i: Int, mentor j: Int) -> Double {
        Self.distanceKm(menteeFeatures.rows[i], mentorFeatures.rows[j])
    }

    /// As ``distanceKm(mentee:mentor:)``, on the two records' rows: the arc over the chord
    /// between their points on the unit sphere, `2R·asin(c/2)` — the haversine formula with
    /// its `hav(d) = c²/4` taken from the chord instead of from two sines (the candidate stage
    /// called `sin` twice per scored pair; the same distance to within rounding). `O(1)`.
    @inline(__always)
    static func distanceKm(_ a: ScoringRow, _ b: ScoringRow) -> Double {
        let chord = a.chordSquared(b).squareRoot()
        return max(2 * Geo.earthRadiusKm * asin(min(1, chord / 2)), a.radiusKm, b.radiusKm)
    }

    /// The breakdown for a pair, whether or not the rules allow it. `O(|kbli|²)`.
    public func breakdown(mentee i: Int, mentor j: Int) -> ScoreBreakdown {
        breakdown(mentee: i, mentor: j, distanceKm: distanceKm(mentee: i, mentor: j))
    }

    /// The shared KBLI depth of the pair, best over both code lists (0–5). `O(|kbli|²)`, `O(1)`
    /// for one code each.
    @inline(__always)
    func sectorDepth(_ a: ScoringRow, _ b: ScoringRow) -> Int {
        if a.kbliCount == 1 && b.kbliCount == 1 { return ScoringFeatures.depth(a.firstKBLI, b.firstKBLI) }
        var depth = 0
        for x in Int(a.kbliStart)..<Int(a.kbliStart + a.kbliCount) {
            for y in Int(b.kbliStart)..<Int(b.kbliStart + b.kbliCount) {
                depth = max(depth, ScoringFeatures.depth(menteeFeatures.kbli[x], mentorFeatures.kbli[y]))
            }
        }
        return depth
    }

    /// What a mentee brings to every one of its pairs' sector, capacity and culture terms,
    /// counted once per mentee rather than once per pair: a candidate search scores a few
    /// hundred mentors for each mentee (the bit counts are a dozen instructions each on a
    /// build without a hardware population count). `O(1)`.
    struct MenteeTerms {
        let row: ScoringRow
        /// Where the mentee's row of ``shares`` starts for its needs and its languages.
        let needsRow: Int
        let languagesRow: Int
        /// The mentee's attribute preferences in ``preferences``.
        let preferences: Range<Int>
        let ranksMentors: Bool
        /// The capacity term no mentor can exceed for this mentee: every need covered, the
        /// best scale fit its own scale leaves.
        let capacityAtMost: Double
    }

    /// Frees the mentees' scoring rows, an empty table taking their place, for a caller done
    /// with every score of this model (``MatchResult/releaseSearchState()``): after it, nothing
    /// that scores a mentee may be called. `O(1)`.
    package mutating func releaseMenteeRows() { menteeFeatures = ScoringFeatures() }

    /// Mentee `i`'s ``MenteeTerms``. `O(1)`.
    @inline(__always)
    func menteeTerms(_ i: Int) -> MenteeTerms {
        let a = menteeFeatures.rows[i]
        let scaleFitAtMost = a.scale >= 0 && Int(a.scale) < BusinessScale.besar.rank ? 1.0 : 0.5
        return MenteeTerms(row: a, needsRow: a.skills.nonzeroBitCount &* 65, languagesRow: a.languages.nonzeroBitCount &* 65,
                           preferences: Int(preferenceStart[i])..<Int(preferenceStart[i + 1]),
                           ranksMentors: ranks.isActive && ranks.menteeRanks(i),
                           capacityAtMost: Self.capacityTerm(covered: 1, scaleFit: scaleFitAtMost))
    }

    /// Sector, capacity and culture terms: everything but location. `O(|kbli|² + |prefs|)`.
    @inline(__always)
    func nonLocationTerms(mentee i: Int, _ m: MenteeTerms, mentor j: Int, _ b: ScoringRow, depth given: Int? = nil) -> (sector: Double, capacity: Double, culture: Double) {
        let a = m.row
        let depth = given ?? sectorDepth(a, b)
        let covered = m.needsRow == 0 ? 1.0 : shares[m.needsRow &+ (a.skills & b.skills).nonzeroBitCount]
        var scaleFit = 0.5
        if a.scale >= 0, b.scale >= 0 { scaleFit = b.scale > a.scale ? 1 : (b.scale == a.scale ? 0.5 : 0) }
        let lang = m.languagesRow == 0 ? 1.0 : shares[m.languagesRow &+ (a.languages & b.languages).nonzeroBitCount]
        var parts = 0, sum = 0.0
        if !m.preferences.isEmpty {
            var met = 0
            for k in m.preferences {
                switch preferences[k] {
                case .gender(let g): if mentorGender[j] == g { met += 1 }
                case .kind(let kind): if mentorKind[j] == kind { met += 1 }
                }
            }
            parts = 1; sum = Double(met) / Double(m.preferences.count)
        }
        if ranks.isActive {
            if m.ranksMentors { parts += 1; sum += ranks.menteeValue(mentee: i, mentor: j) ?? 0 }
            if ranks.mentorRanks(j) { parts += 1; sum += ranks.mentorValue(mentor: j, mentee: i) ?? 0 }
        }
        let pref = parts == 0 ? 1.0 : sum / Double(parts)
        return (Self.sectorTerm(depth), Self.capacityTerm(covered: covered, scaleFit: scaleFit), Self.cultureTerm(languages: lang, preference: pref))
    }

    /// The capacity term from the share of needs covered and the scale fit, each in [0, 1]:
    /// the one place it is written, so the candidate search's bound (both at 1, or the best
    /// fit a mentee's scale leaves) follows it. `O(1)`.
    @inline(__always)
    static func capacityTerm(covered: Double, scaleFit: Double) -> Double { 0.8 * covered + 0.2 * scaleFit }

    /// The culture term from the share of languages met and the preference part, each in
    /// [0, 1]; the one place it is written. `O(1)`.
    @inline(__always)
    static func cultureTerm(languages: Double, preference: Double) -> Double { 0.5 * languages + 0.5 * preference }

    /// The culture term no mentor can exceed (computed, so it folds to a constant in the
    /// candidate search's loop). `O(1)`.
    @inline(__always)
    static var cultureAtMost: Double { cultureTerm(languages: 1, preference: 1) }

    /// The sector term of a shared KBLI depth 0–5, `depth / 5` (each literal is that quotient
    /// correctly rounded, so equal to the division bit for bit; the division was on the
    /// candidate search's critical path). `O(1)`.
    @inline(__always)
    static func sectorTerm(_ depth: Int) -> Double {
        switch depth {
        case 0: 0
        case 1: 0.2
        case 2: 0.4
        case 3: 0.6
        case 4: 0.8
        default: Double(depth) / 5
        }
    }

    /// The location term at `km`. `O(1)`.
    @inline(__always)
    func locationTerm(_ a: ScoringRow, _ b: ScoringRow, distanceKm km: Double) -> Double {
        locationTerm(a, b, distancePart: distancePart(km))
    }

    /// The distance's part of the location term, `(1 − share)·exp(−km / decay)`; it falls as
    /// `km` grows. `O(1)`.
    @inline(__always)
    func distancePart(_ km: Double) -> Double {
        (1 - profile.location.regionShare) * exp(-km / profile.location.decayKm)
    }

    /// The location term from its distance part and the region the pair shares. `O(1)`.
    @inline(__always)
    func locationTerm(_ a: ScoringRow, _ b: ScoringRow, distancePart near: Double) -> Double {
        let level = a.sharedRegionLevel(b)
        let region = level >= 3 ? 1.0 : (level == 2 ? 0.5 : 0)
        return near + profile.location.regionShare * region
    }

    /// The score formula, the one place it is written: Σ w·term / Σ w (docs/architecture.md). `O(1)`.
    @inline(__always)
    func weighted(sector: Double, location: Double, capacity: Double, culture: Double) -> Double {
        weightedSum(sector: sector, location: location, capacity: capacity, culture: culture) / weightSum
    }

    /// Σ w·term, the score before the division by Σ w. `O(1)`.
    @inline(__always)
    func weightedSum(sector: Double, location: Double, capacity: Double, culture: Double) -> Double {
        let w = profile.weights
        return w.sector * sector + w.location * location + w.capacity * capacity + w.culture * culture
    }

    /// A bound on ``weightedSum(sector:location:capacity:culture:)`` below which a pair's
    /// integer score is certainly under `score`: the score's rounding threshold `score − ½`
    /// carried back through the division and the scale, lowered by a relative 10⁻⁹ (far above
    /// the rounding error of those steps), so that the candidate search compares sums and
    /// divides once per k-th best score, not once per mentor. `O(1)`.
    func sumBound(below score: Int64) -> Double {
        (Double(score) - 0.5) / Self.integerScale * weightSum * (1 - 1e-9)
    }

    func breakdown(mentee i: Int, mentor j: Int, distanceKm km: Double) -> ScoreBreakdown {
        let m = menteeTerms(i), a = m.row, b = mentorFeatures.rows[j]
        let (sector, capacity, culture) = nonLocationTerms(mentee: i, m, mentor: j, b)
        let location = locationTerm(a, b, distanceKm: km)
        let total = weighted(sector: sector, location: location, capacity: capacity, culture: culture)
        return ScoreBreakdown(sector: sector, location: location, capacity: capacity, culture: culture,
                              total: total, distanceKm: km)
    }

    /// The integer score of an allowed pair at distance `km`, or nil when a hard rule removes
    /// it. Always ≥ 1 for an allowed pair (a zero score would add nothing to the objective). `O(1)`.
    func allowedScore(mentee i: Int, mentor j: Int, distanceKm km: Double) -> Int64? {
        allowedScore(mentee: i, menteeTerms(i), mentor: j, mentorFeatures.rows[j], reaching: nil, distanceKm: km)
    }

    /// As ``allowedScore(mentee:mentor:distanceKm:)``, on the records' rows, but returns nil
    /// early, before computing the distance (when `distanceKm` is nil), when the pair cannot
    /// reach a score even with the distance part `reaching.nearAtMost` (``distancePart(_:)``
    /// of a lower bound on its distance): `reaching.sumBelow` is that score's
    /// ``sumBound(below:)``. A caller that knows the pair's shared KBLI depth, or a lower
    /// bound on it that it accepts as the pair's score, passes it as `depth`. `O(1)`.
    @inline(__always)
    func allowedScore(mentee i: Int, _ m: MenteeTerms, mentor j: Int, _ b: ScoringRow, reaching: (sumBelow: Double, nearAtMost: Double)?,
                      depth: Int? = nil, distanceKm given: Double? = nil) -> Int64? {
        let a = m.row
        guard passesStaticRules(a, b) else { return nil }
        // The location term is at most its value with `nearAtMost`, and the sum and the
        // rounding are monotone, so these bound the score; round(y) < R when y < R − 1/2.
        // First with the best capacity and culture terms any mentor could give (most mentors
        // a search visits fall short on distance and region alone), then with the pair's own.
        let nearby = reaching.map { locationTerm(a, b, distancePart: $0.nearAtMost) } ?? 0
        if let reaching, let depth,
           weightedSum(sector: Self.sectorTerm(depth), location: nearby, capacity: m.capacityAtMost, culture: Self.cultureAtMost) < reaching.sumBelow { return nil }
        let (sector, capacity, culture) = nonLocationTerms(mentee: i, m, mentor: j, b, depth: depth)
        if let reaching, weightedSum(sector: sector, location: nearby, capacity: capacity, culture: culture) < reaching.sumBelow { return nil }
        let km = given ?? Self.distanceKm(a, b)
        guard let online = mode(a, b, distanceKm: km) else { return nil }
        let location = locationTerm(a, b, distanceKm: km)
        var total = weighted(sector: sector, location: location, capacity: capacity, culture: culture)
        if online { total *= profile.online.scoreFactor }
        if total < profile.rules.minScore { return nil }
        return max(1, Self.integer(total))
    }

    /// `total` as an integer score. `O(1)`.
    static func integer(_ total: Double) -> Int64 { Int64((total * integerScale).rounded()) }

    /// Squared chord lengths (on the unit sphere, as ``ScoringRow`` holds points) beyond which
    /// a pair with sector term `sector` cannot reach the weighted sum `sumBelow`
    /// (``sumBound(below:)``) even with the capacity term `capacityAtMost` and the best culture
    /// term: one for each region the two may share (none, the kabupaten, the kecamatan).
    ///
    /// From the score formula: the pair needs a distance part of at least
    /// `need = (sumBelow − w_s·sector − w_c·capacity − w_u·culture) / w_l − share·region`, and
    /// `(1 − share)·exp(−km / decay) ≥ need` holds only for `km ≤ −decay·ln(need / (1 − share))`.
    /// A pair's km is never below the arc over its chord `c`, `2R·asin(c/2)`, so a chord longer
    /// than `2·sin(km / 2R)` cannot reach. Infinity when any distance may reach, −1 when none
    /// can; widened by ``Tolerance/chordWidening`` and `need` lowered by
    /// ``Tolerance/distanceNeed`` against rounding.
    /// `O(1)`: three logarithms and sines.
    func chordLimits(sumBelow: Double, sector: Double, capacityAtMost: Double) -> (none: Double, kabupaten: Double, kecamatan: Double) {
        let w = profile.weights, share = profile.location.regionShare
        guard w.location > 0 else { return (.infinity, .infinity, .infinity) }
        let rest = (sumBelow - w.sector * sector - w.capacity * capacityAtMost - w.culture * Self.cultureAtMost) / w.location
        func limit(_ region: Double) -> Double {
            let need = rest - share * region - Tolerance.distanceNeed
            if need <= 0 { return .infinity }
            if need > 1 - share { return -1 }
            let half = -profile.location.decayKm * log(need / (1 - share)) / (2 * Geo.earthRadiusKm)
            if !(half < .pi / 2) { return .infinity }
            let chord = 2 * sin(half)
            return chord * chord * (1 + Tolerance.chordWidening)
        }
        return (limit(0), limit(0.5), limit(1))
    }

    /// An upper bound on the integer score of any pair at least `km` apart whose sector term
    /// is at most `sector`. `O(1)`.
    func upperBound(atLeastKm km: Double, sectorAtMost sector: Double = 1) -> Int64 {
        let share = profile.location.regionShare
        let location = (1 - share) * exp(-km / profile.location.decayKm) + share
        let total = weighted(sector: sector, location: location, capacity: Self.capacityTerm(covered: 1, scaleFit: 1), culture: Self.cultureAtMost)
        return Self.integer(total) + 1
    }

    /// Packed KBLI codes (``ScoringFeatures/pack(_:)``) of mentor `j`, or of mentee `i`. `O(1)`.
    func mentorCodes(_ j: Int) -> ArraySlice<UInt64> { mentorFeatures.codes(j) }
    func menteeCodes(_ i: Int) -> ArraySlice<UInt64> { menteeFeatures.codes(i) }
}
