import Foundation
import Tabular

/// For each mentee, its next best candidate mentors besides the one it got (up to
/// ``perMentee``), each with its score and why the solution did not choose it, so curators
/// can swap with confidence (`alternates.csv`).
///
/// Reasons: `full` (the mentor's slots all went to mentees; with its weakest mentee's score
/// and by how much moving this mentee there and leaving that one out would lower the total), `lower_score` (the mentor
/// has room, but the chosen mentor scores higher for this mentee), `rules` (the programme
/// rules decided, e.g. a minimum cohort or hours), `rejected` (a curator rejected the pair),
/// `preferred_other` (stable objectives: the beginner prefers its mentor), `roles_filled`
/// (co-mentoring), `not_solved` (no solution). Candidates are those `match` scored (hard rules
/// applied) and the curator-rejected mentors that pass the hard rules, merged by score.
/// - Complexity: `O(pairs)`.
public struct Alternate: Sendable, Equatable {
    /// Why the mentor is not the pair: full, scoring lower, a programme rule, or not solved.
    public enum Reason: String, Sendable {
        /// The mentor is full with better pairs; it scores lower than the pair given; a programme rule keeps them apart; or the solve did not prove the optimum.
        case full, lowerScore = "lower_score", rules, notSolved = "not_solved"
        /// A curator rejected the pair.
        case rejected
        /// Stable objectives: the beginner prefers the mentor it got (stated rank, then score).
        case preferredOther = "preferred_other"
        /// Co-mentoring: the mentor has room, but the beginner's roles are filled by better pairs.
        case rolesFilled = "roles_filled"
    }
    /// The mentee's id.
    public var menteeID: String
    /// 1 for the best alternative.
    public var rank: Int
    /// The alternative mentor's id.
    public var mentorID: String
    /// The mentor's index in the dataset.
    var mentor: Int32 = -1
    /// The pair's score, in score units.
    public var score: Int64
    /// Why it is not the chosen pair.
    public var reason: Reason
    /// For `full`: the score with it of the mentor's weakest mentee (by objective weight).
    public var weakestScore: Int64?
    /// For `full`: the change in the objective (scores × priorities) of moving this mentee
    /// there and leaving the weakest one out, ≤ 0 in an optimum without curator locks, rules
    /// or a round's stability bonus. For `lower_score`: this pair's weight less the chosen
    /// pair's (≤ 0 likewise).
    public var change: Int64?

    /// Alternatives listed per mentee.
    public static let perMentee = 3

    /// The alternatives of every mentee, in mentee order then rank. - Complexity: `O(pairs + rejections)`.
    public static func compute(_ r: MatchResult) -> [Alternate] {
        var out: [Alternate] = []
        out.reserveCapacity(r.graph.menteeCount * perMentee)
        Context(r).forEach(mentees: 0..<r.graph.menteeCount) { out.append($0) }
        return out
    }

    /// What every mentee's alternatives are measured against, computed once from the
    /// solution: each mentor's weakest pair, each mentee's own mentors and best pair weight.
    /// `O(n + m + pairs)` to build; then any ranges of mentees, on any threads.
    struct Context: Sendable {
        let r: MatchResult
        let solved: Bool
        /// By mentor: the smallest objective weight among its pairs (`.max` for none) and that pair's score.
        let weakest: [Int64], weakestScore: [Int64]
        /// By mentee: its chosen mentors are `mine[mineStart[i]..<mineStart[i+1]]`; `own` is its best pair's weight.
        let mineStart: [Int32], mine: [Int32]
        let own: [Int64]

        init(_ r: MatchResult) {
            self.r = r
            let g = r.graph
            solved = r.outcome.status == .optimal || r.outcome.status == .feasible
            var weakest = [Int64](repeating: .max, count: g.mentorCount), weakestScore = [Int64](repeating: 0, count: g.mentorCount)
            var own = [Int64](repeating: 0, count: g.menteeCount)
            var start = [Int32](repeating: 0, count: g.menteeCount + 1)
            for p in r.pairs { start[Int(p.mentee) + 1] += 1 }
            for i in 0..<g.menteeCount { start[i + 1] += start[i] }
            var fill = start, mine = [Int32](repeating: 0, count: r.pairs.count)
            for p in r.pairs {
                let i = Int(p.mentee), j = Int(p.mentor), w = Self.weight(r, p.score, i)
                mine[Int(fill[i])] = p.mentor; fill[i] += 1
                own[i] = max(own[i], w)
                if w < weakest[j] { weakest[j] = w; weakestScore[j] = p.score }
            }
            self.weakest = weakest; self.weakestScore = weakestScore; self.own = own
            self.mineStart = start; self.mine = mine
        }

