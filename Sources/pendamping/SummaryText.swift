import Pendamping
import Tabular

/// The human summary printed by `match`: counts, status, coverage and per-mentor load, by id.
enum SummaryText {
    static func render(_ r: MatchResult, outDir: String) -> String {
        let n = r.dataset.mentees.count
        var lines: [String] = []
        lines.append("Pendamping match: \(n) mentees, \(r.dataset.mentors.count) mentors, \(r.decisionCount) decisions")
        lines.append("  candidates  \(r.graph.pairCount) pairs (k = \(r.profile.k)) in \(r.componentCount) component(s)")
        let solve = "  solve       \(r.outcome.status.rawValue) by \(r.outcome.engine.rawValue); objective \(formatFixed(r.objectiveScore, 6))"
        lines.append(solve + (r.pairs.isEmpty ? "" : ", mean score \(formatFixed(r.meanScore, 4))"))
        for s in r.outcome.stages {
            let bound = s.bound.map { ", bound \(formatFixed($0 / ScoringModel.integerScale, 6))" } ?? ""
            let objective = s.objective.map { ", objective \(ScoreUnits($0))" } ?? ""
            lines.append("    stage     \(s.name.rawValue): \(s.engine.rawValue) \(s.status.rawValue)\(objective)\(bound)"
                         + (s.note.map { " (\($0))" } ?? ""))
        }
        if let bound = r.outcome.bound, r.outcome.status != .optimal, r.matchedCount > 0 {
            lines.append("  bound       \(formatFixed(bound / ScoringModel.integerScale, 6)), gap \(formatFixed((r.outcome.relativeGap ?? 0) * 100, 3)) %")
        }
        for rule in r.rules { lines.append("  rule        \(rule)") }
        if let c = r.objectiveComparison {
            func units(_ v: Int64?) -> String { v.map { formatFixed(ScoreUnits($0).score, 4) } ?? "-" }
            lines.append("  objective   \(c.objective.rawValue): total \(units(c.total)), \(c.matched) matched, worst pair \(units(c.worst))")
            lines.append("  vs score    optimum \(units(c.optimumTotal)), \(c.optimumMatched) matched, worst pair \(units(c.optimumWorst)); "
                         + "price \(formatFixed(c.price * 100, 2)) % of the optimal total")
        }
        if r.profile.mentorsPerMentee > 1 {
            lines.append("  co-mentoring up to \(r.profile.mentorsPerMentee) mentors per beginner: \(r.pairs.count) pairs for \(r.matchedCount) beginners (roles in pairs.csv)")
        } else {
            lines.append("  stability   \(r.fairnessFigures.blocking.count) blocking pair(s) (blocking.csv)")
        }
        lines.append("  matched     \(r.matchedCount) of \(n) (\(formatFixed(r.coverage * 100, 1)) %)")
        let reasons = r.unassignedByReason
        lines.append("  unassigned  \(r.unassigned.count)" + (reasons.isEmpty ? "" : ": " + reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")))
        let shown = r.dataset.mentors.indices.prefix(20)
        let idWidth = max(8, shown.map { r.dataset.mentors[$0].id.count }.max() ?? 0)
        lines.append("  mentor" + String(repeating: " ", count: idWidth - 4) + "load/capacity")
        for j in shown {
            let m = r.dataset.mentors[j]
            lines.append("    " + m.id + String(repeating: " ", count: idWidth - m.id.count + 2) + "\(r.load[j])/\(m.capacity)")
        }
        if r.dataset.mentors.count > shown.count { lines.append("    … \(r.dataset.mentors.count - shown.count) more in mentors.csv") }
        let workbook = r.pairs.count <= PairsWorkbook.largestWritten ? " pairs.xlsx," : ""
        lines.append("  written     \(outDir)/{report.html, map.geojson, pairs.csv,\(workbook) unassigned.csv, mentors.csv, alternates.csv, blocking.csv, summary.json, timings.json" + (r.rules.isEmpty ? "}" : ", rules.csv}"))
        return lines.joined(separator: "\n")
    }
}
