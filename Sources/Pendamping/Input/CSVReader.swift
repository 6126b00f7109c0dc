import Foundation

/// A CSV file split into a header and records, each record with the line it starts on.
///
/// Accepts what Indonesian spreadsheet exports produce: UTF-8 with or without a BOM, LF or
/// CRLF line ends, `,` or `;` as delimiter (detected from the header: whichever occurs more
/// outside quotes), fields quoted with `"` (a doubled `""` inside is one quote; quoted fields
/// may span lines). Blank lines are skipped.
///
/// Hand-written rather than a CSV package: it must report the line each record starts on
/// (for errors naming file and line) and parse province-scale files (250,000 rows) in well
/// under a second; it works on bytes and makes one pass.
/// - Complexity: `O(bytes)`.
public struct CSVFile: Sendable {
    public let path: String
    public let delimiter: UInt8
    public let header: [String]
    public let headerLine: Int
    public var records: [(line: Int, fields: [String])]
    /// The worksheet the table was read from, for an Excel workbook (nil for CSV).
    public var sheet: String? = nil

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
    static func parse(_ data: Data, name: String, encoding: TextEncoding, parallelFrom: Int) throws -> CSVFile {
        let text = try encoding.utf8(data, name: name)
        return try text.withUnsafeBytes { raw -> CSVFile in
            var bytes = raw.bindMemory(to: UInt8.self)[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            let delimiter = detectDelimiter(bytes)
            let halves = bytes.count >= parallelFrom ? split(bytes, delimiter: delimiter, name: name) : nil
            var records = try halves ?? tokenize(bytes, delimiter: delimiter, name: name).records
            guard !records.isEmpty else {
                throw InputError.invalid([InputIssue(file: name, line: 0, message: "file is empty: a header line is required")])
            }
            let (headerLine, fields) = records.removeFirst()
            return CSVFile(path: name, delimiter: delimiter, header: fields.map { $0.trimmedASCII }, headerLine: headerLine, records: records)
        }
    }

    /// Files of at least this many bytes are split in two halves on both cores.
    static let parallelBytes = 1 << 22

    /// The records (header first) of a long file, split at a line break past the middle and
    /// read on both cores; nil when the file is short, has no such break, or either half
    /// fails, so that the caller reads it in one pass (and reports any error with its line).
    /// The break is chosen where the quotes before it are even; should a quote stand inside
    /// an unquoted field, the first half, read from the file's start, ends inside a quoted
    /// field and fails, so a wrong break is never used. - Complexity: `O(bytes)`.
    static func split(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, delimiter: UInt8, name: String) -> [(line: Int, fields: [String])]? {
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
            try tokenize(k == 0 ? h.bytes[..<h.cut] : h.bytes[h.cut...], delimiter: delimiter, name: name)
        }
        guard let parts, !parts[0].records.isEmpty else { return nil }
        let offset = parts[0].endLine - 1
        return parts[0].records + parts[1].records.map { (line: $0.line + offset, fields: $0.fields) }
    }

    /// Every record of `bytes` (header first), and the line after the last. `O(bytes)`.
    static func tokenize(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, delimiter: UInt8,
                         name: String) throws -> (records: [(line: Int, fields: [String])], endLine: Int) {
        var tokenizer = Tokenizer(bytes: bytes, delimiter: delimiter, name: name)
        var records: [(line: Int, fields: [String])] = []
        while let record = try tokenizer.next() { records.append(record) }
        return (records, tokenizer.line)
    }

    /// `;` when the first line has more semicolons than commas outside quotes, else `,`.
    static func detectDelimiter(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt8 {
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

/// One pass over the bytes, yielding records.
private struct Tokenizer {
    let bytes: Slice<UnsafeBufferPointer<UInt8>>
    let delimiter: UInt8
    let name: String
    var position: Int
    var line = 1

    init(bytes: Slice<UnsafeBufferPointer<UInt8>>, delimiter: UInt8, name: String) {
        self.bytes = bytes; self.delimiter = delimiter; self.name = name
        position = bytes.startIndex
    }

    mutating func next() throws -> (line: Int, fields: [String])? {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        // Skip blank lines; a line ends at LF, CRLF or a lone CR.
        while position < bytes.endIndex, bytes[position] == lf || bytes[position] == cr {
            if bytes[position] == lf || position + 1 == bytes.endIndex || bytes[position + 1] != lf { line += 1 }
            position += 1
        }
        guard position < bytes.endIndex else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false, wasQuoted = false
        while position < bytes.endIndex {
            let b = bytes[position]
            if quoted {
                if b == quote {
                    if position + 1 < bytes.endIndex, bytes[position + 1] == quote {
                        field.append(quote); position += 2; continue
                    }
                    quoted = false
                } else {
                    if b == lf || (b == cr && (position + 1 == bytes.endIndex || bytes[position + 1] != lf)) { line += 1 }
                    field.append(b)
                }
                position += 1
                continue
            }
            if b == quote && field.allSatisfy({ $0 == UInt8(ascii: " ") }) && !wasQuoted {
                field.removeAll(); quoted = true; wasQuoted = true; position += 1; continue
            }
            if b == delimiter {
                fields.append(Self.text(field)); field.removeAll(keepingCapacity: true)
                wasQuoted = false; position += 1; continue
            }
            if b == lf || b == cr {
                if b == cr, position + 1 < bytes.endIndex, bytes[position + 1] == lf { position += 1 }
                position += 1; line += 1
                break
            }
            if wasQuoted && b != UInt8(ascii: " ") {
                throw InputError.invalid([InputIssue(file: name, line: line, message: "text after a closing quote in field \(fields.count + 1)")])
            }
            if !wasQuoted { field.append(b) }
            position += 1
        }
        if quoted {
            throw InputError.invalid([InputIssue(file: name, line: startLine, message: "quoted field \(fields.count + 1) is never closed")])
        }
        fields.append(Self.text(field))
        return (startLine, fields)
    }

    /// A field's text. A `'` that our own CSV writer put before `=`, `+`, `-`, `@`, tab or CR
    /// (so that spreadsheets do not run the cell as a formula) is taken off again, so ids and
    /// texts read back exactly as they were first written.
    static func text(_ field: [UInt8]) -> String {
        if field.count >= 2, field[0] == UInt8(ascii: "'"), CSVTableWriter.isFormulaStart(field[1]) {
            return String(decoding: field[1...], as: UTF8.self)
        }
        return String(decoding: field, as: UTF8.self)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs, working on UTF-8 bytes (no
    /// Foundation bridging: this runs for every CSV field). `O(length)`.
    var trimmedASCII: String {
        let u = utf8
        var start = u.startIndex, end = u.endIndex
        while start < end, u[start] == 0x20 || u[start] == 0x09 { start = u.index(after: start) }
        while end > start, u[u.index(before: end)] == 0x20 || u[u.index(before: end)] == 0x09 { end = u.index(before: end) }
        return String(self[start..<end])
    }
}

extension String {
    var trimmedASCII: String {
        guard let f = utf8.first, let l = utf8.last, f == 0x20 || f == 0x09 || l == 0x20 || l == 0x09 else { return self }
        return self[...].trimmedASCII
    }
}
