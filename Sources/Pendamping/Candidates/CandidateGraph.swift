import Dispatch
import Foundation

/// The sparse bipartite graph of allowed mentee–mentor pairs, top `k` per mentee, stored as
/// compressed sparse rows: pairs of mentee `i` are `offsets[i]..<offsets[i+1]`, ordered by
/// score (descending), then mentor index (ascending, which is id order). Scores are integers
/// (``ScoringModel/integerScale`` per unit).
public struct CandidateGraph: Sendable {
    /// Mentees, by dataset index.
    public let menteeCount: Int
    /// Mentors, by dataset index.
    public let mentorCount: Int
    /// Where each mentee's pairs start: `menteeCount + 1` entries.
    public let offsets: [Int32]
    /// The mentor of each pair.
    public let mentor: [Int32]
    /// The score of each pair, in score units (``ScoringModel/integerScale`` per 1).
    public let score: [Int64]
    /// Per mentee: km to the nearest mentor when no pair was allowed (for the reason given), else nil.
    public let nearestWhenNone: [Double?]

    /// Candidate pairs.
    public var pairCount: Int { mentor.count }

    /// Pair indices of mentee `i`. `O(1)`.
    @inlinable public func pairs(ofMentee i: Int) -> Range<Int> { Int(offsets[i])..<Int(offsets[i + 1]) }

    /// The mentee of each pair. `O(pairs)`.
    public func pairMentees() -> [Int32] {
        var out = [Int32](repeating: 0, count: pairCount)
        for i in 0..<menteeCount { for p in pairs(ofMentee: i) { out[p] = Int32(i) } }
        return out
    }

    /// Pair indices of each mentor, ascending. `O(pairs)`.
    func pairsByMentor() -> [[Int]] {
        var out = [[Int]](repeating: [], count: mentorCount)
        for p in 0..<pairCount { out[Int(mentor[p])].append(p) }
        return out
    }

    /// Index of the pair (i, j), if present. `O(k)`.
    public func pairIndex(mentee i: Int, mentor j: Int) -> Int? {
        pairs(ofMentee: i).first { mentor[$0] == Int32(j) }
    }

    /// A graph from its arrays (the builder's output, or a test's).
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
/// The searches go by shared KBLI depth, deepest first. For a mentee with one code, level `L`
/// (5-digit code down to the section, then 0 for everyone) searches a grid of the mentors that
/// share exactly `L` levels with it: those with a code of its `L`-level prefix but none of its
/// `L+1`-level prefix (all of the prefix at the code's own last level). A mentor met there has
/// a sector term of exactly `L/5`, and every mentor not met yet has at most that (deeper ones
/// were met or proven unable to reach the k-th best), so the bound shrinks with each level and
/// most mentees stop after the mentors that share their code or division. Each mentor is in one
/// grid of a mentee's path, so none is walked over twice. Where a mentee's codes share a prefix
/// but part below it, that level searches the whole prefix (mentors met deeper are skipped).
///
/// - Complexity: `O(m·g + n·(k + mentors in the rings visited))`, in parallel over mentees, with
///   `g` the number of step grids a mentor falls in: at each level, its own prefix's grid
///   once for every other next-level prefix that some mentee's code continues with (a few
///   for the generated provinces; memory grows with it).
@_spi(Stages) public struct CandidateBuilder: Sendable {
    public let scoring: ScoringModel
    /// Candidates kept per mentee (the profile's `k`).
    public let k: Int
    /// The grids of the search steps that have mentors: each a KBLI prefix (1 to 5 levels,
    /// packed as ``ScoringFeatures/prefix(_:level:)``; 0 for all mentors) without the mentors
    /// of one longer prefix (0 for none).
    let grids: [GridRows]
    /// The search paths: mentees with the same codes share one. Path `p`'s steps are
    /// `pathStart[p]..<pathStart[p + 1]`, deepest first, each with its level and its grid
    /// (an index into ``grids``; -1 for a step without mentors). Found once here, so a search
    /// neither hashes its steps nor lists them again.
    let pathStart: [Int32]
    let stepLevel: [Int8]
    let stepGrid: [Int32]
    /// Each mentee's path.
    let menteePath: [Int32]
    /// All mentors, for the nearest one when a mentee has no candidate.
    let everyone: SpatialGrid
    let mentorPoints: [GeoPoint]
    let menteePoints: [GeoPoint]

    /// A search step: the mentors of `prefix` that have no code of `without`.
    struct Step: Hashable, Sendable {
        var prefix: UInt64
        var without: UInt64
    }

