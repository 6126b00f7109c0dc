import Foundation
import Testing
@testable import Pendamping
import Tabular

@Suite struct CSVInputTests {
    let header = "id,name,kbli,lat,lon,region,capacity"

    @Test func bomCRLFAndQuotes() throws {
        let text = "\u{FEFF}id,name,kbli,lat,lon,region,capacity\r\n\"KA-1\",\"Rumah \"\"Tama\"\", Tambora\",14111|13134,-6.1469,106.8036,31.73.04,13\r\n\r\nKA-2,\"two\nlines\",10710,-6.19,106.78,31.73.07,2\r\n"
        let f = try parseCSV(text)
        #expect(f.header == ["id", "name", "kbli", "lat", "lon", "region", "capacity"])
        #expect(f.records.map(\.line) == [2, 4])
        #expect(f.records[0].fields[1] == "Rumah \"Tama\", Tambora")
        #expect(f.records[1].fields[1] == "two\nlines")
        var issues: [InputIssue] = []
        let (mentors, _) = DatasetReader.parseMentors(f, issues: &issues)
        #expect(issues.isEmpty)
        #expect(mentors.map(\.kbli.count) == [2, 1])
    }

    @Test func semicolonWithDecimalComma() throws {
        let f = try parseCSV("ID;Name;KBLI;Lat;Lon;Region;Capacity;Catatan\nKA-1;Trubus;01130;-6,139;106,702;31.73.06;12;cek lagi\n")
        #expect(f.delimiter == UInt8(ascii: ";"))
        var issues: [InputIssue] = []
        let (m, extra) = DatasetReader.parseMentors(f, issues: &issues)
        #expect(issues.isEmpty)
        #expect(m[0].location == GeoPoint(lat: -6.139, lon: 106.702))
        #expect(extra == ["Catatan"])
        #expect(m[0].extra == ["cek lagi"])
    }

    @Test func decimalCommaRejectedWithCommaDelimiter() throws {
        let issues = try mentorIssues(header + "\nKA-1,x,01130,\"-6,139\",106.7,31.73.06,3\n")
        #expect(issues.map(\.description) == ["mentors.csv:2: column 'lat': '-6,139' uses a decimal comma, which is accepted only in ';'-delimited files (record KA-1)"])
    }

    @Test(arguments: [
        ("KA-1,x,01130,95,106.7,31.73.06,3", "mentors.csv:2: column 'lat': 95 is outside [-90, 90] (record KA-1)"),
        ("KA-1,x,01130,-6.1,106.7,31.73.06,0", "mentors.csv:2: column 'capacity': '0' is not a whole number in [1, 100000] (record KA-1)"),
        ("KA-1,x,01130,-6.1,106.7,31.73.06,2.5", "mentors.csv:2: column 'capacity': '2.5' is not a whole number in [1, 100000] (record KA-1)"),
        ("KA-1,x,1A3,-6.1,106.7,31.73.06,3", "mentors.csv:2: column 'kbli': '1A3' is not a KBLI 2020 code (a section letter A–U or 2–5 digits of a known division) (record KA-1)"),
        ("KA-1,x,04111,-6.1,106.7,31.73.06,3", "mentors.csv:2: column 'kbli': '04111' is not a KBLI 2020 code (a section letter A–U or 2–5 digits of a known division) (record KA-1)"),
        ("KA-1,x,01130,nan,106.7,31.73.06,3", "mentors.csv:2: column 'lat': 'nan' is not a finite number (record KA-1)"),
        ("KA-1,x,01130,1e999,106.7,31.73.06,3", "mentors.csv:2: column 'lat': '1e999' is not a finite number (record KA-1)"),
        ("KA-1,x,01130,-6.1,abc,31.73.06,3", "mentors.csv:2: column 'lon': a text of 3 characters (not shown) is not a number (record KA-1)"),
        ("KA-1,x,01130,-6.1,106.7,31-73,3", "mentors.csv:2: column 'region': a text of 5 characters (not shown) is not a Kemendagri region code (PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD) (record KA-1)"),
        ("KA-1,,01130,-6.1,106.7,31.73.06,3", "mentors.csv:2: column 'name': value is required (record KA-1)"),
        ("KA-1,x,01130,-6.1,106.7,31.73.06", "mentors.csv:2: has 6 fields; the header has 7"),
    ])
    func eachRejectionNamesFileLineAndColumn(row: String, expected: String) throws {
        #expect(try mentorIssues(header + "\n" + row + "\n").map(\.description) == [expected])
    }

    @Test func duplicateIDAndMissingColumn() throws {
        let dup = try mentorIssues(header + "\nKA-1,x,01130,-6.1,106.7,31.73.06,3\nKA-1,y,01130,-6.1,106.7,31.73.06,3\n")
        #expect(dup.map(\.description) == ["mentors.csv:3: column 'id': duplicate id 'KA-1'"])
        let missing = try mentorIssues("id,name,kbli,lat,lon,region\nKA-1,x,01130,-6.1,106.7,31.73.06\n")
        #expect(missing.map(\.description) == ["mentors.csv:1: column 'capacity': required column is missing"])
    }

    @Test func personalDataNeverInMessages() throws {
        // A bad row whose name and extra phone column are personal: only the id may appear.
        let issues = try mentorIssues("id,name,kbli,lat,lon,region,capacity,phone\nKA-9,Siti Rahayu,XX,-6.1,106.7,31.73.06,3,0812-3456-7890\n")
        #expect(issues.count == 1)
        #expect(!issues[0].description.contains("Siti") && !issues[0].description.contains("0812"))
    }

    @Test func unterminatedQuoteAndBadUTF8() throws {
        #expect {
            try parseCSV(header + "\nKA-1,\"open,01130\n")
        } throws: { error in
            guard case InputError.invalid(let issues) = error else { return false }
            return issues.first?.description == "test.csv:2: quoted field 2 is never closed"
        }
        #expect(throws: InputError.self) { try CSVFile.parse(Data([0x69, 0x64, 0x0A, 0xFF, 0xFE]), name: "x") }
    }

    @Test func menteeListsAndPreferences() throws {
        var issues: [InputIssue] = []
        let f = try parseCSV("id,name,kbli,lat,lon,region,needs,languages,prefer,priority,gender\nE1,x,10710,-6.1,106.7,31.73.06,Halal|kemasan,ind|BJN,gender:f|kind:consultant,2,P\n")
        let (m, _) = DatasetReader.parseMentees(f, issues: &issues)
        #expect(issues.isEmpty)
        #expect(m[0].needs == SkillSet([.halal, .kemasan]))
        #expect(m[0].languages == ["bjn", "ind"])
        #expect(m[0].preferences == [.gender(.female), .kind(.consultant)])
        #expect(m[0].priority == 2 && m[0].gender == .female)
        let bad = try parseCSV("id,name,kbli,lat,lon,region,needs,prefer\nE1,x,10710,-6.1,106.7,31.73.06,pajak,color:red\n")
        _ = DatasetReader.parseMentees(bad, issues: &issues)
        #expect(issues.map(\.column) == ["needs", "prefer"])
    }

    @Test func missingFileIsItsOwnError() {
        #expect {
            try DatasetReader.read(mentorsPath: "/nonexistent/mentors.csv", menteesPath: fixture("jakarta-barat/mentees.csv"))
        } throws: { error in
            if case InputError.missingFile = error { return true } else { return false }
        }
    }
}
