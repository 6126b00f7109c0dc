import Foundation
import Testing
@testable import Pendamping
import Tabular

@Suite struct ProfileTests {
    @Test func bundledFileIsTheDefault() throws {
        let p = try Profile.read(path: packageRoot.appendingPathComponent("profiles/default.json").path)
        #expect(p == Profile.default)
    }

    @Test func partialProfileKeepsDefaults() throws {
        let p = try Profile.decode(Data(#"{"rules": {"max_km": null, "same_kabupaten": true}, "k": 3}"#.utf8), name: "p.json")
        #expect(p.rules.maxKm == nil && p.rules.sameKabupaten && p.k == 3)
        #expect(p.weights == Profile.default.weights)
    }

    @Test func unknownKeysAndBadValuesAreErrors() {
        #expect {
            try Profile.decode(Data(#"{"rules": {"max_kms": 3}}"#.utf8), name: "p.json")
        } throws: { e in
            guard case InputError.invalid(let i) = e else { return false }
            return i.map(\.description) == ["p.json: column 'rules.max_kms': unknown setting; known here: language_must_overlap, max_km, mentor_scale_at_least_mentee, min_score, same_kabupaten"]
        }
        #expect(throws: InputError.self) { try Profile.decode(Data(#"{"k": 0}"#.utf8), name: "p.json") }
        #expect(throws: InputError.self) { try Profile.decode(Data(#"{"weights": {"sector": "high"}}"#.utf8), name: "p.json") }
        #expect(throws: InputError.self) { try Profile.decode(Data("not json".utf8), name: "p.json") }
    }
}
