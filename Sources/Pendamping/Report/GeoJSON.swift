import Foundation

/// `map.geojson` (RFC 7946: a FeatureCollection, WGS84, positions `[longitude, latitude]`):
/// a Point per mentor (`kind` `mentor`: id, name, load, capacity, …) and per mentee (`kind`
/// `mentee`: id, name, mentor_id, score and terms, or reason and detail), a LineString per
/// pair (`kind` `pair`: mentee_id, mentor_id, score, distance_km), and a Point per
/// kabupaten/kota with mentees (`kind` `kabupaten`: mentees, matched, coverage) at the mean of
/// its mentees' points; for a what-if, a Point per placement of new mentors (`kind`
/// `placement`: scenario, region, count). Opens in QGIS and geojson.io; `pendamping report DIR` reads it back.
/// Deterministic: features in id order, keys sorted, coordinates rounded to 10⁻⁶ degrees.
public enum GeoJSON {
    struct Geometry: Codable, Equatable {
        var type: String
        var coordinates: Coordinates
    }
    enum Coordinates: Codable, Equatable {
        case point([Double]), line([[Double]])
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self { case .point(let p): try c.encode(p); case .line(let l): try c.encode(l) }
        }
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let p = try? c.decode([Double].self) { self = .point(p) } else { self = .line(try c.decode([[Double]].self)) }
        }
    }
    /// Every property any feature kind has; absent ones are left out of the file.
    struct Properties: Codable, Equatable {
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
    }
    struct Feature: Codable, Equatable {
        var type = "Feature"
        var geometry: Geometry
        var properties: Properties
    }
    struct Collection: Codable, Equatable {
        var type = "FeatureCollection"
        var features: [Feature]
    }

    static func position(_ p: GeoPoint) -> [Double] { [rounded6(p.lon), rounded6(p.lat)] }

    /// The file's bytes. `regionNames` names kabupaten codes (nil: codes only). - Complexity: `O(n + m)`.
    public static func encode(_ input: ReportInput, regionNames: RegionDirectory? = nil) throws -> Data {
        var features: [Feature] = []
        var pointOf: [String: GeoPoint] = [:]
        for m in input.mentors {
            pointOf[m.id] = m.point
            features.append(Feature(geometry: Geometry(type: "Point", coordinates: .point(position(m.point))),
                                    properties: Properties(kind: "mentor", id: m.id, name: m.name, mentorKind: m.kind, region: m.region,
                                                           locationSource: m.locationSource.rawValue, capacity: m.capacity, load: m.load)))
        }
        for e in input.mentees {
            let t = e.terms
            features.append(Feature(geometry: Geometry(type: "Point", coordinates: .point(position(e.point))),
                                    properties: Properties(kind: "mentee", id: e.id, name: e.name, region: e.region,
                                                           locationSource: e.locationSource.rawValue, mentorId: e.mentorID, score: e.score,
                                                           sector: t?[0], location: t?[1], capacityTerm: t?[2], culture: t?[3],
                                                           distanceKm: e.distanceKm, decision: e.decision, kbliSection: e.section,
                                                           reason: e.reason, detail: e.detail)))
        }
        for e in input.mentees {
            guard let j = e.mentorID, let q = pointOf[j] else { continue }
            features.append(Feature(geometry: Geometry(type: "LineString", coordinates: .line([position(e.point), position(q)])),
                                    properties: Properties(kind: "pair", menteeId: e.id, mentorId: j, score: e.score, distanceKm: e.distanceKm)))
        }
        for k in ReportFigures.kabupatenCoverage(input, names: regionNames) {
            features.append(Feature(geometry: Geometry(type: "Point", coordinates: .point(position(k.point))),
                                    properties: Properties(kind: "kabupaten", id: k.code, name: k.name, mentees: k.mentees,
                                                           matched: k.matched, coverage: rounded6(k.coverage))))
        }
        for p in input.placements {
            features.append(Feature(geometry: Geometry(type: "Point", coordinates: .point(position(p.point))),
                                    properties: Properties(kind: "placement", region: p.region, scenario: p.scenario, count: p.count)))
        }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        var data = try e.encode(Collection(features: features))
        data.append(0x0A)
        return data
    }

    /// Reads a `map.geojson` written by ``encode(_:regionNames:)`` back, with the status and
    /// objective from `summary.json`. - Throws: ``InputError`` naming the file.
    public static func decode(_ data: Data, name: String, status: String, objective: Double) throws -> ReportInput {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        let c: Collection
        do { c = try d.decode(Collection.self, from: data) } catch {
            throw InputError.invalid([InputIssue(file: name, line: 0, message: "is not a map.geojson written by pendamping: \(error)")])
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
                                     capacity: q.capacity ?? 0, load: q.load ?? 0, locationSource: source))
            case "mentee":
                let terms = [q.sector, q.location, q.capacityTerm, q.culture].compactMap { $0 }
                mentees.append(.init(id: id, name: q.name ?? "", point: point, region: q.region ?? "", section: q.kbliSection ?? "",
                                     locationSource: source, mentorID: q.mentorId, score: q.score, terms: terms.count == 4 ? terms : nil,
                                     distanceKm: q.distanceKm, decision: q.decision, reason: q.reason, detail: q.detail))
            default: break
            }
        }
        var input = ReportInput(mentors: mentors, mentees: mentees, status: status, objective: objective)
        input.placements = placements
        return input
    }
}
