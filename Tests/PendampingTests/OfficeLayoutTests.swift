import Foundation
import Testing
@testable import Pendamping
import Tabular

/// Office lists as they arrive: the header row found below title rows, a totals and signature
/// block left out, several sheets read as one list, ids made where a list has none, columns
/// mapped by name, personal data kept out of the outputs.
@Suite struct OfficeLayoutTests {
    let messy = fixture("jakarta-barat-office/mentees-messy.xlsx")
    let mentors = fixture("jakarta-barat/mentors.csv")

    /// The messy workbook (made by `make_messy.py`) reads with no options: both sheets, every
    /// beginner, the rows left out named by sheet and row, ids made from NIB or sheet and row.
    @Test func messyWorkbookReadsWithNoOptions() throws {
        let r = try DatasetReader.inspect(mentorsPath: mentors, menteesPath: messy)
        #expect(r.issues.isEmpty, "\(r.issues)")
        let d = try #require(r.dataset)
        // Six beginners of each kecamatan in the pilot: 31.73.01 and 31.73.06.
        let pilot = try DatasetReader.read(mentorsPath: mentors, menteesPath: fixture("jakarta-barat/mentees.csv"))
        let expected = pilot.mentees.filter { ["31.73.01", "31.73.06"].contains($0.region.text) }
        #expect(d.mentees.count == expected.count && expected.count == 12)
        #expect(Set(d.mentees.map(\.name)) == Set(expected.map(\.name)))
        #expect(d.mentees.allSatisfy { ["31.73.01", "31.73.06"].contains($0.region.text) })
        let q = try #require(r.quality.files.last)
        #expect(q.sheets == ["Cengkareng", "Kalideres"])
        let above = q.skippedRows.filter { $0.reason == .aboveHeader }.map { "\($0.sheet ?? "")!\($0.line)" }
        #expect(above == ["Cengkareng!1", "Cengkareng!2", "Kalideres!1", "Kalideres!2"])
        let footer = q.skippedRows.filter { $0.reason == .footer && $0.sheet == "Cengkareng" }.map(\.line)
        #expect(footer == [12, 14, 15, 16, 18, 19])
        #expect(q.generatedIDs["nib"]?.count == 6 && q.generatedIDs["row"]?.count == 6)
        #expect(d.mentees.contains { $0.id == "Cengkareng!6" } && d.mentees.contains { $0.id == "9120000000101" })
        // Personal data is recognised and not carried; the sheet is.
        #expect(Set(q.personalColumns) == ["Nama Pemilik", "No HP", "NIK"])
        #expect(!d.menteeExtraColumns.contains { ColumnRules.isPersonal($0) } && d.menteeExtraColumns.last == "sheet")
        #expect(r.quality.report.contains("skipped above the header  sheet 'Cengkareng' rows 1–2"))
        // The same ids on a second read.
        let again = try DatasetReader.read(mentorsPath: mentors, menteesPath: messy)
        #expect(again.mentees.map(\.id) == d.mentees.map(\.id))
    }

