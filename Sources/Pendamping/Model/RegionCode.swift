/// A Kemendagri region code `PP.KK.CC.DDDD`: province, kabupaten/kota, kecamatan,
/// desa/kelurahan; any prefix of 1–4 parts is valid (`62`, `31.73`, `31.73.04`).
public struct RegionCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The canonical dotted text.
    public let text: String
    /// Number of parts, 1–4.
    public let level: Int
    /// Parts packed as PPKKCCDDDD with unused parts zero, for O(1) prefix comparison.
    let packed: UInt64

    /// Parses the dotted text in one pass over its bytes (parts of 2, 2, 2 and 4 digits); the
    /// text is kept as given, which is then already canonical. `O(length)`.
    public init?(_ raw: some StringProtocol) {
        var packed: UInt64 = 0, level = 0, width = 0
        func expected(_ part: Int) -> Int { part == 3 ? 4 : 2 }
        for b in raw.utf8 {
            if b == UInt8(ascii: ".") {
                guard width == expected(level), level < 3 else { return nil }
                level += 1; width = 0
            } else {
                guard b >= 48 && b <= 57, width < expected(level) else { return nil }
                packed = packed * 10 + UInt64(b - 48); width += 1
            }
        }
        guard width == expected(level) else { return nil }
        level += 1
        for part in level..<4 { packed *= UInt64(pow10(expected(part))) }
        self.text = String(raw)
        self.level = level
        self.packed = packed
    }

    /// The code as text.
    public var description: String { text }
    /// Orders by the code's text (parents before their children).
    public static func < (a: RegionCode, b: RegionCode) -> Bool { a.text < b.text }

    /// The code cut to `level` parts (e.g. level 2 gives the kabupaten/kota). `O(1)`.
    public func prefix(_ level: Int) -> RegionCode? {
        guard level <= self.level else { return nil }
        return RegionCode(text.split(separator: ".").prefix(level).joined(separator: "."))
    }

    /// A number that identifies the code cut to `level` parts (or the whole code when it is
    /// shorter), for grouping many records without building strings. `O(1)`.
    package func prefixKey(_ level: Int) -> UInt64 {
        let divisors: [UInt64] = [100_000_000, 1_000_000, 10_000, 1]
        let l = min(level, self.level)
        return (packed / divisors[l - 1]) &* 8 &+ UInt64(l)
    }

    /// Number of leading parts both codes share and both have (0–4). `O(1)`.
    public func sharedLevel(with other: RegionCode) -> Int {
        let divisors: [UInt64] = [100_000_000, 1_000_000, 10_000, 1]
        let n = min(level, other.level)
        var shared = 0
        while shared < n, packed / divisors[shared] == other.packed / divisors[shared] { shared += 1 }
        return shared
    }
}

private func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { r, _ in r * 10 } }
