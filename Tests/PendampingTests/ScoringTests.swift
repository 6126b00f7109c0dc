import Foundation
import Testing
@testable import Pendamping
import Optimisation
import PendampingTestSupport

@Suite struct ScoringTests {
    @Test func kbliDepthAndShapes() throws {
        func d(_ a: String, _ b: String) -> Int { KBLICode(a)!.sharedDepth(with: KBLICode(b)!) }
        #expect(d("10710", "10710") == 5)
        #expect(d("10710", "10711") == 4)
        #expect(d("10710", "10790") == 3)
        #expect(d("10710", "10110") == 2)
        #expect(d("10710", "14111") == 1) // both manufacturing (C)
        #expect(d("10710", "C") == 1)
        #expect(d("10710", "47761") == 0)
        #expect(KBLICode("04") == nil && KBLICode("V") == nil && KBLICode("123456") == nil && KBLICode("1") == nil)
        #expect(KBLICode("01130")!.description == "01130" && KBLICode("01130")!.sectionLetter == "A")
    }

    @Test func regionLevels() {
        let a = RegionCode("31.73.04")!, b = RegionCode("31.73.04.1001")!, c = RegionCode("31.73.07")!, e = RegionCode("62.71")!
        #expect(a.sharedLevel(with: b) == 3 && a.sharedLevel(with: c) == 2 && a.sharedLevel(with: e) == 0)
        #expect(RegionCode("31.73.4") == nil && RegionCode("31..73") == nil && a.prefix(2)?.text == "31.73")
    }

    @Test func haversineKnownDistance() {
        // Jakarta (Monas) to Bandung (Gedung Sate): 119.097 km on a sphere of the earth's mean
        // radius (6,371.0088 km), by the spherical law of cosines, computed apart from the code.
        let km = Geo.distanceKm(GeoPoint(lat: -6.1754, lon: 106.8272), GeoPoint(lat: -6.9025, lon: 107.6188))
        #expect(abs(km - 119.0966) < 0.001, "\(km)")
        // The same by the law of cosines written here, at points across the archipelago.
        func reference(_ a: GeoPoint, _ b: GeoPoint) -> Double {
            let r = Double.pi / 180
            let c = sin(a.lat * r) * sin(b.lat * r) + cos(a.lat * r) * cos(b.lat * r) * cos((b.lon - a.lon) * r)
            return 6371.0088 * acos(max(-1, min(1, c)))
        }
        var rng = SplitMix64(seed: 3)
        for _ in 0..<1_000 {
            let a = GeoPoint(lat: rng.double(in: -11...6), lon: rng.double(in: 95...141))
            let b = GeoPoint(lat: rng.double(in: -11...6), lon: rng.double(in: 95...141))
            let ref = reference(a, b)
            guard ref > 1 else { continue }   // the law of cosines loses digits below a km
            #expect(abs(Geo.distanceKm(a, b) - ref) < 1e-6 * ref + 1e-6, "\(a) \(b)")
        }
    }

    /// The candidate search's distance (the arc over the chord between unit vectors) against
    /// the haversine formula, from a metre to a quarter of the globe.
    @Test func chordDistanceMatchesHaversine() throws {
        var rng = SplitMix64(seed: 3)
        let code = [KBLICode("10710")!], region = RegionCode("31.73.01")!
        var mentors: [Mentor] = [], mentees: [Mentee] = []
        for k in 0..<400 {
            let a = GeoPoint(lat: rng.double(in: -60...60), lon: rng.double(in: -180...180))
            // Offsets from about 1e-5 degrees (a metre) to tens of degrees.
            let reach = pow(10, rng.double(in: -5...1.6))
            let b = GeoPoint(lat: min(89, max(-89, a.lat + rng.double(in: -reach...reach))), lon: a.lon + rng.double(in: -reach...reach))
            mentors.append(Mentor(id: String(format: "M%04d", k), kbli: code, location: a, region: region, capacity: 1))
            mentees.append(Mentee(id: String(format: "E%04d", k), kbli: code, location: b, region: region))
        }
        let s = try ScoringModel(dataset: Dataset(mentors: mentors, mentees: mentees), profile: .default)
        for k in 0..<400 {
            let chord = s.distanceKm(mentee: k, mentor: k), haversine = Geo.distanceKm(mentees[k].location, mentors[k].location)
            #expect(abs(chord - haversine) <= 1e-9 * max(1, haversine), "pair \(k): \(chord) against \(haversine)")
        }
    }

