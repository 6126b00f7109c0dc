import Foundation
import Tabular

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
        var minLat = Double.infinity, maxLat = -Double.infinity, minLon = Double.infinity, maxLon = -Double.infinity
        func extend(_ p: GeoPoint) { minLat = min(minLat, p.lat); maxLat = max(maxLat, p.lat); minLon = min(minLon, p.lon); maxLon = max(maxLon, p.lon) }
        for m in input.mentors { extend(m.point) }
        for i in input.mentees.indices { extend(input.mentees[i].point) }
        if !minLat.isFinite { minLat = -6.2; maxLat = -6.1; minLon = 106.7; maxLon = 106.8 }
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
            let groups = ReportFigures.groups(input, level: 3)
            let most = Double(groups.map(\.mentees).max() ?? 1)
            for g in groups {
                let (x, y) = xy(g.point)
                let coverage = Double(g.matched) / Double(g.mentees)
                let name = RegionCode(g.code).flatMap { regions?.name(of: $0) } ?? g.code
                bubbles.append(["x": x, "y": y, "r": formatFixed(3 + 22 * (Double(g.mentees) / most).squareRoot(), 1), "fill": Self.coverageColor(coverage),
                                "label": "\(name): \(g.matched)/\(g.mentees) (\(formatFixed(coverage * 100, 1)) %)"])
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
        // Labels, placed so that none overlaps another: every mentor by name (below
        // `aggregateAbove`), then kabupaten/kota, then kecamatan when there are few; a
        // kecamatan label with no free place is left out. Drawn above every marker, with a halo.
        var placer = LabelPlacer(width: Self.width, height: h)
        var labels: [[String: Any]] = []
        if !aggregated {
            for (j, m) in input.mentors.enumerated() {
                let (x, y) = xy(m.point)
                let r = 5 + 9 * (Double(m.capacity) / maxCapacity).squareRoot()
                let text = m.name.count > 28 ? String(m.name.prefix(27)) + "…" : m.name
                let at = placer.place(text, x: Double(x) ?? 0, y: Double(y) ?? 0, gap: r + 2, size: 12, required: true)!
                labels.append(["cls": "mname", "x": formatFixed(at.x, 1), "y": formatFixed(at.y, 1), "text": text, "color": Self.color(j)])
            }
        }
        for kab in ReportFigures.kabupatenCoverage(input, names: regions) {
            let (x, y) = xy(kab.point)
            if let at = placer.place(kab.name, x: Double(x) ?? 0, y: Double(y) ?? 0, gap: 0, size: 16, required: true) {
                labels.append(["cls": "kab", "x": formatFixed(at.x, 1), "y": formatFixed(at.y, 1), "text": kab.name])
            }
        }
        let kecamatan = ReportFigures.groups(input, level: 3).filter { $0.code.split(separator: ".").count == 3 }
        if kecamatan.count <= 40 {
            for g in kecamatan {
                let (x, y) = xy(g.point)
                let name = RegionCode(g.code).flatMap { regions?.name(of: $0) } ?? g.code
                if let at = placer.place(name, x: Double(x) ?? 0, y: Double(y) ?? 0, gap: 0, size: 11, required: false) {
                    labels.append(["cls": "kec", "x": formatFixed(at.x, 1), "y": formatFixed(at.y, 1), "text": name])
                }
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

/// Greedy label placement without overlaps: each label tries a few positions around its
/// point (right, left, above, below, then further out) and takes the first whose box meets
/// no box placed before. - Complexity: `O(labels² · positions)`, for the few dozen labels
/// of a map below ``ReportMap/aggregateAbove``.
struct LabelPlacer {
    struct Box { var x0, y0, x1, y1: Double }
    /// The map's size: a label must lie wholly inside it.
    var width: Double
    var height: Double
    var boxes: [Box] = []

    /// The text's baseline start, or nil when `required` is false and no position is free
    /// (a required label then takes its first position).
    mutating func place(_ text: String, x: Double, y: Double, gap: Double, size: Double, required: Bool) -> (x: Double, y: Double)? {
        // About 0.62 em per character in the report's sans-serif face, and 3 px of halo and air.
        let w = Double(text.count) * size * 0.62 + 3, h = size * 1.15
        var candidates: [(Double, Double)] = []
        for step in 0..<4 {
            let out = Double(step) * h
            candidates += [(x + gap, y + h * 0.35 + out), (x - gap - w, y + h * 0.35 + out),
                           (x - w / 2, y - gap - h * 0.25 - out), (x - w / 2, y + gap + h + out),
                           (x + gap, y + h * 0.35 - out), (x - gap - w, y + h * 0.35 - out)]
        }
        for (bx, by) in candidates {
            let box = Box(x0: bx, y0: by - h, x1: bx + w, y1: by + h * 0.25)
            guard box.x0 >= 0, box.x1 <= width, box.y0 >= 0, box.y1 <= height else { continue }
            if !boxes.contains(where: { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }) {
                boxes.append(box)
                return (bx, by)
            }
        }
        guard required else { return nil }
        let (bx, by) = candidates[0]
        boxes.append(Box(x0: bx, y0: by - h, x1: bx + w, y1: by + h * 0.25))
        return (bx, by)
    }
}
