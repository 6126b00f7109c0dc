import Foundation
import Tabular
@_spi(Stages) import Pendamping

/// `bench --resolve`: how long the core model takes to solve again after curators reject
/// some of its pairs, kept (``KeptMatching``: the last optimal basis, the decisions as cost
/// changes) against cold (a new network and greedy start, ``NetworkMatchingSolver``, as a
/// round's solve stage does). Each count starts from the kept base optimum: that many of its
/// pairs, evenly spaced in mentee order, are rejected, both ways solved and their objectives
/// required equal, and the rejections undone; each count five times, the median
/// time reported.
enum ResolveBench {
    struct Row: Encodable {
        var decisions: Int
        var keptSeconds: Double, keptPivots: Int
        var coldSeconds: Double, coldPivots: Int
    }

    /// - Throws: ``MatchingError`` from either solve, and ``MatchingError/solverFailed(_:)`` when
    ///   the two objectives differ (a defect, never expected).
    static func run(_ matcher: Matcher, _ dataset: Dataset, counts: [Int], runs: Int = 5) throws -> [Row] {
        var untimed = StageTimings()
        let model = try matcher.prepare(dataset, timings: &untimed).model
        let kept = try KeptMatching(model: model)
        let chosen = try kept.solve().assignment.pairOf.filter { $0 >= 0 }.map(Int.init)
        var rows: [Row] = []
        for n in counts where n > 0 {
            let step = max(1, chosen.count / n)
            let picked = stride(from: 0, to: chosen.count, by: step).prefix(n).map { chosen[$0] }
            var keptTimes: [Double] = [], coldTimes: [Double] = []
            var row = Row(decisions: picked.count, keptSeconds: 0, keptPivots: 0, coldSeconds: 0, coldPivots: 0)
            for _ in 0..<runs {
                // Timed as stages are everywhere else (StageTimings: the clock, then the seconds).
                var timings = StageTimings()
                let warm = try timings.measure("kept") { () throws -> SolveOutcome in
                    for p in picked { try kept.setRule(.forbidden, pair: p) }
                    return try kept.solve()
                }
                let reduced = try kept.appliedModel()
                let cold = try timings.measure("cold") { try NetworkMatchingSolver().solve(reduced) }
                keptTimes.append(timings.stages[0].seconds)
                coldTimes.append(timings.stages[1].seconds)
                guard warm.assignment.objective == cold.assignment.objective else {
                    throw MatchingError.solverFailed("kept and cold re-solves differ after \(n) decisions")
                }
                row.keptPivots = warm.iterations; row.coldPivots = cold.iterations
                for p in picked { try kept.setRule(.open, pair: p) }
                _ = try kept.solve()
            }
            row.keptSeconds = keptTimes.sorted()[runs / 2]; row.coldSeconds = coldTimes.sorted()[runs / 2]
            rows.append(row)
        }
        return rows
    }

    static func text(_ rows: [Row]) -> String {
        var lines = ["re-solve after N rejections   kept s (pivots)       cold s (pivots)   kept/cold"]
        for r in rows {
            let count: String = String(r.decisions).leftPad(27)
            let warm: String = (formatFixed(r.keptSeconds, 4) + " (\(r.keptPivots))").leftPad(19)
            let cold: String = (formatFixed(r.coldSeconds, 4) + " (\(r.coldPivots))").leftPad(22)
            let ratio: String = formatFixed(r.keptSeconds / max(r.coldSeconds, 1e-9), 3).leftPad(12)
            lines.append(count + warm + cold + ratio)
        }
        return lines.joined(separator: "\n")
    }
}
