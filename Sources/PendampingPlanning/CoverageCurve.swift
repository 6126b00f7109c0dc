@_spi(Stages) import Pendamping
import Tabular
/// Coverage as total mentor capacity is scaled: one exact network solve per point on the same
/// candidate graph (capacities change, pairs do not).
public enum CoverageCurve {
    /// One point of the curve.
    public struct Point: Sendable, Equatable {
        /// The factor every capacity was multiplied by.
        public var factor: Double
        /// The total capacity at that factor.
        public var capacity: Int
        /// Mentees matched.
        public var matched: Int
        /// `matched` over all mentees.
        public var coverage: Double
        /// Mean score of the matched pairs.
        public var meanScore: Double
    }

    /// Coverage of `dataset` with every capacity multiplied by each of `factors` (rounded),
    /// on the candidate graph of `profile`; `stop` ends it early with `MatchingError.stopped`.
    /// - Complexity: one network simplex solve per factor.
    public static func sweep(_ dataset: Dataset, profile: Profile, factors: [Double], stop: SolveStop? = nil) throws -> [Point] {
        var timings = StageTimings()
        let prepared = try Matcher(profile: profile).prepare(dataset, timings: &timings)
        let g = prepared.graph
        return try factors.map { f in
            let capacity = dataset.mentors.map { Int32((Double($0.capacity) * f).rounded()) }
            let model = try MatchingModel(graph: g, capacity: capacity, priority: dataset.mentees.map(\.priority))
            var solver = NetworkMatchingSolver()
            solver.stop = stop
            let a = try solver.solve(model).assignment
            let chosen = a.pairOf.filter { $0 >= 0 }
            let scoreSum = chosen.reduce(Int64(0)) { $0 + g.score[Int($1)] }
            return Point(factor: f, capacity: capacity.reduce(0) { $0 + Int($1) }, matched: chosen.count,
                         coverage: dataset.mentees.isEmpty ? 0 : Double(chosen.count) / Double(dataset.mentees.count),
                         meanScore: chosen.isEmpty ? 0 : Double(scoreSum) / ScoringModel.integerScale / Double(chosen.count))
        }
    }

    /// The curve as CSV (`capacity_factor, capacity, matched, coverage, mean_score`).
    public static func csv(_ points: [Point]) -> String {
        var w = CSVTableWriter(header: ["capacity_factor", "capacity", "matched", "coverage", "mean_score"])
        for p in points {
            w.appendRow([.number(formatFixed(p.factor, 2)), .number(String(p.capacity)), .number(String(p.matched)),
                         .number(formatFixed(p.coverage, 4)), .number(formatFixed(p.meanScore, 4))])
        }
        return w.text
    }
}
