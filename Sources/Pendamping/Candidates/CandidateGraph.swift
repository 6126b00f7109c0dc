import Dispatch
import Foundation

/// The sparse bipartite graph of allowed mentee–mentor pairs, top `k` per mentee, stored as
/// compressed sparse rows: pairs of mentee `i` are `offsets[i]..<offsets[i+1]`, ordered by
/// score (descending), then mentor index (ascending, which is id order). Scores are integers
/// (``ScoringModel/integerScale`` per unit).
public struct CandidateGraph: Sendable {
    public let menteeCount: Int
    public let mentorCount: Int
    public let offsets: [Int32]
    public let mentor: [Int32]
    public let score: [Int64]
    /// Per mentee: km to the nearest mentor when no pair was allowed (for the reason given), else nil.
    public let nearestWhenNone: [Double?]

    public var pairCount: Int { mentor.count }

    /// Pair indices of mentee `i`. `O(1)`.
    @inlinable public func pairs(ofMentee i: Int) -> Range<Int> { Int(offsets[i])..<Int(offsets[i + 1]) }

    /// The mentee of each pair. `O(pairs)`.
    public func pairMentees() -> [Int32] {
        var out = [Int32](repeating: 0, count: pairCount)
        for i in 0..<menteeCount { for p in pairs(ofMentee: i) { out[p] = Int32(i) } }
        return out
    }

    /// Index of the pair (i, j), if present. `O(k)`.
    public func pairIndex(mentee i: Int, mentor j: Int) -> Int? {
        pairs(ofMentee: i).first { mentor[$0] == Int32(j) }
    }

    public init(menteeCount: Int, mentorCount: Int, offsets: [Int32], mentor: [Int32], score: [Int64],
                nearestWhenNone: [Double?]) {
        self.menteeCount = menteeCount; self.mentorCount = mentorCount
        self.offsets = offsets; self.mentor = mentor; self.score = score
        self.nearestWhenNone = nearestWhenNone
    }
}

/// Builds a ``CandidateGraph``: for each mentee the `k` best mentors that pass the hard rules
/// (and are not rejected), found by ring search over a ``SpatialGrid`` that stops once no
/// unvisited mentor can beat the k-th best; fixed (locked/accepted) pairs are always added.
///
/// - Complexity: `O(m + n·(k + mentors in the rings visited))`, in parallel over mentees.
public struct CandidateBuilder: Sendable {
    public let scoring: ScoringModel
    public let k: Int
    let grid: SpatialGrid
    /// One grid per KBLI division over the mentors that know it (a mentor may be in several).
    let divisionGrids: [Int: SpatialGrid]
    /// Each mentor's KBLI divisions (1–99) as a bit set, for the second pass's overlap test.
    let mentorDivisionMask: [DivisionMask]
    let mentorPoints: [GeoPoint]

    public init(scoring: ScoringModel) {
        self.scoring = scoring
        self.k = scoring.profile.k
        let points = scoring.mentors.map(\.location)
        mentorPoints = points
        grid = SpatialGrid(points: points)
        var byDivision: [Int: [Int32]] = [:]
        for j in scoring.mentors.indices { for d in scoring.mentorDivisions(j) { byDivision[d, default: []].append(Int32(j)) } }
        divisionGrids = byDivision.mapValues { SpatialGrid(points: points, subset: $0) }
        mentorDivisionMask = scoring.mentors.indices.map { DivisionMask(scoring.mentorDivisions($0)) }
    }

