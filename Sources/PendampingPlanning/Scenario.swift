@_spi(Stages) import Pendamping
import Foundation
import Tabular

/// A what-if variant of a dataset: more mentors of a kind placed somewhere, capacities scaled
/// or set by kind, and profile changes. Read from JSON:
/// ```json
/// { "name": "+120 student cadres",
///   "add_mentors": [{ "kind": "cadre", "count": 120, "capacity": 10, "hours_per_month": 40,
///                     "kbli": ["47911"], "expertise": ["digital", "qris"], "languages": ["ind", "bjn"],
///                     "place": "recruit" }],
///   "capacity_scale": 1.0, "capacity_set": { "consultant": 60 },
///   "profile": { "rules": { "max_km": 30 } } }
/// ```
/// `place` is `recruit` (choose the best locations, see ``Recruitment``), `kabupaten` (spread
/// over kabupaten/kota centres) or a list of region codes.
public struct Scenario: Sendable {
    /// A group of new mentors of one kind, all alike, and where to place them.
    public struct NewMentors: Sendable {
        /// Their kind (business, consultant, cadre, volunteer), for costs.
        public var kind: MentorKind
        /// How many.
        public var count: Int
        /// Mentees each can take.
        public var capacity: Int
        /// Hours a month each can give; nil: no limit.
        public var hoursPerMonth: Double?
        /// Sectors they know.
        public var kbli: [KBLICode]
        /// What they can teach.
        public var expertise: SkillSet
        /// Languages they speak, ISO 639-3.
        public var languages: [String]
        /// Where: the best places found (``Recruitment``), kabupaten/kota centres, or given regions.
        public enum Place: Sendable, Equatable {
            /// The best places for the unmatched beginners (``Recruitment``).
            case recruit
            /// Spread over the kabupaten/kota centres.
            case kabupaten
            /// The given regions, in turn.
            case regions([RegionCode])
        }
        /// Where they are placed.
        public var place: Place
    }
    /// The scenario's name, shown in every table.
    public var name: String
    /// New mentors to add.
    public var addMentors: [NewMentors] = []
    /// Every mentor's capacity times this (rounded, at least 1).
    public var capacityScale = 1.0
    /// Capacities set by kind, after the scaling.
    public var capacitySet: [MentorKind: Int] = [:]
    /// Profile JSON (an object) merged over the base profile, section by section.
    public var profilePatch: Data?

