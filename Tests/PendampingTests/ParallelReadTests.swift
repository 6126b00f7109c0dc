import Foundation
import Testing
@testable import Pendamping
import Optimisation
import Tabular
import PendampingTestSupport

/// Reading a long list in two halves at once gives exactly what one pass gives: the same
/// records, the same quality findings, and for bad lists the same issues in the same order.
@Suite struct ParallelReadTests {
    enum Flaw: CaseIterable { case none, duplicateAcrossHalves, badFieldsInBothHalves, unknownWord, tooManyIssues }

    func menteesCSV(_ flaw: Flaw, rows: Int) -> String {
        var lines = ["id,name,kbli,lat,lon,region,kecamatan,needs,languages"]
        let kecamatan = ["Kebon Jeruk", "Kembangan", "Kalideres", "Cengkareng"]
        for r in 0..<rows {
            var id = String(format: "E%05d", r), lat = String(-6.15 - Double(r % 17) * 0.003), kbli = ["10710", "56102|47112", "C"][r % 3]
            var needs = ["halal|qris", "", "kemasan"][r % 3], region = "31.73.0\(1 + r % 5)", kec = ""
            if r % 7 == 0 { lat = ""; region = "" ; kec = kecamatan[r % 4] }   // placed by kecamatan name
            if r % 11 == 0 { lat = ""; region = "31.73.04" }                   // placed at the kecamatan's point
            switch flaw {
            case .none: break
            case .duplicateAcrossHalves: if r == rows - 3 { id = "E00004" }
            case .badFieldsInBothHalves: if r == 5 || r == rows - 10 { kbli = "999x" }; if r == rows - 9 { lat = "95" }
            case .unknownWord: if r == rows / 2 + 1 { needs = "menjahit bordir" }
            case .tooManyIssues: if r % 3 == 0 { kbli = "0" }
            }
            let lon = lat.isEmpty ? "" : String(106.79 + Double(r % 13) * 0.002)
            lines.append("\(id),Usaha \(r),\(kbli),\(lat),\(lon),\(region),\(kec),\(needs),ind|bjn")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: Flaw.allCases)
    func halvesEqualOnePass(flaw: Flaw) throws {
        let dir = try temporaryDirectory()
        let mentors = dir.appendingPathComponent("mentors.csv").path, mentees = dir.appendingPathComponent("mentees.csv").path
        try "id,name,kbli,lat,lon,region,capacity\nM1,A,10710,-6.16,106.8,31.73.01,3\n".write(toFile: mentors, atomically: true, encoding: .utf8)
        try menteesCSV(flaw, rows: 900).write(toFile: mentees, atomically: true, encoding: .utf8)
        var halves = DatasetReader.Options(), onePass = DatasetReader.Options()
        halves.parallelRecords = 100
        onePass.parallelRecords = .max
        let a = try DatasetReader.inspect(mentorsPath: mentors, menteesPath: mentees, options: halves)
        let b = try DatasetReader.inspect(mentorsPath: mentors, menteesPath: mentees, options: onePass)
        #expect(a.issues == b.issues)
        #expect(a.quality == b.quality)
        #expect((a.dataset == nil) == (b.dataset == nil))
        #expect(a.dataset?.mentees.map(\.id) == b.dataset?.mentees.map(\.id))
        #expect(a.dataset?.mentees.map(\.location) == b.dataset?.mentees.map(\.location))
        #expect(a.dataset?.mentees.map(\.needs) == b.dataset?.mentees.map(\.needs))
        if flaw == .none {
            #expect(a.dataset?.mentees.count == 900)
            #expect((a.quality.files[1].locationSource["kecamatan"]?.count ?? 0) > 100)
            #expect(a.quality.files[1].regionsByName.count > 100)
        } else {
            #expect(!a.issues.isEmpty)
        }
    }
}

/// A file tokenized in two parts (as a long file is) reads to the same records and issues
/// as one read whole, whether the records are then read in two halves (whose boundary need
/// not be the parts') or in one pass: ids checked across parts, lines counted on.
@Suite struct PartsReadTests {
    @Test(arguments: ParallelReadTests.Flaw.allCases)
    func twoPartsEqualOne(flaw: ParallelReadTests.Flaw) throws {
        let data = Data(ParallelReadTests().menteesCSV(flaw, rows: 900).utf8)
        let parts = try CSVFile.parse(data, name: "e.csv", encoding: .utf8, parallelFrom: 16)
        let whole = try CSVFile.parse(data, name: "e.csv", encoding: .utf8, parallelFrom: .max)
        #expect(parts.parts.count == 2 && whole.parts.count == 1)
        func read(_ file: CSVFile, halvesFrom: Int) -> ([Mentee], [InputIssue]) {
            var issues: [InputIssue] = [], quality = DataQuality.File(file: "e.csv")
            let (m, _) = DatasetReader.parseMentees(file, issues: &issues, quality: &quality, regions: nil, parallelFrom: halvesFrom)
            return (m, issues)
        }
        let (expected, expectedIssues) = read(whole, halvesFrom: .max)
        for (file, from) in [(parts, 100), (parts, Int.max), (whole, 100)] {
            let (m, issues) = read(file, halvesFrom: from)
            #expect(issues == expectedIssues, "\(flaw), halves from \(from)")
            #expect(m.map(\.id) == expected.map(\.id) && m.map(\.line) == expected.map(\.line))
            #expect(m.map(\.location) == expected.map(\.location) && m.map(\.kbli) == expected.map(\.kbli))
        }
        #expect(flaw == .none ? expected.count == 900 && expectedIssues.isEmpty : !expectedIssues.isEmpty)
    }
}

/// Splitting a CSV file in two halves gives the records, lines and errors of one pass,
/// whatever the quotes, line ends and blank lines around the break.
@Suite struct ParallelTokenizerTests {
    func randomCSV(seed: UInt64, flawed: Bool) -> String {
        var rng = SplitMix64(seed: seed)
        let pieces = ["plain", "\"quoted, with comma\"", "\"two\nlines\"", "\"say \"\"hi\"\"\"", "12\" pipa", "", " \"spaced\"", "a;b", "'=1+1"]
        let ends = ["\n", "\r\n", "\n\n", "\r\n\r\n"]
        var text = "id,a,b\n"
        for r in 0..<rng.int(in: 20...200) {
            text += "R\(r)," + pieces[rng.int(in: 0...pieces.count - 1)] + "," + pieces[rng.int(in: 0...pieces.count - 1)]
            text += ends[rng.int(in: 0...ends.count - 1)]
        }
        if flawed { text += "Z,\"never closed,x\n" + String(repeating: "R,a,b\n", count: 5) }
        return text
    }

