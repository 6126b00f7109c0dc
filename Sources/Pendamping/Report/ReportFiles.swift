import Foundation
import Parallel
import Tabular

extension ResultFiles {
    /// `map.geojson` and `report.html` of a match result (and `pairs.xlsx` for an office-sized
    /// one), rendered on every core (``renderReport(_:language:round:whatIf:map:)``).
    /// - Complexity: `O(n + m)`.
    public static func reportFiles(_ r: MatchResult, language: Language = .id, round: HTMLReport.RoundChanges? = nil,
                                   whatIf: HTMLReport.WhatIfSection? = nil) throws -> [(name: String, data: Data)] {
        let rendered = Rendered()
        var count = 0
        let rest = try renderReport(r, language: language, round: round, whatIf: whatIf) { pieces in
            count = pieces
            return { k, bytes in rendered.add("map.geojson", part: k, Data(bytes)) }
        }
        return [("map.geojson", rendered.joined("map.geojson", parts: count))] + rest
    }

    /// Writes the files of ``reportFiles(_:language:round:whatIf:)`` to `sink`, each piece of
    /// the map as soon as the pieces before it are: the map is never whole in memory.
    /// - Complexity: `O(n + m)`.
    public static func writeReport(_ r: MatchResult, language: Language = .id, to sink: OutputSink) throws {
        let rest = try renderReport(r, language: language, round: nil, whatIf: nil) { pieces in
            let file = try sink.ordered("map.geojson", parts: pieces)
            return { k, bytes in try file.put(k, Data(bytes)) }
        }
        for f in rest { try sink.write(f) }
    }

    /// Renders a result's report on every core as jobs taken in turn: the page's data and its
    /// frame (``HTMLReport/Page``), then the map's pieces (``GeoJSON/Pieces``), each handed to
    /// the function `map` returns when told their number. Returns `report.html` and, for an
    /// office-sized result, `pairs.xlsx`. - Complexity: `O(n + m)`.
    static func renderReport(_ r: MatchResult, language: Language, round: HTMLReport.RoundChanges?, whatIf: HTMLReport.WhatIfSection?,
                             map open: (Int) throws -> @Sendable (Int, [UInt8]) throws -> Void) throws -> [(name: String, data: Data)] {
        let input = ReportInput(r)
        let regions = RegionDirectory.bundled   // loaded once, before the jobs share it
        let page = HTMLReport.Page(input, language: language, subtitle: subtitle(input, language), round: round, whatIf: whatIf, regions: regions)
        let map = GeoJSON.Pieces(input, regionNames: regions, groupAbove: GeoJSON.groupAbove)
        let deliver = try open(map.count)
        /// A job's output: the page's data or its frame (a map's piece is delivered at once).
        enum Part { case data(String), frame(head: String, foot: String), delivered }
        let parts = try concurrentMap(2 + map.count) { k -> Part in
            switch k {
            case 0: return .data(try page.data())
            case 1: let f = try page.frame(); return .frame(head: f.head, foot: f.foot)
            default: try deliver(k - 2, map.render(k - 2)); return .delivered
            }
        }
        guard case .data(let data) = parts[0], case .frame(let head, let foot) = parts[1] else { preconditionFailure("jobs out of order") }
        let workbook = try PairsWorkbook.render(r, language: language).map { [("pairs.xlsx", $0)] } ?? []
        return [("report.html", page.join(frame: (head, foot), data: data))] + workbook
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
