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

    /// Mentees grouped by region level (2: kabupaten/kota, 3: kecamatan): each group's code,
    /// mentees, matched mentees and mean point, in code order. Region texts repeat, so each
    /// distinct one is cut once. - Complexity: `O(n + groups·log groups)`.
    static func groups(_ input: ReportInput, level: Int) -> [(code: String, point: GeoPoint, mentees: Int, matched: Int)] {
        var groupOf: [String: Int] = [:], indexOfCode: [String: Int] = [:], codes: [String] = []
        var lat: [Double] = [], lon: [Double] = [], n: [Int] = [], matched: [Int] = []
        for i in input.mentees.indices {
            let region = input.mentees[i].region
            let g: Int
            if let k = groupOf[region] { g = k } else {
                let code = region.split(separator: ".").prefix(level).joined(separator: ".")
                if let k = indexOfCode[code] { g = k } else {
                    g = codes.count; indexOfCode[code] = g
                    codes.append(code); lat.append(0); lon.append(0); n.append(0); matched.append(0)
                }
                groupOf[region] = g
            }
            let p = input.mentees[i].point
            lat[g] += p.lat; lon[g] += p.lon; n[g] += 1
            if input.mentees[i].mentorID != nil { matched[g] += 1 }
        }
        return codes.indices.sorted { codes[$0] < codes[$1] }.map { g in
            (codes[g], GeoPoint(lat: lat[g] / Double(n[g]), lon: lon[g] / Double(n[g])), n[g], matched[g])
        }
    }

    /// Mentees and matched mentees per kabupaten/kota (code order), at the mean of its
    /// mentees' points. - Complexity: as ``groups(_:level:)``.
    static func kabupatenCoverage(_ input: ReportInput, names: RegionDirectory?) -> [Kabupaten] {
        groups(input, level: 2).map { g in
            Kabupaten(code: g.code, name: RegionCode(g.code).flatMap { names?.name(of: $0) } ?? g.code, point: g.point,
                      mentees: g.mentees, matched: g.matched)
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
