import Foundation
import Testing
import ZIPFoundation
@testable import Pendamping
import Tabular

/// Office-shaped inputs: region names, centroids, aliases, plain words, workbooks, duplicates.
@Suite struct OfficeDataTests {
    let regions = RegionDirectory.bundled

    func resolve(_ name: String, _ qualifiers: [String] = [], levels: [Int] = [3, 2]) -> String {
        switch regions.resolve(name, qualifiers: qualifiers, levels: levels) {
        case .success(let c): return c.text
        case .failure(let p): return "\(p)"
        }
    }

    @Test func regionNamesResolveWithPrefixesCaseAndSpacing() {
        #expect(resolve("Tambora", ["Jakarta Barat"]) == "31.73.04")
        #expect(resolve("Kec. Tambora", ["Kota Adm. Jakarta Barat"]) == "31.73.04")
        #expect(resolve("KECAMATAN TAMBORA", ["KOTA JAKARTA BARAT"]) == "31.73.04")
        #expect(resolve("  palmerah ", ["jakarta barat"]) == "31.73.07")   // official "Pal Merah"
        #expect(resolve("Kab. Kotawaringin Timur") == "62.02")
        #expect(resolve("Kota Bogor", levels: [2]) == "32.71")
        #expect(resolve("Kabupaten Bogor", levels: [2]) == "32.01")
        #expect(resolve("Kota Bahagia") == "11.01.17")                  // a kecamatan whose name starts with "Kota"
        #expect(resolve("Cengkareng", ["DKI Jakarta"]) == "31.73.01")  // a province narrows too
    }

    @Test func sharedNamesNeedTheirKabupatenAndUnknownNamesGetSuggestions() throws {
        guard case .failure(.ambiguous(let candidates)) = regions.resolve("Tambora", qualifiers: []) else {
            Issue.record("Tambora alone should be ambiguous"); return
        }
        #expect(candidates.count == 2 && candidates[0].contains("31.73.04") && candidates[1].contains("52.06.14"))
        guard case .failure(.ambiguous(let bogor)) = regions.resolve("Bogor", qualifiers: [], levels: [2]) else {
            Issue.record("Bogor as a kabupaten should be ambiguous"); return
        }
        #expect(bogor.count == 2)
        guard case .failure(.unknownName(let suggestions)) = regions.resolve("Tamborra", qualifiers: []) else {
            Issue.record("a misspelling should be unknown"); return
        }
        #expect(suggestions.first?.hasPrefix("Tambora") == true)
        guard case .failure(.unknownQualifier) = regions.resolve("Tambora", qualifiers: ["Jakarta Utara Raya"]) else {
            Issue.record("an unknown kabupaten should be named"); return
        }
    }

    @Test func placementsUseTheMostSpecificOwnPoint() throws {
        let cengkareng = try regions.placement(RegionCode("31.73.01")!).get()
        #expect(cengkareng.source == .kecamatan && cengkareng.radiusKm > 0.5 && cengkareng.radiusKm < 5)
        let tambora = try regions.placement(RegionCode("31.73.04")!).get()   // no point of its own in the table
        let city = try regions.placement(RegionCode("31.73")!).get()
        #expect(tambora.source == .kabupaten && tambora.point == city.point && tambora.radiusKm == city.radiusKm)
        #expect(try regions.placement(RegionCode("31.73.01.1001")!).get() == cengkareng)  // a desa uses its kecamatan
        #expect(regions.placement(RegionCode("31")!) == .failure(.tooCoarse))
        #expect(regions.placement(RegionCode("99.99.99")!) == .failure(.unknownCode))
    }

    func mentees(_ text: String) throws -> ([Mentee], [InputIssue], DataQuality.File) {
        var issues: [InputIssue] = [], quality = DataQuality.File(file: "e.csv")
        let (m, _) = DatasetReader.parseMentees(try parseCSV(text, name: "e.csv"), issues: &issues, quality: &quality, regions: regions)
        return (m, issues, quality)
    }