    /// `match` on the messy workbook, no options: every beginner matched, no phone number or
    /// NIK in any output file.
    @Test func matchMatchesEveryBeginnerOfTheMessyWorkbook() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try runCLI(["match", "--mentors", mentors, "--mentees", messy, "--out", dir.path + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("matched     12 of 12 (100.0 %)"), "\(run.stdout)")
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out") {
            let text = String(decoding: try Data(contentsOf: dir.appendingPathComponent("out/" + file)), as: UTF8.self)
            #expect(!text.contains("0812-") && !text.contains("3173000000") && !text.contains("Siti Aminah"), "\(file)")
        }
        // One sheet only, and a personal column kept on request.
        let one = try runCLI(["match", "--mentors", mentors, "--mentees", messy, "--sheet", "Kalideres", "--keep-column", "No HP",
                              "--out", dir.path + "/one"])
        #expect(one.status == 0 && one.stdout.contains("matched     6 of 6"), "\(one.stdout)\(one.stderr)")
        let pairs = try String(contentsOf: dir.appendingPathComponent("one/pairs.csv"), encoding: .utf8)
        #expect(pairs.contains("No HP") && pairs.contains("0812-") && !pairs.contains("NIK"))
    }

    /// A CSV list with title rows, a totals row and a signature block; sparse last rows
    /// without a footer word or a blank row before them stay records (and are reported).
    @Test func headerAndFooterInACSVList() throws {
        let rows = [
            "DAFTAR UMKM BINAAN,,,",
            "Tahun 2026,,,",
            ",,,",
            "Kode,Nama Usaha,Kode KBLI,Wilayah",
            "U-1,Roti Sari,10710,31.73.04",
            "U-2,Kopi Pagi,10761,31.73.01",
            "JUMLAH,2,,",
            ",,,",
            "\"Mengetahui,\",,,",
            "NIP. 1970,,,",
        ]
        let file = try CSVFile.parse(Data(rows.joined(separator: "\n").utf8), name: "umkm.csv")
        let (laid, skipped) = OfficeLayout.apply(file)
        #expect(laid.header == ["Kode", "Nama Usaha", "Kode KBLI", "Wilayah"] && laid.headerLine == 4)
        #expect(laid.records.map { $0.fields[0] } == ["U-1", "U-2"])
        #expect(skipped.map(\.line) == [1, 2, 3, 7, 8, 9, 10] && skipped.map(\.reason) == [.aboveHeader, .aboveHeader, .aboveHeader, .footer, .footer, .footer, .footer])
        // No footer word and no blank row: the short last record stays, to be reported.
        let short = try CSVFile.parse(Data("id,name,kbli,region\nU-1,Roti,10710,31.73.04\nU-2,,,\n".utf8), name: "short.csv")
        #expect(OfficeLayout.apply(short).file.recordCount == 2 && OfficeLayout.apply(short).skipped.isEmpty)
        // A file whose first row is its header and has no footer is returned as it is.
        #expect(OfficeLayout.apply(short).file.headerLine == 1)
    }

    /// Columns mapped by name (`--column`, a mapping file); a mapping to a column the lists are
    /// not read by is refused naming it.
    @Test func columnsMappedByName() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let list = "No. Anggota,Usaha,Bidang,Wilayah\nA-7,Roti Sari,10710,31.73.04\nA-9,Kopi Pagi,10761,31.73.01\n"
        try list.write(to: dir.appendingPathComponent("umkm.csv"), atomically: true, encoding: .utf8)
        let run = try runCLI(["validate", "--mentors", mentors, "--mentees", "umkm.csv",
                              "--column", "id=No. Anggota", "--column", "name=Usaha", "--column", "kbli=Bidang"], in: dir)
        #expect(run.status == 0 && run.stdout.contains("ok: 4 mentors, 2 mentees"), "\(run.stdout)\(run.stderr)")
        try "{\"id\": \"No. Anggota\", \"name\": \"Usaha\", \"kbli\": \"Bidang\"}".write(to: dir.appendingPathComponent("map.json"), atomically: true, encoding: .utf8)
        let rules = try ColumnRules.read(path: dir.appendingPathComponent("map.json").path)
        let d = try DatasetReader.read(mentorsPath: mentors, menteesPath: dir.appendingPathComponent("umkm.csv").path,
                                       options: .init(columns: rules))
        #expect(d.mentees.map(\.id) == ["A-7", "A-9"])
        let bad = try runCLI(["validate", "--mentors", mentors, "--mentees", "umkm.csv", "--column", "phone=No HP"], in: dir)
        #expect(bad.status == 65 && bad.stdout.contains("column 'phone': is not a column the lists are read by"), "\(bad.stdout)")
        try "{\"id\": \"A\",}".write(to: dir.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { _ = try ColumnRules.read(path: dir.appendingPathComponent("bad.json").path) }
    }

    /// Without an id column a repeated NIB gives the later record an id from its row.
    @Test func madeIDsAreUnique() throws {
        let list = "name,kbli,region,nib\nRoti,10710,31.73.04,9120000000001\nKopi,10761,31.73.01,9120000000001\nTeh,10761,31.73.01,\n"
        let file = try CSVFile.parse(Data(list.utf8), name: "dir/umkm.csv")
        var issues: [InputIssue] = []
        let (mentees, _) = DatasetReader.parseMentees(file, issues: &issues)
        #expect(issues.isEmpty, "\(issues)")
        #expect(Set(mentees.map(\.id)) == ["9120000000001", "umkm!3", "umkm!4"])
    }
}

