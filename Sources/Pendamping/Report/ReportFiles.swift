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
    package static func subtitle(_ input: ReportInput, _ language: Language) -> String {
        language == .id ? "\(input.mentees.count) UMKM · \(input.mentors.count) pendamping · \(input.status)"
                        : "\(input.mentees.count) mentees · \(input.mentors.count) mentors · \(input.status)"
    }

    /// Renders `report.html` again for an existing result directory (from its `map.geojson`
    /// and `summary.json`, and `unassigned.csv` when the map is grouped), e.g. in another language, and replaces the directory atomically
    /// with the same files plus the new report. - Throws: ``InputError``, ``OutputError``.
    public static func rerenderReport(directory: String, language: Language) throws {
        let dir = URL(fileURLWithPath: directory)
        let result = ResultDirectory(directory)
        let mapData = try result.data("map.geojson")
        let summary = try result.summary()
        var input = try GeoJSON.decode(mapData, name: directory + "/map.geojson", status: summary.solve.status,
                                       objective: summary.solve.objective, details: { try result.unassignedDetails() })
        input.blockingPairs = summary.fairness.blockingPairs
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
