import Tabular
/// A programme rule, as named in profiles and in `rules.csv`.
public enum RuleKind: String, Sendable, Codable, Equatable, Hashable {
    /// A mentor that opens takes at least its minimum cohort.
    case minMentees = "min_mentees"
    /// A mentor's pairs fit its monthly hours, travel included.
    case hours
    /// A region has at least its quota of matched mentees.
    case quota
    /// Every mentee is matched.
    case coverAll = "cover_all"
}

/// How one rule stands in a returned solution, for one mentor, region or mentee.
public struct RuleReport: Sendable, Codable, Equatable {
    /// Which rule.
    public var rule: RuleKind
    /// Mentor id, region code or mentee id.
    public var subject: String
    /// The rule's bound in its own units (mentees, hours); 0 for a minimum cohort of a mentor
    /// that stays closed.
    public var bound: Double
    /// What the solution reaches, fixed pairs included.
    public var activity: Double
    /// Distance from the bound on the allowed side (0 = binding, negative = broken).
    public var slack: Double
    /// Dual value of the rule's row in GLPK's root LP relaxation, in score units per unit of the
    /// rule (how much the relaxation's objective would move if the bound moved by one); nil
    /// when GLPK did not run.
    public var rootDual: Double?
}

/// Identifies one rule row: the rule and the index of its mentor, quota or mentee.
struct RuleKey: Hashable, Sendable {
    var rule: RuleKind
    var index: Int32
}

/// Rules that cannot all hold, each explained with ids and amounts.
public struct InfeasibleRules: Error, Sendable, CustomStringConvertible {
    /// Each conflict, one sentence with ids and amounts.
    public var conflicts: [String]
    /// The conflicts, one a line.
    public var description: String { conflicts.joined(separator: "\n") }
}

/// Why the programme rules cannot all hold, by index; rendered with ids only at the edge.
enum RuleConflict: Sendable, Equatable {
    /// Fixed pairs open a mentor below its minimum cohort and it has no room or candidate for more.
    case cohortUnreachable(mentor: Int32, fixed: Int, minimum: Int32)
    /// `cover_all`, but this mentee has no candidate mentor with a free slot.
    case menteeWithoutCandidate(mentee: Int32)
    /// Found by the elastic model: a region short of its quota by this many mentees.
    case quotaShort(quota: Int32, by: Double)
    /// Found by the elastic model: a mentor over its hours by this many.
    case hoursOver(mentor: Int32, by: Double)
    /// Found by the elastic model: a mentor short of its minimum cohort by this many mentees.
    case cohortShort(mentor: Int32, by: Double)
    /// Found by the elastic model: this mentee cannot be matched with the other rules.
    case coverAllBlocked(mentee: Int32)
    /// No single rule could be named (e.g. GLPK found no elastic solution in time).
    case unexplained(String)

    /// A sentence naming mentors, regions and mentees by id. `O(1)`.
    func describe(_ dataset: Dataset, _ rules: ProgrammeRules) -> String {
        switch self {
        case .cohortUnreachable(let j, let fixed, let minimum):
            return "mentor \(dataset.mentors[Int(j)].id) has \(fixed) fixed mentees, below its minimum cohort \(minimum), and no room for more"
        case .menteeWithoutCandidate(let i):
            return "mentee \(dataset.mentees[Int(i)].id) has no candidate mentor within the rules, so cover_all cannot hold"
        case .quotaShort(let q, let v):
            return "quota for region \(rules.quotas[Int(q)].region.text): short by \(formatFixed(v, 0)) matched mentees"
        case .hoursOver(let j, let v): return "hours of mentor \(dataset.mentors[Int(j)].id): over by \(formatFixed(v, 1)) h"
        case .cohortShort(let j, let v):
            return "minimum cohort of mentor \(dataset.mentors[Int(j)].id): short by \(formatFixed(v, 0)) mentees"
        case .coverAllBlocked(let i): return "cover_all: mentee \(dataset.mentees[Int(i)].id) cannot be matched with the other rules"
        case .unexplained(let why): return why
        }
    }
}

