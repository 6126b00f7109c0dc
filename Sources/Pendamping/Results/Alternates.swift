/// For each mentee, its next best candidate mentors besides the one it got (up to
/// ``perMentee``), each with its score and why the solution did not choose it, so curators
/// can swap with confidence (`alternates.csv`).
///
/// Reasons: `full` (the mentor's slots all went to mentees; the detail gives its weakest
/// mentee's score with it beside this pair's, and by how much moving this mentee there and
/// leaving that one out would lower the total), `lower_score` (the mentor
/// has room, but the chosen mentor scores higher for this mentee), `rules` (the programme
/// rules decided, e.g. a minimum cohort or hours), `not_solved` (no solution).
/// Candidates are those `match` scored (hard rules and curator rejections already applied).
/// - Complexity: `O(pairs)`.
public struct Alternate: Sendable, Equatable {
    public enum Reason: String, Sendable { case full, lowerScore = "lower_score", rules, notSolved = "not_solved" }
    public var menteeID: String
    /// 1 for the best alternative.
    public var rank: Int
    public var mentorID: String
    public var score: Int64
    public var reason: Reason
    public var detail: String

    /// Alternatives listed per mentee.
    public static let perMentee = 3

    /// The alternatives of every mentee, in mentee order then rank. - Complexity: `O(pairs)`.
    public static func compute(_ r: MatchResult) -> [Alternate] {
        let g = r.graph, d = r.dataset
        let solved = r.outcome.status == .optimal || r.outcome.status == .feasible
        // Each mentor's weakest mentee score (among its pairs).
        var weakest = [Int64?](repeating: nil, count: g.mentorCount)
        var pairOf = [Int](repeating: -1, count: g.menteeCount)
        for p in r.pairs {
            pairOf[Int(p.mentee)] = Int(p.mentor)
            weakest[Int(p.mentor)] = min(weakest[Int(p.mentor)] ?? .max, p.score)
        }
        let scoreOfMentee = Dictionary(uniqueKeysWithValues: r.pairs.map { ($0.mentee, $0.score) })
        var out: [Alternate] = []
        for i in 0..<g.menteeCount {
            var rank = 0
            for p in g.pairs(ofMentee: i) where Int(g.mentor[p]) != pairOf[i] {
                guard rank < perMentee else { break }
                rank += 1
                let j = Int(g.mentor[p]), s = g.score[p]
                let reason: Reason, detail: String
                if !solved {
                    reason = .notSolved; detail = "the solver ended \(r.outcome.status.rawValue)"
                } else if Int(r.load[j]) >= d.mentors[j].capacity, let w = weakest[j] {
                    reason = .full
                    // Moving this mentee there and leaving the weakest one out changes the total by
                    // s − w − (this mentee's own pair): never positive in an optimum without
                    // priorities, locks or rules.
                    let own = scoreOfMentee[Int32(i)] ?? 0
                    let change = s - w - own
                    detail = "full (\(r.load[j])/\(d.mentors[j].capacity)); its weakest mentee scores \(formatScore(w)) with it, this pair \(formatScore(s))"
                        + (change <= 0 ? "; moving this mentee there and leaving that one out would lower the total score by \(formatScore(-change))"
                                       : "; mentee priorities, curator locks or rules keep that pair")
                } else if !r.rules.isEmpty {
                    reason = .rules; detail = "the programme rules (\(r.rules.first ?? "")) decided"
                } else {
                    reason = .lowerScore
                    let chosen = scoreOfMentee[Int32(i)] ?? 0
                    detail = "has room; the chosen mentor scores \(formatScore(chosen)) for this mentee, \(formatScore(chosen - s)) more"
                }
                out.append(Alternate(menteeID: d.mentees[i].id, rank: rank, mentorID: d.mentors[j].id, score: s, reason: reason, detail: detail))
            }
        }
        return out
    }
}

extension ResultFiles {
    /// `alternates.csv`: mentee, rank, mentor, score, reason, detail. - Complexity: `O(pairs)`.
    static func alternatesCSV(_ r: MatchResult) -> String {
        var w = CSVTableWriter(header: ["mentee_id", "rank", "mentor_id", "score", "reason", "detail"])
        for a in Alternate.compute(r) {
            w.appendRow([.text(a.menteeID), .number(String(a.rank)), .text(a.mentorID), .number(formatScore(a.score)),
                         .text(a.reason.rawValue), .text(a.detail)])
        }
        return w.text
    }
}
