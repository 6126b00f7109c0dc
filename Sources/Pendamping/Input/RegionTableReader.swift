import Foundation
import Tabular

// Reading a regions table from its CSV file (the bundled one or `--regions`), with the list
// reader's located issues; the table and its index themselves know nothing of files.

extension RegionTable {
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
}

extension RegionDirectory {
    /// The directory of the bundled table, read once. A bundled table that does not parse is a
    /// packaging fault, reported by the tests; here it stops the program with its first issue.
    public static let bundled = RegionDirectory(RegionTable.bundledTable)
}