@Suite struct StaleStagingTests {
    /// Staging folders that killed runs left beside an output (their process gone) are removed
    /// when the next run starts, and the run says so; a live process's folder stays.
    @Test func nextRunRemovesTheDeadRunsStaging() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A process that has ended: its pid names a dead run's folder.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = dir.appendingPathComponent(".out.partial-\(ended.processIdentifier)-7")
        let live = dir.appendingPathComponent(".out.partial-\(getpid())-8")
        for folder in [dead, live] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("UM-001,Sayur Bu Tuti\n".utf8).write(to: folder.appendingPathComponent("pairs.csv"))
        }
        let run = try runCLI(["match", "--mentors", fixture("jakarta-barat/mentors.csv"), "--mentees", fixture("jakarta-barat/mentees.csv"),
                              "--out", dir.path + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("removed 1 staging folder(s) left beside"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
        // validate mentions a dead run's folder where it runs, and removes nothing.
        let again = dir.appendingPathComponent(".out.partial-\(ended.processIdentifier)-9")
        try FileManager.default.createDirectory(at: again, withIntermediateDirectories: true)
        let check = try runCLI(["validate", "--mentors", fixture("jakarta-barat/mentors.csv"), "--mentees", fixture("jakarta-barat/mentees.csv")], in: dir)
        #expect(check.status == 0 && check.stderr.contains("note: 1 staging folder(s) left by killed runs in"), "\(check.stderr)")
        #expect(FileManager.default.fileExists(atPath: again.path))
    }
}

/// Checks that use what the product knows: each malformed input is refused naming the file,
/// the line and the field.
@Suite struct KnownFactsChecksTests {
    let mentors = fixture("jakarta-barat/mentors.csv")

    func validate(mentees: String, extra: [String] = [], file: String = "e.csv") throws -> (status: Int32, stdout: String, stderr: String) {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(mentees.utf8).write(to: dir.appendingPathComponent(file))
        return try runCLI(["validate", "--mentors", mentors, "--mentees", file] + extra, in: dir)
    }

    @Test func regionCodesAndCoordinatesAgainstTheTable() throws {
        let header = "id,name,kbli,lat,lon,region\n"
        for code in ["00", "99.99.99", "31.99"] {
            let r = try validate(mentees: header + "U-1,Roti,10710,-6.15,106.80,\(code)\n")
            #expect(r.status == 65 && r.stdout.contains("e.csv:2: column 'region': '\(code)' is not a region of the Kemendagri table"), "\(code): \(r.stdout)")
        }
        // Tambora (Jakarta Barat) with a point in Papua.
        let far = try validate(mentees: header + "U-1,Roti,10710,-2.53,140.70,31.73.04\n")
        #expect(far.status == 65 && far.stdout.contains("e.csv:2: column 'lat': the coordinates lie") && far.stdout.contains("from the centre of region 31.73.04"), "\(far.stdout)")
        // A point a few km from its kecamatan is fine.
        let near = try validate(mentees: header + "U-1,Roti,10710,-6.15,106.80,31.73.04\n")
        #expect(near.status == 0, "\(near.stdout)")
    }

    @Test func languageCodesAreISO6393() throws {
        let header = "id,name,kbli,region,languages\n"
        let two = try validate(mentees: header + "U-1,Roti,10710,31.73.04,id|jav\n")
        #expect(two.status == 65 && two.stdout.contains("column 'languages': 'id' is not an ISO 639-3 language code (ISO 639-3 writes it 'ind')"), "\(two.stdout)")
        let word = try validate(mentees: header + "U-1,Roti,10710,31.73.04,indonesian\n")
        #expect(word.status == 65 && word.stdout.contains("is not an ISO 639-3 language code"), "\(word.stdout)")
    }

    @Test func nulBytesAreRefused() throws {
        let r = try validate(mentees: "id,name,kbli,region\nU-1,Ro\u{0}ti,10710,31.73.04\n")
        #expect(r.status == 65 && r.stdout.contains("e.csv:2: byte 7 is a NUL byte"), "\(r.stdout)")
    }

    @Test func theMentorsFileGivenAsMentees() throws {
        let r = try runCLI(["validate", "--mentors", mentors, "--mentees", mentors])
        #expect(r.status == 65 && r.stdout.contains("has the columns of a mentors list"), "\(r.stdout)")
    }

    @Test func withdrawGivenToMatchAndATrailingComma() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "mentee_id,mentor_id,decision\nUM-001,,withdraw\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let r = try runCLI(["match", "--mentors", mentors, "--mentees", fixture("jakarta-barat/mentees.csv"), "--decisions", "d.csv", "--out", "o"], in: dir)
        #expect(r.status == 65 && r.stderr.contains("d.csv:2: column 'decision': 'withdraw' is for `pendamping round`"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o").path))
        try "{\"k\": 5,}".write(to: dir.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        let p = try runCLI(["validate", "--mentors", mentors, "--mentees", fixture("jakarta-barat/mentees.csv"), "--profile", "p.json"], in: dir)
        #expect(p.status == 65 && p.stdout.contains("p.json:1: not valid JSON (a comma before a closing bracket or brace)"), "\(p.stdout)")
    }
}

@Suite struct OfficeHeaderTests {
    /// The headers office lists use: a registration number as the id, a shop name, the KBLI
    /// with its year, an address and a business type passed through, a phone number and the
    /// owner's name recognised as personal data.
    @Test func officeHeadersRead() throws {
        let list = "No. Registrasi,Nama Toko,Nama Pemilik,Kode KBLI 2020,Jenis Usaha,Alamat,No HP,Kecamatan,Kabupaten/Kota\n"
            + "REG-7,Roti Sari,Siti,10710,Roti,Jl. Mawar 1,0812-1,Tambora,Jakarta Barat\n"
        let file = try CSVFile.parse(Data(list.utf8), name: "umkm.csv")
        var issues: [InputIssue] = []
        var quality = DataQuality.File(file: "umkm.csv")
        let (mentees, extra) = DatasetReader.parseMentees(file, issues: &issues, quality: &quality, regions: nil)
        #expect(issues.isEmpty, "\(issues)")
        #expect(mentees.map(\.id) == ["REG-7"] && mentees.first?.name == "Roti Sari" && mentees.first?.region.text == "31.73.04")
        #expect(extra == ["Jenis Usaha", "Alamat"])
        #expect(quality.personalColumns == ["Nama Pemilik", "No HP"])
    }
}