    /// Reads a scenario file, naming the file and JSON path of any problem: unknown keys,
    /// wrong types, values out of range, and a scenario that changes nothing are all refused.
    public static func read(path: String) throws -> Scenario {
        try decode(InputFile.contents(path, name: path), name: path,
                   fallbackName: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
    }

    /// Strict decoding of a scenario's JSON; see ``read(path:)``.
    public static func decode(_ data: Data, name file: String, fallbackName: String) throws -> Scenario {
        var issues: [InputIssue] = []
        func bad(_ field: String, _ msg: String) { issues.append(InputIssue(file: file, line: 0, column: field, message: msg)) }
        func bad(_ field: String, _ problem: SettingProblem) { issues.append(InputIssue(file: file, line: 0, column: field, problem: problem)) }
        let root = try StrictJSON.object(data, file: file)
        StrictJSON.unknownKeys(root, allowed: ScenarioFile.CodingKeys.allCases.map(\.stringValue), at: "", file: file, into: &issues)
        for (n, item) in ((root["add_mentors"] as? [Any]) ?? []).enumerated() {
            guard let item = item as? [String: Any] else { continue }
            StrictJSON.unknownKeys(item, allowed: ScenarioFile.Addition.CodingKeys.allCases.map(\.stringValue),
                                   at: "add_mentors[\(n)]", file: file, into: &issues)
        }
        if !issues.isEmpty { throw InputError.invalid(issues) }
        let raw: ScenarioFile = try StrictJSON.decode(ScenarioFile.self, from: data, file: file,
                                                       integerKeys: Set(["count", "capacity"] + MentorKind.allCases.map(\.rawValue)))
        var s = Scenario(name: raw.name ?? fallbackName)
        if let x = raw.capacityScale {
            if (0...100).contains(x) { s.capacityScale = x } else { bad("capacity_scale", .numberIn("[0, 100]")) }
        }
        for (k, cap) in (raw.capacitySet ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let kind = MentorKind(rawValue: k) else {
                bad("capacity_set.\(Echo.shown(k, Echo.word))", "is not a mentor kind (\(MentorKind.allCases.map(\.rawValue).joined(separator: ", ")))"); continue
            }
            guard (0...DatasetReader.maxCapacity).contains(cap) else { bad("capacity_set.\(k)", .wholeNumberIn("[0, \(DatasetReader.maxCapacity)]")); continue }
            s.capacitySet[kind] = cap
        }
        if let patch = root["profile"] {
            guard patch is [String: Any] else { throw InputError.invalid([InputIssue(file: file, line: 0, column: "profile", message: "must be an object of profile settings")]) }
            s.profilePatch = try JSONSerialization.data(withJSONObject: patch, options: [.sortedKeys])
            _ = try s.profile(over: .default)   // unknown or bad settings are reported now, with this file's name
        }
        for (n, item) in (raw.addMentors ?? []).enumerated() {
            let f = "add_mentors[\(n)]"
            guard let kind = MentorKind(rawValue: item.kind) else {
                bad(f + ".kind", "must be one of \(MentorKind.allCases.map(\.rawValue).joined(separator: ", "))"); continue
            }
            guard (1...100_000).contains(item.count) else { bad(f + ".count", .wholeNumberIn("[1, 100000]")); continue }
            guard (1...DatasetReader.maxCapacity).contains(item.capacity) else {
                bad(f + ".capacity", .wholeNumberIn("[1, \(DatasetReader.maxCapacity)]")); continue
            }
            if let h = item.hoursPerMonth, !(0...744).contains(h) { bad(f + ".hours_per_month", "must be a number of hours in [0, 744]"); continue }
            let kbli = (item.kbli ?? ["G"]).compactMap { code -> KBLICode? in
                if let c = KBLICode(code) { return c }
                bad(f + ".kbli", "\(Echo.shown(code, Echo.code)) is not a KBLI 2020 code"); return nil
            }
            if kbli.isEmpty && item.kbli != nil { bad(f + ".kbli", "must list at least one KBLI code"); continue }
            let expertise = (item.expertise ?? []).compactMap { x -> Skill? in
                if let sk = Skill(rawValue: x) { return sk }
                bad(f + ".expertise", "\(Echo.shown(x, Echo.word)) is not one of \(Skill.allCases.map(\.rawValue).joined(separator: ", "))"); return nil
            }
            let languages = (item.languages ?? ["ind"]).filter { code in
                let ok = (2...3).contains(code.utf8.count) && code.utf8.allSatisfy { (97...122).contains($0) }
                if !ok { bad(f + ".languages", "\(Echo.shown(code, Echo.word, limit: 8)) is not an ISO 639-3 language code") }
                return ok
            }
            var place = NewMentors.Place.kabupaten
            switch item.place {
            case nil: break
            case .word("recruit"): place = .recruit
            case .word("kabupaten"): place = .kabupaten
            case .word: bad(f + ".place", "must be recruit, kabupaten or a non-empty list of region codes"); continue
            case .codes(let codes):
                let regions = codes.compactMap { c -> RegionCode? in
                    if let r = RegionCode(c) { return r }
                    bad(f + ".place", "\(Echo.shown(c, Echo.region)) is not a region code"); return nil
                }
                guard !codes.isEmpty else { bad(f + ".place", "must be recruit, kabupaten or a non-empty list of region codes"); continue }
                place = .regions(regions)
            }
            s.addMentors.append(NewMentors(kind: kind, count: item.count, capacity: item.capacity, hoursPerMonth: item.hoursPerMonth,
                                           kbli: kbli, expertise: SkillSet(expertise), languages: Array(Set(languages)).sorted(), place: place))
        }
        if !issues.isEmpty { throw InputError.invalid(issues) }
        if s.addMentors.isEmpty && s.capacityScale == 1 && s.capacitySet.isEmpty && s.profilePatch == nil {
            throw InputError.invalid([InputIssue(file: file, line: 0, message:
                "the scenario changes nothing: give add_mentors, capacity_scale, capacity_set or profile")])
        }
        return s
    }

    /// The profile with this scenario's patch merged over `base`, setting by setting.
    public func profile(over base: Profile) throws -> Profile {
        guard let data = profilePatch, let patch = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return base }
        return try Profile.merged(patch, over: base, name: "scenario \(name) profile")
    }
}

/// The JSON shape of a scenario file, decoded strictly (JSONDecoder refuses wrong types).
struct ScenarioFile: Decodable {
    var name: String?
    var addMentors: [Addition]?
    var capacityScale: Double?
    var capacitySet: [String: Int]?
    /// Checked by ``Profile/decode(_:name:)`` instead.
    var profile: Unread?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, addMentors = "add_mentors", capacityScale = "capacity_scale", capacitySet = "capacity_set", profile
    }

    struct Addition: Decodable {
        var kind: String
        var count: Int
        var capacity: Int
        var hoursPerMonth: Double?
        var kbli: [String]?
        var expertise: [String]?
        var languages: [String]?
        var place: Place?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case kind, count, capacity, hoursPerMonth = "hours_per_month", kbli, expertise, languages, place
        }
    }

    /// Any JSON value, left for another reader.
    struct Unread: Decodable { init(from decoder: Decoder) throws {} }

    /// `place`: a word or a list of region codes.
    enum Place: Decodable {
        case word(String)
        case codes([String])
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let w = try? c.decode(String.self) { self = .word(w); return }
            self = .codes(try c.decode([String].self))
        }
    }
}
