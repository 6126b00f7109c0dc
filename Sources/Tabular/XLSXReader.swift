import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads one worksheet of an Excel workbook (`.xlsx`, Office Open XML, ECMA-376 Part 1
/// §18.2–18.3) into a ``CSVFile``: the first non-empty row is the header, each later
/// non-empty row a record whose `line` is the sheet's row number.
///
/// The archive is opened with ZIPFoundation; `xl/workbook.xml` and its relationships name
/// the sheets and their parts (read with Foundation's `XMLParser`); cells and shared strings
/// are read with ``XMLScanner`` (Foundation's parser is the bottleneck there, see its notes):
/// shared strings (`t="s"`, rich-text runs joined), inline strings (`t="inlineStr"`), formula
/// strings (`t="str"`), booleans, numbers as written, and empty or missing cells as empty
/// fields. Errors name the file and sheet (and, through ``TableReader``, row and column letter).
/// - Complexity: `O(bytes)` of the sheet and shared-string parts.
public enum XLSXReader {
    /// The worksheet names of a workbook, in workbook order. - Throws: ``InputError``.
    public static func sheetNames(_ data: Data, name: String) throws -> [String] {
        try Workbook(data, name: name).sheets.map(\.name)
    }

    /// Reads `sheet` (nil: the first) of the workbook in `data`. - Throws: ``InputError``.
    public static func read(_ data: Data, name: String, sheet: String? = nil) throws -> CSVFile {
        try readSheets(data, name: name, sheets: [sheet], skipEmpty: false)[0]
    }

    /// Reads the sheets named in `sheets` (nil in the list: the first sheet), in that order;
    /// with no names, every sheet in workbook order, leaving out sheets without a filled cell
    /// when `skipEmpty`. - Throws: ``InputError`` naming a missing or empty sheet.
    /// - Complexity: `O(bytes of the sheets read)`.
    package static func readSheets(_ data: Data, name: String, sheets: [String?], skipEmpty: Bool) throws -> [CSVFile] {
        let book = try Workbook(data, name: name)
        let chosen: [(name: String, path: String)]
        if sheets.isEmpty {
            chosen = book.sheets
        } else {
            chosen = try sheets.map { sheet in
                guard let found = sheet.map({ s in book.sheets.first { $0.name == s } }) ?? book.sheets.first else {
                    let names = book.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
                    throw fail(name, sheet.map { TableProblem.noSheet(named: $0, sheets: names) } ?? .noWorksheet)
                }
                return found
            }
        }
        guard !chosen.isEmpty else { throw fail(name, .noWorksheet) }
        let strings = try book.part("xl/sharedStrings.xml").map { try SharedStringsParser.parse($0, name: name) } ?? []
        var files: [CSVFile] = []
        for sheet in chosen {
            guard let file = try readSheet(book, sheet, strings: strings, name: name, empty: !skipEmpty) else { continue }
            files.append(file)
        }
        guard !files.isEmpty else { throw fail(name, .noFilledSheet) }
        return files
    }

    /// One sheet as a table whose header is its first filled row; nil for a sheet with no
    /// filled cell unless `empty` asks for the error. - Complexity: `O(bytes of the sheet)`.
    static func readSheet(_ book: Workbook, _ chosen: (name: String, path: String), strings: [String], name: String, empty: Bool) throws -> CSVFile? {
        guard let sheetData = try book.part(chosen.path) else { throw fail(name, .damagedWorkbook("sheet '\(chosen.name)' has no part \(chosen.path)")) }
        let rows = try SheetParser.parse(sheetData, strings: strings, name: name, sheet: chosen.name)
        guard let first = rows.firstIndex(where: { !$0.cells.allSatisfy(\.isEmpty) }) else {
            guard empty else { return nil }
            throw InputError.invalid([InputIssue(file: name, line: 0, problem: TableProblem.emptySheet, sheet: chosen.name)])
        }
        let header = rows[first].cells.map { $0.trimmedASCII }
        var records: [(line: Int, fields: [String])] = []
        records.reserveCapacity(rows.count - first)
        for r in rows[(first + 1)...] where !r.cells.allSatisfy({ $0.trimmedASCII.isEmpty }) {
            var fields = r.cells
            if fields.count < header.count { fields += Array(repeating: "", count: header.count - fields.count) }
            // Trailing empty cells beyond the header (formatting only) are not fields.
            while fields.count > header.count, fields.last?.isEmpty == true { fields.removeLast() }
            records.append((r.number, fields))
        }
        var file = CSVFile(path: name, delimiter: UInt8(ascii: ","), header: header, headerLine: rows[first].number, records: records)
        file.sheet = chosen.name
        return file
    }

    package static func fail(_ name: String, _ problem: TableProblem) -> InputError {
        .invalid([InputIssue(file: name, line: 0, problem: problem)])
    }

    /// The archive, its sheets and their part paths.
    package struct Workbook {
        package let archive: Archive
        package let name: String
        package var sheets: [(name: String, path: String)] = []

        package init(_ data: Data, name: String) throws {
            self.name = name
            do { archive = try Archive(data: data, accessMode: .read) } catch {
                throw XLSXReader.fail(name, .notZip)
            }
            guard let workbook = try part("xl/workbook.xml") else {
                throw XLSXReader.fail(name, .noWorkbookPart)
            }
            let listed = try AttributeCollector.collect(workbook, element: "sheet", name: name)
            let rels = try part("xl/_rels/workbook.xml.rels").map { try AttributeCollector.collect($0, element: "Relationship", name: name) } ?? []
            var target: [String: String] = [:]
            for r in rels { if let id = r["Id"], let t = r["Target"] { target[id] = t } }
            for (k, s) in listed.enumerated() {
                let id = s["r:id"] ?? s.first { $0.key.hasSuffix(":id") }?.value
                var path = id.flatMap { target[$0] } ?? "worksheets/sheet\(k + 1).xml"
                path = path.hasPrefix("/") ? String(path.dropFirst()) : "xl/" + path
                sheets.append((s["name"] ?? "Sheet\(k + 1)", path))
            }
        }

        /// The bytes of a part, nil when the archive has none. - Throws: ``InputError`` when it cannot be inflated.
        package func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var out = Data()
            do { _ = try archive.extract(entry, skipCRC32: false) { out.append($0) } } catch {
                throw XLSXReader.fail(name, .damagedWorkbook("part \(path) of the workbook cannot be read: \(error)"))
            }
            return out
        }
    }

    /// One sheet row: its number and its cells by column (missing cells empty).
    package struct Row { var number: Int; var cells: [String] }
}

