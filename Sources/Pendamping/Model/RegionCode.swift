/// A Kemendagri region code `PP.KK.CC.DDDD`: province, kabupaten/kota, kecamatan,
/// desa/kelurahan; any prefix of 1–4 parts is valid (`62`, `31.73`, `31.73.04`).
public struct RegionCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The canonical dotted text.
    public let text: String
    /// Number of parts, 1–4.
    public let level: Int
    /// Parts packed as PPKKCCDDDD with unused parts zero, for O(1) prefix comparison.
    let packed: UInt64

    public init?(_ raw: some StringProtocol) {
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        let widths = [2, 2, 2, 4]
        guard (1...4).contains(parts.count) else { return nil }
        var packed: UInt64 = 0
        for (i, p) in parts.enumerated() {
            guard p.utf8.count == widths[i], p.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let v = UInt64(p) else { return nil }
            packed = packed * UInt64(pow10(widths[i])) + v
        }
        for i in parts.count..<4 { packed *= UInt64(pow10(widths[i])) }
        self.text = parts.joined(separator: ".")
        self.level = parts.count
        self.packed = packed
    }

    public var description: String { text }
    public static func < (a: RegionCode, b: RegionCode) -> Bool { a.text < b.text }

    /// The code cut to `level` parts (e.g. level 2 gives the kabupaten/kota). `O(1)`.
    public func prefix(_ level: Int) -> RegionCode? {
        guard level <= self.level else { return nil }
        return RegionCode(text.split(separator: ".").prefix(level).joined(separator: "."))
    }

    /// A number that identifies the code cut to `level` parts (or the whole code when it is
    /// shorter), for grouping many records without building strings. `O(1)`.
    func prefixKey(_ level: Int) -> UInt64 {
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
