import Tabular
/// The programme rules of a run, resolved against its records and candidate graph
/// (the optional rows of docs/architecture.md): minimum cohorts, mentor hours with travel, regional coverage
/// quotas, cover-all.
public struct ProgrammeRules: Sendable {
    /// A coverage quota: at least `required` of the region's mentees matched.
    public struct Quota: Sendable {
        /// The region whose mentees the quota counts.
        public var region: RegionCode
        /// All mentees of the region, with or without candidates.
        public var mentees: [Int32]
        /// Mentees of the region that must be matched.
        public var required: Int

        package init(region: RegionCode, mentees: [Int32], required: Int) {
            self.region = region; self.mentees = mentees; self.required = required
        }
    }

    /// Minimum cohort per mentor (0 = none).
    public var minCohort: [Int32]
    /// Monthly hours per mentor when the hours rule is on (nil = unlimited).
    public var hoursLimit: [Double?]
    /// Hours each pair takes a month: the mentee's hours plus sessions × 2 × km / speed.
    public var pairHours: [Double]
    /// Coverage quotas and equity floors, one per region.
    public var quotas: [Quota]
    /// Whether every mentee with candidates must be matched.
    public var coverAll: Bool
    /// One line per active rule, for results.
    public var descriptions: [String]

    /// True when no rule is active (the core model alone).
    public var isEmpty: Bool { descriptions.isEmpty }

    /// Rules given directly (for tests and library callers that build models by hand).
    public init(minCohort: [Int32], hoursLimit: [Double?], pairHours: [Double], quotas: [Quota], coverAll: Bool) {
        self.minCohort = minCohort; self.hoursLimit = hoursLimit; self.pairHours = pairHours
        self.quotas = quotas; self.coverAll = coverAll
        var d: [String] = []
        if minCohort.contains(where: { $0 > 0 }) { d.append("min_mentees") }
        if !pairHours.isEmpty { d.append("hours") }
        if !quotas.isEmpty { d.append("quota") }
        if coverAll { d.append("cover_all") }
        descriptions = d
    }

    /// Resolves the profile's constraints; `equity` is needed by `equity_band`.
    /// - Complexity: `O(n + m + pairs)`.
    @_spi(Stages) public init(profile: Profile, dataset: Dataset, graph: CandidateGraph, scoring: ScoringModel, equity: EquityBasis? = nil) {
        let c = profile.constraints
        var descriptions: [String] = []
        minCohort = dataset.mentors.map { Int32($0.minMentees ?? c.minMentees) }
        if minCohort.contains(where: { $0 > 0 }) {
            descriptions.append("min_mentees: a mentor that opens takes at least its minimum cohort (default \(c.minMentees))")
        }
        if c.hours {
            hoursLimit = dataset.mentors.map { $0.hoursPerMonth ?? c.defaultHoursPerMonth }
            var hours = [Double](repeating: 0, count: graph.pairCount)
            for i in 0..<graph.menteeCount {
                let need = dataset.mentees[i].hoursNeeded ?? c.defaultHoursNeeded
                for p in graph.pairs(ofMentee: i) {
                    let km = scoring.distanceKm(mentee: i, mentor: Int(graph.mentor[p]))
                    // Online pairs travel nowhere.
                    let online = scoring.mode(mentee: i, mentor: Int(graph.mentor[p]), distanceKm: km) == true
                    hours[p] = need + (online ? 0 : c.sessionsPerMonth * 2 * km / c.speedKmh)
                }
            }
            pairHours = hours
            descriptions.append("hours: hours_needed + \(formatFixed(c.sessionsPerMonth, 1)) sessions × 2 × km / \(formatFixed(c.speedKmh, 0)) km/h (in-person pairs) within each mentor's hours_per_month")
        } else {
            hoursLimit = Array(repeating: nil, count: dataset.mentors.count)
            pairHours = []
        }
        var quotas: [Quota] = []
        if c.quotaShare > 0 || c.quotaCount > 0 {
            let level = c.quotaLevel.codeLevel
            var byRegion: [RegionCode: [Int32]] = [:]
            for (i, e) in dataset.mentees.enumerated() {
                byRegion[e.region.prefix(level) ?? e.region, default: []].append(Int32(i))
            }
            for (region, members) in byRegion.sorted(by: { $0.key < $1.key }) {
                let byShare = Int((c.quotaShare * Double(members.count) - Tolerance.share).rounded(.up))
                let required = max(byShare, min(c.quotaCount, members.count))
                if required > 0 { quotas.append(Quota(region: region, mentees: members, required: required)) }
            }
            var what: [String] = []
            if c.quotaShare > 0 { what.append("\(formatFixed(c.quotaShare * 100, 1)) %") }
            if c.quotaCount > 0 { what.append("\(c.quotaCount) mentees") }
            descriptions.append("quota: at least \(what.joined(separator: " and ")) of each \(c.quotaLevel.rawValue)'s mentees matched")
        }
        if let band = c.equityBand, let equity {
            quotas = Self.equityQuotas(equity, dataset: dataset, merging: quotas)
            let target = max(0, equity.optimumCoverage - band)
            descriptions.append("equity: every kabupaten/kota at least \(formatFixed(equity.share * 100, 1)) % covered "
                                + "(target: the score optimum's \(formatFixed(equity.optimumCoverage * 100, 1)) % less the band \(formatFixed(band * 100, 1)) % = \(formatFixed(target * 100, 1)) %"
                                + (equity.share < target - 1e-9 ? "; the highest share all can reach together" : "")
                                + "; a kabupaten/kota whose own mentors reach fewer is held to what they reach)")
        }
        self.quotas = quotas
        coverAll = c.coverAll
        if coverAll { descriptions.append("cover_all: every mentee matched") }
        self.descriptions = descriptions
    }

