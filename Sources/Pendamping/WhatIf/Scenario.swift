import Foundation

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
    public struct NewMentors: Sendable {
        public var kind: MentorKind
        public var count: Int
        public var capacity: Int
        public var hoursPerMonth: Double?
        public var kbli: [KBLICode]
        public var expertise: SkillSet
        public var languages: [String]
        public enum Place: Sendable, Equatable { case recruit, kabupaten, regions([RegionCode]) }
        public var place: Place
    }
    public var name: String
    public var addMentors: [NewMentors] = []
    public var capacityScale = 1.0
    public var capacitySet: [MentorKind: Int] = [:]
    /// Profile JSON (an object) merged over the base profile, section by section.
    public var profilePatch: Data?

    /// Reads a scenario file, naming the file and field of any problem.
    public static func read(path: String) throws -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError.missingFile(path: path, reason: "no such file") }
        func bad(_ field: String, _ msg: String) -> InputError { .invalid([InputIssue(file: path, line: 0, column: field, message: msg)]) }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { throw bad("", "not a JSON object") }
        for key in root.keys where !["name", "add_mentors", "capacity_scale", "capacity_set", "profile"].contains(key) {
            throw bad(key, "unknown setting")
        }
        var s = Scenario(name: root["name"] as? String ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        if let v = root["capacity_scale"] {
            guard let x = v as? Double, x >= 0, x.isFinite else { throw bad("capacity_scale", "must be a number ≥ 0") }
            s.capacityScale = x
        }
        if let v = root["capacity_set"] {
            guard let d = v as? [String: Any] else { throw bad("capacity_set", "must map a mentor kind to a capacity") }
            for (k, c) in d {
                guard let kind = MentorKind(rawValue: k), let cap = c as? Int, cap >= 0 else { throw bad("capacity_set.\(k)", "must be a kind and a capacity ≥ 0") }
                s.capacitySet[kind] = cap
            }
        }
        if let patch = root["profile"] {
            guard patch is [String: Any] else { throw bad("profile", "must be an object of profile settings") }
            s.profilePatch = try JSONSerialization.data(withJSONObject: patch)
        }
        for (n, item) in ((root["add_mentors"] as? [[String: Any]]) ?? []).enumerated() {
            let f = "add_mentors[\(n)]"
            guard let kind = (item["kind"] as? String).flatMap(MentorKind.init(rawValue:)) else { throw bad(f + ".kind", "must be business, consultant, cadre or volunteer") }
            guard let count = item["count"] as? Int, count >= 0, count <= 1_000_000 else { throw bad(f + ".count", "must be an integer ≥ 0") }
            guard let cap = item["capacity"] as? Int, cap >= 1 else { throw bad(f + ".capacity", "must be an integer ≥ 1") }
            let kbli = try ((item["kbli"] as? [String]) ?? ["G"]).map { code -> KBLICode in
                guard let c = KBLICode(code) else { throw bad(f + ".kbli", "'\(code)' is not a KBLI code") }
                return c
            }
            let expertise = try ((item["expertise"] as? [String]) ?? []).map { x -> Skill in
                guard let sk = Skill(rawValue: x) else { throw bad(f + ".expertise", "'\(x)' is not a known skill") }
                return sk
            }
            var place = NewMentors.Place.kabupaten
            if let p = item["place"] as? String {
                switch p {
                case "recruit": place = .recruit
                case "kabupaten": place = .kabupaten
                default: throw bad(f + ".place", "must be recruit, kabupaten or a list of region codes")
                }
            } else if let codes = item["place"] as? [String] {
                place = .regions(try codes.map { c in
                    guard let r = RegionCode(c) else { throw bad(f + ".place", "'\(c)' is not a region code") }
                    return r
                })
            }
            s.addMentors.append(NewMentors(kind: kind, count: count, capacity: cap, hoursPerMonth: item["hours_per_month"] as? Double,
                                           kbli: kbli, expertise: SkillSet(expertise),
                                           languages: ((item["languages"] as? [String]) ?? ["ind"]).sorted(), place: place))
        }
        return s
    }

    /// The profile with this scenario's patch applied (top-level sections replaced key by key).
    public func profile(over base: Profile) throws -> Profile {
        guard let data = profilePatch, let patch = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return base }
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        var merged = (try JSONSerialization.jsonObject(with: e.encode(base))) as! [String: Any]
        for (k, v) in patch {
            if var section = merged[k] as? [String: Any], let over = v as? [String: Any] {
                for (kk, vv) in over { section[kk] = vv }
                merged[k] = section
            } else {
                merged[k] = v
            }
        }
        return try Profile.decode(JSONSerialization.data(withJSONObject: merged), name: "scenario \(name) profile")
    }
}
