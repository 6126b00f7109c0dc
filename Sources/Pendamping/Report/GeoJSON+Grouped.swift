import Foundation
import Tabular

/// `map.geojson` at province scale: above ``GeoJSON/groupAbove`` mentees a Point per mentee
/// and a LineString per pair would make the file several hundred megabytes (tier L: 108 MB),
/// more than a desktop viewer opens comfortably. The mentees are then written as groups: a
/// MultiPoint per mentor and region (`kind` `cohort`: mentor_id, region, mentees) and a
/// MultiPoint per region and reason for the unassigned (`kind` `unassigned`: region, reason,
/// mentees), each with per-mentee arrays in the order of its points (`mentee_index` — the
/// mentee's position in the run's id order — `mentee_ids`, `mentee_names`, `mentee_sections`
/// (one KBLI section letter per mentee), `mentee_needs` (``SkillSet`` bitmasks) and
/// `mentee_location_sources`; a cohort also `mentee_scores`, `mentee_sector`,
/// `mentee_location`, `mentee_capacity_term`, `mentee_culture`, `mentee_distance_km` and
/// `mentee_decisions`). A viewer colours the cohorts by `mentor_id`;
/// the pairs themselves are in `pairs.csv`. Mentors, kabupaten/kota and placements are
/// written as in the ungrouped file. `pendamping report DIR` reads this layout back with
/// the unassigned mentees' details from `unassigned.csv`.
extension GeoJSON {
    /// Mentees above which the mentees are written in groups (the report lists whole cohorts up
    /// to the same number of rows).
    public static let groupAbove = 10_000

    /// One group of mentees: its key and the input positions of its mentees, ascending.
    struct Group: Sendable {
        var mentor: String?
        var region: String
        var reason: String?
        var members: [Int] = []
    }

    /// The cohorts by (mentor, region) in mentor order, then the unassigned by (region,
    /// reason). `O(n log n)` for the sorts of the keys.
    static func groups(_ input: ReportInput) -> [Group] {
        let mentorIndex = Dictionary(uniqueKeysWithValues: input.mentors.enumerated().map { ($1.id, $0) })
        var cohorts: [String: [String: [Int]]] = [:], unassigned: [String: [String: [Int]]] = [:]
        // Fields read through the array: no mentee is copied whole.
        let mentees = input.mentees
        for k in mentees.indices {
            if let j = mentees[k].mentorID {
                cohorts[j, default: [:]][mentees[k].region, default: []].append(k)
            } else {
                unassigned[mentees[k].region, default: [:]][mentees[k].reason ?? "", default: []].append(k)
            }
        }
        var out: [Group] = []
        for j in cohorts.keys.sorted(by: { (mentorIndex[$0] ?? .max, $0) < (mentorIndex[$1] ?? .max, $1) }) {
            for (region, members) in cohorts[j]!.sorted(by: { $0.key < $1.key }) {
                out.append(Group(mentor: j, region: region, reason: nil, members: members))
            }
        }
        for region in unassigned.keys.sorted() {
            for (reason, members) in unassigned[region]!.sorted(by: { $0.key < $1.key }) {
                out.append(Group(mentor: nil, region: region, reason: reason, members: members))
            }
        }
        return out
    }

    /// Where runs of `groups` of about `menteesPerRun` mentees (at most 64 runs) start, then
    /// the number of groups: the grouped map is written one run per piece (``GeoJSON/Pieces``).
    /// `O(groups)`.
    static func runs(_ groups: [Group], menteesPerRun: Int = 4_096) -> [Int] {
        let total = groups.reduce(0) { $0 + $1.members.count }
        let shares = max(1, min(64, total / max(1, menteesPerRun)))
        var starts = [0], running = 0
        for (q, g) in groups.enumerated() {
            running += g.members.count
            if running * shares >= total * starts.count, q + 1 < groups.count, starts.count < shares { starts.append(q + 1) }
        }
        return groups.isEmpty ? [0] : starts + [groups.count]
    }

    /// `groups` as features, each after a comma but the first when `leadingComma` is false.
    /// `O(their mentees)`.
    static func writeGroups(_ groups: ArraySlice<Group>, of input: ReportInput, leadingComma: Bool) -> [UInt8] {
        var w = JSONWriter(capacity: 400 * groups.reduce(0) { $0 + $1.members.count })
        for q in groups.indices {
            if q > groups.startIndex || leadingComma { w.comma() }
            write(groups[q], of: input, to: &w)
        }
        return w.bytes
    }

