/// Every column an input table is read by, under its canonical name (the header, or what
/// ``HeaderAliases`` makes of it). A reader resolves each to its position once per file, so
/// reading a field is an array look-up, not a hash of its name.
enum InputColumn: Int, CaseIterable, Sendable {
    // Mentors and mentees.
    case id, name, kbli, lat, lon, region, kecamatan, kabupaten, provinsi, kelurahan, nib
    case capacity, minMentees, hoursPerMonth, expertise, kind
    case needs, hoursNeeded, priority
    case languages, gender, scale, prefer, online
    // Decisions, rankings and previous rounds.
    case menteeID, mentorID, decision, rank
    // Region tables.
    case code, level, parent, coordSource, population, areaKm2

    /// The canonical name, as headers are compared and as issues name the column when the
    /// header did not write it.
    var name: String { Self.names[rawValue] }

    private static let names = [
        "id", "name", "kbli", "lat", "lon", "region", "kecamatan", "kabupaten", "provinsi", "kelurahan", "nib",
        "capacity", "min_mentees", "hours_per_month", "expertise", "kind",
        "needs", "hours_needed", "priority",
        "languages", "gender", "scale", "prefer", "online",
        "mentee_id", "mentor_id", "decision", "rank",
        "code", "level", "parent", "coord_source", "population", "area_km2",
    ]

    /// The column with canonical name `name`, if it is one. `O(1)`.
    init?(name: String) {
        guard let c = Self.byName[name] else { return nil }
        self = c
    }

    private static let byName: [String: InputColumn] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })
}
