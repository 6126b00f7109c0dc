@_spi(Stages) import Pendamping
internal import GLPK

/// Where to recruit: given K new mentors of one template and candidate locations (kecamatan
/// centroids by default), choose how many to place at each location to maximise the score of
/// the mentees they would take, as a GLPK integer programme (facility-location style):
///
///     maximise   Σ s_il x_il
///     subject to Σ_l x_il ≤ 1            each currently unmatched mentee
///                Σ_i x_il ≤ c · n_l      each location, n_l new mentors of capacity c
///                Σ_l n_l = K,  x binary, n_l integer ≥ 0   (all K are placed)
///
/// Pairs come from the candidate graph of the unmatched mentees against one hypothetical
/// mentor per location (same hard rules and scoring), keeping per location the best
/// `c · min(K, 20)` mentees. Existing pairs stay as they are in this model; the scenario run
/// that follows re-matches everyone.
///
/// A greedy placement comes first (`greedy(_:count:capacity:)`: each new mentor where its
/// best `c` untaken mentees add most), so every call places all K mentors within a second or
/// so whatever the size; GLPK's branch and cut then starts from it and improves it within the
/// time limit, and the better of the two is kept. The status says what is proven: optimal,
/// or the time limit with the gap between the placement kept and GLPK's bound.
/// The corresponding GLPK routine is `glp_intopt`.
public enum Recruitment {
    /// New mentors placed in one region: where, at which point, and how many.
    public struct Placement: Sendable, Equatable {
        /// The region (a kecamatan, or the level the table knows).
        public var region: RegionCode
        /// The point the mentors are placed at (the region's centroid).
        public var point: GeoPoint
        /// How many mentors are placed there.
        public var count: Int
        /// What is proven of the placement this one belongs to: optimal, or the time limit with
        /// the relative gap to GLPK's bound (nil when GLPK found no bound).
        public var status: MatchStatus = .optimal
        /// The relative gap to GLPK's bound (0 when optimal).
        public var relativeGap: Double? = 0
    }

    /// A placement of all K new mentors, with what it gains and what is proven of it.
    public struct Choice: Sendable {
        /// The regions chosen, with their counts.
        public var placements: [Placement]
        /// Score the chosen mentors would add, in score units, and GLPK's status and gap.
        public var gain: Double
        /// Optimal, or the time limit (GLPK's status for the placement kept).
        public var status: MatchStatus
        /// The relative gap to GLPK's bound (nil without a bound).
        public var relativeGap: Double?
    }

    /// Candidate pairs of `unmatched` mentees against one mentor of template `t` at each
    /// location (same hard rules and scoring; each mentee keeps its 5 best locations), with
    /// those hypothetical mentors by location index. - Complexity: one candidate search.
    static func locationGraph(template t: Scenario.NewMentors, locations: [(RegionCode, GeoPoint)], unmatched: [Mentee],
                              profile: Profile) throws -> (CandidateGraph, [Mentor]) {
        let mentors = locations.enumerated().map { n, loc in
            Mentor(id: String(format: "L%05d", n), kbli: t.kbli, location: loc.1, region: loc.0, capacity: t.capacity,
                   hoursPerMonth: t.hoursPerMonth, expertise: t.expertise, languages: t.languages, kind: t.kind)
        }
        var p = profile
        p.k = min(5, locations.count)
        let data = Dataset(mentors: mentors, mentees: unmatched)
        return (CandidateBuilder(scoring: try ScoringModel(dataset: data, profile: p)).build(), data.mentors)
    }

