import Foundation
import Parallel
import Tabular

/// `map.geojson` (RFC 7946: a FeatureCollection, WGS84, positions `[longitude, latitude]`):
/// a Point per mentor (`kind` `mentor`: id, name, load, capacity, …) and per mentee (`kind`
/// `mentee`: id, name, mentor_id, score and terms, or reason and detail), a LineString per
/// pair (`kind` `pair`: mentee_id, mentor_id, score, distance_km), and a Point per
/// kabupaten/kota with mentees (`kind` `kabupaten`: mentees, matched, coverage) at the mean of
/// its mentees' points; for a what-if, a Point per placement of new mentors (`kind`
/// `placement`: scenario, region, count). Opens in QGIS and geojson.io; `pendamping report DIR` reads it back.
/// Deterministic: features in id order, fixed key order, coordinates rounded to 10⁻⁶ degrees.
/// Above ``groupAbove`` mentees, the mentees are written in groups instead of one feature each
/// and the pairs are left to `pairs.csv` (GeoJSON+Grouped.swift).
public enum GeoJSON {
    // The shapes below are how `decode` reads the file back; `encode` writes bytes directly.
    struct Geometry: Decodable, Equatable {
        var type: String
        var coordinates: Coordinates
    }
    enum Coordinates: Decodable, Equatable {
        case point([Double]), line([[Double]])
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let p = try? c.decode([Double].self) { self = .point(p) } else { self = .line(try c.decode([[Double]].self)) }
        }
    }
    /// Every property any feature kind has; absent ones are left out of the file.
    struct Properties: Decodable, Equatable {
        var kind: String
        var id: String?
        var name: String?
        var mentorKind: String?
        var region: String?
        var locationSource: String?
        var capacity: Int?
        var load: Int?
        var menteeId: String?
        var mentorId: String?
        var score: Double?
        var sector: Double?
        var location: Double?
        var capacityTerm: Double?
        var culture: Double?
        var distanceKm: Double?
        var decision: String?
        var kbliSection: String?
        var reason: String?
        var detail: String?
        var mentees: Int?
        var matched: Int?
        var coverage: Double?
        var scenario: String?
        var count: Int?
        var expertise: String?
        var needs: String?
        // A group's per-mentee arrays (GeoJSON+Grouped.swift), in the order of its points.
        var menteeIndex: [Int]?
        var menteeIds: [String]?
        var menteeNames: [String]?
        var menteeSections: String?
        var menteeNeeds: [UInt16]?
        var menteeLocationSources: [String]?
        var menteeScores: [Double?]?
        var menteeSector: [Double?]?
        var menteeLocation: [Double?]?
        var menteeCapacityTerm: [Double?]?
        var menteeCulture: [Double?]?
        var menteeDistanceKm: [Double?]?
        var menteeDecisions: [String?]?
    }
    struct Feature: Decodable, Equatable {
        var type: String
        var geometry: Geometry
        var properties: Properties
    }
    struct Collection: Decodable, Equatable {
        var type: String
        var features: [Feature]
    }

    /// The file's bytes. `regionNames` names kabupaten codes (nil: codes only). Above
    /// `groupAbove` mentees they are written in groups (GeoJSON+Grouped.swift).
    /// - Complexity: `O(n + m)`, written directly as bytes (``JSONWriter``), in pieces on every
    ///   core (``Pieces``); `O(n log n)` grouped.
    public static func encode(_ input: ReportInput, regionNames: RegionDirectory? = nil,
                              groupAbove: Int = GeoJSON.groupAbove) throws -> Data {
        let pieces = Pieces(input, regionNames: regionNames, groupAbove: groupAbove)
        return Pieces.assemble(concurrentMap(pieces.count) { pieces.render($0) })
    }

    /// A JSON writer of features that puts the comma between them.
    struct FeatureWriter {
        var w: JSONWriter
        /// Whether no feature comes before the next one in the whole file.
        var first: Bool

        /// A feature with a Point at `point`, or a LineString from it to `other`, and its
        /// properties. `O(properties)`.
        mutating func feature(_ point: GeoPoint, to other: GeoPoint? = nil, _ properties: (inout JSONWriter) -> Void) {
            if !first { w.comma() }
            first = false
            w.raw("{\"type\":\"Feature\",\"geometry\":{\"type\":")
            w.raw(other == nil ? "\"Point\",\"coordinates\":" : "\"LineString\",\"coordinates\":[")
            w.raw("["); w.number(point.lon, 6); w.comma(); w.number(point.lat, 6); w.raw("]")
            if let other {
                w.comma(); w.raw("["); w.number(other.lon, 6); w.comma(); w.number(other.lat, 6); w.raw("]]")
            }
            w.raw("},\"properties\":{")
            properties(&w)
            w.raw("}}")
        }
    }

    /// The file in pieces that can be written on different threads and joined in order: the
    /// head (the collection's opening and the mentors, and up to the grouping size every
    /// mentee and pair), the grouped mentees in runs of groups of about the same size, and the
    /// tail (kabupaten/kota, placements, the closing).
    struct Pieces: Sendable {
        let input: ReportInput
        let regionNames: RegionDirectory?
        let grouped: Bool
        /// The groups (none up to the grouping size).
        let groups: [Group]
        /// Where each run of groups starts, then the number of groups.
        let runs: [Int]

        /// `O(n log n)` grouped (``GeoJSON/groups(_:)``), `O(1)` otherwise.
        init(_ input: ReportInput, regionNames: RegionDirectory?, groupAbove: Int, menteesPerRun: Int = 4_096) {
            self.input = input; self.regionNames = regionNames
            grouped = input.mentees.count > groupAbove
            groups = grouped ? GeoJSON.groups(input) : []
            runs = GeoJSON.runs(groups, menteesPerRun: menteesPerRun)
        }

        /// Pieces in all: the head, the runs and the tail.
        var count: Int { runs.count + 1 }

        /// Piece `k`'s bytes. `O(its features)`.
        func render(_ k: Int) -> [UInt8] {
            if k == 0 { return head() }
            if k == count - 1 { return tail() }
            return GeoJSON.writeGroups(groups[runs[k - 1]..<runs[k]], of: input, leadingComma: !input.mentors.isEmpty || runs[k - 1] > 0)
        }

        /// The pieces' bytes joined, as the file's. `O(bytes)`.
        static func assemble(_ parts: [[UInt8]]) -> Data {
            var data = Data(capacity: parts.reduce(0) { $0 + $1.count })
            for p in parts { data.append(contentsOf: p) }
            return data
        }

        /// The opening and the mentors, then (ungrouped) a Point per mentee and a LineString per pair.
        func head() -> [UInt8] {
            var f = FeatureWriter(w: JSONWriter(capacity: 64 + 420 * (input.mentors.count + (grouped ? 0 : input.mentees.count))), first: true)
            f.w.raw("{\"type\":\"FeatureCollection\",\"features\":[")
            var pointOf: [String: GeoPoint] = [:]
            for m in input.mentors {
                pointOf[m.id] = m.point
                f.feature(m.point) { w in
                    w.key("kind"); w.string("mentor"); w.comma(); w.key("id"); w.string(m.id); w.comma(); w.key("name"); w.string(m.name)
                    if let k = m.kind { w.comma(); w.key("mentor_kind"); w.string(k) }
                    w.comma(); w.key("region"); w.string(m.region); w.comma(); w.key("location_source"); w.string(m.locationSource.rawValue)
                    w.comma(); w.key("capacity"); w.int(m.capacity); w.comma(); w.key("load"); w.int(m.load)
                    w.comma(); w.key("expertise"); w.string(m.expertise.joined(separator: "|"))
                }
            }
            guard !grouped else { return f.w.bytes }
            for e in input.mentees {
                f.feature(e.point) { w in
                    w.key("kind"); w.string("mentee"); w.comma(); w.key("id"); w.string(e.id); w.comma(); w.key("name"); w.string(e.name)
                    w.comma(); w.key("region"); w.string(e.region); w.comma(); w.key("location_source"); w.string(e.locationSource.rawValue)
                    w.comma(); w.key("kbli_section"); w.string(e.section); w.comma(); w.key("needs"); w.string(e.needs.joined(separator: "|"))
                    if let j = e.mentorID {
                        w.comma(); w.key("mentor_id"); w.string(j); w.comma(); w.key("score"); w.number(e.score, 6)
                        if let t = e.terms, t.count == 4 {
                            w.comma(); w.key("sector"); w.number(t[0], 6); w.comma(); w.key("location"); w.number(t[1], 6)
                            w.comma(); w.key("capacity_term"); w.number(t[2], 6); w.comma(); w.key("culture"); w.number(t[3], 6)
                        }
                        w.comma(); w.key("distance_km"); w.number(e.distanceKm, 6)
                        if let d = e.decision { w.comma(); w.key("decision"); w.string(d) }
                    }
                    if let r = e.reason { w.comma(); w.key("reason"); w.string(r); w.comma(); w.key("detail"); w.string(e.detail) }
                }
            }
            for e in input.mentees {
                guard let j = e.mentorID, let q = pointOf[j] else { continue }
                f.feature(e.point, to: q) { w in
                    w.key("kind"); w.string("pair"); w.comma(); w.key("mentee_id"); w.string(e.id); w.comma(); w.key("mentor_id"); w.string(j)
                    w.comma(); w.key("score"); w.number(e.score, 6); w.comma(); w.key("distance_km"); w.number(e.distanceKm, 6)
                }
            }
            return f.w.bytes
        }

        /// A Point per kabupaten/kota and per placement, and the closing.
        func tail() -> [UInt8] {
            var f = FeatureWriter(w: JSONWriter(capacity: 4_096), first: input.mentors.isEmpty && input.mentees.isEmpty)
            for k in ReportFigures.kabupatenCoverage(input, names: regionNames) {
                f.feature(k.point) { w in
                    w.key("kind"); w.string("kabupaten"); w.comma(); w.key("id"); w.string(k.code); w.comma(); w.key("name"); w.string(k.name)
                    w.comma(); w.key("mentees"); w.int(k.mentees); w.comma(); w.key("matched"); w.int(k.matched)
                    w.comma(); w.key("coverage"); w.number(k.coverage, 6)
                }
            }
            for p in input.placements {
                f.feature(p.point) { w in
                    w.key("kind"); w.string("placement"); w.comma(); w.key("region"); w.string(p.region); w.comma(); w.key("scenario"); w.string(p.scenario)
                    w.comma(); w.key("count"); w.int(p.count)
                }
            }
            f.w.raw("]}\n")
            return f.w.bytes
        }
    }

    /// The error for a file `name` that is not a map this package wrote, and why.
    static func notOurs(_ name: String, _ why: String) -> InputError {
        InputError.invalid([InputIssue(file: name, line: 0, message: "is not a map.geojson written by pendamping: \(why)")])
    }

    /// Reads a `map.geojson` written by ``encode(_:regionNames:groupAbove:)`` back, with the
    /// status and objective from `summary.json`; a grouped file's unassigned mentees take their
    /// details from `details` (mentee id → detail, e.g. from `unassigned.csv`), asked only then.
    /// - Throws: ``InputError`` naming the file.
    public static func decode(_ data: Data, name: String, status: String, objective: Double,
                              details: () throws -> [String: String] = { [:] }) throws -> ReportInput {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        let c: Collection
        do { c = try d.decode(Collection.self, from: data) } catch {
            throw notOurs(name, "\(error)")
        }
        var mentors: [ReportInput.Mentor] = [], mentees: [ReportInput.Mentee] = [], placements: [ReportInput.Placement] = []
        for f in c.features {
            if f.properties.kind == "placement", case .point(let p) = f.geometry.coordinates, p.count == 2 {
                placements.append(.init(scenario: f.properties.scenario ?? "", region: f.properties.region ?? "",
                                        point: GeoPoint(lat: p[1], lon: p[0]), count: f.properties.count ?? 0))
            }
            guard case .point(let p) = f.geometry.coordinates, p.count == 2, let id = f.properties.id else { continue }
            let point = GeoPoint(lat: p[1], lon: p[0]), q = f.properties
            let source = q.locationSource.flatMap(LocationSource.init(rawValue:)) ?? .given
            switch q.kind {
            case "mentor":
                mentors.append(.init(id: id, name: q.name ?? "", kind: q.mentorKind, point: point, region: q.region ?? "",
                                     capacity: q.capacity ?? 0, load: q.load ?? 0, locationSource: source,
                                     expertise: (q.expertise ?? "").split(separator: "|").map(String.init)))
            case "mentee":
                let terms = [q.sector, q.location, q.capacityTerm, q.culture].compactMap { $0 }
                mentees.append(.init(id: id, name: q.name ?? "", point: point, region: q.region ?? "", section: q.kbliSection ?? "",
                                     locationSource: source, mentorID: q.mentorId, score: q.score, terms: terms.count == 4 ? terms : nil,
                                     distanceKm: q.distanceKm, decision: q.decision, reason: q.reason, detail: q.detail,
                                     needs: (q.needs ?? "").split(separator: "|").map(String.init)))
            default: break
            }
        }
        let grouped = c.features.filter { $0.properties.kind == "cohort" || $0.properties.kind == "unassigned" }
        if !grouped.isEmpty {
            guard mentees.isEmpty else { throw notOurs(name, "mentees both grouped and single") }
            mentees = try groupedMentees(grouped, details: try details(), name: name)
        }
        var input = ReportInput(mentors: mentors, mentees: mentees, status: status, objective: objective)
        input.placements = placements
        return input
    }
}
