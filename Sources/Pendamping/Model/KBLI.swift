/// A KBLI 2020 code (Klasifikasi Baku Lapangan Usaha Indonesia): a section letter A–U, or a
/// 2- to 5-digit code whose first two digits (the division) determine the section.
///
/// Similarity between two codes is the depth of their shared prefix in the hierarchy
/// section → 2 → 3 → 4 → 5 digits, from 0 (different sections) to 5 (same 5-digit code).
public struct KBLICode: Hashable, Sendable, CustomStringConvertible {
    /// Section index 0–20 for A–U.
    public let section: UInt8
    /// The digits, most significant first, as an integer (e.g. 10710), and how many there are (0 or 2–5).
    public let digits: UInt32
    /// How many digits the code has: 0 for a section alone, 2 to 5 otherwise.
    public let digitCount: UInt8

    /// Parses `C`, `10`, `107`, `1071` or `10710`; nil for any other shape or an unknown division.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        if bytes.count == 1, let s = Self.sectionLetters.firstIndex(of: bytes[0]) {
            section = UInt8(s); digits = 0; digitCount = 0
            return
        }
        guard (2...5).contains(bytes.count), bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let value = bytes.reduce(UInt32(0)) { $0 * 10 + UInt32($1 - 48) }
        let division = Int(bytes[0] - 48) * 10 + Int(bytes[1] - 48)
        guard let s = Self.section(ofDivision: division) else { return nil }
        section = s; digits = value; digitCount = UInt8(bytes.count)
    }

    /// The section as its letter, `A` to `U`.
    public var sectionLetter: Character { Character(Unicode.Scalar(Self.sectionLetters[Int(section)])) }

    /// The code as written: the letter for a section, else the digits with leading zeros.
    public var description: String {
        guard digitCount > 0 else { return String(sectionLetter) }
        let s = String(digits)
        return String(repeating: "0", count: Int(digitCount) - s.count) + s
    }

    /// The i-th digit (0-based) of the code. `O(1)`.
    func digit(_ i: Int) -> UInt32 {
        var v = digits
        for _ in 0..<(Int(digitCount) - 1 - i) { v /= 10 }
        return v % 10
    }

    /// Depth of the shared prefix: 0 different sections, 1 same section, 2 same division,
    /// 3, 4, 5 same 3-, 4-, 5-digit group. `O(1)`.
    public func sharedDepth(with other: KBLICode) -> Int {
        guard section == other.section else { return 0 }
        let n = Int(min(digitCount, other.digitCount))
        var same = 0
        while same < n, digit(same) == other.digit(same) { same += 1 }
        return same >= 2 ? same : 1
    }

    static let sectionLetters: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTU".utf8)

    /// KBLI 2020 divisions by section (the ISIC Rev. 4 structure KBLI follows).
    static let divisionRanges: [ClosedRange<Int>] = [
        1...3, 5...9, 10...33, 35...35, 36...39, 41...43, 45...47, 49...53, 55...56, 58...63,
        64...66, 68...68, 69...75, 77...82, 84...84, 85...85, 86...88, 90...93, 94...96, 97...98, 99...99,
    ]

    static func section(ofDivision d: Int) -> UInt8? {
        divisionRanges.firstIndex { $0.contains(d) }.map(UInt8.init)
    }
}
