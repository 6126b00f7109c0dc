import Foundation

/// The report's map as SVG elements: an equirectangular projection around the data (x scaled
/// by the cosine of the middle latitude), pairs as lines, mentees coloured by their mentor,
/// unassigned mentees as squares, mentors sized by capacity, kabupaten/kecamatan labels.
/// Above ``aggregateAbove`` mentees it draws one bubble per kecamatan instead (size =
/// mentees, colour = coverage) so that a province-sized report stays light.
/// - Complexity: `O(n + m)`.
struct ReportMap {
    static let aggregateAbove = 3_000
    static let width = 1000.0

    var height: Double
    var context: [String: Any]

    /// Colour of mentor `j`: hues spread by the golden angle, fixed saturation and lightness.
    static func color(_ j: Int) -> String { "hsl(\(Int((Double(j) * 137.508).truncatingRemainder(dividingBy: 360))),62%,42%)" }

    /// Colour for a coverage share: red (0) through amber to green (1).
    static func coverageColor(_ c: Double) -> String { "hsl(\(Int(max(0, min(1, c)) * 130)),65%,40%)" }

    init(_ input: ReportInput, words: [String: String], regions: RegionDirectory?) {
        let points = input.mentors.map(\.point) + input.mentees.map(\.point)
        var minLat = points.map(\.lat).min() ?? -6.2, maxLat = points.map(\.lat).max() ?? -6.1
        var minLon = points.map(\.lon).min() ?? 106.7, maxLon = points.map(\.lon).max() ?? 106.8
        // At least 0.02° each way, and 6 % padding.
        if maxLat - minLat < 0.02 { let c = (maxLat + minLat) / 2; minLat = c - 0.01; maxLat = c + 0.01 }
        if maxLon - minLon < 0.02 { let c = (maxLon + minLon) / 2; minLon = c - 0.01; maxLon = c + 0.01 }
        let padLat = (maxLat - minLat) * 0.06, padLon = (maxLon - minLon) * 0.06
        minLat -= padLat; maxLat += padLat; minLon -= padLon; maxLon += padLon
        let k = cos((minLat + maxLat) / 2 * .pi / 180)
        let scale = Self.width / ((maxLon - minLon) * k)
        let h = min(1400, max(300, (maxLat - minLat) * scale))
        height = h
        func xy(_ p: GeoPoint) -> (String, String) {
            (formatFixed((p.lon - minLon) * k * scale, 1), formatFixed((maxLat - p.lat) * scale * (h / ((maxLat - minLat) * scale)), 1))
        }
        let mentorIndex = Dictionary(uniqueKeysWithValues: input.mentors.enumerated().map { ($1.id, $0) })
        let maxCapacity = Double(max(1, input.mentors.map(\.capacity).max() ?? 1))
        let aggregated = input.mentees.count > Self.aggregateAbove
        var lines: [[String: Any]] = [], mentees: [[String: Any]] = [], unassigned: [[String: Any]] = [], bubbles: [[String: Any]] = []
        if aggregated {
            var by: [String: (lat: Double, lon: Double, n: Int, matched: Int)] = [:]
            for e in input.mentees {
                let code = e.region.split(separator: ".").prefix(3).joined(separator: ".")
                var v = by[code] ?? (0, 0, 0, 0)
                v.lat += e.point.lat; v.lon += e.point.lon; v.n += 1
                if e.mentorID != nil { v.matched += 1 }
                by[code] = v
            }
            let most = Double(by.values.map(\.n).max() ?? 1)
            for code in by.keys.sorted() {
                let v = by[code]!
                let (x, y) = xy(GeoPoint(lat: v.lat / Double(v.n), lon: v.lon / Double(v.n)))
                let coverage = Double(v.matched) / Double(v.n)
                let name = RegionCode(code).flatMap { regions?.name(of: $0) } ?? code
                bubbles.append(["x": x, "y": y, "r": formatFixed(3 + 22 * (Double(v.n) / most).squareRoot(), 1), "fill": Self.coverageColor(coverage),
                                "label": "\(name): \(v.matched)/\(v.n) (\(formatFixed(coverage * 100, 1)) %)"])
            }
        } else {
            for e in input.mentees {
                let (x, y) = xy(e.point)
                if let j = e.mentorID.flatMap({ mentorIndex[$0] }) {
                    let (x2, y2) = xy(input.mentors[j].point)
                    lines.append(["x1": x, "y1": y, "x2": x2, "y2": y2, "color": Self.color(j), "mentee": e.id, "mentor": input.mentors[j].id])
                    mentees.append(["x": x, "y": y, "color": Self.color(j), "id": e.id, "name": e.name])
                } else {
                    let reason = e.reason ?? ""
                    unassigned.append(["x0": formatFixed((Double(x) ?? 0) - 3, 1), "y0": formatFixed((Double(y) ?? 0) - 3, 1), "id": e.id, "name": e.name,
                                       "reason": reason, "reasonLabel": words[reason] ?? reason])
                }
            }
        }
        let mentors: [[String: Any]] = input.mentors.enumerated().map { j, m in
            let (x, y) = xy(m.point)
            let r = aggregated ? 2.5 : 5 + 9 * (Double(m.capacity) / maxCapacity).squareRoot()
            return ["x": x, "y": y, "r": formatFixed(r, 1), "color": aggregated ? "#1d2733" : Self.color(j), "id": m.id, "name": m.name,
                    "load": m.load, "capacity": m.capacity]
        }
        let placements: [[String: Any]] = input.placements.map { p in
            let (x, y) = xy(p.point)
            return ["x": x, "y0": formatFixed((Double(y) ?? 0) - 7, 1), "label": "\(p.scenario): +\(p.count) (\(p.region))"]
        }
        // Labels: kabupaten/kota always; kecamatan when there are few.
        var labels: [[String: Any]] = []
        for kab in ReportFigures.kabupatenCoverage(input, names: regions) {
            let (x, y) = xy(kab.point)
            labels.append(["cls": "kab", "x": x, "y": y, "text": kab.name])
        }
        var kecamatan: [String: (lat: Double, lon: Double, n: Int)] = [:]
        for e in input.mentees where e.region.split(separator: ".").count >= 3 {
            let code = e.region.split(separator: ".").prefix(3).joined(separator: ".")
            var v = kecamatan[code] ?? (0, 0, 0)
            v.lat += e.point.lat; v.lon += e.point.lon; v.n += 1
            kecamatan[code] = v
        }
        if kecamatan.count <= 40 {
            for code in kecamatan.keys.sorted() {
                let v = kecamatan[code]!
                let (x, y) = xy(GeoPoint(lat: v.lat / Double(v.n), lon: v.lon / Double(v.n)))
                labels.append(["cls": "kec", "x": x, "y": y, "text": RegionCode(code).flatMap { regions?.name(of: $0) } ?? code])
            }
        }
        let legend: [[String: Any]] = aggregated
            ? [["color": Self.coverageColor(0), "label": "0 %"], ["color": Self.coverageColor(0.5), "label": "50 %"], ["color": Self.coverageColor(1), "label": "100 %"]]
            : [["color": "#1d2733", "label": words["legendMentor"] ?? ""], ["color": "#b3261e", "label": words["legendUnassigned"] ?? ""],
               ["color": "#e8a33d", "label": words["legendFull"] ?? ""]]
        context = ["width": formatFixed(Self.width, 0), "height": formatFixed(h, 0), "lines": lines, "mentees": mentees,
                   "unassigned": unassigned, "mentors": mentors, "bubbles": bubbles, "placements": placements, "labels": labels, "legend": legend,
                   "aggregated": aggregated]
    }
}