extension ProgrammeRules {
    /// Conflicts visible before any solve: a mentor held open by fixed pairs below its minimum
    /// cohort with no way to grow, fixed pairs beyond a mentor's hours, and (with `cover_all`) a free mentee with no candidate
    /// mentor that has a free slot. - Complexity: `O(n + m + pairs)`.
    func conflictsBeforeSolve(_ model: MatchingModel) -> [RuleConflict] {
        let g = model.graph
        let fixed = model.fixedPart()
        var fixedCount = [Int](repeating: 0, count: g.mentorCount)
        for p in model.fixedPairs { fixedCount[Int(g.mentor[Int(p)])] += 1 }
        var canGrow = [Bool](repeating: false, count: g.mentorCount)
        for i in fixed.freeMentees {
            for p in g.pairs(ofMentee: Int(i)) where fixed.free[Int(g.mentor[p])] > 0 { canGrow[Int(g.mentor[p])] = true }
        }
        var out: [RuleConflict] = []
        if coverAll {
            for i in 0..<g.menteeCount where fixed.assignment.pairOf[i] < 0 {
                if !g.pairs(ofMentee: i).contains(where: { fixed.free[Int(g.mentor[$0])] > 0 }) {
                    out.append(.menteeWithoutCandidate(mentee: Int32(i)))
                }
            }
        }
        for j in 0..<g.mentorCount where fixedCount[j] > 0 && fixedCount[j] < Int(minCohort[j]) && !canGrow[j] {
            out.append(.cohortUnreachable(mentor: Int32(j), fixed: fixedCount[j], minimum: minCohort[j]))
        }
        if !pairHours.isEmpty {
            var fixedHours = [Double](repeating: 0, count: g.mentorCount)
            for p in model.fixedPairs { fixedHours[Int(g.mentor[Int(p)])] += pairHours[Int(p)] }
            for j in 0..<g.mentorCount {
                if let limit = hoursLimit[j], fixedHours[j] > limit + Tolerance.hoursCheck {
                    out.append(.hoursOver(mentor: Int32(j), by: fixedHours[j] - limit))
                }
            }
        }
        return out
    }

    /// How every rule stands in an assignment: each mentor with a minimum cohort, each mentor
    /// with an hours limit, each quota, each mentee under `cover_all`; fixed pairs included.
    /// Root duals are attached where GLPK's relaxation has a row for the rule.
    /// - Complexity: `O(n + m + Σ quota sizes)`.
    func report(_ a: Assignment, model: MatchingModel, dataset: Dataset, rootDual: [RuleKey: Double] = [:]) -> [RuleReport] {
        let g = model.graph
        var load = [Int32](repeating: 0, count: g.mentorCount)
        var hours = [Double](repeating: 0, count: g.mentorCount)
        for p in a.pairOf where p >= 0 {
            let j = Int(g.mentor[Int(p)])
            load[j] += 1
            if !pairHours.isEmpty { hours[j] += pairHours[Int(p)] }
        }
        func row(_ rule: RuleKind, _ index: Int, _ subject: String, bound: Double, activity: Double, slack: Double) -> RuleReport {
            RuleReport(rule: rule, subject: subject, bound: rounded6(bound), activity: rounded6(activity), slack: rounded6(slack),
                       rootDual: rootDual[RuleKey(rule: rule, index: Int32(index))].map(rounded6))
        }
        var out: [RuleReport] = []
        for j in 0..<g.mentorCount where minCohort[j] > 0 {
            let bound = load[j] > 0 ? Double(minCohort[j]) : 0
            out.append(row(.minMentees, j, dataset.mentors[j].id, bound: bound, activity: Double(load[j]), slack: Double(load[j]) - bound))
        }
        if !pairHours.isEmpty {
            for j in 0..<g.mentorCount {
                guard let limit = hoursLimit[j] else { continue }
                out.append(row(.hours, j, dataset.mentors[j].id, bound: limit, activity: hours[j], slack: limit - hours[j]))
            }
        }
        for (k, q) in quotas.enumerated() {
            let matched = Double(q.mentees.filter { a.pairOf[Int($0)] >= 0 }.count)
            out.append(row(.quota, k, q.region.text, bound: Double(q.required), activity: matched, slack: matched - Double(q.required)))
        }
        if coverAll {
            for i in 0..<g.menteeCount {
                let matched: Double = a.pairOf[i] >= 0 ? 1 : 0
                out.append(row(.coverAll, i, dataset.mentees[i].id, bound: 1, activity: matched, slack: matched - 1))
            }
        }
        return out
    }
}