/// A streaming parser over `data`. Fed from a stream: on Linux, `XMLParser(data:)` fails on
/// parts of a few megabytes (swift-corelibs-foundation issue #4851), the stream does not.
private func xmlParser(_ data: Data) -> XMLParser { XMLParser(stream: InputStream(data: data)) }

/// Collects the attributes of every element named `element` (workbook sheets, relationships).
private final class AttributeCollector: NSObject, XMLParserDelegate {
    package let element: String
    package var found: [[String: String]] = []
    package init(element: String) { self.element = element }

    package static func collect(_ data: Data, element: String, name: String) throws -> [[String: String]] {
        let c = AttributeCollector(element: element)
        let p = xmlParser(data)
        p.delegate = c
        guard p.parse() else { throw XLSXReader.fail(name, .damagedWorkbook("workbook XML is malformed: \(p.parserError.map { "\($0)" } ?? "unknown error")")) }
        return c.found
    }

    package func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == element { found.append(attributes) }
    }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, rich-text runs joined, phonetic runs skipped.
private enum SharedStringsParser {
    package static func parse(_ data: Data, name: String) throws -> [String] {
        try data.withUnsafeBytes { raw in
            var x = XMLScanner(raw.bindMemory(to: UInt8.self))
            var strings: [String] = [], current = "", inText = false, inPhonetic = false
            do {
                while let token = try x.next() {
                    switch token {
                    case .start(let n, _, let selfClosing):
                        if x.isName(n, "si") { current = ""; if selfClosing { strings.append("") } }
                        else if x.isName(n, "t") { inText = !inPhonetic && !selfClosing }
                        else if x.isName(n, "rPh") { inPhonetic = !selfClosing }
                    case .end(let n):
                        if x.isName(n, "si") { strings.append(current) }
                        else if x.isName(n, "t") { inText = false }
                        else if x.isName(n, "rPh") { inPhonetic = false }
                    case .text(let r): if inText { current += x.text(r) }
                    case .cdata(let r): if inText { current += String(decoding: UnsafeBufferPointer(rebasing: x.bytes[r]), as: UTF8.self) }
                    }
                }
            } catch let e as XMLScanner.Malformed {
                throw XLSXReader.fail(name, .damagedWorkbook("shared strings XML is malformed at byte \(e.offset): \(e.what)"))
            }
            return strings
        }
    }
}

