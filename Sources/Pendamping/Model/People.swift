/// A point on the earth in WGS84 decimal degrees.
public struct GeoPoint: Hashable, Sendable {
    /// Latitude, degrees north (negative south of the equator).
    public var lat: Double
    /// Longitude, degrees east.
    public var lon: Double
    /// A point from latitude and longitude in degrees.
    public init(lat: Double, lon: Double) { self.lat = lat; self.lon = lon }
}

/// One entry of a stated ranking: the other side's id and its rank (1 = first choice; equal
/// ranks are ties, broken by score).
public struct RankedChoice: Hashable, Sendable {
    /// The chosen mentor's or mentee's id.
    public var id: String
    /// 1 for the first choice; equal ranks are ties.
    public var rank: Int
    /// A choice of `id` at `rank`.
    public init(id: String, rank: Int) { self.id = id; self.rank = rank }
}

/// A mentor (pendamping): an experienced business, consultant, cadre or volunteer.
public struct Mentor: Sendable, Identifiable {
    /// The largest capacity a mentor may have (a cohort of a hundred thousand is already far
    /// beyond any programme; the bound keeps every count inside `Int32`).
    public static let maxCapacity = 100_000
    /// The mentor's id, unique in its list (the key of every output row and decision).
    public var id: String
    /// The business or person's name (shown in outputs, never in logs).
    public var name: String
    /// Sectors the mentor knows; similarity takes the best over these.
    public var kbli: [KBLICode]
    /// Where the mentor works: given coordinates, or its region's point (``locationSource``).
    public var location: GeoPoint
    /// The Kemendagri code of the mentor's region, as deep as known.
    public var region: RegionCode
    /// How many mentees the mentor takes on (≥ 0; CSV input requires ≥ 1).
    public var capacity: Int
    /// The least cohort the mentor will open with (`min_mentees`); nil: no minimum.
    public var minMentees: Int?
    /// Hours a month the mentor can give, travel included (`hours_per_month`); nil: no limit.
    public var hoursPerMonth: Double?
    /// What the mentor can teach (halal certification, HAKI, packaging, …).
    public var expertise: SkillSet
    /// ISO 639-3 codes, sorted, unique.
    public var languages: [String]
    /// Gender, when stated (for stated preferences).
    public var gender: Gender?
    /// The mentor business's scale (mikro, kecil, menengah, besar), when stated.
    public var scale: BusinessScale?
    /// Business, consultant, cadre or volunteer, when stated.
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

    /// A mentor; ``line`` is 0 and the optional fields empty unless given.
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
    /// The mentee's id, unique in its list.
    public var id: String
    /// The business's name (shown in outputs, never in logs).
    public var name: String
    /// The business's KBLI 2020 codes, first the main one.
    public var kbli: [KBLICode]
    /// Where the business is: given coordinates, or its region's point (``locationSource``).
    public var location: GeoPoint
    /// The Kemendagri code of the business's region, as deep as known.
    public var region: RegionCode
    /// What the business needs help with (halal certification, HAKI, QRIS, …).
    public var needs: SkillSet
    /// Languages the owner speaks, ISO 639-3 codes, sorted, unique.
    public var languages: [String]
    /// Gender, when stated (for stated preferences).
    public var gender: Gender?
    /// The business's scale, when stated.
    public var scale: BusinessScale?
    /// Hours of mentoring a month this mentee needs (side constraints).
    public var hoursNeeded: Double?
    /// Stated wishes about the mentor (gender, language, scale, region, named mentors).
    public var preferences: [Preference]
    /// Weight of this mentee in the objective (default 1).
    public var priority: Double
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
    /// Online mentoring (`online` column); nil: the profile's default (`online.mentees`, or
    /// `yes` in `online.mentee_regions`).
    public var online: OnlineMode? = nil
    /// Mentors ranked by this beginner in a preferences file (`mentor:ID` tokens of `prefer`
    /// rank too, in their order, after these).
    public var rankedMentors: [RankedChoice] = []
    /// 1-based line of the record in its file (0 when not from a file).
    public var line: Int

    /// A mentee; ``line`` is 0 and the optional fields empty unless given.
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
    /// The mentors, sorted by id.
    public var mentors: [Mentor]
    /// The mentees, sorted by id.
    public var mentees: [Mentee]
    /// Names of the mentor list's unknown columns, carried to the outputs.
    public var mentorExtraColumns: [String]
    /// Names of the mentee list's unknown columns, carried to the outputs.
    public var menteeExtraColumns: [String]

    /// A dataset from its records (the caller keeps them sorted by id).
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