    @Test func indonesianHeadersNamesAndPlainWordsRead() throws {
        let text = """
        ID;Nama Usaha;Kode KBLI;Kecamatan;Kab/Kota;Kebutuhan;Bahasa;Jenis Kelamin;Skala;NIB;Lintang;Bujur
        E1;Warung A;10710;Kec. Cengkareng;Jakarta Barat;Sertifikasi halal, Desain kemasan;ind;P;mikro;9120000000001;;
        E2;Warung B;10710;Tambora;Kota Adm. Jakarta Barat;pemasaran digital | QRIS;ind;L;kecil;;-6,15;106,80
        """
        let (m, issues, quality) = try mentees(text + "\n")
        #expect(issues.isEmpty, "\(issues)")
        #expect(m.map(\.region.text) == ["31.73.01", "31.73.04"])
        #expect(m[0].needs == SkillSet([.halal, .kemasan]) && m[1].needs == SkillSet([.digital, .qris]))
        #expect(m.map(\.locationSource) == [.kecamatan, .given] && m[1].locationRadiusKm == 0)
        #expect(m[0].nib == "9120000000001" && m[0].gender == .female)
        #expect(quality.aliases["Nama Usaha"] == "name" && quality.aliases["Kab/Kota"] == "kabupaten" && quality.aliases["Lintang"] == "lat")
        #expect(quality.locationSource["kecamatan"]?.firstIDs == ["E1"] && quality.regionsByName.count == 2)
    }

    /// A `region` cell may carry its kabupaten after a comma, in any case and with prefixes.
    @Test func regionCellsWithTheirKabupaten() throws {
        let text = """
        id,name,kbli,region
        E1,A,10710,"KECAMATAN TAMBORA, KOTA JAKARTA BARAT"
        E2,B,10710,"Tambora, Kabupaten Bima"
        E3,C,10710,Kab. Kotawaringin Timur
        E4,D,10710,31.73.05
        """
        let (m, issues, quality) = try mentees(text + "\n")
        #expect(issues.isEmpty, "\(issues)")
        #expect(m.map(\.region.text) == ["31.73.04", "52.06.14", "62.02", "31.73.05"])
        #expect(m.map(\.locationSource) == [.kabupaten, .kabupaten, .kabupaten, .kecamatan])
        #expect(quality.regionsByName.count == 3)
    }

    @Test func officeMistakesAreRefusedPrecisely() throws {
        let header = "id,nama,kbli,kecamatan,kabupaten,kebutuhan,nib\n"
        func only(_ row: String) throws -> String {
            let (_, issues, _) = try mentees(header + row + "\n")
            #expect(issues.count == 1, "\(row): \(issues)")
            return issues.first?.description ?? ""
        }
        #expect(try only("E1,A,10710,Tambora,,,").contains("names 2 regions"))
        #expect(try only("E1,A,10710,Tamborra,Jakarta Barat,,").contains("did you mean Tambora"))
        #expect(try only("E1,A,10710,Tambora,Jakarta Barat,belajar masak,").contains("'belajar masak' is not a known need"))
        #expect(try only("E1,A,10710,Tambora,Jakarta Barat,,12345").contains("13 digits"))
        #expect(try only("E1,A,10710,,,,").contains("value is required"))
        let both = try mentees("id,name,nama,kbli,region\nE1,A,B,10710,31.73.01\n").1
        #expect(both.first?.description.contains("both stand for column name") == true)
    }

