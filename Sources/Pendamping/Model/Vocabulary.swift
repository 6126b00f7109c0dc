/// A kind of help a mentee needs or a mentor can give (docs/guide/inputs.md).
public enum Skill: String, CaseIterable, Sendable {
    /// Halal certification, HAKI (intellectual property), packaging, digital marketing, bookkeeping, export, QRIS payments, NIB registration, production, marketing.
    case halal, haki, kemasan, digital, keuangan, ekspor, qris, nib, produksi, pemasaran

    var bit: UInt16 { 1 << UInt16(Skill.allCases.firstIndex(of: self)!) }
}

/// A set of skills as a bitmask.
public struct SkillSet: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// One bit per ``Skill``, in the order of `Skill.allCases`.
    public let rawValue: UInt16
    /// A set from its bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// The set of `skills`.
    public init(_ skills: [Skill]) { self.init(rawValue: skills.reduce(0) { $0 | $1.bit }) }

    /// How many skills are in the set.
    public var count: Int { rawValue.nonzeroBitCount }
    /// The skills in the set, in vocabulary order.
    public var skills: [Skill] { Skill.allCases.filter { rawValue & $0.bit != 0 } }
    /// The skills' names joined by `|`, as the CSV files write them.
    public var description: String { skills.map(\.rawValue).joined(separator: "|") }
}

/// Business scale, ordered.
public enum BusinessScale: String, CaseIterable, Sendable, Comparable {
    /// Micro, small, medium, large.
    case mikro, kecil, menengah, besar
    /// 0 for mikro up to 3 for besar. `O(1)`.
    var rank: Int {
        switch self { case .mikro: 0; case .kecil: 1; case .menengah: 2; case .besar: 3 }
    }
    /// Orders by size, mikro first.
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// Gender as stated; `p`/`perempuan` and `l`/`laki-laki` are accepted on input.
public enum Gender: String, Sendable {
    /// Female (`f`, `p`) or male (`m`, `l`).
    case female = "f", male = "m"

    init?(input: String) {
        switch input.lowercased() {
        case "f", "p", "perempuan", "female": self = .female
        case "m", "l", "laki-laki", "male": self = .male
        default: return nil
        }
    }
}

/// What kind of mentor a record is.
public enum MentorKind: String, CaseIterable, Sendable {
    /// An experienced business (Kakak Asuh).
    case business
    /// A PLUT or programme consultant.
    case consultant
    /// A trained student cadre.
    case cadre
    /// A volunteer.
    case volunteer
}

/// A mentee's stated preference about its mentor (`prefer` column tokens).
public enum Preference: Hashable, Sendable, CustomStringConvertible {
    /// A mentor of this gender (`gender:f`).
    case gender(Gender)
    /// A mentor of this kind (`kind:consultant`).
    case kind(MentorKind)
    /// This mentor, by id (`mentor:KA-01`).
    case mentor(String)

    /// Parses `gender:f`, `kind:consultant` or `mentor:ID`.
    init?(_ token: String) {
        let parts = token.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        switch parts[0].lowercased() {
        case "gender": guard let g = Gender(input: parts[1]) else { return nil }; self = .gender(g)
        case "kind": guard let k = MentorKind(rawValue: parts[1].lowercased()) else { return nil }; self = .kind(k)
        case "mentor": self = .mentor(parts[1])
        default: return nil
        }
    }

    /// The preference as a `prefer` token, e.g. `gender:p` or `mentor:KA-01`.
    public var description: String {
        switch self {
        case .gender(let g): return "gender:\(g.rawValue)"
        case .kind(let k): return "kind:\(k.rawValue)"
        case .mentor(let id): return "mentor:\(id)"
        }
    }
}

/// Whether a record takes part in online mentoring (*daring*): `no` (in person only), `yes`
/// (in person, or online beyond the in-person limit), `only` (online only).
public enum OnlineMode: String, Sendable, CaseIterable, Codable {
    /// In person only; in person or online beyond the in-person limit; online only.
    case no, yes, only

    /// Reads `yes`/`no`/`only` and the Indonesian `ya`/`tidak`/`hanya` (case-insensitive).
    init?(input: String) {
        switch input.lowercased() {
        case "yes", "ya", "y", "true", "1": self = .yes
        case "no", "tidak", "t", "n", "false", "0": self = .no
        case "only", "hanya", "daring": self = .only
        default: return nil
        }
    }
}

/// Indonesia's three time zones, from the province part of a Kemendagri code.
public enum IndonesianTimeZone: Int, Sendable {
    /// Waktu Indonesia Barat (UTC+7): Sumatra, Java, West and Central Kalimantan.
    case wib = 7
    /// Waktu Indonesia Tengah (UTC+8): Bali, Nusa Tenggara, South, East and North Kalimantan, Sulawesi.
    case wita = 8
    /// Waktu Indonesia Timur (UTC+9): Maluku and Papua.
    case wit = 9

    /// The zone of a province code (11–99). `O(1)`.
    public init(province: Int) {
        switch province {
        case 51...53, 63...65, 71...76: self = .wita
        case 81...99: self = .wit
        default: self = .wib
        }
    }

    /// Same zone or neighbours (WIB–WITA, WITA–WIT). `O(1)`.
    public func isAdjacent(to other: IndonesianTimeZone) -> Bool { abs(rawValue - other.rawValue) <= 1 }
}
