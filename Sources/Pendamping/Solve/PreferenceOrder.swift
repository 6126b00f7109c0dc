/// Who prefers whom among candidate pairs, the one order that deferred acceptance and the
/// blocking-pair report share.
///
/// A beginner orders its candidate mentors by its stated rank (ranked before unranked, better
/// rank first), then by the pair's score (higher first), then by mentor index; a mentor orders
/// the beginners that have it as a candidate by its own stated rank, then score, then beginner
/// index. Only candidate pairs are acceptable: the hard rules and curator rejections have
/// removed the others. Both orders are strict (the index breaks every tie). A class, so that
/// the many comparisons of a sort or a blocking-pair scan share it instead of copying (and
/// retaining) the graph's arrays at each call.
@_spi(Stages) public final class PreferenceKeys: Sendable {
    /// The candidate pairs.
    public let graph: CandidateGraph
    /// Stated ranks on either side.
    public let ranks: RankTable
    let menteeOf: [Int32]

    /// - Complexity: `O(pairs)`.
    public init(graph: CandidateGraph, ranks: RankTable) {
        self.graph = graph; self.ranks = ranks; menteeOf = graph.pairMentees()
    }

    /// Whether the mentee of pairs `p` and `q` (the same mentee) prefers `p`. `O(log ranks)`.
    @inline(__always)
    public func menteePrefers(_ p: Int, over q: Int) -> Bool {
        if ranks.isActive {
            let i = Int(menteeOf[p])
            let a = ranks.menteeValue(mentee: i, mentor: Int(graph.mentor[p])) ?? -1
            let b = ranks.menteeValue(mentee: i, mentor: Int(graph.mentor[q])) ?? -1
            if a != b { return a > b }
        }
        if graph.score[p] != graph.score[q] { return graph.score[p] > graph.score[q] }
        return graph.mentor[p] < graph.mentor[q]
    }

    /// Whether the mentor of pairs `p` and `q` (the same mentor) prefers `p`'s beginner. `O(log ranks)`.
    @inline(__always)
    public func mentorPrefers(_ p: Int, over q: Int) -> Bool {
        if ranks.isActive {
            let j = Int(graph.mentor[p])
            let a = ranks.mentorValue(mentor: j, mentee: Int(menteeOf[p])) ?? -1
            let b = ranks.mentorValue(mentor: j, mentee: Int(menteeOf[q])) ?? -1
            if a != b { return a > b }
        }
        if graph.score[p] != graph.score[q] { return graph.score[p] > graph.score[q] }
        return menteeOf[p] < menteeOf[q]
    }
}

/// The same orders as ``PreferenceKeys``, laid out as lists for deferred acceptance: each
/// mentee's pairs and each mentor's pairs most preferred first, with every pair's position
/// in both lists (0 = first choice).
public struct PreferenceOrder: Sendable {
    /// The keys the lists were sorted by.
    @_spi(Stages) public let keys: PreferenceKeys
    var graph: CandidateGraph { keys.graph }
    /// Per mentee (the graph's offsets), its pairs most preferred first.
    let menteeList: [Int32]
    /// Per mentor, the pairs naming it, most preferred first (compressed rows).
    let mentorStart: [Int32]
    let mentorList: [Int32]
    /// Position of each pair in its mentee's list and in its mentor's list.
    let menteePosition: [Int32]
    let mentorPosition: [Int32]

    /// - Complexity: `O(pairs·log k + pairs·log(pairs per mentor))` comparisons.
    @_spi(Stages) public init(graph g: CandidateGraph, ranks: RankTable) {
        let keys = PreferenceKeys(graph: g, ranks: ranks)
        self.keys = keys
        var list = [Int32](repeating: 0, count: g.pairCount)
        var menteePosition = [Int32](repeating: 0, count: g.pairCount)
        for i in 0..<g.menteeCount {
            let range = g.pairs(ofMentee: i)
            let sorted = range.sorted { keys.menteePrefers($0, over: $1) }
            for (k, p) in sorted.enumerated() { list[range.lowerBound + k] = Int32(p); menteePosition[p] = Int32(k) }
        }
        menteeList = list
        self.menteePosition = menteePosition
        var start = [Int32](repeating: 0, count: g.mentorCount + 1)
        for p in 0..<g.pairCount { start[Int(g.mentor[p]) + 1] += 1 }
        for j in 0..<g.mentorCount { start[j + 1] += start[j] }
        var fill = start, byMentor = [Int32](repeating: 0, count: g.pairCount)
        for p in 0..<g.pairCount { let j = Int(g.mentor[p]); byMentor[Int(fill[j])] = Int32(p); fill[j] += 1 }
        var mentorPosition = [Int32](repeating: 0, count: g.pairCount)
        for j in 0..<g.mentorCount {
            let lo = Int(start[j]), hi = Int(start[j + 1])
            let sorted = byMentor[lo..<hi].sorted { keys.mentorPrefers(Int($0), over: Int($1)) }
            for (k, p) in sorted.enumerated() { byMentor[lo + k] = p; mentorPosition[Int(p)] = Int32(k) }
        }
        mentorStart = start
        mentorList = byMentor
        self.mentorPosition = mentorPosition
    }

    /// Whether the mentee of pairs `p` and `q` (the same mentee) prefers `p`. `O(1)`.
    public func menteePrefers(_ p: Int, over q: Int) -> Bool { menteePosition[p] < menteePosition[q] }
    /// Whether the mentor of pairs `p` and `q` (the same mentor) prefers `p`'s beginner. `O(1)`.
    public func mentorPrefers(_ p: Int, over q: Int) -> Bool { mentorPosition[p] < mentorPosition[q] }
    /// Mentee `i`'s pairs, most preferred first. `O(1)`.
    func menteeChoices(_ i: Int) -> ArraySlice<Int32> { menteeList[graph.pairs(ofMentee: i)] }
    /// The pairs naming mentor `j`, most preferred first. `O(1)`.
    func mentorChoices(_ j: Int) -> ArraySlice<Int32> { mentorList[Int(mentorStart[j])..<Int(mentorStart[j + 1])] }
}