    /// - Parameters:
    ///   - rejected: mentor indices never paired with a mentee, by mentee index.
    ///   - fixed: mentor indices always paired (candidates regardless of rules), by mentee index.
    public func build(rejected: [Int32: [Int32]] = [:], fixed: [Int32: [Int32]] = [:]) -> CandidateGraph {
        let n = scoring.mentees.count
        let chunk = 2048
        let chunks = (n + chunk - 1) / chunk
        final class Part: @unchecked Sendable {
            var counts: [Int32] = [], mentor: [Int32] = [], score: [Int64] = [], nearest: [Double?] = []
        }
        let parts = (0..<chunks).map { _ in Part() }
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let part = parts[c]
            var top = TopK(k: k)
            for i in (c * chunk)..<min(n, (c + 1) * chunk) {
                top.reset()
                search(mentee: i, rejected: rejected[Int32(i)] ?? [], into: &top)
                for j in fixed[Int32(i)] ?? [] where !top.items.contains(where: { $0.mentor == j }) {
                    let factor = scoring.isOnline(mentee: i, mentor: Int(j)) ? scoring.profile.online.scoreFactor : 1
                    let s = ScoringModel.integer(scoring.breakdown(mentee: i, mentor: Int(j)).total * factor)
                    top.items.append((max(1, s), j))
                }
                top.items.sort { $0.score != $1.score ? $0.score > $1.score : $0.mentor < $1.mentor }
                part.counts.append(Int32(top.items.count))
                for item in top.items { part.mentor.append(item.mentor); part.score.append(item.score) }
                part.nearest.append(top.items.isEmpty ? grid.nearest(to: scoring.mentees[i].location, points: mentorPoints)?.km : nil)
            }
        }
        var offsets = [Int32](repeating: 0, count: n + 1)
        var mentor: [Int32] = [], score: [Int64] = [], nearest: [Double?] = []
        let total = parts.reduce(0) { $0 + $1.mentor.count }
        mentor.reserveCapacity(total); score.reserveCapacity(total); nearest.reserveCapacity(n)
        var i = 0
        for part in parts {
            for cnt in part.counts { offsets[i + 1] = offsets[i] + cnt; i += 1 }
            mentor += part.mentor; score += part.score; nearest += part.nearest
        }
        return CandidateGraph(menteeCount: n, mentorCount: scoring.mentors.count, offsets: offsets,
                              mentor: mentor, score: score, nearestWhenNone: nearest)
    }

    /// Mentee `i`'s top k, exactly, in two passes. First the mentors sharing one of its KBLI
    /// divisions (the only ones whose sector term can exceed 1/5), by ring search on their
    /// division grids; then all other mentors, whose sector term is at most 1/5, which is
    /// skipped outright once even a perfect score with that sector term cannot reach the k-th best.
    func search(mentee i: Int, rejected: [Int32], into top: inout TopK) {
        guard !mentorPoints.isEmpty else { return }
        let divisions = scoring.menteeDivisions(i)
        for d in divisions {
            guard let g = divisionGrids[d] else { continue }
            ringSearch(i, g, rejected: rejected, sectorAtMost: 1, into: &top) { _ in true }
        }
        if top.isFull, scoring.upperBound(atLeastKm: 0, sectorAtMost: 0.2) <= top.worstScore { return }
        let mask = DivisionMask(divisions)
        ringSearch(i, grid, rejected: rejected, sectorAtMost: divisions.isEmpty ? 1 : 0.2, into: &top) { j in
            !mentorDivisionMask[j].overlaps(mask)
        }
    }

    /// Ring search over one grid, offering the mentors `include` accepts. Stops when no
    /// unvisited mentor (with sector term ≤ `sectorAtMost`) can reach the k-th best score.
    func ringSearch(_ i: Int, _ g: SpatialGrid, rejected: [Int32], sectorAtMost: Double, into top: inout TopK,
                    include: (Int) -> Bool) {
        let p = scoring.mentees[i].location
        let center = g.cellIndex(p)
        let maxKm = scoring.profile.rules.maxKm
        var r = 0
        while true {
            g.forEachInRing(center, r) { j in
                if !rejected.isEmpty, rejected.contains(Int32(j)) { return }
                guard include(j) else { return }
                // A mentor that ties the k-th best score can still win on its lower index,
                // so only those that cannot reach that score are skipped early.
                let reaching: Int64? = top.isFull ? top.worstScore : nil
                if let s = scoring.allowedScore(mentee: i, mentor: j, reaching: reaching, distance: { scoring.distanceKm(mentee: i, mentor: j) }) {
                    top.offer(score: s, mentor: Int32(j))
                }
            }
            guard let lb = g.unvisitedLowerBoundKm(from: p, center: center, ring: r) else { return }
            // Beyond max_km only online pairs remain, for mentees that may have them.
            if let maxKm, lb > maxKm, !scoring.mayGoOnline(mentee: i) { return }
            if top.isFull, scoring.upperBound(atLeastKm: lb, sectorAtMost: sectorAtMost) <= top.worstScore { return }
            r += 1
        }
    }
}

/// The k best (score descending, mentor ascending) offers seen so far. `O(k)` per offer.
struct TopK {
    let k: Int
    var items: [(score: Int64, mentor: Int32)] = []
    init(k: Int) { self.k = k; items.reserveCapacity(k + 1) }

    var isFull: Bool { items.count >= k }
    var worstScore: Int64 { items.last?.score ?? .min }
    mutating func reset() { items.removeAll(keepingCapacity: true) }

    @inline(__always)
    static func better(_ a: (score: Int64, mentor: Int32), _ b: (score: Int64, mentor: Int32)) -> Bool {
        a.score != b.score ? a.score > b.score : a.mentor < b.mentor
    }

    mutating func offer(score: Int64, mentor: Int32) {
        let item = (score, mentor)
        if items.count >= k, !Self.better(item, items[items.count - 1]) { return }
        var pos = items.count
        while pos > 0, Self.better(item, items[pos - 1]) { pos -= 1 }
        items.insert(item, at: pos)
        if items.count > k { items.removeLast() }
    }
}

/// A set of KBLI divisions (1–99) as two 64-bit words. `O(1)` overlap test.
struct DivisionMask: Sendable {
    var low: UInt64 = 0, high: UInt64 = 0
    init(_ divisions: [Int]) {
        for d in divisions { if d < 64 { low |= 1 << UInt64(d) } else { high |= 1 << UInt64(d - 64) } }
    }
    @inline(__always) func overlaps(_ o: DivisionMask) -> Bool { low & o.low != 0 || high & o.high != 0 }
}
