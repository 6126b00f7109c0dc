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
/// The corresponding GLPK routine is `glp_intopt`.
public enum Recruitment {
    public struct Placement: Sendable, Equatable {
        public var region: RegionCode
        public var point: GeoPoint
        public var count: Int
    }

    public struct Choice: Sendable {
        public var placements: [Placement]
        /// Score the chosen mentors would add, in score units, and GLPK's status and gap.
        public var gain: Double
        public var status: MatchStatus
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

    /// - Complexity: candidate search over `unmatched × locations`, then a MIP with
    ///   `locations · c · min(K, 20)` binary columns.
    public static func choose(template t: Scenario.NewMentors, count k: Int, locations: [(RegionCode, GeoPoint)],
                              unmatched: [Mentee], profile: Profile, timeLimit: Duration = .seconds(30)) throws -> Choice {
        guard k > 0, !locations.isEmpty, !unmatched.isEmpty else { return Choice(placements: [], gain: 0, status: .optimal, relativeGap: 0) }
        let (graph, mentors) = try locationGraph(template: t, locations: locations, unmatched: unmatched, profile: profile)
        // Per location, its best mentees.
        let keep = t.capacity * min(k, 20)
        var byLocation = [[(score: Int64, mentee: Int32)]](repeating: [], count: mentors.count)
        for i in 0..<graph.menteeCount {
            for q in graph.pairs(ofMentee: i) { byLocation[Int(graph.mentor[q])].append((graph.score[q], Int32(i))) }
        }
        var lm = LinearModel(sense: .maximize)
        var menteeRow: [Int32: Int32] = [:]
        let budget = lm.addRow(.fixed(Double(k)))
        var countColumn: [Int32] = []
        var columns: [(location: Int, mentee: Int32)] = []
        for (l, list) in byLocation.enumerated() {
            let chosen = list.sorted { $0.score != $1.score ? $0.score > $1.score : $0.mentee < $1.mentee }.prefix(keep)
            let n = lm.addColumn(.range(0, Double(k)), objective: 0, kind: .integer)
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
            }
        }
        let s = try GLPK.withProblem { pr in
            try pr.load(lm)
            return try pr.intopt(MIPOptions(timeLimit: timeLimit, relativeGap: 0.001, presolve: true, mirCuts: true, coverCuts: true))
        }
        guard s.hasSolution else { return Choice(placements: [], gain: 0, status: MatchStatus(s.status), relativeGap: nil) }
        var placements: [Placement] = []
        for (l, c) in countColumn.enumerated() {
            let n = Int(s.columnValues[Int(c)].rounded())
            if n > 0 { placements.append(Placement(region: locations[l].0, point: locations[l].1, count: n)) }
        }
        placements.sort { $0.region < $1.region }
        return Choice(placements: placements, gain: s.objective! / ScoringModel.integerScale, status: MatchStatus(s.status), relativeGap: s.relativeGap)
    }
}
