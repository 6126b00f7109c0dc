import Foundation
import Tabular

/// What a report shows, by id: every mentor and mentee with its point and region, every pair
/// with its score terms, every unassigned mentee with its reason, and the run's figures. Built
/// from a ``MatchResult`` or read back from a result directory's `map.geojson` and
/// `summary.json`, so `pendamping report DIR` renders the same page later. Holds no personal
/// data beyond what `pairs.csv` holds (ids, business names, places).
public struct ReportInput: Sendable, Equatable {
    public struct Mentor: Sendable, Equatable {
        public var id: String
        public var name: String
        public var kind: String?
        public var point: GeoPoint
        public var region: String
        public var capacity: Int
        public var load: Int
        public var locationSource: LocationSource
        /// Expertise, as vocabulary names.
        public var expertise: [String] = []
    }
    public struct Mentee: Sendable, Equatable {
        public var id: String
        public var name: String
        public var point: GeoPoint
        public var region: String
        /// KBLI section letter of the first code (for filtering), e.g. `C`.
        public var section: String
        public var locationSource: LocationSource
        /// The pair, when matched.
        public var mentorID: String?
        public var score: Double?
        /// Sector, location, capacity and culture terms, when matched.
        public var terms: [Double]?
        public var distanceKm: Double?
        public var decision: String?
        /// Why unmatched, and the detail (nearest or best blocked mentor), when unmatched.
        public var reason: String?
        public var detail: String?
        /// Needs, as vocabulary names (the report shows which the mentor covers).
        public var needs: [String] = []
        /// Whether the mentee's pair meets online.
        public var online = false
    }
    /// New mentors a what-if scenario places: scenario, region, point and how many.
    public struct Placement: Sendable, Equatable {
        public var scenario: String
        public var region: String
        public var point: GeoPoint
        public var count: Int
    }
    public var mentors: [Mentor]
    public var mentees: [Mentee]
    public var placements: [Placement] = []
    /// Solver status and objective as in `summary.json`.
    public var status: String
    public var objective: Double
    /// Blocking pairs of the solution (``Fairness``), when known.
    public var blockingPairs: Int?
    /// With an objective other than total score: the comparison with the score optimum.
    public var comparison: ObjectiveComparison?

    /// - Complexity: `O(n + m)`.
    public init(_ r: MatchResult) {
        let d = r.dataset
        mentors = d.mentors.enumerated().map { j, m in
            Mentor(id: m.id, name: m.name, kind: m.kind?.rawValue, point: m.location, region: m.region.text, capacity: m.capacity,
                   load: Int(r.load[j]), locationSource: m.locationSource, expertise: m.expertise.skills.map(\.rawValue))
        }
        var list = d.mentees.map { e in
            Mentee(id: e.id, name: e.name, point: e.location, region: e.region.text, section: e.kbli.first.map { String($0.sectionLetter) } ?? "",
                   locationSource: e.locationSource, needs: e.needs.skills.map(\.rawValue))
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

    public init(mentors: [Mentor], mentees: [Mentee], status: String, objective: Double) {
        self.mentors = mentors; self.mentees = mentees; self.status = status; self.objective = objective
    }

    /// Matched mentees over all mentees (0 when there are none).
    public var coverage: Double { mentees.isEmpty ? 0 : Double(mentees.filter { $0.mentorID != nil }.count) / Double(mentees.count) }
}
