import Foundation
import Tabular

/// Kemendagri regions with centroids, read from a `regions.csv` (columns `code, level,
/// parent, name, lat, lon, population, area_km2`, as in the project's reference data).
public struct RegionTable: Sendable {
    public struct Region: Sendable {
        public var code: RegionCode
        public var name: String
        public var point: GeoPoint?
        public var population: Double?
        public var areaKm2: Double?
        /// Where the point comes from (`district`: the kecamatan's own; `regency-fallback`: its
        /// kabupaten's; `regency`, `province`; nil when the table does not say).
        public var coordSource: String?
    }
    public var regions: [Region]

    /// Reads `path`. - Complexity: `O(rows)`.
    public static func read(path: String) throws -> RegionTable {
        try parse(CSVFile.read(path: path))
    }

    /// The Kemendagri table bundled with the package (`Resources/regions.csv`, 7,837 provinces,
    /// kabupaten/kota and kecamatan; see `Resources/NOTICE-regions.md`): the one table every
    /// command uses unless `--regions` names another. - Complexity: `O(1)` after the first call.
    public static func bundled() throws -> RegionTable { bundledTable }

    /// The bundled table, read once. A bundled table that does not parse is a packaging fault,
    /// reported by the tests; here it stops the program with its first issue.
    static let bundledTable: RegionTable = {
        guard let url = Bundle.module.url(forResource: "regions", withExtension: "csv") else {
            fatalError("the package's regions.csv resource is missing")
        }
        do { return try parse(CSVFile.read(path: url.path, displayName: "bundled regions.csv")) } catch {
            fatalError("the package's regions.csv does not parse: \(error)")
        }
    }()

    static func parse(_ file: CSVFile) throws -> RegionTable {
        var t = TableReader(file: file, required: [.code, .level, .name, .lat, .lon],
                            optional: [.parent, .coordSource, .population, .areaKm2])
        var regions: [Region] = []
        t.forEachRecord { t, row in
            guard let raw = t.required(row, .code) else { return }
            guard let code = RegionCode(raw) else { t.add(row.line, .code, RecordProblem.notACode(Echo.echoed(raw, Echo.region))); return }
            let lat = t.number(row, .lat, in: -90...90), lon = t.number(row, .lon, in: -180...180)
            regions.append(Region(code: code, name: t.text(row, .name) ?? "",
                                  point: lat.flatMap { la in lon.map { GeoPoint(lat: la, lon: $0) } },
                                  population: t.number(row, .population, in: 0...1e10),
                                  areaKm2: t.number(row, .areaKm2, in: 0...1e7), coordSource: t.text(row, .coordSource)))
        }
        guard t.issues.isEmpty else { throw InputError.invalid(t.issues) }
        return RegionTable(regions: regions)
    }

    /// The regions inside `scope` (a code prefix) at the finest level that has points:
    /// kecamatan when the table has them, else kabupaten/kota. Each comes with a weight (its
    /// kabupaten's population shared among its kecamatan, or 1) and a spread in km for
    /// jittering points around its centroid. `O(rows)`.
    public func placementUnits(in scope: RegionCode) -> [(region: Region, weight: Double, spreadKm: Double)] {
        let inside = regions.filter { $0.code.level > scope.level && $0.code.sharedLevel(with: scope) == scope.level && $0.point != nil }
        guard let finest = inside.map(\.code.level).filter({ $0 <= 3 }).max() else { return [] }
        let units = inside.filter { $0.code.level == finest }.sorted { $0.code < $1.code }
        var kabupaten: [String: Region] = [:]
        for r in regions where r.code.level == 2 { kabupaten[r.code.text] = r }
        var siblings: [String: Int] = [:]
        for u in units { siblings[u.code.prefix(2)?.text ?? u.code.text, default: 0] += 1 }
        return units.map { u in
            let kab = kabupaten[u.code.prefix(2)?.text ?? ""]
            let share = Double(siblings[u.code.prefix(2)?.text ?? u.code.text] ?? 1)
            let weight = (u.population ?? kab?.population).map { $0 / (u.population == nil ? share : 1) } ?? 1
            let area = (u.areaKm2 ?? kab?.areaKm2).map { $0 / (u.areaKm2 == nil ? share : 1) } ?? 100
            // Most businesses sit near the centre: a spread of a fifth of the unit's width, 0.3–25 km.
            let spread = min(25, max(0.3, area.squareRoot() / 5))
            return (u, max(weight, 1), spread)
        }
    }
}

