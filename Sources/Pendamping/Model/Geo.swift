import Foundation

/// Great-circle geometry on a sphere of the earth's mean radius.
public enum Geo {
    /// The earth's mean radius in km (IUGG).
    public static let earthRadiusKm = 6371.0088

    /// Haversine distance in km. `O(1)`.
    @inlinable
    public static func distanceKm(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
        let s1 = sin(dLat / 2), s2 = sin(dLon / 2)
        let h = s1 * s1 + cos(a.lat * rad) * cos(b.lat * rad) * s2 * s2
        return 2 * earthRadiusKm * asin(min(1, h.squareRoot()))
    }

    /// A lower bound on the distance between two points whose latitudes differ by at least
    /// `dLat` degrees or whose longitudes differ by at least `dLon` degrees, when the cosine of
    /// both latitudes is at least `cosMin`. From hav(d) ≥ hav(Δφ) and hav(d) ≥ cos φ₁ cos φ₂ hav(Δλ). `O(1)`.
    static func lowerBoundKm(dLat: Double, dLon: Double, cosMin: Double) -> Double {
        let rad = Double.pi / 180
        let byLat = earthRadiusKm * max(0, dLat) * rad
        let byLon = 2 * earthRadiusKm * asin(min(1, max(0, cosMin) * sin(min(Double.pi, max(0, dLon) * rad) / 2)))
        return min(byLat, byLon)
    }
}