    @Test func centroidDistanceIsNotBelowTheRegionRadius() throws {
        var e = Mentee(id: "E", kbli: [KBLICode("10710")!], location: GeoPoint(lat: -6.15, lon: 106.73), region: RegionCode("31.73.01")!)
        var m = Mentor(id: "M", kbli: [KBLICode("10710")!], location: e.location, region: e.region, capacity: 1)
        let given = try ScoringModel(dataset: Dataset(mentors: [m], mentees: [e]), profile: .default)
        #expect(given.distanceKm(mentee: 0, mentor: 0) == 0)
        e.locationSource = .kecamatan; e.locationRadiusKm = 2.5
        let centroid = try ScoringModel(dataset: Dataset(mentors: [m], mentees: [e]), profile: .default)
        #expect(centroid.distanceKm(mentee: 0, mentor: 0) == 2.5)
        #expect(centroid.breakdown(mentee: 0, mentor: 0).location < given.breakdown(mentee: 0, mentor: 0).location)
        m.location = GeoPoint(lat: -6.25, lon: 106.73)   // farther than the radius: the distance itself
        let far = try ScoringModel(dataset: Dataset(mentors: [m], mentees: [e]), profile: .default)
        #expect(abs(far.distanceKm(mentee: 0, mentor: 0) - Geo.distanceKm(e.location, m.location)) < 1e-9)
    }

    /// The office fixture's workbook and its Windows-1252 `;` twin read to the same records.
    @Test func workbookAndItsWindows1252TwinAgree() throws {
        let book = try DatasetReader.inspect(mentorsPath: fixture("jakarta-barat/mentors.csv"), menteesPath: fixture("jakarta-barat-office/mentees.xlsx"))
        let twin = try DatasetReader.inspect(mentorsPath: fixture("jakarta-barat/mentors.csv"), menteesPath: fixture("jakarta-barat-office/mentees.csv"),
                                             options: .init(encoding: .windows1252))
        #expect(book.issues.isEmpty && twin.issues.isEmpty, "\(book.issues) \(twin.issues)")
        let a = try #require(book.dataset).mentees, b = try #require(twin.dataset).mentees
        #expect(a.count == 52 && a.map(\.id) == b.map(\.id))
        #expect(a.map(\.name) == b.map(\.name) && a.contains { $0.name.hasSuffix("Café") })
        #expect(a.map(\.region) == b.map(\.region) && a.map(\.location) == b.map(\.location) && a.map(\.needs) == b.map(\.needs))
        #expect(a.map(\.nib) == b.map(\.nib) && a.allSatisfy { $0.locationSource != .given })
        #expect(book.quality.duplicates.map(\.droppedID) == ["UM-901", "UM-902"])
        #expect(book.quality.duplicates.map(\.reason) == [.nib, .nameInKelurahan])
    }

