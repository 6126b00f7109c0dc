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
/// (and are not rejected), found by ring searches over ``SpatialGrid``s that stop once no
/// unvisited mentor can beat the k-th best; fixed (locked/accepted) pairs are always added.
///
/// The searches go by shared KBLI depth, deepest first: for each level from the 5-digit code
/// down to the section, a grid holds the mentors with a code of that prefix, so a mentor met
/// there has a sector term of at least level/5 and every mentor not yet met has at most that
/// (deeper ones were met or proven unable to reach the k-th best); then one grid of all
/// mentors, whose unmet ones are in other sections (sector 0). The bound shrinks with each
/// level, so most mentees stop after the mentors that share their code or division.
///
/// - Complexity: `O(m·levels + n·(k + mentors in the rings visited))`, in parallel over mentees.
public struct CandidateBuilder: Sendable {
    public let scoring: ScoringModel
    public let k: Int
    let grid: GridRows
    /// One grid per KBLI prefix (1 to 5 levels, packed as ``ScoringFeatures/prefix(_:level:)``)
    /// over the mentors with a code of that prefix; a mentor may be in several.
    let prefixGrids: [UInt64: GridRows]
    let mentorPoints: [GeoPoint]
    let menteePoints: [GeoPoint]

    public init(scoring: ScoringModel) {
        self.scoring = scoring
        self.k = scoring.profile.k
        let points = scoring.mentors.map(\.location)
        mentorPoints = points
        menteePoints = scoring.mentees.map(\.location)
        let rows = scoring.mentorFeatures.rows
        grid = GridRows(SpatialGrid(points: points), rows: rows)
        var byPrefix: [UInt64: [Int32]] = [:]
        for j in scoring.mentors.indices {
            for code in scoring.mentorCodes(j) where ScoringFeatures.levels(code) >= 1 {
                for level in 1...ScoringFeatures.levels(code) {
                    let key = ScoringFeatures.prefix(code, level: level)
                    if byPrefix[key]?.last != Int32(j) { byPrefix[key, default: []].append(Int32(j)) }
                }
            }
        }
        prefixGrids = byPrefix.mapValues { GridRows(SpatialGrid(points: points, subset: $0), rows: rows) }
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
            var search = Search(k: k, mentors: mentorPoints.count)
            for i in (c * chunk)..<min(n, (c + 1) * chunk) {
                search.start(mentee: i)
                self.search(mentee: i, rejected: rejected[Int32(i)] ?? [], into: &search)
                if let always = fixed[Int32(i)] {
                    for j in always where !search.top.items.contains(where: { $0.mentor == j }) {
                        let factor = scoring.isOnline(mentee: i, mentor: Int(j)) ? scoring.profile.online.scoreFactor : 1
                        let s = ScoringModel.integer(scoring.breakdown(mentee: i, mentor: Int(j)).total * factor)
                        search.top.items.append((max(1, s), j))
                    }
                    search.top.items.sort(by: TopK.better)
                }
                let items = search.top.items
                part.counts.append(Int32(items.count))
                for item in items { part.mentor.append(item.mentor); part.score.append(item.score) }
                part.nearest.append(items.isEmpty ? grid.grid.nearest(to: menteePoints[i], points: mentorPoints)?.km : nil)
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

    /// One thread's search state: the top k so far and which mentors the current mentee has
    /// already been scored against (a mentor sits in several grids). `O(m)` memory.
    struct Search {
        var top: TopK
        var seenBy: [Int32]
        var mentee: Int32 = -1
        init(k: Int, mentors: Int) { top = TopK(k: k); seenBy = [Int32](repeating: -1, count: mentors) }
        mutating func start(mentee i: Int) { top.reset(); mentee = Int32(i) }
        /// Marks mentor `j` seen; false when it already was. `O(1)`.
        @inline(__always) mutating func firstVisit(_ j: Int) -> Bool {
            if seenBy[j] == mentee { return false }
            seenBy[j] = mentee
            return true
        }
    }

    /// Mentee `i`'s top k, exactly: ring searches on the grids of its code prefixes, deepest
    /// level first (the section last), then on all mentors. A level whose best possible score
    /// cannot reach the k-th best ends the search.
    func search(mentee i: Int, rejected: [Int32], into state: inout Search) {
        guard !mentorPoints.isEmpty else { return }
        let codes = scoring.menteeCodes(i)
        let deepest = codes.map(ScoringFeatures.levels).max() ?? 0
        for level in stride(from: deepest, through: 1, by: -1) {
            let sector = Double(level) / 5
            if state.top.isFull, scoring.upperBound(atLeastKm: 0, sectorAtMost: sector) <= state.top.worstScore { return }
            var done: [UInt64] = []
            for code in codes where ScoringFeatures.levels(code) >= level {
                let key = ScoringFeatures.prefix(code, level: level)
                guard !done.contains(key) else { continue }
                done.append(key)
                if let g = prefixGrids[key] { ringSearch(i, g, rejected: rejected, sectorAtMost: sector, into: &state) }
            }
        }
        // Every mentor not met yet is in another section: its sector term is 0.
        if state.top.isFull, scoring.upperBound(atLeastKm: 0, sectorAtMost: 0) <= state.top.worstScore { return }
        ringSearch(i, grid, rejected: rejected, sectorAtMost: 0, into: &state)
    }

    /// Ring search over one grid, scoring the mentors not met before. Stops when no unvisited
    /// mentor (with sector term ≤ `sectorAtMost`) can reach the k-th best score.
    func ringSearch(_ i: Int, _ cells: GridRows, rejected: [Int32], sectorAtMost: Double, into state: inout Search) {
        let g = cells.grid
        let p = menteePoints[i]
        let a = scoring.menteeFeatures.rows[i]
        let center = g.cellIndex(p)
        let maxKm = scoring.profile.rules.maxKm
        var r = 0
        // Every mentor of ring r is at least as far as the bound left after ring r − 1: this is
        // the distance part of the location term there.
        var near = scoring.distancePart(0)
        while true {
            g.forEachItemInRing(center, r) { k in
                let j = Int(g.items[k])
                guard state.firstVisit(j) else { return }
                if !rejected.isEmpty, rejected.contains(Int32(j)) { return }
                // A mentor that ties the k-th best score can still win on its lower index,
                // so only those that cannot reach that score are skipped early.
                let reaching: (score: Int64, nearAtMost: Double)? = state.top.isFull ? (state.top.worstScore, near) : nil
                if let s = scoring.allowedScore(mentee: i, a, mentor: j, cells.rows[k], reaching: reaching) {
                    state.top.offer(score: s, mentor: Int32(j))
                }
            }
            guard let lb = g.unvisitedLowerBoundKm(from: p, center: center, ring: r) else { return }
            // Beyond max_km only online pairs remain, for mentees that may have them.
            if let maxKm, lb > maxKm, !scoring.mayGoOnline(mentee: i) { return }
            if state.top.isFull, scoring.upperBound(atLeastKm: lb, sectorAtMost: sectorAtMost) <= state.top.worstScore { return }
            r += 1
            near = scoring.distancePart(lb)
        }
    }
}

/// A grid over mentors with their scoring rows copied in the grid's item order, so that a ring
/// search reads the mentors of a cell from consecutive memory. `O(mentors in the grid)`.
struct GridRows: Sendable {
    let grid: SpatialGrid
    /// `rows[k]` is the row of mentor `grid.items[k]`.
    let rows: [ScoringRow]
    init(_ grid: SpatialGrid, rows all: [ScoringRow]) {
        self.grid = grid
        rows = grid.items.map { all[Int($0)] }
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