    /// A builder over `scoring`, keeping the profile's `k` per mentee.
    public init(scoring: ScoringModel) {
        self.scoring = scoring
        self.k = scoring.profile.k
        let points = scoring.mentors.map(\.location)
        mentorPoints = points
        menteePoints = scoring.mentees.map(\.location)
        let rows = scoring.mentorFeatures.rows
        // Mentors by prefix, in index order, each once.
        var byPrefix: [UInt64: [Int32]] = [0: (0..<Int32(points.count)).map { $0 }]
        for j in scoring.mentors.indices {
            for code in scoring.mentorCodes(j) where ScoringFeatures.levels(code) >= 1 {
                for level in 1...ScoringFeatures.levels(code) {
                    let key = ScoringFeatures.prefix(code, level: level)
                    if byPrefix[key]?.last != Int32(j) { byPrefix[key, default: []].append(Int32(j)) }
                }
            }
        }
        // Mentees by code list; each distinct list's steps, once.
        var pathOf: [ArraySlice<UInt64>: Int32] = [:]
        var paths: [[(level: Int, step: Step)]] = []
        var menteePath = [Int32](repeating: 0, count: scoring.mentees.count)
        for i in scoring.mentees.indices {
            let codes = scoring.menteeCodes(i)
            if let p = pathOf[codes] { menteePath[i] = p; continue }
            var path: [(level: Int, step: Step)] = []
            Self.forEachStep(codes) { level, step in path.append((level, step)) }
            pathOf[codes] = Int32(paths.count); menteePath[i] = Int32(paths.count)
            paths.append(path)
        }
        var gridOf: [Step: Int32] = [:]
        var grids: [GridRows] = []
        // Steps in order of first use, so that grid numbers do not depend on hashing.
        for step in paths.joined().map(\.step) where gridOf[step] == nil {
            gridOf[step] = -1
            guard let all = byPrefix[step.prefix] else { continue }
            var members = all
            if step.without != 0, let drop = byPrefix[step.without] {
                // Both lists ascend: a merge difference.
                var q = 0
                members = all.filter { j in
                    while q < drop.count, drop[q] < j { q += 1 }
                    return q == drop.count || drop[q] != j
                }
            }
            if !members.isEmpty {
                gridOf[step] = Int32(grids.count)
                grids.append(GridRows(SpatialGrid(points: points, subset: members), rows: rows))
            }
        }
        var start: [Int32] = [0], levels: [Int8] = [], gridIndex: [Int32] = []
        for path in paths {
            for (level, step) in path { levels.append(Int8(level)); gridIndex.append(gridOf[step] ?? -1) }
            start.append(Int32(levels.count))
        }
        self.grids = grids
        pathStart = start; stepLevel = levels; stepGrid = gridIndex
        self.menteePath = menteePath
        everyone = gridOf[Step(prefix: 0, without: 0)].flatMap { $0 >= 0 ? grids[Int($0)].grid : nil } ?? SpatialGrid(points: points)
    }

    /// Calls `visit(level, step)` for the steps of a mentee with these packed codes, deepest
    /// level first, ending with level 0 (all mentors but those of its section, or all when
    /// its codes are in several sections or it has none). `O(levels · codes²)`.
    static func forEachStep(_ codes: ArraySlice<UInt64>, _ visit: (Int, Step) -> Void) {
        /// The one prefix one level longer than `key` among the codes that have `key`, or 0
        /// when one of them ends at `key` or they part below it.
        func next(_ key: UInt64, _ level: Int) -> UInt64 {
            var found: UInt64?
            for code in codes where level == 0 || (ScoringFeatures.levels(code) >= level && ScoringFeatures.prefix(code, level: level) == key) {
                let longer = ScoringFeatures.levels(code) > level ? ScoringFeatures.prefix(code, level: level + 1) : 0
                found = found == nil || found == longer ? longer : 0
            }
            return found ?? 0
        }
        let deepest = codes.map(ScoringFeatures.levels).max() ?? 0
        var done: [UInt64] = []
        for level in stride(from: deepest, through: 1, by: -1) {
            done.removeAll(keepingCapacity: true)
            for code in codes where ScoringFeatures.levels(code) >= level {
                let key = ScoringFeatures.prefix(code, level: level)
                guard !done.contains(key) else { continue }
                done.append(key)
                visit(level, Step(prefix: key, without: next(key, level)))
            }
        }
        visit(0, Step(prefix: 0, without: next(0, 0)))
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
        let order = searchOrder()
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            // One copy of the builder per chunk: the closure's captures are copied out (every
            // array retained) at each use, which per mentee cost more than some searches.
            let builder = self
            let part = parts[c]
            var search = Search(k: builder.k, mentors: builder.mentorPoints.count)
            for position in (c * chunk)..<min(n, (c + 1) * chunk) {
                let i = Int(order[position])
                search.start(mentee: i)
                builder.search(mentee: i, rejected: rejected.isEmpty ? [] : rejected[Int32(i)] ?? [], into: &search)
                if !fixed.isEmpty, let always = fixed[Int32(i)] {
                    for j in always where !search.top.items.contains(where: { $0.mentor == j }) {
                        let factor = builder.scoring.isOnline(mentee: i, mentor: Int(j)) ? builder.scoring.profile.online.scoreFactor : 1
                        let s = ScoringModel.integer(builder.scoring.breakdown(mentee: i, mentor: Int(j)).total * factor)
                        search.top.items.append((max(1, s), j))
                    }
                    search.top.items.sort(by: TopK.better)
                }
                let items = search.top.items
                part.counts.append(Int32(items.count))
                for item in items { part.mentor.append(item.mentor); part.score.append(item.score) }
                part.nearest.append(items.isEmpty ? builder.everyone.nearest(to: builder.menteePoints[i], points: builder.mentorPoints)?.km : nil)
            }
        }
        // Back from search order to mentee order.
        var offsets = [Int32](repeating: 0, count: n + 1)
        var nearest = [Double?](repeating: nil, count: n)
        var position = 0
        for part in parts {
            for (cnt, near) in zip(part.counts, part.nearest) {
                let i = Int(order[position])
                offsets[i + 1] = cnt; nearest[i] = near
                position += 1
            }
        }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var mentor = [Int32](repeating: 0, count: Int(offsets[n])), score = [Int64](repeating: 0, count: Int(offsets[n]))
        position = 0
        for part in parts {
            var from = 0
            for cnt in part.counts {
                let to = Int(offsets[Int(order[position])])
                for q in 0..<Int(cnt) { mentor[to + q] = part.mentor[from + q]; score[to + q] = part.score[from + q] }
                from += Int(cnt); position += 1
            }
        }
        return CandidateGraph(menteeCount: n, mentorCount: scoring.mentors.count, offsets: offsets,
                              mentor: mentor, score: score, nearestWhenNone: nearest)
    }

