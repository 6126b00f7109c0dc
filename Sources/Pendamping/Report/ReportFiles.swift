import Foundation
import Parallel
import Tabular

extension ResultFiles {
    /// `map.geojson` and `report.html` of a match result, rendered on two cores.
    /// - Complexity: `O(n + m)`.
    public static func reportFiles(_ r: MatchResult, language: Language = .id, round: HTMLReport.RoundChanges? = nil,
                                   whatIf: HTMLReport.WhatIfSection? = nil) throws -> [(name: String, data: Data)] {
        let input = ReportInput(r)
        let _ = RegionDirectory.bundled   // loaded once, before the two renderings share it
        let data = try concurrentMap(2) { k -> Data in
            k == 0 ? try GeoJSON.encode(input, regionNames: .bundled)
                   : try HTMLReport.render(input, language: language, subtitle: subtitle(input, language), round: round, whatIf: whatIf)
        }
        let workbook = try PairsWorkbook.render(r, language: language).map { [("pairs.xlsx", $0)] } ?? []
        return [("map.geojson", data[0]), ("report.html", data[1])] + workbook
    }

    /// "57 UMKM · 4 pendamping · optimal". `O(1)`.
    static func subtitle(_ input: ReportInput, _ language: Language) -> String {
        language == .id ? "\(input.mentees.count) UMKM · \(input.mentors.count) pendamping · \(input.status)"
                        : "\(input.mentees.count) mentees · \(input.mentors.count) mentors · \(input.status)"
    }

    /// Renders `report.html` again for an existing result directory (from its `map.geojson`
    /// and `summary.json`), e.g. in another language, and replaces the directory atomically
    /// with the same files plus the new report. - Throws: ``InputError``, ``OutputError``.
    public static func rerenderReport(directory: String, language: Language) throws {
        let dir = URL(fileURLWithPath: directory)
        let mapData = try InputFile.contents(dir.appendingPathComponent("map.geojson").path, name: directory + "/map.geojson")
        let summaryData = try InputFile.contents(dir.appendingPathComponent("summary.json").path, name: directory + "/summary.json")
        let summary: SavedSummary
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            summary = try decoder.decode(SavedSummary.self, from: summaryData)
        } catch {
            throw InputError.invalid([InputIssue(file: directory + "/summary.json", line: 0, message: "is not a pendamping summary: \(error)")])
        }
        var input = try GeoJSON.decode(mapData, name: directory + "/map.geojson", status: summary.solve.status, objective: summary.solve.objective)
        input.blockingPairs = summary.fairness?.blockingPairs
        input.comparison = summary.objective?.comparison
        let report = try HTMLReport.render(input, language: language, subtitle: subtitle(input, language))
        var files: [(name: String, data: Data)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            where !name.hasPrefix(".") && name != "report.html" {
            var isDirectory: ObjCBool = false
            let path = dir.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files.append((name, try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        files.append(("report.html", report))
        try OutputDirectory.write(files, to: directory)
    }
}

/// What the report reads back from a result directory's `summary.json`.
struct SavedSummary: Decodable {
    struct Solve: Decodable { var status: String; var objective: Double }
    struct Fairness: Decodable { var blockingPairs: Int? }
    struct Objective: Decodable {
        var kind: String
        var total: Double; var matched: Int; var worstScore: Double?
        var scoreOptimum: Double; var scoreOptimumMatched: Int; var scoreOptimumWorstScore: Double?
        var comparison: ObjectiveComparison? {
            guard let objective = MatchObjective(rawValue: kind) else { return nil }
            func units(_ v: Double) -> Int64 { Int64((v * ScoringModel.integerScale).rounded()) }
            return ObjectiveComparison(objective: objective, optimumTotal: units(scoreOptimum), optimumMatched: scoreOptimumMatched,
                                       optimumWorst: scoreOptimumWorstScore.map(units), total: units(total), matched: matched,
                                       worst: worstScore.map(units))
        }
    }
    var solve: Solve
    var fairness: Fairness?
    var objective: Objective?
}