    /// Kabupaten/kota floors of `equity_band` (``EquityBasis``) merged into `quotas` (the larger
    /// requirement of a region wins). - Complexity: `O(quotas + kabupaten)`.
    static func equityQuotas(_ equity: EquityBasis, dataset: Dataset, merging quotas: [Quota]) -> [Quota] {
        var byRegion: [RegionCode: [Int32]] = [:]
        for (i, e) in dataset.mentees.enumerated() { byRegion[e.region.prefix(2) ?? e.region, default: []].append(Int32(i)) }
        var out = Dictionary(uniqueKeysWithValues: quotas.map { ($0.region, $0) })
        for (region, required) in equity.floors where required > 0 {
            if let q = out[region] { out[region]!.required = max(q.required, required) } else {
                out[region] = Quota(region: region, mentees: byRegion[region] ?? [], required: required)
            }
        }
        return out.values.sorted { $0.region < $1.region }
    }

    /// Per mentor: the pairs fixed by curators, and the hours its limit leaves after them
    /// (+∞ without an hours rule or limit). - Complexity: `O(m + fixed)`.
    func fixedLoad(_ model: MatchingModel) -> (count: [Int], hoursLeft: [Double]) {
        let g = model.graph
        var count = [Int](repeating: 0, count: g.mentorCount)
        var left = [Double](repeating: .infinity, count: g.mentorCount)
        if !pairHours.isEmpty { for j in 0..<g.mentorCount { if let h = hoursLimit[j] { left[j] = h } } }
        for p in model.fixedPairs {
            let j = Int(g.mentor[Int(p)])
            count[j] += 1
            if !pairHours.isEmpty { left[j] -= pairHours[Int(p)] }
        }
        return (count, left)
    }

    /// The quota of each mentee (index into ``quotas``, or -1) and what each quota still needs
    /// beyond the mentees matched by fixed pairs. - Complexity: `O(n + quota members)`.
    func quotaNeeds(menteeCount: Int, fixed: Assignment) -> (quotaOf: [Int32], need: [Double]) {
        var quotaOf = [Int32](repeating: -1, count: menteeCount)
        var need: [Double] = []
        for q in quotas {
            let locked = q.mentees.filter { fixed.pairOf[Int($0)] >= 0 }.count
            for i in q.mentees { quotaOf[Int(i)] = Int32(need.count) }
            need.append(Double(max(0, q.required - locked)))
        }
        return (quotaOf, need)
    }