    /// Places `count` mentors like `template` at the best of `locations` for the `unmatched`
    /// mentees (see the type's documentation), within `timeLimit` for GLPK.
    /// - Complexity: candidate search over `unmatched × locations`, then a MIP with
    ///   `locations · c · min(K, 20)` binary columns.
    public static func choose(template t: Scenario.NewMentors, count k: Int, locations: [(RegionCode, GeoPoint)],
                              unmatched: [Mentee], profile: Profile, timeLimit: Duration = .seconds(5)) throws -> Choice {
        guard k > 0, !locations.isEmpty, !unmatched.isEmpty else { return Choice(placements: [], gain: 0, status: .optimal, relativeGap: 0) }
        let (graph, mentors) = try locationGraph(template: t, locations: locations, unmatched: unmatched, profile: profile)
        // No location lets such a mentor take any unmatched mentee: nothing to place.
        guard graph.pairCount > 0 else { return Choice(placements: [], gain: 0, status: .infeasible, relativeGap: nil) }
        let byLocation = candidateLists(graph, locations: mentors.count, keep: t.capacity * min(k, 20))
        let start = greedy(byLocation, count: k, capacity: t.capacity)
        var lm = LinearModel(sense: .maximize)
        var menteeRow: [Int32: Int32] = [:]
        let budget = lm.addRow(.fixed(Double(k)))
        var countColumn: [Int32] = []
        var columns: [(location: Int, mentee: Int32)] = []
        var startValues: [Double] = []
        for (l, chosen) in byLocation.enumerated() {
            let n = lm.addColumn(.range(0, Double(k)), objective: 0, kind: .integer)
            startValues.append(Double(start.count[l]))
            countColumn.append(n)
            lm.set(row: budget, column: n, 1)
            let cap = lm.addRow(.upper(0))
            lm.set(row: cap, column: n, -Double(t.capacity))
            for (s, i) in chosen {
                let row: Int32
                if let r = menteeRow[i] { row = r } else { row = lm.addRow(.upper(1)); menteeRow[i] = row }
                let x = lm.addColumn(.range(0, 1), objective: Double(s), kind: .binary)
                lm.set(row: row, column: x, 1)
                lm.set(row: cap, column: x, 1)
                columns.append((l, i))
                startValues.append(start.location[i] == l ? 1 : 0)
            }
        }
        // Without presolve the start is offered to GLPK as its first incumbent (the problem
        // searched keeps the model's columns).
        let s = try GLPK.withProblem { pr in
            try pr.load(lm)
            return try pr.intopt(MIPOptions(timeLimit: timeLimit, relativeGap: 0.001, presolve: false, mirCuts: true, coverCuts: true),
                                 start: startValues)
        }
        var counts = start.count, gain = Double(start.gain)
        if s.hasSolution, let objective = s.objective, objective > gain + 0.5 {
            counts = countColumn.map { Int(s.columnValues[Int($0)].rounded()) }
            gain = objective
        }
        var placements: [Placement] = []
        for (l, n) in counts.enumerated() where n > 0 {
            placements.append(Placement(region: locations[l].0, point: locations[l].1, count: n))
        }
        placements.sort { $0.region < $1.region }
        let status: MatchStatus = s.status == .optimal ? .optimal : (s.status == .stopped ? .stopped : .timeLimit)
        // A bound that needs no search: the K·c mentees with the best scores anywhere, each
        // counted once at its best location (K mentors take at most K·c mentees).
        var bestOf: [Int32: Int64] = [:]
        for list in byLocation { for e in list { bestOf[e.mentee] = max(bestOf[e.mentee] ?? 0, e.score) } }
        let simpleBound = Double(bestOf.values.sorted(by: >).prefix(k * t.capacity).reduce(0, +))
        let bound = s.status == .optimal ? gain : min(simpleBound, s.bound ?? simpleBound)
        let gap: Double? = gain > 0 ? max(0, bound - gain) / gain : (bound > 0.5 ? nil : 0)
        for k in placements.indices { placements[k].status = status; placements[k].relativeGap = gap }
        return Choice(placements: placements, gain: gain / ScoringModel.integerScale, status: status, relativeGap: gap)
    }

    /// Per location, its best `keep` candidate mentees with their scores, best first (ties to
    /// the lower mentee). - Complexity: `O(pairs · log pairs)`.
    static func candidateLists(_ graph: CandidateGraph, locations: Int, keep: Int) -> [[(score: Int64, mentee: Int32)]] {
        var byLocation = [[(score: Int64, mentee: Int32)]](repeating: [], count: locations)
        for i in 0..<graph.menteeCount {
            for q in graph.pairs(ofMentee: i) { byLocation[Int(graph.mentor[q])].append((graph.score[q], Int32(i))) }
        }
        return byLocation.map { Array($0.sorted { $0.score != $1.score ? $0.score > $1.score : $0.mentee < $1.mentee }.prefix(keep)) }
    }

    /// A greedy placement of `count` mentors of `capacity` over locations whose candidate
    /// mentees are `lists` (best first): each mentor goes where its best `capacity` mentees not
    /// yet taken add most (ties to the lower location), and takes them. Every mentor is placed,
    /// at no gain once no mentee is left. - Complexity: `O(count · Σ list lengths)`.
    static func greedy(_ lists: [[(score: Int64, mentee: Int32)]], count: Int, capacity: Int)
        -> (count: [Int], location: [Int32: Int], gain: Int64) {
        var placed = [Int](repeating: 0, count: lists.count)
        var takenBy: [Int32: Int] = [:]
        var total: Int64 = 0
        for _ in 0..<count {
            var best = 0, bestGain: Int64 = -1, bestPicks: [Int32] = []
            for (l, list) in lists.enumerated() {
                var gain: Int64 = 0, picks: [Int32] = []
                for e in list where takenBy[e.mentee] == nil {
                    gain += e.score; picks.append(e.mentee)
                    if picks.count == capacity { break }
                }
                if gain > bestGain { best = l; bestGain = gain; bestPicks = picks }
            }
            placed[best] += 1
            total += max(0, bestGain)
            for i in bestPicks { takenBy[i] = best }
        }
        return (placed, takenBy, total)
    }
}