    /// The checks that end a mentor's scoring early (on distance, region and the mentee's best
    /// capacity term, then on the pair's own terms) never drop a pair whose score reaches the
    /// bar, whatever lower bound on its distance the search holds.
    @Test func earlyChecksKeepEveryPairThatReachesTheBar() throws {
        let d = randomDataset(seed: 11, mentees: 120, mentors: 60, spreadDegrees: 0.5)
        let s = try ScoringModel(dataset: d, profile: .default)
        var rng = SplitMix64(seed: 5)
        var dropped = 0, kept = 0
        for i in 0..<120 {
            let m = s.menteeTerms(i)
            for j in 0..<60 {
                let b = s.mentorFeatures.rows[j], km = s.distanceKm(mentee: i, mentor: j)
                guard let exact = s.allowedScore(mentee: i, mentor: j, distanceKm: km) else { continue }
                let bar = exact + Int64(rng.int(in: -3000...3000))
                let near = s.distancePart(km * Double(rng.int(in: 0...100)) / 100)
                let got = s.allowedScore(mentee: i, m, mentor: j, b, reaching: (s.sumBound(below: bar), near), depth: s.sectorDepth(m.row, b))
                if bar <= exact { #expect(got == exact); kept += 1 } else {
                    #expect(got == nil || got == exact)
                    if got == nil { dropped += 1 }
                }
            }
        }
        #expect(kept > 0 && dropped > 0)
    }

    func pairDataset(menteeNeeds: SkillSet, mentorExpertise: SkillSet, menteeLangs: [String], mentorLangs: [String],
                     prefs: [Preference] = [], km: Double = 0) -> Dataset {
        let dLat = km / 111.195
        let mentor = Mentor(id: "M", kbli: [KBLICode("10710")!], location: GeoPoint(lat: -6.1 + dLat, lon: 106.7),
                            region: RegionCode("31.73.01")!, capacity: 1, expertise: mentorExpertise, languages: mentorLangs,
                            gender: .female, scale: .kecil, kind: .business)
        let mentee = Mentee(id: "E", kbli: [KBLICode("10792")!], location: GeoPoint(lat: -6.1, lon: 106.7),
                            region: RegionCode("31.73.01")!, needs: menteeNeeds, languages: menteeLangs, scale: .mikro,
                            preferences: prefs)
        return Dataset(mentors: [mentor], mentees: [mentee])
    }

    @Test func termsFollowTheirDefinitions() throws {
        let d = pairDataset(menteeNeeds: SkillSet([.halal, .kemasan]), mentorExpertise: SkillSet([.halal]), menteeLangs: ["bjn", "ind"],
                            mentorLangs: ["ind"], prefs: [.gender(.female), .kind(.consultant)], km: 10)
        let s = try ScoringModel(dataset: d, profile: .default).breakdown(mentee: 0, mentor: 0)
        #expect(s.sector == 3.0 / 5)
        let location: Double = 0.75 * exp(-s.distanceKm / 10) + 0.25
        #expect(abs(s.location - location) < 1e-12)
        #expect(abs(s.distanceKm - 10) < 0.01)
        let capacity: Double = 0.8 * 0.5 + 0.2 * 1
        #expect(abs(s.capacity - capacity) < 1e-12)
        #expect(abs(s.culture - 0.5) < 1e-12)
        let w = Profile.default.weights
        let weighted: Double = w.sector * s.sector + w.location * s.location + w.capacity * s.capacity + w.culture * s.culture
        #expect(abs(s.total - weighted / w.sum) < 1e-12)
    }

    @Test func hardRulesRemovePairs() throws {
        let d = pairDataset(menteeNeeds: [], mentorExpertise: [], menteeLangs: ["bjn"], mentorLangs: ["sun"], km: 30)
        var p = Profile.default
        #expect(try ScoringModel(dataset: d, profile: p).allowedScore(mentee: 0, mentor: 0, distanceKm: 30) != nil)
        p.rules.maxKm = 20
        #expect(try ScoringModel(dataset: d, profile: p).allowedScore(mentee: 0, mentor: 0, distanceKm: 30) == nil)
        p.rules.maxKm = nil
        p.rules.languageMustOverlap = true
        #expect(try ScoringModel(dataset: d, profile: p).allowedScore(mentee: 0, mentor: 0, distanceKm: 30) == nil)
        p.rules.languageMustOverlap = false
        p.rules.minScore = 0.99
        #expect(try ScoringModel(dataset: d, profile: p).allowedScore(mentee: 0, mentor: 0, distanceKm: 30) == nil)
    }

    @Test func upperBoundDominatesEveryScore() throws {
        let d = randomDataset(seed: 7, mentees: 60, mentors: 40, spreadDegrees: 1)
        let s = try ScoringModel(dataset: d, profile: .default)
        for i in 0..<60 {
            for j in 0..<40 {
                let km = s.distanceKm(mentee: i, mentor: j)
                if let v = s.allowedScore(mentee: i, mentor: j, distanceKm: km) {
                    #expect(v < s.upperBound(atLeastKm: km))
                }
            }
        }
    }
}

@Suite struct RandomTests {
    @Test func splitMixIntegersCoverTheirRange() {
        var rng = SplitMix64(seed: 42)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let v = rng.int(in: -3...5)
            #expect((-3...5).contains(v))
            seen.insert(v)
        }
        #expect(seen == Set(-3...5))
        let u = (0..<1000).map { _ in rng.unit() }
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 } && Set(u).count == 1000)
    }
}
