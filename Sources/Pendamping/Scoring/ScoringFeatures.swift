import Foundation

/// Flat, plain-value copies of what scoring reads from each mentor and mentee, so the hot
/// loop touches no strings or reference-counted arrays.
struct ScoringFeatures: Sendable {
    /// KBLI codes packed one level per byte (section, division, 3rd, 4th, 5th digit; each + 1,
    /// 0 = absent), in CSR form: codes of record r are `kbli[kbliStart[r]..<kbliStart[r+1]]`.
    var kbliStart: [Int32] = [0]
    var kbli: [UInt64] = []
    var skills: [UInt16] = []
    /// Scale rank 0–3, or -1 when unknown.
    var scale: [Int8] = []
    var languages: [UInt64] = []
    var region: [RegionCode] = []
    var latRad: [Double] = []
    var lonRad: [Double] = []
    var cosLat: [Double] = []
    /// How far the record may be from its point (a region's typical radius, km; 0 when given).
    var radiusKm: [Double] = []

    mutating func append(kbli codes: [KBLICode], skills: SkillSet, scale: BusinessScale?, languages: UInt64,
                         region: RegionCode, location: GeoPoint, radiusKm: Double = 0) {
        kbli += codes.map(Self.pack)
        kbliStart.append(Int32(kbli.count))
        self.skills.append(skills.rawValue)
        self.scale.append(scale.map { Int8(BusinessScale.allCases.firstIndex(of: $0)!) } ?? -1)
        self.languages.append(languages)
        self.region.append(region)
        let rad = Double.pi / 180
        latRad.append(location.lat * rad)
        lonRad.append(location.lon * rad)
        cosLat.append(cos(location.lat * rad))
        self.radiusKm.append(radiusKm)
    }

    /// One byte per KBLI level. `O(1)`.
    static func pack(_ c: KBLICode) -> UInt64 {
        var key = UInt64(c.section) + 1
        if c.digitCount >= 2 {
            key |= UInt64(c.digit(0) * 10 + c.digit(1) + 1) << 8
            for k in 2..<Int(c.digitCount) { key |= UInt64(c.digit(k) + 1) << UInt64(8 * (k - 1 + 1)) }
        }
        return key
    }

    /// Shared depth of two packed codes: the number of leading levels both have and agree on. `O(1)`.
    @inline(__always)
    static func depth(_ a: UInt64, _ b: UInt64) -> Int {
        var d = 0
        var x = a, y = b
        while d < 5 {
            let p = x & 0xff
            if p == 0 || p != y & 0xff { break }
            d += 1; x >>= 8; y >>= 8
        }
        return d
    }
}