    /// The order in which mentees are searched: by first KBLI code, then along a Z-order curve
    /// over their points, so that consecutive searches walk the same grids near the same
    /// place and find those mentors' rows still in the cache. Results do not depend on it.
    /// `O(n log n)`.
    func searchOrder() -> [Int32] {
        let rows = scoring.menteeFeatures.rows
        guard !rows.isEmpty else { return [] }
        let lats = menteePoints.map(\.lat), lons = menteePoints.map(\.lon)
        let lat0 = lats.min()!, lon0 = lons.min()!
        let latStep = max(lats.max()! - lat0, 1e-9) / 4095, lonStep = max(lons.max()! - lon0, 1e-9) / 4095
        /// Interleaves the low 12 bits of x and y.
        func zOrder(_ x: UInt64, _ y: UInt64) -> UInt64 {
            var z: UInt64 = 0
            for b in 0..<12 { z |= ((x >> UInt64(b)) & 1) << UInt64(2 * b) | ((y >> UInt64(b)) & 1) << UInt64(2 * b + 1) }
            return z
        }
        var keyed = menteePoints.indices.map { i -> (UInt64, Int32) in
            let p = menteePoints[i]
            let x = UInt64(min(4095, max(0, (p.lat - lat0) / latStep))), y = UInt64(min(4095, max(0, (p.lon - lon0) / lonStep)))
            return ((rows[i].firstKBLI & 0xFF_FFFF_FFFF) << 24 | zOrder(x, y), Int32(i))
        }
        keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return keyed.map(\.1)
    }

    /// One thread's search state: the top k so far and which mentors the current mentee has
    /// already been scored against (a mentor sits in several grids). `O(m)` memory.
    struct Search {
        var top: TopK
        var seenBy: [Int32]
        var mentee: Int32 = -1
        /// The k-th best score the bound below was computed for, and that bound
        /// (``ScoringModel/sumBound(below:)``).
        var boundFor: Int64 = .min
        var sumBelow = 0.0
        /// The k-th best score and the step's level the chord limits below were computed for
        /// (``ScoringModel/chordLimits(sumBelow:sector:capacityAtMost:)``), and those limits.
        var limitsFor: (score: Int64, level: Int) = (.min, -1)
        var chordLimit: (none: Double, kabupaten: Double, kecamatan: Double) = (.infinity, .infinity, .infinity)
        init(k: Int, mentors: Int) { top = TopK(k: k); seenBy = [Int32](repeating: -1, count: mentors) }
        mutating func start(mentee i: Int) { top.reset(); mentee = Int32(i); limitsFor = (.min, -1) }
        /// Marks mentor `j` seen; false when it already was. `O(1)`.
        @inline(__always) mutating func firstVisit(_ j: Int) -> Bool {
            if seenBy[j] == mentee { return false }
            seenBy[j] = mentee
            return true
        }
    }

