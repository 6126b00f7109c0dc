import Foundation

/// What scoring reads from one mentor or mentee, as plain values in one record (72 bytes), so
/// the candidate search touches one or two cache lines per pair and no strings or
/// reference-counted storage.
struct ScoringRow: Sendable {
    /// The location as a point on the unit sphere (x towards 0° N 0° E, z towards the north
    /// pole), so a distance needs no trigonometry but the final arc sine (``ScoringModel/distanceKm(_:_:)``).
    var x: Double
    var y: Double
    var z: Double
    /// How far the record may be from its point (a region's typical radius, km; 0 when given).
    var radiusKm: Double
    /// Interned languages as a bit set.
    var languages: UInt64
    /// The first KBLI code, packed (``ScoringFeatures/pack(_:)``); all codes are in the
    /// features' `kbli` list from `kbliStart`, `kbliCount` of them.
    var firstKBLI: UInt64
    var kbliStart: Int32
    var kbliCount: Int32
    /// Kabupaten/kota and kecamatan of the region code as numbers (`PPKK`, `PPKKCC`), 0 when
    /// the code does not go that deep.
    var kabupaten: UInt32
    var kecamatan: UInt32
    var skills: UInt16
    /// Scale rank 0–3, or -1 when unknown.
    var scale: Int8
    /// Online mentoring: 0 no, 1 yes, 2 only (resolved against the profile).
    var online: UInt8
    /// Time zone, UTC offset in hours.
    var zone: Int8

    /// The squared length of the chord between the two records' points on the unit sphere.
    /// `O(1)`.
    @inline(__always)
    func chordSquared(_ o: ScoringRow) -> Double {
        let dx = o.x - x, dy = o.y - y, dz = o.z - z
        return dx * dx + dy * dy + dz * dz
    }

    /// The number of leading region parts both share, capped at 3 (kecamatan): 3, 2 or less
    /// than 2 (returned as 0). Equals ``RegionCode/sharedLevel(with:)`` where it is 2 or 3. `O(1)`.
    @inline(__always)
    func sharedRegionLevel(_ o: ScoringRow) -> Int {
        if kecamatan != 0 && kecamatan == o.kecamatan { return 3 }
        return kabupaten != 0 && kabupaten == o.kabupaten ? 2 : 0
    }
}

/// Scoring rows of one side (mentors or mentees) and their KBLI codes.
struct ScoringFeatures: Sendable {
    var rows: [ScoringRow] = []
    /// KBLI codes packed one level per byte (section, division, 3rd, 4th, 5th digit; each + 1,
    /// 0 = absent); codes of record r are `kbli[rows[r].kbliStart...]`.
    var kbli: [UInt64] = []

    mutating func append(kbli codes: [KBLICode], skills: SkillSet, scale: BusinessScale?, languages: UInt64,
                         region: RegionCode, location: GeoPoint, radiusKm: Double = 0, online: UInt8, zone: Int8) {
        let start = kbli.count
        for c in codes { kbli.append(Self.pack(c)) }
        let rad = Double.pi / 180
        let part = { (divisor: UInt64, level: Int) in region.level >= level ? UInt32(region.packed / divisor) : 0 }
        let lat = location.lat * rad, lon = location.lon * rad
        rows.append(ScoringRow(x: cos(lat) * cos(lon), y: cos(lat) * sin(lon), z: sin(lat),
                               radiusKm: radiusKm, languages: languages, firstKBLI: kbli.count > start ? kbli[start] : 0,
                               kbliStart: Int32(start), kbliCount: Int32(kbli.count - start),
                               kabupaten: part(1_000_000, 2), kecamatan: part(10_000, 3), skills: skills.rawValue,
                               scale: scale.map { Int8($0.rank) } ?? -1,
                               online: online, zone: zone))
    }

    /// Packed KBLI codes of record `r`. `O(1)`.
    @inline(__always)
    func codes(_ r: Int) -> ArraySlice<UInt64> {
        let row = rows[r]
        return kbli[Int(row.kbliStart)..<Int(row.kbliStart + row.kbliCount)]
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

    /// Shared depth of two packed codes: the number of leading levels both have and agree on.
    /// Levels are bytes from the lowest, and a code's levels are contiguous, so the depth is the
    /// first differing byte, capped by the number of levels `a` has. `O(1)`.
    @inline(__always)
    static func depth(_ a: UInt64, _ b: UInt64) -> Int {
        let x = a ^ b
        let differ = x == 0 ? 8 : x.trailingZeroBitCount >> 3
        return min(differ, levels(a), 5)
    }

    /// The first `level` levels of a packed code (the code itself when it has no more). `O(1)`.
    @inline(__always)
    static func prefix(_ code: UInt64, level: Int) -> UInt64 {
        level >= 8 ? code : code & ((1 << UInt64(8 * level)) - 1)
    }

    /// How many levels a packed code has (1 for a section letter, 2–5 for digit codes). `O(1)`.
    @inline(__always)
    static func levels(_ code: UInt64) -> Int { (71 - code.leadingZeroBitCount) >> 3 }
}
