import Foundation
import Testing
@testable import Pendamping
import Tabular

/// The issues of a list are told in Indonesian as well as English: every issue reading a
/// list can raise carries a typed problem, and its Indonesian text is its own.
@Suite struct IssueLanguageTests {
    /// Every hostile list of the hostile-input table (the `match` cases on the two lists alone)
    /// read by the library: each issue has a typed problem, says something different in
    /// Indonesian, names its place with the list's words, and never echoes the planted name.
    @Test func everyListIssueHasAnIndonesianText() throws {
        let cases = HostileTable.all.filter { $0.arguments == HostileTable.match && Set($0.files.keys) == ["m.csv", "e.csv"] && $0.exit == 65 }
        #expect(cases.count >= 60, "\(cases.count) list cases")
        var seen = 0
        for c in cases {
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            for (name, data) in c.files { try data.write(to: dir.appendingPathComponent(name)) }
            var issues: [InputIssue] = []
            do {
                issues = try DatasetReader.inspect(mentorsPath: dir.appendingPathComponent("m.csv").path,
                                                   menteesPath: dir.appendingPathComponent("e.csv").path).issues
            } catch InputError.invalid(let thrown) {
                issues = thrown
            }
            for issue in issues {
                seen += 1
                #expect(issue.problem != nil, "\(c.name): untyped issue '\(issue.message)'")
                let id = issue.text(.id), en = issue.text(.en)
                #expect(id != en, "\(c.name): the Indonesian text is the English one: \(en)")
                #expect(en == issue.description)
                #expect(!id.contains(plantedName), "\(c.name): a personal value was echoed")
                if issue.line > 0 { #expect(id.contains("baris \(issue.line)"), "\(c.name): \(id)") }
                if let column = issue.column { #expect(id.contains("kolom '\(column)'"), "\(c.name): \(id)") }
                if let record = issue.recordID { #expect(id.hasSuffix("(data \(record))"), "\(c.name): \(id)") }
            }
        }
        #expect(seen >= cases.count)
    }

    /// A value hidden from messages is described in the language asked for.
    @Test func hiddenValuesAreDescribedInBothLanguages() {
        let issue = InputIssue(file: "m.csv", line: 2, column: "capacity",
                               problem: TableProblem.notWholeNumber(Echo.echoed(plantedName, Echo.number), range: "[1, 100000]"),
                               recordID: "KA-01")
        #expect(issue.description == "m.csv:2: column 'capacity': a text of 21 characters (not shown) is not a whole number in [1, 100000] (record KA-01)")
        #expect(issue.text(.id) == "m.csv, baris 2: kolom 'capacity': teks 21 huruf (tidak ditampilkan) bukan bilangan bulat dalam [1, 100000] (data KA-01)")
    }

    /// The data-quality report of an office workbook in Indonesian has the same lines, in the
    /// list's words.
    @Test func dataQualityReportInIndonesian() throws {
        let r = try DatasetReader.inspect(mentorsPath: fixture("jakarta-barat/mentors.csv"),
                                          menteesPath: fixture("jakarta-barat-office/mentees-messy.xlsx"))
        let en = r.quality.report(.en), id = r.quality.report(.id)
        #expect(en == r.quality.report)
        #expect(en.split(separator: "\n").count == id.split(separator: "\n").count)
        #expect(id.hasPrefix("kualitas data") && id.contains(" data\n") && !id.contains("records"))
    }
}
