import Foundation
import Tabular

// Where a record is: its region code or name resolved in the regions table, its coordinates
// checked against the region.
extension TableReader {
    /// Whether the header can place records: a `region` or `kecamatan`/`kabupaten` column,
    /// and `lat` with `lon`. Adds header issues otherwise. `O(1)`.
    mutating func checkPlaceColumns() {
        func headerIssue(_ column: String, _ problem: RecordProblem) {
            issues.append(InputIssue(file: file.path, line: file.headerLine, column: column, problem: problem, sheet: file.sheet))
        }
        if slot(.region) == nil && slot(.kecamatan) == nil && slot(.kabupaten) == nil {
            headerIssue("region", .regionColumnMissing)
        }
        if (slot(.lat) == nil) != (slot(.lon) == nil) {
            headerIssue(slot(.lat) == nil ? "lat" : "lon", .latLonTogether)
        }
    }

    /// A record's region and location: `region` as a code or a name (or `kecamatan`,
    /// `kabupaten`, `provinsi` names), resolved in `directory`; `lat`/`lon` when given, else
    /// the region's point (``RegionDirectory/placement(_:)``); nil `directory` is the bundled
    /// one, loaded only when a record needs it. Name look-ups are cached by the cells' text. - Complexity: `O(1)` amortised per distinct region text.
    mutating func place(_ row: Row, directory: RegionDirectory?, cache: inout [String: Result<RegionCode, PlaceFailure>]) -> Place? {
        let hasLat = cell(row, .lat) != nil, hasLon = cell(row, .lon) != nil
        let lat = hasLat ? number(row, .lat, in: -90...90, rangeText: "[-90, 90]") : nil
        let lon = hasLon ? number(row, .lon, in: -180...180, rangeText: "[-180, 180]") : nil
        if hasLat != hasLon { add(row.line, hasLat ? .lon : .lat, RecordProblem.requiredWith(hasLat ? "lat" : "lon"), id: row.id) }
        let region = text(row, .region)
        // The common case (a code and coordinates) reads no name column.
        if let region, let c = RegionCode(region), hasLat || hasLon {
            guard let lat, let lon else { return nil }
            let point = GeoPoint(lat: lat, lon: lon)
            guard checkCode(c, point: point, row: row, directory: directory ?? .bundled) else { return nil }
            return Place(region: c, location: point, source: .given, radiusKm: 0, byName: false)
        }
        let kec = text(row, .kecamatan), kab = text(row, .kabupaten), prov = text(row, .provinsi)
        var byName = false
        let code: RegionCode
        if let region, let c = RegionCode(region) {
            code = c
        } else if let region, !region.unicodeScalars.contains(where: { CharacterSet.letters.contains($0) }) {
            add(row.line, .region, RecordProblem.notRegionCode(Echo.echoed(region, Echo.region)), id: row.id)
            return nil
        } else if region != nil || kec != nil || kab != nil {
            byName = true
            let key = [region, kec, kab, prov].map { $0 ?? "" }.joined(separator: "\u{1}")
            let resolved = cache[key] ?? Self.resolve(region: region, kecamatan: kec, kabupaten: kab, provinsi: prov, in: directory ?? .bundled)
            cache[key] = resolved
            switch resolved {
            case .success(let c): code = c
            case .failure(let f):
                add(row.line, f.column, RecordProblem.region(f.problem, shown: Echo.echoedPhrase(f.text)), id: row.id)
                return nil
            }
        } else {
            add(row.line, slot(.region) != nil ? .region : .kecamatan, RecordProblem.placeRequired, id: row.id)
            return nil
        }
        if hasLat || hasLon {
            guard let lat, let lon else { return nil }
            let point = GeoPoint(lat: lat, lon: lon)
            guard checkCode(code, point: point, row: row, directory: directory ?? .bundled) else { return nil }
            return Place(region: code, location: point, source: .given, radiusKm: 0, byName: byName)
        }
        switch (directory ?? .bundled).placement(code) {
        case .success(let p): return Place(region: code, location: p.point, source: p.source, radiusKm: p.radiusKm, byName: byName)
        case .failure(let problem):
            add(row.line, byName ? (region != nil ? .region : .kecamatan) : .region, RecordProblem.region(problem, shown: .quoted(code.text)), id: row.id)
            return nil
        }
    }

    /// Where a record is: its region code, its point and where the point came from.
    struct Place {
        var region: RegionCode
        var location: GeoPoint
        var source: LocationSource
        var radiusKm: Double
        /// The region was given by name, not by code.
        var byName: Bool
    }

    /// A region that could not be resolved: the column and text at fault and why.
    struct PlaceFailure: Error {
        var column: InputColumn
        var text: String
        var problem: RegionProblem
    }

    /// Resolves region cells: `region` (a name, optionally "name, kabupaten, province"),
    /// else `kecamatan`, else `kabupaten` alone; the other cells narrow it. `O(candidates)`.
    static func resolve(region: String?, kecamatan: String?, kabupaten: String?, provinsi: String?,
                        in directory: RegionDirectory) -> Result<RegionCode, PlaceFailure> {
        let (column, text): (InputColumn, String)
        var qualifiers: [String] = []
        if let region {
            let parts = region.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            column = .region; text = parts.first ?? region
            qualifiers = Array(parts.dropFirst())
            if let kabupaten { qualifiers.append(kabupaten) }
        } else if let kecamatan {
            column = .kecamatan; text = kecamatan
            if let kabupaten { qualifiers.append(kabupaten) }
        } else {
            column = .kabupaten; text = kabupaten ?? ""
        }
        if let provinsi { qualifiers.append(provinsi) }
        let levels = column == .kabupaten ? [2] : [3, 2]
        return directory.resolve(text, qualifiers: qualifiers, levels: levels).mapError { problem in
            if case .unknownQualifier(let q, _) = problem {
                let qColumn: InputColumn = q == kabupaten ? .kabupaten : (q == provinsi ? .provinsi : column)
                return PlaceFailure(column: qColumn, text: q, problem: problem)
            }
            return PlaceFailure(column: column, text: text, problem: problem)
        }
    }

    /// Whether a region code given with coordinates is in the regions table and the point lies
    /// within ``farKm`` of the region's own extent (its centre plus its radius); an issue names
    /// the field otherwise. Each distinct code is looked up once. `O(1)` amortised.
    mutating func checkCode(_ code: RegionCode, point: GeoPoint, row: Row, directory: RegionDirectory) -> Bool {
        let check: RegionDirectory.CodeCheck
        if let known = codeChecks[code.text] { check = known } else { check = directory.check(code); codeChecks[code.text] = check }
        guard check.known else {
            add(row.line, .region, RecordProblem.notInRegionTable(code.text), id: row.id)
            return false
        }
        if let centre = check.point, code.level >= 2 {
            let km = Geo.distanceKm(centre, point)
            if km > check.radiusKm + Self.farKm {
                add(row.line, .lat, RecordProblem.farFromRegion(km: Int(km.rounded()), region: code.text), id: row.id)
                return false
            }
        }
        return true
    }

    /// How far beyond a kabupaten's or kecamatan's radius given coordinates may lie.
    static let farKm = 300.0
}
