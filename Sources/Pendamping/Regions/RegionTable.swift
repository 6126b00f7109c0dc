import Foundation
import Tabular

/// Kemendagri regions with centroids, read from a `regions.csv` (columns `code, level,
/// parent, name, lat, lon, population, area_km2`, as in the project's reference data).
public struct RegionTable: Sendable {
    /// One row of the table.
    public struct Region: Sendable {
        /// The Kemendagri code.
        public var code: RegionCode
        /// The region's name.
        public var name: String
        /// Its centroid, when the table gives one.
        public var point: GeoPoint?
        /// Its population, when given.
        public var population: Double?
        /// Its area in km², when given.
        public var areaKm2: Double?
        /// Where the point comes from (`district`: the kecamatan's own; `regency-fallback`: its
        /// kabupaten's; `regency`, `province`; nil when the table does not say).
        public var coordSource: String?
    }
    /// Every row, in file order.
    public var regions: [Region]

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

