import Foundation
import Parallel
import Tabular

extension ResultFiles {
    /// `map.geojson` and `report.html` of a match result, rendered on every core as jobs taken
    /// in turn: the page's data and its frame (``HTMLReport/Page``), then the map's pieces
    /// (``GeoJSON/Pieces``). - Complexity: `O(n + m)`.
    public static func reportFiles(_ r: MatchResult, language: Language = .id, round: HTMLReport.RoundChanges? = nil,
                                   whatIf: HTMLReport.WhatIfSection? = nil) throws -> [(name: String, data: Data)] {
        let input = ReportInput(r)
        let regions = RegionDirectory.bundled   // loaded once, before the jobs share it
        let page = HTMLReport.Page(input, language: language, subtitle: subtitle(input, language), round: round, whatIf: whatIf, regions: regions)
        let map = GeoJSON.Pieces(input, regionNames: regions, groupAbove: GeoJSON.groupAbove)
        /// A job's output: the page's data, its frame, or a piece of the map.
        enum Part { case data(String), frame(head: String, foot: String), piece([UInt8]) }
        let parts = try concurrentMap(2 + map.count) { k -> Part in
            switch k {
            case 0: return .data(try page.data())
            case 1: let f = try page.frame(); return .frame(head: f.head, foot: f.foot)
            default: return .piece(map.render(k - 2))
            }
        }
        guard case .data(let data) = parts[0], case .frame(let head, let foot) = parts[1] else { preconditionFailure("jobs out of order") }
        let pieces = parts.dropFirst(2).map { part -> [UInt8] in if case .piece(let bytes) = part { return bytes }; return [] }
        let workbook = try PairsWorkbook.render(r, language: language).map { [("pairs.xlsx", $0)] } ?? []
        return [("map.geojson", map.assemble(pieces)), ("report.html", page.join(frame: (head, foot), data: data))] + workbook
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
