import Foundation
import Tabular

/// A location taken from a region: its point, which region gave it, and how far a business
/// in that region typically is from the point (the radius of a disc of the region's area).
public struct RegionPlacement: Sendable, Equatable {
    /// The region's point.
    public var point: GeoPoint
    /// Which level gave it (kecamatan or kabupaten).
    public var source: LocationSource
    /// The radius of a disc of the region's area, km.
    public var radiusKm: Double
}

/// Why a region code or name in a list cannot be used.
public enum RegionProblem: Error, Sendable, Equatable {
    /// A code the table does not hold.
    case unknownCode
    /// A province code, too coarse to place a business.
    case tooCoarse
    /// A region the table has no point for.
    case noPoint
    /// No region has this name; the nearest spellings, with their codes.
    case unknownName(suggestions: [String])
    /// Several regions have this name; each candidate with its kabupaten/kota and code.
    case ambiguous(candidates: [String])
    /// A qualifier (kabupaten/kota or province) that names no region.
    case unknownQualifier(String, suggestions: [String])

    /// The sentence for an input issue; `name` is the cell as it may be shown.
    func describe(_ name: String) -> String {
        switch self {
        case .unknownCode: return "\(name) is not a region code of the Kemendagri table; give lat and lon, or a known code"
        case .tooCoarse: return "\(name) is a province; give a kabupaten/kota or kecamatan, or lat and lon"
        case .noPoint: return "region \(name) has no coordinates in the regions table; give lat and lon"
        case .unknownName(let s):
            return "\(name) is not a known kecamatan or kabupaten/kota" + (s.isEmpty ? "" : "; did you mean \(s.joined(separator: ", "))?")
        case .ambiguous(let c):
            return "\(name) names \(c.count) regions: \(c.joined(separator: "; ")); add the kabupaten/kota (a kabupaten column, or \"name, kabupaten\")"
        case .unknownQualifier(_, let s):
            return "\(name) is not a known kabupaten/kota or province" + (s.isEmpty ? "" : "; did you mean \(s.joined(separator: ", "))?")
        }
    }

    /// ``describe(_:)`` in Indonesian.
    func indonesian(_ name: String) -> String {
        switch self {
        case .unknownCode: return "\(name) bukan kode wilayah dalam tabel Kemendagri; isi lat dan lon, atau kode yang dikenal"
        case .tooCoarse: return "\(name) adalah provinsi; isi kabupaten/kota atau kecamatan, atau lat dan lon"
        case .noPoint: return "wilayah \(name) tidak berkoordinat di tabel wilayah; isi lat dan lon"
        case .unknownName(let s):
            return "\(name) bukan kecamatan atau kabupaten/kota yang dikenal" + (s.isEmpty ? "" : "; maksudnya \(s.joined(separator: ", "))?")
        case .ambiguous(let c):
            return "\(name) menamai \(c.count) wilayah: \(c.joined(separator: "; ")); tambahkan kabupaten/kota (kolom kabupaten, atau \"nama, kabupaten\")"
        case .unknownQualifier(_, let s):
            return "\(name) bukan kabupaten/kota atau provinsi yang dikenal" + (s.isEmpty ? "" : "; maksudnya \(s.joined(separator: ", "))?")
        }
    }
}

/// Kemendagri provinces, kabupaten/kota and kecamatan by code and by name, with centroid
/// points, from the regions table bundled with the package (`Resources/regions.csv`; see
/// `Resources/NOTICE-regions.md`) or any table of the same columns.
///
/// Names are matched after ``RegionName`` normalisation; a kabupaten keeps whether it is a
/// *kabupaten* or a *kota*, so "Kota Bogor" and "Kab. Bogor" differ while "Bogor" is ambiguous.
public struct RegionDirectory: Sendable {
    struct Entry: Sendable {
        var code: RegionCode
        var name: String
        var kind: RegionName.Kind
        var point: GeoPoint?
        /// The point is the region's own (not its parent's standing in).
        var ownPoint: Bool
        var radiusKm: Double
    }
    let entries: [Entry]
    let byCode: [String: Int]
    /// Normalised name → entries, per level (1 province, 2 kabupaten/kota, 3 kecamatan).
    let byName: [[String: [Int]]]

