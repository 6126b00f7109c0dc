import Foundation
import Tabular

/// How the worst-off fare and whether a mentor and a beginner would both rather be together:
/// the worst matched score, the 10th percentile, coverage per kabupaten/kota and its spread,
/// and the blocking pairs of the solution.
///
/// Preferences are the ``PreferenceKeys`` orders: stated ranks first, then the score order (a
/// beginner prefers the mentor it scores higher with, a mentor the beginner that scores higher
/// with it); candidate pairs are the acceptable ones. A pair (i, j) blocks when i is unmatched
/// or prefers j to its mentor, and j has a free slot or prefers i to its least preferred
/// mentee (as in hospital–residents matching: a free slot prefers any acceptable beginner).
/// Locked and accepted pairs are decided: their beginners block nothing and cannot be
/// displaced, so a mentor's least preferred mentee is taken among its other mentees.
/// - Complexity: `O(n + m + pairs)`, plus sorting the matched scores.
public struct Fairness: Sendable, Equatable {
    /// A pair that would both rather be together than with what they got.
    public struct BlockingPair: Sendable, Equatable {
        /// The mentee's id.
        public var menteeID: String
        /// The mentor's id.
        public var mentorID: String
        /// The pair's score, in score units.
        public var score: Int64
        /// The mentee's current pair score (nil when unmatched).
        public var menteeScore: Int64?
        /// The mentor's weakest mentee score (nil when it has a free slot).
        public var mentorWorst: Int64?
    }
    /// The lowest matched score (nil without pairs).
    public var worstScore: Int64?
    /// The matched score below which a tenth of the matched scores lie (nearest rank).
    public var percentile10: Int64?
    /// Lowest and highest coverage over kabupaten/kota with mentees.
    public var coverageMin: Double
    /// The highest coverage of a kabupaten/kota with mentees.
    public var coverageMax: Double
    /// The blocking pairs, by mentee id.
    public var blocking: [BlockingPair]

    /// The figures of `r`. - Complexity: as the type's.
    public init(_ r: MatchResult) {
        let scores = r.pairs.map(\.score).sorted()   // every pair's score (co-mentoring: all mentors)
        worstScore = scores.first
        percentile10 = scores.isEmpty ? nil : scores[max(0, Int((Double(scores.count) * 0.1).rounded(.up)) - 1)]
        var by: [UInt64: (n: Int, matched: Int)] = [:]
        var matched = [Bool](repeating: false, count: r.dataset.mentees.count)
        for p in r.pairs { matched[Int(p.mentee)] = true }   // a beginner with any mentor
        let mentees = r.dataset.mentees
        for i in mentees.indices {
            let k = mentees[i].region.prefixKey(2)
            by[k, default: (0, 0)].n += 1
            if matched[i] { by[k, default: (0, 0)].matched += 1 }
        }
        let shares = by.values.map { Double($0.matched) / Double($0.n) }
        coverageMin = rounded6(shares.min() ?? 0); coverageMax = rounded6(shares.max() ?? 0)
        blocking = Self.blockingPairs(r)
    }

    /// The blocking pairs, in mentee then preference order. `O(pairs·log ranks)`.
    static func blockingPairs(_ r: MatchResult) -> [BlockingPair] {
        // With co-mentoring a beginner holds several mentors; the one-mentor definition does not apply.
        guard r.profile.mentorsPerMentee == 1 else { return [] }
        let g = r.graph, d = r.dataset
        let keys = PreferenceKeys(graph: g, ranks: r.scoring.ranks)
        var own = [Int](repeating: -1, count: g.menteeCount), decided = [Bool](repeating: false, count: g.menteeCount)
        var worst = [Int](repeating: -1, count: g.mentorCount)
        for p in r.pairs {
            let i = Int(p.mentee), j = Int(p.mentor)
            guard let q = g.pairIndex(mentee: i, mentor: j) else { continue }
            own[i] = q
            if p.decision == .accept || p.decision == .lock { decided[i] = true; continue }
            if worst[j] < 0 || keys.mentorPrefers(worst[j], over: q) { worst[j] = q }
        }
        var out: [BlockingPair] = []
        var found: [Int] = []
        for i in 0..<g.menteeCount where !decided[i] {
            let ownPair = own[i]
            found.removeAll(keepingCapacity: true)
            for p in g.pairs(ofMentee: i) where p != ownPair {
                guard ownPair < 0 || keys.menteePrefers(p, over: ownPair) else { continue }
                let j = Int(g.mentor[p])
                let free = Int(r.load[j]) < d.mentors[j].capacity
                guard free || (worst[j] >= 0 && keys.mentorPrefers(p, over: worst[j])) else { continue }
                found.append(p)
            }
            if found.count > 1 { found.sort { keys.menteePrefers($0, over: $1) } }
            for p in found {
                let j = Int(g.mentor[p])
                let free = Int(r.load[j]) < d.mentors[j].capacity
                out.append(BlockingPair(menteeID: d.mentees[i].id, mentorID: d.mentors[j].id, score: g.score[p],
                                        menteeScore: ownPair < 0 ? nil : g.score[ownPair],
                                        mentorWorst: free ? nil : g.score[worst[j]]))
            }
        }
        return out
    }
}

extension ResultFiles {
    /// The header of `blocking.csv`: mentee, mentor, the pair's score, the mentee's current
    /// score, the mentor's weakest mentee score (empty: a free slot).
    static var blockingHeader: Data {
        CSVTableWriter(header: ["mentee_id", "mentor_id", "score", "mentee_current_score", "mentor_weakest_score"]).data
    }

    /// The rows of `blocking.csv` for `f.blocking[range]`. - Complexity: `O(range)`.
    static func blockingRows(_ f: Fairness, _ range: Range<Int>) -> Data {
        var w = CSVTableWriter()
        for b in f.blocking[range] {
            w.text(b.menteeID); w.text(b.mentorID); w.score(b.score); w.score(b.menteeScore); w.score(b.mentorWorst)
            w.endRow()
        }
        return w.data
    }
}
