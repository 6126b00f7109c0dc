import Foundation
import ZIPFoundation

/// One worksheet to write: its name, a header row (bold, frozen, so it stays in view while
/// scrolling), data rows and each column's width in characters.
package struct XLSXSheet: Sendable {
    package enum Cell: Sendable {
        case text(String)
        /// A number as written in the sheet's cell (`0.685`, `12`), so it sorts and sums.
        case number(String)
    }
    package var name: String
    package var header: [String]
    package var rows: [[Cell]]
    package var widths: [Double]

    package init(name: String, header: [String], rows: [[Cell]], widths: [Double]) {
        self.name = name; self.header = header; self.rows = rows; self.widths = widths
    }
}

/// Writes an Excel workbook (`.xlsx`, Office Open XML SpreadsheetML, ECMA-376 Part 1) without
/// a spreadsheet application: the ZIP package (ZIPFoundation) of the workbook, a style sheet
/// with a bold font for headers, and one worksheet part per sheet with column widths, a frozen
/// first row and inline strings. The bytes depend only on the sheets (entries carry a fixed
/// date), so the same result writes the same file.
package enum XLSXWriter {
    /// The workbook's bytes. Sheet names are made valid (at most 31 characters, none of
    /// `[]:*?/\`, unique) and text loses the control characters XML cannot hold.
    /// - Complexity: `O(cells)`.
    package static func workbook(_ sheets: [XLSXSheet]) throws -> Data {
        let names = uniqueNames(sheets.map(\.name))
        var parts: [(String, String)] = []
        let overrides = sheets.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        parts.append(("[Content_Types].xml", declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + overrides + "</Types>"))
        parts.append(("_rels/.rels", declaration + "<Relationships xmlns=\"\(relationshipsNS)\">"
            + "<Relationship Id=\"rId1\" Type=\"\(officeNS)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"))
        let sheetList = names.enumerated().map { "<sheet name=\"\(escape($1))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
        parts.append(("xl/workbook.xml", declaration + "<workbook xmlns=\"\(mainNS)\" xmlns:r=\"\(officeNS)\"><sheets>\(sheetList)</sheets></workbook>"))
        let rels = sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(officeNS)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
        parts.append(("xl/_rels/workbook.xml.rels", declaration + "<Relationships xmlns=\"\(relationshipsNS)\">" + rels
            + "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(officeNS)/styles\" Target=\"styles.xml\"/></Relationships>"))
        parts.append(("xl/styles.xml", declaration + "<styleSheet xmlns=\"\(mainNS)\">"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"))
        for (k, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(k + 1).xml", worksheet(sheet))) }

        let archive: Archive
        do { archive = try Archive(data: Data(), accessMode: .create) } catch {
            throw OutputError.cannotCreate("cannot create a workbook in memory: \(error)")
        }
        let fixedDate = Date(timeIntervalSince1970: 1_767_225_600)   // 2026-01-01: the same bytes on every run
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw OutputError.cannotCreate("cannot create a workbook in memory") }
        return data
    }

    /// One worksheet part: frozen first row, column widths, a bold header and the rows.
    /// - Complexity: `O(cells)`.
    package static func worksheet(_ sheet: XLSXSheet) -> String {
        var out = declaration + "<worksheet xmlns=\"\(mainNS)\"><sheetViews><sheetView workbookViewId=\"0\">"
            + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        if !sheet.widths.isEmpty {
            out += "<cols>" + sheet.widths.enumerated().map { "<col min=\"\($0 + 1)\" max=\"\($0 + 1)\" width=\"\(String(format: "%.1f", $1))\" customWidth=\"1\"/>" }.joined() + "</cols>"
        }
        out += "<sheetData>"
        func row(_ r: Int, _ cells: [XLSXSheet.Cell], style: Bool) {
            out += "<row r=\"\(r)\">"
            for (c, cell) in cells.enumerated() {
                let ref = XLSXTableColumn.letter(c) + String(r), s = style ? " s=\"1\"" : ""
                switch cell {
                case .text(let t) where t.isEmpty: continue
                case .text(let t): out += "<c r=\"\(ref)\"\(s) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(t))</t></is></c>"
                case .number(let n) where n.isEmpty: continue
                case .number(let n): out += "<c r=\"\(ref)\"\(s)><v>\(escape(n))</v></c>"
                }
            }
            out += "</row>"
        }
        row(1, sheet.header.map { .text($0) }, style: true)
        for (k, cells) in sheet.rows.enumerated() { row(k + 2, cells, style: false) }
        return out + "</sheetData></worksheet>"
    }

    /// Valid, distinct sheet names: at most 31 characters, without `[]:*?/\`, a number added
    /// where two would be the same (compared without case, as Excel does). `O(sheets)`.
    package static func uniqueNames(_ names: [String]) -> [String] {
        var used = Set<String>(), out: [String] = []
        for raw in names {
            var base = String(raw.filter { !"[]:*?/\\".contains($0) && !($0.asciiValue.map { $0 < 32 } ?? false) }.prefix(31))
            if base.trimmingCharacters(in: .whitespaces).isEmpty { base = "Sheet" }
            var name = base, n = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            out.append(name)
        }
        return out
    }

    /// Text escaped for XML, without the control characters XML 1.0 cannot hold. `O(length)`.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(ch)
            default: if ch.value >= 32 && ch.value != 0xFFFE && ch.value != 0xFFFF { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relationshipsNS = "http://schemas.openxmlformats.org/package/2006/relationships"
}