/// A worksheet's `<sheetData>`: rows of cells placed by their `r` references.
private enum SheetParser {
    package static func parse(_ data: Data, strings: [String], name: String, sheet: String) throws -> [XLSXReader.Row] {
        func issue(_ line: Int, _ detail: String) -> InputError {
            .invalid([InputIssue(file: name, line: line, problem: TableProblem.damagedWorkbook(detail), sheet: sheet)])
        }
        return try data.withUnsafeBytes { raw in
            var x = XMLScanner(raw.bindMemory(to: UInt8.self))
            var rows: [XLSXReader.Row] = []
            var row = XLSXReader.Row(number: 0, cells: [])
            var column = 0, type = "n", value = "", capture = false, inInline = false, inCell = false
            func store() throws {
                var text = value
                switch type {
                case "s":
                    guard let k = Int(value), k >= 0, k < strings.count else {
                        throw issue(row.number, "cell \(XLSXTableColumn.letter(column))\(row.number) refers to shared string \(value.prefix(12)), which the workbook does not have")
                    }
                    text = strings[k]
                case "b": text = value == "1" ? "TRUE" : "FALSE"
                default: break
                }
                guard column < 16_384 else { throw issue(row.number, "a cell lies beyond Excel's last column XFD") }
                if row.cells.count <= column { row.cells += Array(repeating: "", count: column + 1 - row.cells.count) }
                row.cells[column] = text
                column += 1
            }
            do {
                while let token = try x.next() {
                    switch token {
                    case .start(let n, let attrs, let selfClosing):
                        if x.isName(n, "row") {
                            row = XLSXReader.Row(number: x.attribute("r", in: attrs).flatMap { Int($0) } ?? (row.number + 1), cells: [])
                            column = 0
                            if selfClosing { rows.append(row) }
                        } else if x.isName(n, "c") {
                            if let ref = x.attribute("r", in: attrs) {
                                guard let c = columnIndex(ref) else { throw issue(row.number, "cell reference '\(ref.prefix(12))' is not a column and row") }
                                column = c
                            }
                            type = x.attribute("t", in: attrs) ?? "n"
                            value = ""
                            if selfClosing { try store() } else { inCell = true }
                        } else if inCell && x.isName(n, "v") {
                            capture = !selfClosing
                        } else if inCell && x.isName(n, "is") {
                            inInline = !selfClosing
                        } else if inInline && x.isName(n, "t") {
                            capture = !selfClosing
                        }
                    case .end(let n):
                        if x.isName(n, "v") || x.isName(n, "t") { capture = false }
                        else if x.isName(n, "is") { inInline = false }
                        else if x.isName(n, "c") { inCell = false; capture = false; try store() }
                        else if x.isName(n, "row") { rows.append(row) }
                    case .text(let r): if capture { value += x.text(r) }
                    case .cdata(let r): if capture { value += String(decoding: UnsafeBufferPointer(rebasing: x.bytes[r]), as: UTF8.self) }
                    }
                }
            } catch let e as XMLScanner.Malformed {
                throw issue(0, "sheet XML is malformed at byte \(e.offset): \(e.what)")
            }
            return rows
        }
    }

    /// Column index of a cell reference such as `C5` (0 for A), nil when it has no letters.
    package static func columnIndex(_ ref: String) -> Int? {
        var n = 0, letters = 0
        for b in ref.utf8 {
            guard (65...90).contains(b) || (97...122).contains(b) else { break }
            n = n * 26 + Int((b & 0xDF) - 64); letters += 1
        }
        return letters == 0 || letters > 3 ? nil : n - 1
    }
}

/// Column letters of worksheet columns.
package enum XLSXTableColumn {
    /// `0` → `A`, `25` → `Z`, `26` → `AA`. `O(log index)`.
    package static func letter(_ index: Int) -> String {
        var n = index + 1, out = ""
        while n > 0 { let r = (n - 1) % 26; out = String(UnicodeScalar(UInt8(65 + r))) + out; n = (n - 1) / 26 }
        return out
    }
}

/// A list file, CSV or Excel workbook by its name (`.xlsx`) or its first bytes (a ZIP archive).
public enum TableFile {
    /// Reads `path`: a workbook's sheet (`sheet`, or the first) or a CSV file in `encoding`.
    /// - Throws: ``InputError``.
    public static func read(path: String, encoding: TextEncoding = .utf8, sheet: String? = nil) throws -> CSVFile {
        try readAll(path: path, encoding: encoding, sheets: [sheet].compactMap { $0 }, firstSheetOnly: true)[0]
    }

    /// Reads `path` as one or more tables: a CSV file in `encoding` is one; of a workbook, the
    /// sheets named in `sheets`, or with none named every sheet with a filled cell (only the
    /// first when `firstSheetOnly`). - Throws: ``InputError``.
    package static func readAll(path: String, encoding: TextEncoding = .utf8, sheets: [String], firstSheetOnly: Bool = false) throws -> [CSVFile] {
        let data = try InputFile.contents(path, name: path)
        if path.lowercased().hasSuffix(".xlsx") || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let names: [String?] = sheets.isEmpty ? (firstSheetOnly ? [nil] : []) : sheets
            return try XLSXReader.readSheets(data, name: path, sheets: names, skipEmpty: names.isEmpty)
        }
        return [try CSVFile.parse(data, name: path, encoding: encoding)]
    }
}
