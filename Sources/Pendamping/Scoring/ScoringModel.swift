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
///   + 0.5 · share of stated preferences met (1 when none).
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
    }

    /// Whether the rules that do not depend on distance allow the pair. `O(1)`.
    @inline(__always)
    func passesStaticRules(mentee i: Int, mentor j: Int) -> Bool {
        let r = profile.rules
        let a = mentees[i], b = mentors[j]
        if r.sameKabupaten, a.region.sharedLevel(with: b.region) < 2 { return false }
        if r.languageMustOverlap, menteeLanguages[i] != 0, mentorLanguages[j] != 0,
           menteeLanguages[i] & mentorLanguages[j] == 0 { return false }
        if r.mentorScaleAtLeastMentee, let sa = a.scale, let sb = b.scale, sb < sa { return false }
        return true
    }

    /// The breakdown for a pair, whether or not the rules allow it. `O(|kbli|²)`.
    public func breakdown(mentee i: Int, mentor j: Int) -> ScoreBreakdown {
        let km = Geo.distanceKm(mentees[i].location, mentors[j].location)
        return breakdown(mentee: i, mentor: j, distanceKm: km)
    }

    func breakdown(mentee i: Int, mentor j: Int, distanceKm km: Double) -> ScoreBreakdown {
        let a = mentees[i], b = mentors[j], w = profile.weights
        var depth = 0
        for x in a.kbli { for y in b.kbli { depth = max(depth, x.sharedDepth(with: y)) } }
        let sector = Double(depth) / 5

        let share = profile.location.regionShare
        let level = a.region.sharedLevel(with: b.region)
        let region = level >= 3 ? 1.0 : (level == 2 ? 0.5 : 0)
        let location = (1 - share) * exp(-km / profile.location.decayKm) + share * region

        let needs = a.needs.count
        let covered = needs == 0 ? 1.0 : Double(a.needs.intersection(b.expertise).count) / Double(needs)
        var scaleFit = 0.5
        if let sa = a.scale, let sb = b.scale { scaleFit = sb > sa ? 1 : (sb == sa ? 0.5 : 0) }
        let capacity = 0.8 * covered + 0.2 * scaleFit

        let la = menteeLanguages[i]
        let lang = la == 0 ? 1.0 : Double((la & mentorLanguages[j]).nonzeroBitCount) / Double(la.nonzeroBitCount)
        var met = 0
        for p in a.preferences {
            switch p {
            case .gender(let g): if b.gender == g { met += 1 }
            case .kind(let k): if b.kind == k { met += 1 }
            case .mentor(let id): if b.id == id { met += 1 }
            }
        }
        let pref = a.preferences.isEmpty ? 1.0 : Double(met) / Double(a.preferences.count)
        let culture = 0.5 * lang + 0.5 * pref

        let total = (w.sector * sector + w.location * location + w.capacity * capacity + w.culture * culture) / weightSum
        return ScoreBreakdown(sector: sector, location: location, capacity: capacity, culture: culture,
                              total: total, distanceKm: km)
    }

    /// The integer score of an allowed pair at distance `km`, or nil when a hard rule removes
    /// it. Always ≥ 1 for an allowed pair (a zero score would add nothing to the objective). `O(1)`.
    @inline(__always)
    func allowedScore(mentee i: Int, mentor j: Int, distanceKm km: Double) -> Int64? {
        if let maxKm = profile.rules.maxKm, km > maxKm { return nil }
        guard passesStaticRules(mentee: i, mentor: j) else { return nil }
        let total = breakdown(mentee: i, mentor: j, distanceKm: km).total
        if total < profile.rules.minScore { return nil }
        return max(1, Self.integer(total))
    }

    /// `total` as an integer score. `O(1)`.
    static func integer(_ total: Double) -> Int64 { Int64((total * integerScale).rounded()) }

    /// An upper bound on the integer score of any pair at least `km` apart. `O(1)`.
    func upperBound(atLeastKm km: Double) -> Int64 {
        let w = profile.weights, share = profile.location.regionShare
        let location = (1 - share) * exp(-km / profile.location.decayKm) + share
        let total = (w.sector + w.location * location + w.capacity + w.culture) / weightSum
        return Self.integer(total) + 1
    }
}
