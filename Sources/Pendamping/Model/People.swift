/// A point on the earth in WGS84 decimal degrees.
public struct GeoPoint: Hashable, Sendable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) { self.lat = lat; self.lon = lon }
}

/// One entry of a stated ranking: the other side's id and its rank (1 = first choice; equal
/// ranks are ties, broken by score).
public struct RankedChoice: Hashable, Sendable {
    public var id: String
    public var rank: Int
    public init(id: String, rank: Int) { self.id = id; self.rank = rank }
}

/// A mentor (pendamping): an experienced business, consultant, cadre or volunteer.
public struct Mentor: Sendable, Identifiable {
    /// The largest capacity a mentor may have (a cohort of a hundred thousand is already far
    /// beyond any programme; the bound keeps every count inside `Int32`).
    public static let maxCapacity = 100_000
    public var id: String
    public var name: String
    /// Sectors the mentor knows; similarity takes the best over these.
    public var kbli: [KBLICode]
    public var location: GeoPoint
    public var region: RegionCode
    /// How many mentees the mentor takes on (≥ 0; CSV input requires ≥ 1).
    public var capacity: Int
    public var minMentees: Int?
    public var hoursPerMonth: Double?
    public var expertise: SkillSet
    /// ISO 639-3 codes, sorted, unique.
    public var languages: [String]
    public var gender: Gender?
    public var scale: BusinessScale?
    public var kind: MentorKind?
    /// Values of the input's unknown columns, in the dataset's `extraColumns` order.
    public var extra: [String]
    /// Where `location` came from: the record's coordinates, or its region's point.
    public var locationSource: LocationSource = .given
    /// How far the business may be from `location` when that is a region's point (the
    /// region's typical radius, km); 0 for given coordinates.
    public var locationRadiusKm: Double = 0
    /// Nomor Induk Berusaha (13 digits), when stated.
    public var nib: String?
    /// Kelurahan/desa name as written, when stated (for finding the same business twice).
    public var kelurahan: String?
    /// The beginners this mentor chose, ranked (`prefer` column or a preferences file).
    public var preferredMentees: [RankedChoice] = []
    /// Online mentoring (`online` column); nil: the profile's `online.mentors` default.
    public var online: OnlineMode? = nil
    /// How many identical mentors this record stands for (1 for real records). What-if runs
    /// merge the new mentors placed at one point into one record whose capacity and hours are
    /// the team's: identical mentors at one point are interchangeable, and one record keeps
    /// the candidate search's top k from filling up with copies.
    public var teamSize = 1
    /// 1-based line of the record in its file (0 when not from a file).
    public var line: Int

    public init(id: String, name: String = "", kbli: [KBLICode], location: GeoPoint, region: RegionCode,
                capacity: Int, minMentees: Int? = nil, hoursPerMonth: Double? = nil, expertise: SkillSet = [],
                languages: [String] = [], gender: Gender? = nil, scale: BusinessScale? = nil,
                kind: MentorKind? = nil, extra: [String] = [], line: Int = 0) {
        self.id = id; self.name = name; self.kbli = kbli; self.location = location; self.region = region
        self.capacity = capacity; self.minMentees = minMentees; self.hoursPerMonth = hoursPerMonth
        self.expertise = expertise; self.languages = languages; self.gender = gender; self.scale = scale
        self.kind = kind; self.extra = extra; self.line = line
    }
}

/// A mentee: a beginner micro or small business (UMKM, Adik Asuh).
public struct Mentee: Sendable, Identifiable {
    public var id: String
    public var name: String
    public var kbli: [KBLICode]
    public var location: GeoPoint
    public var region: RegionCode
    public var needs: SkillSet
    public var languages: [String]
    public var gender: Gender?
    public var scale: BusinessScale?
    /// Hours of mentoring a month this mentee needs (side constraints).
    public var hoursNeeded: Double?
    public var preferences: [Preference]
    /// Weight of this mentee in the objective (default 1).
    public var priority: Double
    public var extra: [String]
    /// Where `location` came from: the record's coordinates, or its region's point.
    public var locationSource: LocationSource = .given
    /// How far the business may be from `location` when that is a region's point (the
    /// region's typical radius, km); 0 for given coordinates.
    public var locationRadiusKm: Double = 0
    /// Nomor Induk Berusaha (13 digits), when stated.
    public var nib: String?
    /// Kelurahan/desa name as written, when stated (for finding the same business twice).
    public var kelurahan: String?
    /// Online mentoring (`online` column); nil: the profile's default (`online.mentees`, or
    /// `yes` in `online.mentee_regions`).
    public var online: OnlineMode? = nil
    /// Mentors ranked by this beginner in a preferences file (`mentor:ID` tokens of `prefer`
    /// rank too, in their order, after these).
    public var rankedMentors: [RankedChoice] = []
    public var line: Int

    public init(id: String, name: String = "", kbli: [KBLICode], location: GeoPoint, region: RegionCode,
                needs: SkillSet = [], languages: [String] = [], gender: Gender? = nil,
                scale: BusinessScale? = nil, hoursNeeded: Double? = nil, preferences: [Preference] = [],
                priority: Double = 1, extra: [String] = [], line: Int = 0) {
        self.id = id; self.name = name; self.kbli = kbli; self.location = location; self.region = region
        self.needs = needs; self.languages = languages; self.gender = gender; self.scale = scale
        self.hoursNeeded = hoursNeeded; self.preferences = preferences; self.priority = priority
        self.extra = extra; self.line = line
    }
}

/// Mentors and mentees of one run, each sorted by id so that index order is id order (the
/// deterministic tie-break everywhere), with the unknown input columns kept for the outputs.
public struct Dataset: Sendable {
    public var mentors: [Mentor]
    public var mentees: [Mentee]
    public var mentorExtraColumns: [String]
    public var menteeExtraColumns: [String]

    public init(mentors: [Mentor], mentees: [Mentee], mentorExtraColumns: [String] = [], menteeExtraColumns: [String] = []) {
        self.mentors = Self.byID(mentors, \.id)
        self.mentees = Self.byID(mentees, \.id)
        self.mentorExtraColumns = mentorExtraColumns
        self.menteeExtraColumns = menteeExtraColumns
    }

    /// `records` in ascending id order: unchanged when already so (lists usually are), else
    /// sorted through their indices so that the large records move once.
    /// - Complexity: `O(r)` when sorted, else `O(r·log r)` comparisons.
    static func byID<T>(_ records: [T], _ id: (T) -> String) -> [T] {
        var sorted = true
        for k in records.indices.dropFirst() where !(id(records[k - 1]) < id(records[k])) { sorted = false; break }
        if sorted { return records }
        let ids = records.map(id)
        return ids.indices.sorted { ids[$0] < ids[$1] }.map { records[$0] }
    }

    /// Index of each mentor id. `O(m)`.
    public func mentorIndex() -> [String: Int32] {
        Dictionary(uniqueKeysWithValues: mentors.enumerated().map { ($1.id, Int32($0)) })
    }
    /// Index of each mentee id. `O(n)`.
    public func menteeIndex() -> [String: Int32] {
        Dictionary(uniqueKeysWithValues: mentees.enumerated().map { ($1.id, Int32($0)) })
    }
}