        /// The objective weighs a pair by score × the mentee's priority (as MatchingModel does). `O(1)`.
        static func weight(_ r: MatchResult, _ score: Int64, _ i: Int) -> Int64 {
            let priority = r.dataset.mentees[i].priority
            return priority == 1 ? score : max(1, Int64((Double(score) * priority).rounded()))
        }

        /// Calls `body` with each alternative of the mentees in `range`, in mentee order then
        /// rank, without keeping them (a province's list is written as it is found).
        /// - Complexity: `O(pairs and rejections of the mentees in range)`.
        func forEach(mentees range: Range<Int>, _ body: (Alternate) -> Void) {
            let g = r.graph, d = r.dataset
            let stable = r.outcome.engine == .deferredAcceptance, co = r.profile.mentorsPerMentee > 1
            var merged: [(mentor: Int, score: Int64, rejected: Bool)] = []
            for i in range {
                let chosen = mine[Int(mineStart[i])..<Int(mineStart[i + 1])]
                var rank = 0
                /// Reports candidate `j` scoring `s`; false once the mentee has its alternatives.
                func offer(_ j: Int, _ s: Int64, rejected isRejected: Bool) -> Bool {
                    guard rank < perMentee else { return false }
                    rank += 1
                    var a = Alternate(menteeID: d.mentees[i].id, rank: rank, mentorID: d.mentors[j].id, mentor: Int32(j), score: s, reason: .notSolved)
                    if isRejected {
                        a.reason = .rejected
                    } else if !solved {
                        a.reason = .notSolved
                    } else if Int(r.load[j]) >= d.mentors[j].capacity, weakest[j] != .max {
                        a.reason = .full; a.weakestScore = weakestScore[j]; a.change = Self.weight(r, s, i) - weakest[j] - own[i]
                    } else if !r.rules.isEmpty {
                        a.reason = .rules
                    } else if stable && !chosen.isEmpty {
                        a.reason = .preferredOther
                    } else if co && !chosen.isEmpty {
                        a.reason = .rolesFilled
                    } else {
                        a.reason = .lowerScore; a.change = Self.weight(r, s, i) - own[i]
                    }
                    body(a)
                    return true
                }
                // Candidates not chosen, already by score (then mentor index); rejected
                // mentors that pass the hard rules are merged in.
                let pairs = g.pairs(ofMentee: i).lazy.filter { !chosen.contains(g.mentor[$0]) }
                guard let rejected = r.rejected[Int32(i)] else {
                    for q in pairs where !offer(Int(g.mentor[q]), g.score[q], rejected: false) { break }
                    continue
                }
                merged.removeAll(keepingCapacity: true)
                for q in pairs { merged.append((Int(g.mentor[q]), g.score[q], false)) }
                for j in rejected {
                    guard let s = r.scoring.allowedScore(mentee: i, mentor: Int(j), distanceKm: r.scoring.distanceKm(mentee: i, mentor: Int(j))) else { continue }
                    merged.append((Int(j), s, true))
                }
                merged.sort { $0.score != $1.score ? $0.score > $1.score : $0.mentor < $1.mentor }
                for m in merged where !offer(m.mentor, m.score, rejected: m.rejected) { break }
            }
        }
    }
}

extension ResultFiles {
    /// `alternates.csv`: mentee, rank, mentor, score, reason, the full mentor's load and
    /// weakest score, and the change in total score (see ``Alternate/change``).
    /// - Complexity: `O(pairs)`.
    static var alternatesHeader: Data {
        CSVTableWriter(header: ["mentee_id", "rank", "mentor_id", "score", "reason", "mentor_load", "weakest_score", "total_change"]).data
    }

    /// The rows of `alternates.csv` for the mentees in `range`. - Complexity: `O(pairs in range)`.
    static func alternatesRows(_ context: Alternate.Context, mentees range: Range<Int>) -> Data {
        let r = context.r
        var w = CSVTableWriter()
        context.forEach(mentees: range) { a in
            let j = Int(a.mentor)
            w.text(a.menteeID); w.integer(a.rank); w.text(a.mentorID); w.score(a.score); w.text(a.reason.rawValue)
            w.load(Int(r.load[j]), of: r.dataset.mentors[j].capacity); w.score(a.weakestScore); w.score(a.change)
            w.endRow()
        }
        return w.data
    }
}