    /// Mentee `i`'s top k, exactly: ring searches on the steps of its codes, deepest level
    /// first (``forEachStep(_:_:)``). A level whose best possible score cannot reach the k-th
    /// best ends the search.
    func search(mentee i: Int, rejected: [Int32], into state: inout Search) {
        guard !mentorPoints.isEmpty else { return }
        let p = Int(menteePath[i])
        let once = scoring.menteeFeatures.rows[i].kbliCount == 1
        for s in Int(pathStart[p])..<Int(pathStart[p + 1]) {
            let level = Int(stepLevel[s])
            if state.top.isFull, scoring.upperBound(atLeastKm: 0, sectorAtMost: ScoringModel.sectorTerm(level)) <= state.top.worstScore { return }
            let g = Int(stepGrid[s])
            if g >= 0 { ringSearch(i, grids[g], rejected: rejected, level: level, once: once, into: &state) }
        }
    }

    /// Ring search over one grid of the step at `level`, scoring the mentors not met before.
    /// Stops when no unvisited mentor (with sector term ≤ `level`/5) can reach the k-th best
    /// score.
    ///
    /// Each mentor is scored with depth `level`, not its own shared depth: it is in the step,
    /// so it shares at least `level` levels; one that shares more with some code of the
    /// mentee was met at that deeper level, or was left there unvisited because no mentor
    /// left could reach the k-th best score then (or lay beyond `max_km` with no online
    /// pairs possible), and then scores below the k-th best now whatever depth it is
    /// given, so no top k changes — and the mentor's codes are not read at all.
    ///
    /// With `once`, no mentor of the grid was met in an earlier step (a mentee with one code:
    /// its steps split the mentors by shared depth), so the visit marks are not kept.
    func ringSearch(_ i: Int, _ cells: GridRows, rejected: [Int32], level: Int, once: Bool, into state: inout Search) {
        let sectorAtMost = ScoringModel.sectorTerm(level)
        let g = cells.grid
        let p = menteePoints[i]
        let m = scoring.menteeTerms(i)
        let center = g.cellIndex(p)
        let maxKm = scoring.profile.rules.maxKm
        var r = 0
        // Every mentor of ring r is at least as far as the bound left after ring r − 1: this is
        // the distance part of the location term there.
        var near = scoring.distancePart(0)
        while true {
            g.forEachCellInRing(center, r) { range in
                for k in range {
                    let j = Int(g.items[k])
                    guard once || state.firstVisit(j) else { continue }
                    if !rejected.isEmpty, rejected.contains(Int32(j)) { continue }
                    let b = cells.rows[k]
                    // A mentor that ties the k-th best score can still win on its lower index,
                    // so only those that cannot reach that score are skipped early.
                    var reaching: (sumBelow: Double, nearAtMost: Double)?
                    if state.top.isFull {
                        if state.boundFor != state.top.worstScore {
                            state.boundFor = state.top.worstScore; state.sumBelow = scoring.sumBound(below: state.boundFor)
                        }
                        reaching = (state.sumBelow, near)
                        // The mentor's own chord, against the longest that could still reach.
                        if state.limitsFor != (state.boundFor, level) {
                            state.limitsFor = (state.boundFor, level)
                            state.chordLimit = scoring.chordLimits(sumBelow: state.sumBelow, sector: sectorAtMost, capacityAtMost: m.capacityAtMost)
                        }
                        let region = m.row.sharedRegionLevel(b)
                        let limit = region == 3 ? state.chordLimit.kecamatan : (region == 2 ? state.chordLimit.kabupaten : state.chordLimit.none)
                        if m.row.chordSquared(b) > limit { continue }
                    }
                    if let s = scoring.allowedScore(mentee: i, m, mentor: j, b, reaching: reaching, depth: level) {
                        state.top.offer(score: s, mentor: Int32(j))
                    }
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
/// search reads the mentors of a cell from consecutive memory. A class: a search takes one
/// reference to it, where a copy of a struct retained each of its arrays (measured a few
/// per cent of the candidate stage at tier XL). `O(mentors in the grid)`.
final class GridRows: Sendable {
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

    /// Takes the offer when it is among the k best: it takes the last place (a new one while
    /// fewer than k, else the worst's), then moves up past every worse item.
    mutating func offer(score: Int64, mentor: Int32) {
        let item = (score, mentor)
        if items.count >= k {
            guard Self.better(item, items[items.count - 1]) else { return }
            items[items.count - 1] = item
        } else {
            items.append(item)
        }
        var pos = items.count - 1
        while pos > 0, Self.better(item, items[pos - 1]) { items[pos] = items[pos - 1]; pos -= 1 }
        items[pos] = item
    }
}