    /// Radius used when the table gives no area: a kecamatan, a kabupaten/kota.
    static let defaultKecamatanRadiusKm = 3.0, defaultKabupatenRadiusKm = 15.0


    /// Indexes `table`. - Complexity: `O(rows)`.
    public init(_ table: RegionTable) {
        var kecamatanCount: [String: Int] = [:], area: [String: Double] = [:]
        for r in table.regions {
            if r.code.level == 3, let k = r.code.prefix(2) { kecamatanCount[k.text, default: 0] += 1 }
            if r.code.level == 2, let a = r.areaKm2 { area[r.code.text] = a }
        }
        var entries: [Entry] = [], byCode: [String: Int] = [:]
        var byName = [[String: [Int]]](repeating: [:], count: 4)
        for r in table.regions where r.code.level <= 3 {
            let parsed = RegionName.parse(r.name)
            var kind: RegionName.Kind = r.code.level == 1 ? .province : (r.code.level == 3 ? .kecamatan : .kabupaten)
            var radius = Self.defaultKecamatanRadiusKm
            switch r.code.level {
            case 2:
                if parsed.kind == .kota { kind = .kota }
                radius = area[r.code.text].map { ($0 / .pi).squareRoot() } ?? Self.defaultKabupatenRadiusKm
            case 3:
                let kab = r.code.prefix(2)?.text ?? ""
                if let a = area[kab], let n = kecamatanCount[kab], n > 0 { radius = (a / Double(n) / .pi).squareRoot() }
            default:
                radius = r.areaKm2.map { ($0 / .pi).squareRoot() } ?? Self.defaultKabupatenRadiusKm
            }
            let own = r.code.level != 3 || r.coordSource == nil || r.coordSource == "district"
            byCode[r.code.text] = entries.count
            // Kecamatan are found by their whole name ("Kota Bahagia" is a kecamatan), the others
            // without their prefix ("Kabupaten", "Kota Administrasi", "Provinsi").
            let key = r.code.level == 3 ? parsed.full : parsed.base
            byName[r.code.level][key, default: []].append(entries.count)
            if r.code.level == 1 {
                // "Daerah Khusus Ibukota Jakarta" is written "DKI Jakarta" or "Jakarta"; likewise "DI Yogyakarta".
                let w = RegionName.words(r.name)
                for (long, short) in [(["daerah", "khusus", "ibukota"], "dki"), (["daerah", "istimewa"], "di")] where w.starts(with: long) {
                    let rest = w.dropFirst(long.count).joined()
                    for alias in [short + rest, rest] where alias != key { byName[1][alias, default: []].append(entries.count) }
                }
            }
            entries.append(Entry(code: r.code, name: r.name, kind: kind, point: r.point, ownPoint: own, radiusKm: radius))
        }
        self.entries = entries; self.byCode = byCode; self.byName = byName
    }

    /// The name of a region by code, if the table has it. `O(1)`.
    public func name(of code: RegionCode) -> String? { byCode[code.text].map { entries[$0].name } }

    /// The point of the most specific region of `code` that has one of its own: a kecamatan's
    /// own point, else its kabupaten/kota's (a desa code uses its kecamatan). `O(1)`.
    /// Whether a code is a region of the table (a desa code by its kecamatan), and its point
    /// and radius when it has them.
    struct CodeCheck: Sendable {
        var known: Bool
        var point: GeoPoint?
        var radiusKm: Double
    }

    /// The region's name as the table writes it (`Tambora`, `Kota Adm. Jakarta Barat`), if
    /// the code is in the table. `O(1)`.
    func name(_ code: RegionCode) -> String? { byCode[code.text].map { entries[$0].name } }

    /// ``CodeCheck`` of `code`. `O(1)`.
    func check(_ code: RegionCode) -> CodeCheck {
        let c = code.level > 3 ? code.prefix(3)! : code
        guard let k = byCode[c.text] else { return CodeCheck(known: false, point: nil, radiusKm: 0) }
        return CodeCheck(known: true, point: entries[k].point, radiusKm: entries[k].radiusKm)
    }