    /// A workbook written here: shared strings with rich-text runs, inline strings, numbers,
    /// booleans, gaps, cells without references, a second sheet chosen by name.
    func workbook(_ sheets: [(String, String)], sharedStrings: String) throws -> Data {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        try add("xl/workbook.xml", "<workbook \(ns)><sheets>" + sheets.enumerated().map { "<sheet name=\"\($1.0)\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined() + "</sheets></workbook>")
        try add("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"worksheet\" Target=\"worksheets/s\($0 + 1).xml\"/>" }.joined() + "</Relationships>")
        for (k, s) in sheets.enumerated() { try add("xl/worksheets/s\(k + 1).xml", "<worksheet \(ns)><sheetData>\(s.1)</sheetData></worksheet>") }
        try add("xl/sharedStrings.xml", "<sst \(ns)>\(sharedStrings)</sst>")
        return try #require(archive.data)
    }

    @Test func workbookCellsOfEveryKindRead() throws {
        let shared = "<si><t>id</t></si><si><r><t>na</t></r><r><t xml:space=\"preserve\">me</t></r><rPh><t>x</t></rPh></si><si><t>Warung &amp; Kopi</t></si>"
        let rows = """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>flag</t></is></c><c r="E1" t="inlineStr"><is><t>n</t></is></c></row>
        <row r="3"><c r="A3" t="inlineStr"><is><t>E1</t></is></c><c r="B3" t="s"><v>2</v></c><c r="C3" t="b"><v>1</v></c><c r="E3"><v>106.7972</v></c></row>
        <row r="4"><c t="inlineStr"><is><t>E2</t></is></c><c/><c t="str"><f>A1</f><v>text</v></c><c/><c><v>12</v></c></row>
        """
        let data = try workbook([("Catatan", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>note</t></is></c></row>"), ("Data", rows)],
                                sharedStrings: shared)
        #expect(try XLSXReader.sheetNames(data, name: "w.xlsx") == ["Catatan", "Data"])
        let f = try XLSXReader.read(data, name: "w.xlsx", sheet: "Data")
        #expect(f.header == ["id", "name", "flag", "", "n"] && f.headerLine == 1 && f.sheet == "Data")
        #expect(f.records.map(\.line) == [3, 4])
        #expect(f.records[0].fields == ["E1", "Warung & Kopi", "TRUE", "", "106.7972"])
        #expect(f.records[1].fields == ["E2", "", "text", "", "12"])
        #expect(try XLSXReader.read(data, name: "w.xlsx").header == ["note"])   // the first sheet by default
        #expect(throws: InputError.self) { try XLSXReader.read(data, name: "w.xlsx", sheet: "Nope") }
        do { _ = try XLSXReader.read(data, name: "w.xlsx", sheet: "Nope") } catch {
            #expect("\(error)".contains("'Catatan', 'Data'"))
        }
        #expect(throws: InputError.self) { try XLSXReader.read(Data("id,name\n".utf8), name: "w.xlsx") }
    }

    @Test func workbookIssuesNameSheetRowAndColumnLetter() throws {
        let rows = """
        <row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>Nama Usaha</t></is></c><c r="C1" t="inlineStr"><is><t>Kode KBLI</t></is></c><c r="D1" t="inlineStr"><is><t>wilayah</t></is></c></row>
        <row r="7"><c r="A7" t="inlineStr"><is><t>E1</t></is></c><c r="B7" t="inlineStr"><is><t>A</t></is></c><c r="C7" t="inlineStr"><is><t>99x</t></is></c><c r="D7" t="inlineStr"><is><t>31.73.01</t></is></c></row>
        """
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("e.xlsx").path
        try workbook([("UMKM", rows)], sharedStrings: "").write(to: URL(fileURLWithPath: path))
        let r = try DatasetReader.inspect(mentorsPath: fixture("jakarta-barat/mentors.csv"), menteesPath: path)
        let issue = try #require(r.issues.first)
        #expect(issue.sheet == "UMKM" && issue.line == 7 && issue.columnLetter == "C" && issue.column == "Kode KBLI")
        #expect(issue.description.hasPrefix("\(path), sheet 'UMKM', row 7, column C: column 'Kode KBLI':"))
    }

    @Test func dedupeDropsLaterListingsAcrossLists() throws {
        let mentor = Mentor(id: "M1", name: "Toko Maju", kbli: [KBLICode("10710")!], location: GeoPoint(lat: -6.1, lon: 106.7),
                            region: RegionCode("31.73.01")!, capacity: 2, line: 2)
        var m = mentor; m.nib = "1234567890123"
        var e1 = Mentee(id: "E1", name: "CV Toko  MAJU.", kbli: m.kbli, location: m.location, region: m.region, line: 2)
        e1.nib = "1234567890123"
        var e2 = Mentee(id: "E0", name: "Kopi Kita", kbli: m.kbli, location: m.location, region: m.region, line: 3); e2.kelurahan = "Kapuk"
        var e3 = Mentee(id: "E3", name: "kopi, kita", kbli: m.kbli, location: m.location, region: m.region, line: 4); e3.kelurahan = "KAPUK"
        var e4 = Mentee(id: "E4", name: "Kopi Kita", kbli: m.kbli, location: m.location, region: m.region, line: 5); e4.kelurahan = "Rawa Buaya"
        let dups = Duplicates.find(mentors: [m], mentees: [e1, e2, e3, e4])
        #expect(dups.map { "\($0.keptID)>\($0.droppedID):\($0.reason.rawValue)" } == ["M1>E1:nib", "E0>E3:name_in_kelurahan"])
        let d = Dataset(mentors: [m], mentees: [e1, e2, e3, e4]).withoutDuplicates(dups)
        #expect(d.mentors.count == 1 && d.mentees.map(\.id) == ["E0", "E4"])
    }
}
