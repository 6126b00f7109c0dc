/// The stated ranks of a dataset by index: each beginner's ranking of mentors (its
/// ``Mentee/rankedMentors``, then its `mentor:ID` preferences in their order) and each mentor's
/// ranking of beginners (``Mentor/preferredMentees``). Ids that name no record are ignored
/// (the readers reject them before this).
///
/// A ranked partner's *value* is `1 − b/c`, where `c` partners are ranked and `b` of them
/// have a strictly better (smaller) rank: the first choice is worth 1, ties are worth the
/// same, and an unranked partner has no value (the score counts it as 0; preference orders
/// put it after every ranked partner).
@_spi(Stages) public struct RankTable: Sendable {
    /// Per ranker, partner indices ascending with their values (compressed rows).
    struct Rows: Sendable {
        var start: [Int32]
        var partner: [Int32]
        var value: [Double]

        /// No record ranks anyone. `O(count)`.
        init(none count: Int) {
            start = [Int32](repeating: 0, count: count + 1); partner = []; value = []
        }

        init(count: Int, lists: (Int) -> [(Int32, Int)]) {
            start = [0]; partner = []; value = []
            start.reserveCapacity(count + 1)
            for r in 0..<count {
                let stated = lists(r)
                if stated.isEmpty { start.append(Int32(partner.count)); continue }
                var list: [(Int32, Int)] = []
                var seen = Set<Int32>()
                for e in stated where seen.insert(e.0).inserted { list.append(e) }
                let c = Double(list.count)
                let ranks = list.map(\.1).sorted()
                for (p, rank) in list.sorted(by: { $0.0 < $1.0 }) {
                    var better = 0, hi = ranks.count   // first index with ranks[k] >= rank
                    while better < hi { let mid = (better + hi) / 2; if ranks[mid] < rank { better = mid + 1 } else { hi = mid } }
                    partner.append(p); value.append(1 - Double(better) / c)
                }
                start.append(Int32(partner.count))
            }
        }

        func has(_ r: Int) -> Bool { start[r + 1] > start[r] }

        /// Binary search in ranker `r`'s row. `O(log c)`.
        func value(_ r: Int, _ p: Int) -> Double? {
            var lo = Int(start[r]), hi = Int(start[r + 1])
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(partner[mid]) < p { lo = mid + 1 } else { hi = mid }
            }
            return lo < Int(start[r + 1]) && Int(partner[lo]) == p ? value[lo] : nil
        }
    }

    let byMentee: Rows
    let byMentor: Rows
    /// Whether anyone stated a rank.
    public let isActive: Bool

    /// - Complexity: `O(n + m + ranks·log ranks)`.
    public init(_ d: Dataset) {
        // The id indexes are built only when some record states ranks (most lists state none).
        let menteesRank = d.mentees.contains { e in !e.rankedMentors.isEmpty || e.preferences.contains { if case .mentor = $0 { true } else { false } } }
        let mentorsRank = d.mentors.contains { !$0.preferredMentees.isEmpty }
        let mentorIndex = menteesRank ? d.mentorIndex() : [:], menteeIndex = mentorsRank ? d.menteeIndex() : [:]
        byMentee = !menteesRank ? Rows(none: d.mentees.count) : Rows(count: d.mentees.count) { i in
            let e = d.mentees[i]
            var out = e.rankedMentors.compactMap { c in mentorIndex[c.id].map { ($0, c.rank) } }
            let base = e.rankedMentors.map(\.rank).max() ?? 0
            var k = 0
            for case .mentor(let id) in e.preferences {
                k += 1
                if let j = mentorIndex[id] { out.append((j, base + k)) }
            }
            return out
        }
        byMentor = !mentorsRank ? Rows(none: d.mentors.count) : Rows(count: d.mentors.count) { j in
            d.mentors[j].preferredMentees.compactMap { c in menteeIndex[c.id].map { ($0, c.rank) } }
        }
        isActive = !byMentee.partner.isEmpty || !byMentor.partner.isEmpty
    }

    /// Whether beginner `i` ranked any mentor. `O(1)`.
    public func menteeRanks(_ i: Int) -> Bool { byMentee.has(i) }
    /// Whether mentor `j` chose any beginner. `O(1)`.
    public func mentorRanks(_ j: Int) -> Bool { byMentor.has(j) }
    /// The value of mentor `j` in beginner `i`'s ranking, nil when unranked. `O(log ranks)`.
    public func menteeValue(mentee i: Int, mentor j: Int) -> Double? { byMentee.value(i, j) }
    /// The value of beginner `i` in mentor `j`'s ranking, nil when unranked. `O(log ranks)`.
    public func mentorValue(mentor j: Int, mentee i: Int) -> Double? { byMentor.value(j, i) }

    /// Every ranked pair (mentee, mentor), from either side, ascending. `O(ranks·log ranks)`.
    public func rankedPairs() -> [(mentee: Int32, mentor: Int32)] {
        var out: [(Int32, Int32)] = []
        for i in 0..<(byMentee.start.count - 1) {
            for k in Int(byMentee.start[i])..<Int(byMentee.start[i + 1]) { out.append((Int32(i), byMentee.partner[k])) }
        }
        for j in 0..<(byMentor.start.count - 1) {
            for k in Int(byMentor.start[j])..<Int(byMentor.start[j + 1]) { out.append((byMentor.partner[k], Int32(j))) }
        }
        out.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var unique: [(mentee: Int32, mentor: Int32)] = []
        for p in out where unique.last.map({ $0.mentee != p.0 || $0.mentor != p.1 }) ?? true { unique.append((p.0, p.1)) }
        return unique
    }
}
