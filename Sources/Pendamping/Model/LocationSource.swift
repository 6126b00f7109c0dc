/// Where a record's location came from.
public enum LocationSource: String, Sendable, Codable, CaseIterable, Comparable {
    /// The record's own `lat`/`lon`.
    case given
    /// The point of its kecamatan.
    case kecamatan
    /// The point of its kabupaten/kota (the record names no kecamatan, or its kecamatan has
    /// no point of its own).
    case kabupaten

    /// Orders by declaration: given coordinates first, then the finer region.
    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}
