import Foundation
import Tabular

/// `pairs.xlsx`: the pairs as an office opens them, beside `pairs.csv`. Each mentor's Adik
/// Asuh on a sheet of their own (one sheet of every pair, ordered by mentor, when there are
/// more than ``sheetPerMentorUpTo`` mentors), with kecamatan and kabupaten/kota names instead
/// of codes, the score and its four terms, the distance and the list's passed-through columns;
/// columns sized to their contents and the header row frozen. Headers in the report's language.
package enum PairsWorkbook {
    /// Mentors up to which each gets a sheet.
    package static let sheetPerMentorUpTo = 100
    /// Pairs up to which the workbook is written: an office's programme fits easily, while a
    /// province-wide run keeps its pairs in `pairs.csv` (at tier L's 58,870 pairs the workbook
    /// took about 2 s of a `match`, against 3.6 s for everything else).
    package static let largestWritten = 20_000

    /// The workbook's bytes, or nil above ``largestWritten`` pairs. - Complexity: `O(pairs)`.
    static func render(_ r: MatchResult, language: Language, regions: RegionDirectory = .bundled) throws -> Data? {
        guard r.pairs.count <= largestWritten else { return nil }
        let id = language == .id
        let ours = id ? ["No.", "ID UMKM", "Nama Usaha", "Kecamatan", "Kabupaten/Kota", "KBLI", "Nilai", "Sektor", "Lokasi", "Kapasitas",
                         "Budaya", "Jarak (km)"]
                      : ["No.", "Mentee ID", "Business", "Kecamatan", "Kabupaten/Kota", "KBLI", "Score", "Sector", "Location", "Capacity",
                         "Culture", "Distance (km)"]
        let extra = r.dataset.menteeExtraColumns
        let perMentor = r.dataset.mentors.count <= sheetPerMentorUpTo
        let mentorColumns = perMentor ? [] : (id ? ["ID Kakak Asuh", "Kakak Asuh"] : ["Mentor ID", "Mentor"])
        let header = ours + mentorColumns + extra
        let byMentor = Dictionary(grouping: r.pairs.indices, by: { r.pairs[$0].mentor })
        func row(_ n: Int, _ k: Int) -> [XLSXSheet.Cell] {
            let p = r.pairs[k]
            let e = r.dataset.mentees[Int(p.mentee)], m = r.dataset.mentors[Int(p.mentor)]
            let s = p.breakdown
            let kecamatan: String = e.region.prefix(3).flatMap { regions.name($0) } ?? ""
            let kabupaten: String = e.region.prefix(2).flatMap { regions.name($0) } ?? ""
            let kbli: String = e.kbli.map { $0.description }.joined(separator: "|")
            var cells: [XLSXSheet.Cell] = [.number(String(n + 1)), .text(e.id), .text(e.name), .text(kecamatan), .text(kabupaten), .text(kbli)]
            cells.append(.number(formatScore(p.score)))
            for term in [s.sector, s.location, s.capacity, s.culture] { cells.append(.number(formatFixed(term, 4))) }
            cells.append(.number(formatFixed(s.distanceKm, 2)))
            if !perMentor { cells.append(.text(m.id)); cells.append(.text(m.name)) }
            for x in e.extra { cells.append(.text(x)) }
            return cells
        }
        func rows(_ pairs: [Int]) -> [[XLSXSheet.Cell]] {
            var out: [[XLSXSheet.Cell]] = []
            out.reserveCapacity(pairs.count)
            for (n, k) in pairs.enumerated() { out.append(row(n, k)) }
            return out
        }
        func widths(_ rows: [[XLSXSheet.Cell]]) -> [Double] {
            header.indices.map { c in
                let longest = rows.prefix(500).map { row -> Int in
                    guard c < row.count else { return 0 }
                    switch row[c] { case .text(let t), .number(let t): return t.count }
                }.max() ?? 0
                return Double(min(60, max(header[c].count, longest) + 2))
            }
        }
        var sheets: [XLSXSheet] = []
        if perMentor {
            for (j, m) in r.dataset.mentors.enumerated() {
                let list = (byMentor[Int32(j)] ?? []).sorted { r.dataset.mentees[Int(r.pairs[$0].mentee)].id < r.dataset.mentees[Int(r.pairs[$1].mentee)].id }
                let body = rows(list)
                sheets.append(XLSXSheet(name: "\(m.id) \(m.name)", header: header, rows: body, widths: widths(body)))
            }
        } else {
            let list = r.pairs.indices.sorted { a, b in
                let ma = r.dataset.mentors[Int(r.pairs[a].mentor)].id, mb = r.dataset.mentors[Int(r.pairs[b].mentor)].id
                return ma != mb ? ma < mb : r.dataset.mentees[Int(r.pairs[a].mentee)].id < r.dataset.mentees[Int(r.pairs[b].mentee)].id
            }
            let body = rows(list)
            sheets.append(XLSXSheet(name: id ? "Pasangan" : "Pairs", header: header, rows: body, widths: widths(body)))
        }
        return try XLSXWriter.workbook(sheets)
    }
}
