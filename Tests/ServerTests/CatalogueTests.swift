import Foundation
import Testing
@testable import PendampingServer

@Suite struct CatalogueTests {
    @Test func everyWordInBothLanguagesAndEveryTemplateKeyKnown() throws {
        for w in Word.allCases {
            #expect(!w.text(.id).isEmpty && !w.text(.en).isEmpty, "\(w)")
        }
        // Every {{t.key}} of the templates names a word of the catalogue.
        let dir = packageRoot.appendingPathComponent("Sources/PendampingServer/Resources/templates")
        let keys = Set(Word.allCases.map(\.rawValue))
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            for m in text.matches(of: /\{\{t\.([A-Za-z]+)\}\}/) {
                #expect(keys.contains(String(m.1)), "\(name): t.\(m.1)")
            }
        }
    }

    @Test func numbersAndDatesTheIndonesianWay() {
        #expect(PageFormat.number(0.6852, digits: 3, .id) == "0,685")
        #expect(PageFormat.percent(1, .id) == "100,0 %")
        #expect(PageFormat.percent(1, .en) == "100.0 %")
        #expect(PageFormat.date("2024-10-24T09:30:00Z", .id) == "24 Oktober 2024 09.30 UTC")
        #expect(PageFormat.date("2024-10-24T09:30:00Z", .en) == "24 October 2024 09:30 UTC")
        #expect(Word.reason("programme_rules", .id) == "Aturan program (kelompok, jam, kuota)")
    }
}