    /// Mentors that can never open: no fixed pairs, and a minimum cohort that their capacity,
    /// their number of candidates or their hours cannot hold (the minimum's least-hours
    /// candidate pairs already past the mentor's hours limit). Every rule-abiding solution
    /// leaves them empty. - Complexity: `O(m + pairs)`, and `O(pairs · log pairs)` with hours limits.
    @_spi(Stages) public func cannotOpen(_ model: MatchingModel) -> [Bool] {
        let g = model.graph
        var hasFixed = [Bool](repeating: false, count: g.mentorCount)
        for p in model.fixedPairs { hasFixed[Int(g.mentor[Int(p)])] = true }
        var candidates = [Int](repeating: 0, count: g.mentorCount)
        for p in 0..<g.pairCount { candidates[Int(g.mentor[p])] += 1 }
        // Each limited mentor's pair hours, only where a minimum cohort could meet a limit.
        let limited = (0..<g.mentorCount).map { !pairHours.isEmpty && minCohort[$0] > 0 && hoursLimit[$0] != nil }
        var hours = [[Double]](repeating: [], count: g.mentorCount)
        if limited.contains(true) { for p in 0..<g.pairCount where limited[Int(g.mentor[p])] { hours[Int(g.mentor[p])].append(pairHours[p]) } }
        return (0..<g.mentorCount).map { j in
            let least = Int(minCohort[j])
            guard !hasFixed[j], least > 0 else { return false }
            if least > min(Int(model.capacity[j]), candidates[j]) { return true }
            guard limited[j], let limit = hoursLimit[j] else { return false }
            return !Self.shortestFit(hours[j], count: least, within: limit + Tolerance.hoursCheck)
        }
    }

    /// Whether the `count` shortest of `hours` fit within `limit` together (false when there
    /// are fewer; true for none, which take no hours): at once when the first `count` do,
    /// else by sorting. Used for whether a
    /// minimum cohort can fit a mentor's hours at all (``cannotOpen(_:)``, ``MentorKnapsack``).
    /// - Complexity: `O(count)` when the first fit, else `O(n log n)`.
    static func shortestFit<C: Collection>(_ hours: C, count: Int, within limit: Double) -> Bool where C.Element == Double {
        guard count > 0 else { return true }
        guard hours.count >= count else { return false }
        return hours.prefix(count).reduce(0, +) <= limit || hours.sorted().prefix(count).reduce(0, +) <= limit
    }

    /// The rules an assignment breaks (empty when all hold); ``RuleViolation/describe(_:)``
    /// turns one into a sentence with ids. - Complexity: `O(n + m + quotas)`.
    @_spi(Stages) public func violations(of a: Assignment, model: MatchingModel) -> [RuleViolation] {
        let g = model.graph
        var load = [Int32](repeating: 0, count: g.mentorCount)
        var hours = [Double](repeating: 0, count: g.mentorCount)
        var out: [RuleViolation] = []
        for i in 0..<g.menteeCount {
            let p = Int(a.pairOf[i])
            if p < 0 {
                if coverAll { out.append(.unmatched(mentee: Int32(i))) }
                continue
            }
            let j = Int(g.mentor[p])
            load[j] += 1
            if !pairHours.isEmpty { hours[j] += pairHours[p] }
        }
        for j in 0..<g.mentorCount {
            if load[j] > 0 && load[j] < minCohort[j] {
                out.append(.belowCohort(mentor: Int32(j), load: load[j], minimum: minCohort[j]))
            }
            if let h = hoursLimit[j], !pairHours.isEmpty, hours[j] > h + Tolerance.hoursCheck {
                out.append(.overHours(mentor: Int32(j), hours: hours[j], limit: h))
            }
        }
        for q in quotas {
            let matched = q.mentees.filter { a.pairOf[Int($0)] >= 0 }.count
            if matched < q.required { out.append(.belowQuota(region: q.region, matched: matched, required: q.required)) }
        }
        return out
    }
}

/// One programme rule broken by an assignment, by index; rendered with ids only at the edge.
public enum RuleViolation: Sendable, Equatable {
    /// `cover_all`: this mentee has no mentor.
    case unmatched(mentee: Int32)
    /// An open mentor below its minimum cohort.
    case belowCohort(mentor: Int32, load: Int32, minimum: Int32)
    /// A mentor whose pairs need more hours than its limit.
    case overHours(mentor: Int32, hours: Double, limit: Double)
    /// A region below its coverage quota.
    case belowQuota(region: RegionCode, matched: Int, required: Int)

    /// A sentence naming the mentor or mentee by id. `O(1)`.
    public func describe(_ dataset: Dataset) -> String {
        switch self {
        case .unmatched(let i): return "mentee \(dataset.mentees[Int(i)].id) is not matched"
        case .belowCohort(let j, let load, let minimum):
            return "mentor \(dataset.mentors[Int(j)].id) has \(load) mentees, below its minimum cohort \(minimum)"
        case .overHours(let j, let hours, let limit):
            return "mentor \(dataset.mentors[Int(j)].id) needs \(formatFixed(hours, 1)) h, above \(formatFixed(limit, 1)) h"
        case .belowQuota(let region, let matched, let required):
            return "region \(region.text) has \(matched) matched, quota \(required)"
        }
    }
}