    /// Writes `group` as a MultiPoint feature with its per-mentee arrays. `O(group size)`.
    static func write(_ group: Group, of input: ReportInput, to w: inout JSONWriter) {
        // Fields are read through the array, one at a time: copying each mentee whole would
        // retain every string and array it holds.
        let members = group.members, mentees = input.mentees
        w.raw("{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPoint\",\"coordinates\":[")
        for (k, i) in members.enumerated() {
            if k > 0 { w.comma() }
            w.raw("["); w.number(mentees[i].point.lon, 6); w.comma(); w.number(mentees[i].point.lat, 6); w.raw("]")
        }
        w.raw("]},\"properties\":{")
        if let j = group.mentor {
            w.key("kind"); w.string("cohort"); w.comma(); w.key("mentor_id"); w.string(j)
        } else {
            w.key("kind"); w.string("unassigned")
        }
        w.comma(); w.key("region"); w.string(group.region)
        if let r = group.reason { w.comma(); w.key("reason"); w.string(r) }
        w.comma(); w.key("mentees"); w.int(members.count)
        func array(_ key: StaticString, _ item: (inout JSONWriter, Int) -> Void) {
            w.comma(); w.key(key); w.raw("[")
            for (k, i) in members.enumerated() { if k > 0 { w.comma() }; item(&w, i) }
            w.raw("]")
        }
        array("mentee_index") { $0.int($1) }
        array("mentee_ids") { $0.string(mentees[$1].id) }
        array("mentee_names") { $0.string(mentees[$1].name) }
        w.comma(); w.key("mentee_sections"); w.string(members.map { mentees[$0].section.isEmpty ? "-" : mentees[$0].section }.joined())
        array("mentee_needs") { $0.int(Int(SkillSet(mentees[$1].needs.compactMap(Skill.init(rawValue:))).rawValue)) }
        array("mentee_location_sources") { $0.string(mentees[$1].locationSource.rawValue) }
        if group.mentor != nil {
            array("mentee_scores") { $0.number(mentees[$1].score, 6) }
            for (t, key) in [(0, "mentee_sector"), (1, "mentee_location"), (2, "mentee_capacity_term"), (3, "mentee_culture")] as [(Int, StaticString)] {
                array(key) { $0.number(mentees[$1].terms.flatMap { $0.count == 4 ? $0[t] : nil }, 6) }
            }
            array("mentee_distance_km") { $0.number(mentees[$1].distanceKm, 6) }
            array("mentee_decisions") { $0.string(mentees[$1].decision) }
        }
        w.raw("}}")
    }

    /// The mentees of the grouped features, each at its `mentee_index`; the unassigned ones'
    /// details from `details` (mentee id → `unassigned.csv`'s detail).
    /// - Throws: ``InputError`` naming `name` when the arrays disagree in length or an index
    ///   is missing or repeated. - Complexity: `O(n)`.
    static func groupedMentees(_ features: [Feature], details: [String: String],
                               name: String) throws -> [ReportInput.Mentee] {
        func bad(_ why: String) -> InputError { notOurs(name, why) }
        var slots: [ReportInput.Mentee?] = []
        for f in features {
            let g = f.properties
            guard case .line(let points) = f.geometry.coordinates, let index = g.menteeIndex, let ids = g.menteeIds,
                  let names = g.menteeNames, let sectionText = g.menteeSections, let needs = g.menteeNeeds,
                  let sources = g.menteeLocationSources else { throw bad("a group without its mentees' arrays") }
            let n = points.count, sections = Array(sectionText)
            let cohort = g.kind == "cohort"
            var lengths = [index.count, ids.count, names.count, sections.count, needs.count, sources.count]
            if cohort {
                let columns = [g.menteeScores, g.menteeSector, g.menteeLocation, g.menteeCapacityTerm, g.menteeCulture, g.menteeDistanceKm]
                guard columns.allSatisfy({ $0 != nil }), let decisions = g.menteeDecisions else { throw bad("a cohort without its pairs' arrays") }
                lengths += columns.map { $0!.count } + [decisions.count]
            }
            guard lengths.allSatisfy({ $0 == n }), points.allSatisfy({ $0.count == 2 }) else { throw bad("a group's arrays differ in length") }
            for k in 0..<n {
                let at = index[k]
                guard at >= 0, at < 50_000_000 else { throw bad("mentee_index \(at) out of range") }
                if slots.count <= at { slots += Array(repeating: nil, count: at + 1 - slots.count) }
                guard slots[at] == nil else { throw bad("mentee_index \(at) twice") }
                let id = ids[k]
                var e = ReportInput.Mentee(id: id, name: names[k], point: GeoPoint(lat: points[k][1], lon: points[k][0]),
                                           region: g.region ?? "", section: sections[k] == "-" ? "" : String(sections[k]),
                                           locationSource: LocationSource(rawValue: sources[k]) ?? .given,
                                           needs: SkillSet(rawValue: needs[k]).skills.map(\.rawValue))
                if cohort {
                    e.mentorID = g.mentorId
                    e.score = g.menteeScores?[k] ?? nil
                    let terms = [g.menteeSector?[k], g.menteeLocation?[k], g.menteeCapacityTerm?[k], g.menteeCulture?[k]].compactMap { $0 ?? nil }
                    e.terms = terms.count == 4 ? terms : nil
                    e.distanceKm = g.menteeDistanceKm?[k] ?? nil
                    e.decision = g.menteeDecisions?[k] ?? nil
                } else {
                    e.reason = g.reason
                    e.detail = details[id]
                }
                slots[at] = e
            }
        }
        guard slots.allSatisfy({ $0 != nil }) else { throw bad("a mentee_index is missing") }
        return slots.map { $0! }
    }
}