    func placement(_ code: RegionCode) -> Result<RegionPlacement, RegionProblem> {
        if code.level == 1 { return .failure(byCode[code.text] == nil ? .unknownCode : .tooCoarse) }
        let c = code.level > 3 ? code.prefix(3)! : code
        guard let k = byCode[c.text] else { return .failure(.unknownCode) }
        let e = entries[k]
        if e.code.level == 3, e.ownPoint, let p = e.point { return .success(RegionPlacement(point: p, source: .kecamatan, radiusKm: e.radiusKm)) }
        guard let kab = c.prefix(2), let kk = byCode[kab.text], let p = entries[kk].point else { return .failure(.noPoint) }
        return .success(RegionPlacement(point: p, source: .kabupaten, radiusKm: entries[kk].radiusKm))
    }

    /// The region a name denotes: a kecamatan (or, failing that, a kabupaten/kota), narrowed
    /// by `qualifiers` (kabupaten/kota or province names, e.g. from "Tambora, Jakarta Barat"
    /// or a `kabupaten` column). - Complexity: `O(candidates)`, or `O(table)` for suggestions.
    /// - Parameter levels: `[3, 2]` for a kecamatan or kabupaten name, `[2]` for a kabupaten only.
    func resolve(_ name: String, qualifiers: [String], levels: [Int] = [3, 2]) -> Result<RegionCode, RegionProblem> {
        // Each qualifier names regions; a candidate must lie inside one region of every qualifier.
        var within: [[String]] = []
        for q in qualifiers {
            let p = RegionName.parse(q)
            guard !p.base.isEmpty else { continue }
            var found = kabupaten(p)
            if found.isEmpty { found = (byName[1][p.base] ?? []).map { entries[$0].code } }
            guard !found.isEmpty else { return .failure(.unknownQualifier(q, suggestions: suggest(p.base, levels: [2, 1]))) }
            within.append(found.map { $0.text + "." })
        }
        let p = RegionName.parse(name)
        var candidates: [Int]
        switch levels == [2] ? RegionName.Kind?.some(.kabupaten) : p.kind {
        case .kecamatan?: candidates = byName[3][p.base] ?? []
        case .kabupaten?, .kota?:
            candidates = kabupatenIndices(p)
            if candidates.isEmpty && levels != [2] { candidates = byName[3][p.full] ?? [] }
        case .province?: candidates = byName[1][p.base] ?? []
        case .desa?, nil:
            candidates = byName[3][p.base] ?? []
            if candidates.isEmpty { candidates = kabupatenIndices(p) }
        }
        candidates = candidates.filter { k in
            let text = entries[k].code.text + "."
            return within.allSatisfy { prefixes in prefixes.contains { text.hasPrefix($0) } }
        }
        switch candidates.count {
        case 1: return .success(entries[candidates[0]].code)
        case 0: return .failure(.unknownName(suggestions: suggest(p.base, levels: levels)))
        default:
            return .failure(.ambiguous(candidates: candidates.sorted { entries[$0].code < entries[$1].code }.map(describe)))
        }
    }

    /// "Tambora, Kota Administrasi Jakarta Barat (31.73.04)". `O(1)`.
    func describe(_ k: Int) -> String {
        let e = entries[k]
        let parent = e.code.level == 3 ? e.code.prefix(2).flatMap { byCode[$0.text] }.map { ", " + entries[$0].name } ?? "" : ""
        return "\(e.name)\(parent) (\(e.code.text))"
    }

    private func kabupatenIndices(_ p: (kind: RegionName.Kind?, base: String, full: String)) -> [Int] {
        let all = byName[2][p.base] ?? []
        guard let kind = p.kind, kind == .kabupaten || kind == .kota else { return all }
        return all.filter { entries[$0].kind == kind }
    }

    private func kabupaten(_ p: (kind: RegionName.Kind?, base: String, full: String)) -> [RegionCode] {
        kabupatenIndices(p).map { entries[$0].code }
    }

    /// Up to three names at `levels` within a small edit distance of `base`, nearest first.
    /// - Complexity: `O(table · |name|²)`.
    func suggest(_ base: String, levels: [Int]) -> [String] {
        let target = Array(base.utf8)
        let cap = max(2, target.count / 3)
        var scored: [(Int, RegionCode, Int)] = []
        for level in levels {
            for (key, list) in byName[level] {
                let d = RegionName.distance(target, Array(key.utf8), cap: cap)
                if d <= cap { for k in list { scored.append((d, entries[k].code, k)) } }
            }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(3).map { describe($0.2) }
    }
}