    @Test(arguments: 0..<120)
    func halvesEqualOnePass(seed: Int) {
        let text = randomCSV(seed: UInt64(seed), flawed: seed % 5 == 0)
        let data = Data(text.utf8)
        let split = Result { try CSVFile.parse(data, name: "t.csv", encoding: .utf8, parallelFrom: 16) }
        let whole = Result { try CSVFile.parse(data, name: "t.csv", encoding: .utf8, parallelFrom: .max) }
        switch (split, whole) {
        case (.success(let a), .success(let b)):
            #expect(a.header == b.header && a.headerLine == b.headerLine)
            #expect(a.records.map(\.line) == b.records.map(\.line), "seed \(seed)")
            #expect(a.records.map(\.fields) == b.records.map(\.fields), "seed \(seed)")
        case (.failure(let a), .failure(let b)):
            #expect(String(describing: a) == String(describing: b))
        default:
            Issue.record("seed \(seed): one way failed and the other did not")
        }
    }
}

@Suite struct DatasetOrderTests {
    /// Records come out in id order whether they came sorted, reversed or shuffled.
    @Test(arguments: 0..<20)
    func recordsAreInIDOrder(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let d = randomDataset(seed: UInt64(seed), mentees: rng.int(in: 0...60), mentors: rng.int(in: 1...20))
        var mentees = d.mentees
        if seed % 3 == 1 { mentees.reverse() }
        if seed % 3 == 2 { for k in mentees.indices.reversed() where k > 0 { mentees.swapAt(k, rng.int(in: 0...k)) } }
        let sorted = Dataset(mentors: d.mentors.reversed(), mentees: mentees)
        #expect(sorted.mentees.map(\.id) == d.mentees.map(\.id).sorted())
        #expect(sorted.mentors.map(\.id) == d.mentors.map(\.id).sorted())
        #expect(Set(sorted.mentees.map(\.location)) == Set(mentees.map(\.location)))
    }
}
