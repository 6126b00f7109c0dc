import Foundation
import Parallel
import Tabular

/// What a report shows, by id: every mentor and mentee with its point and region, every pair
/// with its score terms, every unassigned mentee with its reason, and the run's figures. Built
/// from a ``MatchResult`` or read back from a result directory's `map.geojson` and
/// `summary.json`, so `pendamping report DIR` renders the same page later. Holds no personal
/// data beyond what `pairs.csv` holds (ids, business names, places).
public struct ReportInput: Sendable, Equatable {
    /// A mentor as the report shows it.
    public struct Mentor: Sendable, Equatable {
        /// The mentor's id.
        public var id: String
        /// The mentor's name.
        public var name: String
        /// Business, consultant, cadre or volunteer (``MentorKind`` raw value), when stated.
        public var kind: String?
        /// Where the mentor is on the map.
        public var point: GeoPoint
        /// The mentor's region code, as text.
        public var region: String
        /// Mentees the mentor can take.
        public var capacity: Int
        /// Mentees the answer gives the mentor.
        public var load: Int
        /// Where ``point`` came from.
        public var locationSource: LocationSource
        /// Expertise, as vocabulary names.
        public var expertise: [String] = []
    }
    /// A mentee as the report shows it: its pair or why it has none.
    public struct Mentee: Sendable, Equatable {
        /// The mentee's id.
        public var id: String
        /// The business's name.
        public var name: String
        /// Where the business is on the map.
        public var point: GeoPoint
        /// The business's region code, as text.
        public var region: String
        /// KBLI section letter of the first code (for filtering), e.g. `C`.
        public var section: String
        /// Where ``point`` came from.
        public var locationSource: LocationSource
        /// The pair, when matched.
        public var mentorID: String?
        /// The pair's score (0–1), when matched.
        public var score: Double?
        /// Sector, location, capacity and culture terms, when matched.
        public var terms: [Double]?
        /// Great-circle km to the mentor, when matched.
        public var distanceKm: Double?
        /// The curators' decision on the pair (``PairDecision`` raw value), when one was made.
        public var decision: String?
        /// Why unmatched, and the detail (nearest or best blocked mentor), when unmatched.
        public var reason: String?
        /// The unmatched mentee's detail: the nearest or best blocked mentor.
        public var detail: String?
        /// Needs, as vocabulary names (the report shows which the mentor covers).
        public var needs: [String] = []
        /// Whether the mentee's pair meets online.
        public var online = false
    }
    /// New mentors a what-if scenario places: scenario, region, point and how many.
    public struct Placement: Sendable, Equatable {
        /// A placement from its parts.
        package init(scenario: String, region: String, point: GeoPoint, count: Int) {
            self.scenario = scenario; self.region = region; self.point = point; self.count = count
        }
        /// The scenario's name.
        public var scenario: String
        /// The region code the new mentors are placed in.
        public var region: String
        /// Where they are drawn.
        public var point: GeoPoint
        /// How many mentors are placed there.
        public var count: Int
    }
    /// Every mentor, in id order.
    public var mentors: [Mentor]
    /// Every mentee, in id order.
    public var mentees: [Mentee]
    /// A what-if's placements of new mentors (empty for a match).
    public var placements: [Placement] = []
    /// Solver status and objective as in `summary.json`.
    public var status: String
    /// The objective in score points.
    public var objective: Double
    /// Blocking pairs of the solution (``Fairness``), when known.
    public var blockingPairs: Int?
    /// With an objective other than total score: the comparison with the score optimum.
    public var comparison: ObjectiveComparison?

    /// What the report of `r` shows.
    /// - Complexity: `O(n + m)`, the mentees made on every core.
    public init(_ r: MatchResult) {
        let d = r.dataset
        mentors = d.mentors.enumerated().map { j, m in
            Mentor(id: m.id, name: m.name, kind: m.kind?.rawValue, point: m.location, region: m.region.text, capacity: m.capacity,
                   load: Int(r.load[j]), locationSource: m.locationSource, expertise: m.expertise.skills.map(\.rawValue))
        }
        let all = d.mentees
        var list = concurrentArray(all.count) { i in
            Mentee(id: all[i].id, name: all[i].name, point: all[i].location, region: all[i].region.text,
                   section: all[i].kbli.first.map { String($0.sectionLetter) } ?? "",
                   locationSource: all[i].locationSource, needs: all[i].needs.skills.map(\.rawValue))
        }
        // With co-mentoring a beginner shows its best-scoring mentor (the first of its pairs);
        // pairs.csv lists them all.
        for p in r.pairs where list[Int(p.mentee)].mentorID == nil {
            let b = p.breakdown
            list[Int(p.mentee)].mentorID = p.mentorID
            list[Int(p.mentee)].score = rounded6(p.scoreValue)
            list[Int(p.mentee)].terms = [b.sector, b.location, b.capacity, b.culture].map(rounded6)
            list[Int(p.mentee)].distanceKm = rounded6(b.distanceKm)
            list[Int(p.mentee)].decision = p.decision?.rawValue
            list[Int(p.mentee)].online = p.online
        }
        for u in r.unassigned {
            list[Int(u.mentee)].reason = u.reason.rawValue
            list[Int(u.mentee)].detail = u.detail
        }
        mentees = list
        status = r.outcome.status.rawValue
        objective = rounded6(r.objectiveScore)
        blockingPairs = r.fairnessFigures.blocking.count
        comparison = r.objectiveComparison
    }

    /// A report's input from its parts (e.g. read back from a result directory).
    public init(mentors: [Mentor], mentees: [Mentee], status: String, objective: Double) {
        self.mentors = mentors; self.mentees = mentees; self.status = status; self.objective = objective
    }

    /// Matched mentees over all mentees (0 when there are none).
    public var coverage: Double { mentees.isEmpty ? 0 : Double(mentees.filter { $0.mentorID != nil }.count) / Double(mentees.count) }
}
