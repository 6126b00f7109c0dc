import Foundation
import Parallel

/// A CSV file split into a header and records, each record with the line it starts on.
///
/// Accepts what Indonesian spreadsheet exports produce: UTF-8 with or without a BOM, LF or
/// CRLF line ends, `,` or `;` as delimiter (detected from the header: whichever occurs more
/// outside quotes), fields quoted with `"` (a doubled `""` inside is one quote; quoted fields
/// may span lines). Blank lines are skipped.
///
/// Hand-written rather than a CSV package: it must report the line each record starts on
/// (for errors naming file and line) and parse province-scale files (a million rows) in well
/// under a second. It works on bytes and makes one pass; a record without quotes is read
/// where it lies in the file's bytes and any other is unescaped into one buffer
/// (``CSVCells``), rather than a `String` per field; ``records`` builds strings on demand.
/// - Complexity: `O(bytes)`.
public struct CSVFile: Sendable {
    /// The file's path, as given (for issues).
    public let path: String
    /// The delimiter found: `,`, `;` or tab.
    public let delimiter: UInt8
    /// The header's names, as written.
    public let header: [String]
    /// The header's 1-based line.
    public let headerLine: Int
    /// Every record's fields, unescaped, in runs of consecutive records: one run, or the two
    /// halves of a long file as they were read on both cores (not joined, which would copy
    /// every field's index once more).
    package private(set) var parts: [CSVCells]
    /// The worksheet the table was read from, for an Excel workbook (nil for CSV).
    public var sheet: String? = nil

    /// The records with their fields as strings. Building them costs a string per field:
    /// readers inside the package read ``parts`` instead. - Complexity: `O(bytes)`.
    public var records: [(line: Int, fields: [String])] {
        get { parts.flatMap { cells in (0..<cells.count).map { (cells.line($0), cells.strings($0)) } } }
        set { parts = [CSVCells(newValue)] }
    }

    /// How many records follow the header. `O(parts)`.
    public var recordCount: Int { parts.reduce(0) { $0 + $1.count } }

    /// Record `r`'s line and fields as strings. - Complexity: `O(parts + fields of r)`.
    package func record(_ r: Int) -> (line: Int, fields: [String]) {
        var k = r
        for part in parts {
            if k < part.count { return (part.line(k), part.strings(k)) }
            k -= part.count
        }
        preconditionFailure("record \(r) of \(recordCount)")
    }

    /// The same table with record `headerRecord`'s fields as its header (nil: the header it
    /// has) and only the records of `kept` after it; an office sheet's title rows and footer
    /// are left out this way. - Complexity: `O(bytes of the kept records)`.
    package func reheaded(at headerRecord: Int?, keeping kept: Range<Int>) -> CSVFile {
        let (line, fields) = headerRecord.map(record) ?? (headerLine, header)
        var names = fields.map { $0.trimmedASCII }
        var records = kept.map(record)
        if sheet != nil {
            // A worksheet leaves empty cells out: a row is as wide as the header, less any
            // empty cells past it (as the sheet reader does for the first row's width).
            while names.last?.isEmpty == true { names.removeLast() }
            for k in records.indices {
                if records[k].fields.count < names.count {
                    records[k].fields += Array(repeating: "", count: names.count - records[k].fields.count)
                }
                while records[k].fields.count > names.count, records[k].fields.last?.isEmpty == true { records[k].fields.removeLast() }
            }
        }
        var file = CSVFile(path: path, delimiter: delimiter, header: names, headerLine: line, records: records)
        file.sheet = sheet
        return file
    }

    /// A file from records already split into fields (tests, and lists made in memory).
    public init(path: String, delimiter: UInt8, header: [String], headerLine: Int, records: [(line: Int, fields: [String])]) {
        self.init(path: path, delimiter: delimiter, header: header, headerLine: headerLine, parts: [CSVCells(records)])
    }

    package init(path: String, delimiter: UInt8, header: [String], headerLine: Int, parts: [CSVCells]) {
        self.path = path; self.delimiter = delimiter; self.header = header; self.headerLine = headerLine; self.parts = parts
    }

    /// Calls `body` with a view of each part holding records of `range`, those records'
    /// indices in the part, the file index of the part's first record, and the part (for its
    /// lines); the views are valid only inside `body`. `O(parts)` besides `body`.
    package func withViews(of range: Range<Int>, _ body: (CSVCells.View, _ records: Range<Int>, _ first: Int, _ part: CSVCells) -> Void) {
        var first = 0
        for part in parts {
            let end = first + part.count
            if first < range.upperBound, end > range.lowerBound {
                let records = max(range.lowerBound, first) - first..<min(range.upperBound, end) - first
                part.withView { body($0, records, first, part) }
            }
            first = end
        }
    }

    /// Reads and splits `path`; the name used in issues is `displayName` (default: the path).
    /// A file in `encoding` other than UTF-8 is converted to UTF-8 first.
    public static func read(path: String, displayName: String? = nil, encoding: TextEncoding = .utf8) throws -> CSVFile {
        let name = displayName ?? path
        let data = try InputFile.contents(path, name: name)
        return try parse(data, name: name, encoding: encoding)
    }

    /// Splits `data` (a whole file). Throws ``InputError/invalid(_:)`` on malformed text.
    public static func parse(_ data: Data, name: String, encoding: TextEncoding = .utf8) throws -> CSVFile {
        try parse(data, name: name, encoding: encoding, parallelFrom: parallelBytes)
    }

