/// The figures a report shows, computed from a ``ReportInput``.
enum ReportFigures {
    struct Kabupaten {
        var code: String
        var name: String
        var point: GeoPoint
        var mentees: Int
        var matched: Int
        var coverage: Double { mentees == 0 ? 0 : Double(matched) / Double(mentees) }
    }

    /// Mentees and matched mentees per kabupaten/kota (code order), at the mean of its
    /// mentees' points. - Complexity: `O(n log n)`.
    static func kabupatenCoverage(_ input: ReportInput, names: RegionDirectory?) -> [Kabupaten] {
        var by: [String: (lat: Double, lon: Double, n: Int, matched: Int)] = [:]
        for e in input.mentees {
            let code = e.region.split(separator: ".").prefix(2).joined(separator: ".")
            var v = by[code] ?? (0, 0, 0, 0)
            v.lat += e.point.lat; v.lon += e.point.lon; v.n += 1
            if e.mentorID != nil { v.matched += 1 }
            by[code] = v
        }
        return by.keys.sorted().map { code in
            let v = by[code]!
            let name = RegionCode(code).flatMap { names?.name(of: $0) } ?? code
            return Kabupaten(code: code, name: name, point: GeoPoint(lat: v.lat / Double(v.n), lon: v.lon / Double(v.n)), mentees: v.n, matched: v.matched)
        }
    }

    /// Counts of matched scores in `bins` equal bins of [0, 1]. `O(n)`.
    static func scoreHistogram(_ input: ReportInput, bins: Int = 10) -> [Int] {
        var h = [Int](repeating: 0, count: bins)
        for e in input.mentees { if let s = e.score { h[min(bins - 1, max(0, Int(s * Double(bins))))] += 1 } }
        return h
    }

    /// Unassigned mentees per reason, by reason name. `O(n)`.
    static func unassignedByReason(_ input: ReportInput) -> [(String, Int)] {
        var by: [String: Int] = [:]
        for e in input.mentees { if let r = e.reason { by[r, default: 0] += 1 } }
        return by.sorted { $0.key < $1.key }
    }
}
