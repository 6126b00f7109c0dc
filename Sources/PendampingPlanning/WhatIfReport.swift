@_spi(Stages) import Pendamping
import Foundation
import Tabular

/// Everything a what-if run produced, and its files and console table: the comparison of the
/// base and each scenario, coverage by region, the recruitment placements, the ranked slot
/// gains by mentor and by region, and the coverage curve.
public struct WhatIfReport: Sendable {
    /// The base and each scenario's figures.
    public var rows: [WhatIfRunner.Row]
    /// Each mentor's exact gain of one more slot, best first, with its region.
    public var mentorGains: [(id: String, region: String, gain: Int64)]
    /// The best slot gain in each region and the mentor giving it, best first.
    public var regionGains: [(region: String, mentor: String, gain: Int64)]
    /// Coverage as capacity is scaled.
    public var curve: [CoverageCurve.Point]
    /// The base match (for the report's map and cohorts).
    public var base: MatchResult?
    /// Recruitment goals answered (targets, budgets), in the order asked, with their rows'
    /// names; the rows themselves follow the scenarios' in ``rows``.
    public var plans: [(row: String, plan: RecruitmentTarget.Plan, template: MentorKind)] = []
    /// The overall coverage target asked for, drawn on the curve (curve.svg and the report).
    public var target: Double? {
        for p in plans { if case .coverage(let x) = p.plan.goal { return x } }
        return nil
    }

    /// Runs the base, every scenario, every recruitment goal with `template`, and the curve's
    /// capacity factors. - Complexity: one match per scenario, goal and curve factor, and one
    /// recruitment MIP per goal.
    public static func run(_ runner: WhatIfRunner, scenarios: [Scenario], curveFactors: [Double],
                           goals: [RecruitmentTarget.Goal] = [], template: Scenario.NewMentors? = nil) throws -> WhatIfReport {
        let (base, scenarioRows) = try runner.run(scenarios)
        var rows = scenarioRows
        var plans: [(row: String, plan: RecruitmentTarget.Plan, template: MentorKind)] = []
        if let template {
            for goal in goals {
                let (plan, row) = try runner.runGoal(goal, template: template, baseResult: base)
                rows.append(row)
                plans.append((row.name, plan, template.kind))
            }
        }
        let (mentorGains, regionGains) = WhatIfRunner.marginal(base)
        let points = try CoverageCurve.sweep(runner.base, profile: runner.profile, factors: curveFactors, stop: runner.stop)
        var report = WhatIfReport(rows: rows, mentorGains: mentorGains, regionGains: regionGains, curve: points, base: base)
        report.plans = plans
        return report
    }

    /// The names of the files ``files()`` renders.
    public static let fileNames = ["comparison.csv", "regions.csv", "placements.csv", "marginal.csv",
                                   "marginal-regions.csv", "curve.csv", "curve.svg", "map.geojson", "report.html"]

    /// `map.geojson` and `report.html` of the base match with the scenarios' comparison, the
    /// coverage curve, the placements on the map and the marginal-value ranking.
    /// - Complexity: `O(n + m + rows)`.
    public func reportFiles(language: Language = .id) throws -> [(name: String, data: Data)] {
        guard let base else { return [] }
        var input = ReportInput(base)
        input.placements = rows.flatMap { r in r.placements.map { ReportInput.Placement(scenario: r.name, region: $0.region.text, point: $0.point, count: $0.count) } }
        let words = language.words
        let header = (language == .id ? ["Skenario", "Pendamping"] : ["Scenario", "Mentors"])
            + ["capacity", "matched", "coverage", "meanScore", "capacityUse"].map { words[$0] ?? $0 }
        func fixed(_ x: Double, _ digits: Int) -> String { formatFixed(x, digits, language) }
        let table = rows.map { r in [r.name, String(r.mentors), String(r.capacity), String(r.matched), fixed(r.coverage * 100, 1) + " %",
                                     fixed(r.meanScore, 4), fixed(r.utilisation * 100, 1) + " %"] }
        let section = HTMLReport.WhatIfSection(header: header, rows: table, curve: curve.map { ($0.capacity, $0.coverage) },
                                               currentCapacity: rows.first?.capacity, target: target,
                                               ranking: mentorGains.map { ($0.id, Double($0.gain) / ScoringModel.integerScale) })
        return [("map.geojson", try GeoJSON.encode(input, regionNames: .bundled)),
                ("report.html", try HTMLReport.render(input, language: language, subtitle: ResultFiles.subtitle(input, language), whatIf: section))]
    }