    /// As ``parse(_:name:encoding:)``, splitting files of at least `parallelFrom` bytes.
    package static func parse(_ data: Data, name: String, encoding: TextEncoding, parallelFrom: Int) throws -> CSVFile {
        let text = try encoding.utf8(data, name: name)
        if let k = text.withUnsafeBytes({ raw -> Int? in
            guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
            return UnsafeRawPointer(hit) - base
        }) {
            let (line, column) = TextEncoding.position(of: text.startIndex + k, in: text)
            throw InputError.invalid([InputIssue(file: name, line: line, problem: TableProblem.nulByte(byte: column))])
        }
        return try text.withUnsafeBytes { raw -> CSVFile in
            var bytes = raw.bindMemory(to: UInt8.self)[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            let delimiter = detectDelimiter(bytes)
            let read = try (bytes.count >= parallelFrom ? split(bytes, source: text, delimiter: delimiter, name: name) : nil)
                ?? tokenize(bytes, source: text, delimiter: delimiter, name: name, header: true)
            guard let header = read.header else {
                throw InputError.invalid([InputIssue(file: name, line: 0, problem: TableProblem.emptyFile)])
            }
            return CSVFile(path: name, delimiter: delimiter, header: header.fields.map { $0.trimmedASCII }, headerLine: header.line,
                           parts: read.parts)
        }
    }

    /// Files of at least this many bytes are split in two halves on both cores.
    package static let parallelBytes = 1 << 22

    /// What one run of the tokenizer read: the header (when asked for and present), the
    /// records after it, and the line after the last.
    package struct Read {
        package var header: (line: Int, fields: [String])?
        package var parts: [CSVCells]
        package var endLine: Int
    }

    /// The header and records of a long file, split at a line break past the middle and
    /// read on both cores; nil when the file has no such break or either half fails, so that
    /// the caller reads it in one pass (and reports any error with its line). The break is
    /// chosen where the quotes before it are even; should a quote stand inside an unquoted
    /// field, the first half, read from the file's start, ends inside a quoted field and
    /// fails, so a wrong break is never used. - Complexity: `O(bytes)`.
    package static func split(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, source: Data, delimiter: UInt8, name: String) -> Read? {
        let middle = bytes.startIndex + bytes.count / 2
        var quotes = 0
        for k in bytes.startIndex..<middle where bytes[k] == UInt8(ascii: "\"") { quotes += 1 }
        var cut = middle
        while cut < bytes.endIndex, !(bytes[cut] == UInt8(ascii: "\n") && quotes % 2 == 0) {
            if bytes[cut] == UInt8(ascii: "\"") { quotes += 1 }
            cut += 1
        }
        guard cut + 1 < bytes.endIndex else { return nil }
        struct Halves: @unchecked Sendable { let bytes: Slice<UnsafeBufferPointer<UInt8>>; let cut: Int }
        let h = Halves(bytes: bytes, cut: cut + 1)
        let parts = try? concurrentMap(2) { k in
            try tokenize(k == 0 ? h.bytes[..<h.cut] : h.bytes[h.cut...], source: source, delimiter: delimiter, name: name, header: k == 0)
        }
        guard var parts, parts[0].header != nil else { return nil }
        var second = parts.removeLast()
        second.parts[0].lineOffset = parts[0].endLine - 1
        parts[0].parts += second.parts
        parts[0].endLine += second.endLine - 1
        return parts[0]
    }

    /// Every record of `bytes` (the first as the header when `header`), and the line after
    /// the last; `bytes` is a slice of `source`'s bytes, which the cells keep. `O(bytes)`.
    package static func tokenize(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, source: Data, delimiter: UInt8, name: String, header: Bool) throws -> Read {
        var tokenizer = CSVTokenizer(bytes: UnsafeBufferPointer(rebasing: bytes), sourceOffset: bytes.startIndex, delimiter: delimiter, name: name)
        var cells = CSVCells(source: source)
        var read = Read(header: nil, parts: [], endLine: 1)
        if header {
            var first = CSVCells(source: source)
            if try tokenizer.next(into: &first) { read.header = (first.line(0), first.strings(0)) }
        }
        cells.reserve(bytes: bytes.count)
        while try tokenizer.next(into: &cells) {}
        read.parts = [cells]
        read.endLine = tokenizer.line
        return read
    }

    /// `;` when the first line has more semicolons than commas outside quotes, else `,`.
    package static func detectDelimiter(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt8 {
        var commas = 0, semicolons = 0, quoted = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { quoted.toggle() }
            else if !quoted {
                if b == UInt8(ascii: "\n") { break }
                if b == UInt8(ascii: ",") { commas += 1 }
                if b == UInt8(ascii: ";") { semicolons += 1 }
            }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs, working on UTF-8 bytes (no
    /// Foundation bridging). `O(length)`.
    package var trimmedASCII: String {
        let u = utf8
        var start = u.startIndex, end = u.endIndex
        while start < end, u[start] == 0x20 || u[start] == 0x09 { start = u.index(after: start) }
        while end > start, u[u.index(before: end)] == 0x20 || u[u.index(before: end)] == 0x09 { end = u.index(before: end) }
        return String(self[start..<end])
    }
}

extension String {
    package var trimmedASCII: String {
        guard let f = utf8.first, let l = utf8.last, f == 0x20 || f == 0x09 || l == 0x20 || l == 0x09 else { return self }
        return self[...].trimmedASCII
    }
}