    /// The output files, by name. - Complexity: `O(rows × regions + mentors)`.
    public func files() -> [(name: String, data: Data)] {
        var comparison = CSVTableWriter(header: ["scenario", "mentors", "capacity", "matched", "coverage", "mean_score", "utilisation", "unassigned_by_reason",
                                                 "cost", "cost_per_matched"])
        for r in rows {
            comparison.appendRow([.text(r.name), .number(String(r.mentors)), .number(String(r.capacity)), .number(String(r.matched)),
                                  .number(formatFixed(r.coverage, 4)), .number(formatFixed(r.meanScore, 4)), .number(formatFixed(r.utilisation, 4)),
                                  .text(r.unassignedByReason.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "|")),
                                  .number(formatFixed(r.cost, 0)), .number(formatFixed(r.costPerMatched, 0))])
        }
        var targets = CSVTableWriter(header: ["scenario", "goal", "new_mentors", "kind", "needed", "newly_matched_in_model", "reachable", "status",
                                              "coverage_reached", "cost"])
        for p in plans {
            let goal: String
            switch p.plan.goal {
            case .coverage(let x): goal = "coverage>=\(formatFixed(x, 4))"
            case .perKabupaten(let x): goal = "per_kabupaten>=\(formatFixed(x, 4))"
            case .budget(let x): goal = "budget<=\(formatFixed(x, 0))"
            }
            let reached = rows.first { $0.name == p.row }?.coverage ?? 0
            targets.appendRow([.text(p.row), .text(goal), .number(String(p.plan.count)), .text(p.template.rawValue), .number(String(p.plan.needed)),
                               .number(String(p.plan.newlyMatched)), .number(String(p.plan.reachable)), .text(p.plan.status.rawValue),
                               .number(formatFixed(reached, 4)), .number(formatFixed(p.plan.cost, 0))])
        }
        var byRegion = CSVTableWriter(header: ["region", "mentees"] + rows.map { "coverage:" + $0.name })
        for code in Set(rows.flatMap { $0.byRegion.keys }).sorted() {
            byRegion.appendRow([.text(code), .number(String(rows[0].byRegion[code]?.mentees ?? 0))]
                               + rows.map { r in .number(formatFixed(r.byRegion[code].map { Double($0.matched) / Double(max(1, $0.mentees)) } ?? 0, 4)) })
        }
        var placements = CSVTableWriter(header: ["scenario", "region", "lat", "lon", "new_mentors"])
        for r in rows {
            for p in r.placements {
                placements.appendRow([.text(r.name), .text(p.region.text), .number(formatFixed(p.point.lat, 5)),
                                      .number(formatFixed(p.point.lon, 5)), .number(String(p.count))])
            }
        }
        var marginal = CSVTableWriter(header: ["mentor_id", "region", "slot_gain"])
        for m in mentorGains { marginal.appendRow([.text(m.id), .text(m.region), .number(formatScore(m.gain))]) }
        var marginalRegions = CSVTableWriter(header: ["region", "best_mentor", "slot_gain"])
        for m in regionGains { marginalRegions.appendRow([.text(m.region), .text(m.mentor), .number(formatScore(m.gain))]) }
        // The y axis runs to a round number just above the highest coverage, not always to 100 %.
        let top = max(curve.map { $0.coverage * 100 }.max() ?? 0, (target ?? 0) * 100)
        let svg = SVGChart.line(title: "Coverage as mentor capacity grows", xLabel: "total mentor capacity (slots)",
                                yLabel: "mentees matched (%)", points: curve.map { (Double($0.capacity), $0.coverage * 100) },
                                yRange: 0...SVGChart.roundUp(top), target: target.map { ($0 * 100, "target \(formatFixed($0 * 100, 1)) %") })
        return [("comparison.csv", comparison.text), ("regions.csv", byRegion.text), ("placements.csv", placements.text),
                ("marginal.csv", marginal.text), ("marginal-regions.csv", marginalRegions.text),
                ("curve.csv", CoverageCurve.csv(curve)), ("curve.svg", svg)].map { ($0.0, Data($0.1.utf8)) }
            + (plans.isEmpty ? [] : [("targets.csv", Data(targets.text.utf8))])
    }

    /// The console table and its sentences (placements, goals, where a slot is worth most), in
    /// `language`; the last line names the files written to `outDir` (left out when it is
    /// empty). - Complexity: `O(rows + placements)`.
    public func text(outDir: String, language: Language = .en) -> String {
        let en = language == .en, words = language.words
        func w(_ english: String, _ indonesian: String) -> String { en ? english : indonesian }
        func fixed(_ x: Double, _ digits: Int) -> String { formatFixed(x, digits, language) }
        func rupiah(_ x: Double) -> String {
            let s = formatFixed(x, 0)
            return en ? s : String(s.reversed().enumerated().map { $0.offset > 0 && $0.offset % 3 == 0 ? ".\($0.element)" : "\($0.element)" }.joined().reversed())
        }
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        let nameWidth = max(10, rows.map(\.name.count).max() ?? 0) + 2
        var lines = [pad(w("scenario", "skenario"), nameWidth)
                     + w("mentors  capacity  matched   coverage  mean score  utilisation  unassigned by reason",
                         "pendamp. kapasitas pasangan  cakupan   skor rata2  terpakai     tanpa pendamping menurut alasan")]
        for r in rows {
            lines.append(pad(r.name, nameWidth) + pad(String(r.mentors), 9) + pad(String(r.capacity), 10) + pad(String(r.matched), 10)
                         + pad(fixed(r.coverage * 100, 1) + " %", 10) + pad(fixed(r.meanScore, 4), 12)
                         + pad(fixed(r.utilisation * 100, 1) + " %", 13)
                         + r.unassignedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \(en ? $0.key : words[$0.key] ?? $0.key)" }.joined(separator: ", "))
        }
        if rows.contains(where: { $0.cost > 0 }) {
            lines.append(w("\ncost over one mentoring span (profile costs): ", "\nbiaya satu masa pendampingan (biaya di profil): ")
                         + rows.map { "\($0.name) Rp \(rupiah($0.cost)) (Rp \(rupiah($0.costPerMatched)) \(w("per matched UMKM", "per UMKM berpasangan")))" }.joined(separator: "; "))
        }
        for r in rows where !r.placements.isEmpty {
            var perKabupaten: [String: Int] = [:]
            for p in r.placements { perKabupaten[p.region.prefix(2)?.text ?? p.region.text, default: 0] += p.count }
            let first = r.placements[0]
            let gap = first.relativeGap.map { fixed($0 * 100, 2) + " %" } ?? w("unknown", "tidak diketahui")
            let proof = first.status == .optimal ? w("proven optimal", "terbukti optimal")
                : (first.status == .stopped ? w("stopped", "dihentikan") : w("time limit", "batas waktu")) + w(", proven gap ", ", selisih terbukti ") + gap
            lines.append(w("\nbest placement for \(r.name) (\(proof); per kabupaten/kota, per kecamatan in placements.csv): ",
                           "\npenempatan terbaik untuk \(r.name) (\(proof); per kabupaten/kota, per kecamatan di placements.csv): ")
                         + perKabupaten.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        for p in plans {
            guard let r = rows.first(where: { $0.name == p.row }) else { continue }
            var perKabupaten: [String: Int] = [:]
            for x in p.plan.placements { perKabupaten[x.region.prefix(2)?.text ?? x.region.text, default: 0] += x.count }
            let places = perKabupaten.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let optimal = p.plan.status == .optimal
            let proof = optimal ? w("proven smallest by GLPK's branch and cut", "terbukti terkecil oleh branch and cut GLPK")
                : w("GLPK status \(p.plan.status.rawValue), not proven", "status GLPK \(p.plan.status.rawValue), belum terbukti")
            switch p.plan.goal {
            case .budget(let money):
                lines.append(en
                    ? "\nRp \(rupiah(money)) buys \(p.plan.count) \(p.template.rawValue) mentors (Rp \(rupiah(p.plan.cost))): \(places.isEmpty ? "none" : places); "
                        + "coverage reached \(fixed(r.coverage * 100, 1)) %, Rp \(rupiah(r.costPerMatched)) per matched UMKM"
                        + (optimal ? " (the most the budget can cover in the model, proven by GLPK)" : " (GLPK status \(p.plan.status.rawValue))")
                    : "\nRp \(rupiah(money)) cukup untuk \(p.plan.count) pendamping \(p.template.rawValue) (Rp \(rupiah(p.plan.cost))): \(places.isEmpty ? "tidak ada" : places); "
                        + "cakupan tercapai \(fixed(r.coverage * 100, 1)) %, Rp \(rupiah(r.costPerMatched)) per UMKM berpasangan"
                        + (optimal ? " (cakupan terbesar yang terjangkau anggaran dalam model, terbukti oleh GLPK)" : " (status GLPK \(p.plan.status.rawValue))"))
            default:
                lines.append(en
                    ? "\n\(p.plan.count) \(p.template.rawValue) mentors: \(places.isEmpty ? "none needed" : places); coverage reached \(fixed(r.coverage * 100, 1)) % "
                        + "(\(p.plan.needed) more beginners needed, \(p.plan.newlyMatched) in the model; \(proof))"
                    : "\n\(p.plan.count) pendamping \(p.template.rawValue): \(places.isEmpty ? "tidak perlu tambahan" : places); cakupan tercapai \(fixed(r.coverage * 100, 1)) % "
                        + "(perlu \(p.plan.needed) UMKM lagi, \(p.plan.newlyMatched) dalam model; \(proof))")
            }
        }
        if !regionGains.isEmpty {
            lines.append(w("\nwhere one more slot is worth most (kabupaten/kota: best mentor, gain in total score):",
                           "\ndi mana satu slot tambahan paling bernilai (kabupaten/kota: pendamping terbaik, tambahan skor total):"))
            for g in regionGains.prefix(5) { lines.append("  \(g.region): \(g.mentor) +\(decimalSign(formatScore(g.gain), language))") }
        }
        if !outDir.isEmpty { lines.append("\nwritten \(outDir)/{\(Self.fileNames.joined(separator: ", "))}") }
        return lines.joined(separator: "\n")
    }
}
