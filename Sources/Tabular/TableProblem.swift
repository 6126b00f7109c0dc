/// What can be wrong with a list file as a table, whatever its columns mean: its bytes, its
/// workbook, its header, and a value's shape. Each case says itself in English (the CLI's
/// and the files' words) and in Indonesian (the web app's).
public enum TableProblem: IssueProblem, Equatable {
    // The file's bytes.
    /// A byte that is not UTF-8, at its offset.
    case notUTF8(byte: Int, value: UInt8)
    /// A byte Windows-1252 does not define, at its offset.
    case notWindows1252(byte: Int, value: UInt8)
    /// Text that cannot be read as Windows-1252.
    case unreadableWindows1252
    /// A NUL byte (a binary file), at its offset.
    case nulByte(byte: Int)
    /// No bytes, or no header.
    case emptyFile
    /// Text after a field's closing quote.
    case textAfterQuote(field: Int)
    /// A quote never closed.
    case unclosedQuote(field: Int)
    /// A record longer than any list's.
    case recordTooLong
    // A workbook.
    /// An `.xlsx` that is not a ZIP archive.
    case notZip
    /// An archive without a workbook.
    case noWorkbookPart
    /// No sheet of the asked name; the sheets there are.
    case noSheet(named: String, sheets: String)
    /// A workbook without a worksheet.
    case noWorksheet
    /// Every sheet is empty.
    case noFilledSheet
    /// The sheet read is empty.
    case emptySheet
    /// A workbook whose parts cannot be read; the English detail says where.
    case damagedWorkbook(String)
    // The header and the records' width.
    /// A header cell left empty, by position.
    case unnamedColumn(Int)
    /// A column named twice.
    case columnTwice
    /// Two headers that stand for the same column.
    case sameColumn(first: String, second: String, column: String)
    /// A required column is missing.
    case requiredColumnMissing
    /// A record with more fields than the header.
    case fieldCount(Int, header: Int)
    // A value.
    /// A required cell is empty.
    case required
    /// `value` lies outside `range`, written as `[a, b]`.
    case outside(value: String, range: String)
    /// A number written with a decimal comma.
    case decimalComma(Echoed)
    /// Not a number.
    case notNumber(Echoed)
    /// Infinite or not a number.
    case notFiniteNumber(Echoed)
    /// Not a whole number in the range.
    case notWholeNumber(Echoed, range: String)
    /// An id already used by another record.
    case duplicateID(Echoed)

    /// The problem in `language`.
    public func text(_ language: Language) -> String {
        language == .en ? english : indonesian
    }

    private var english: String {
        switch self {
        case .notUTF8(let b, let v):
            return "byte \(b) (0x\(hex(v))) is not valid UTF-8; if the file was saved by Excel as CSV, try --encoding windows-1252"
        case .notWindows1252(let b, let v): return "byte \(b) (0x\(hex(v))) is not a Windows-1252 character"
        case .unreadableWindows1252: return "cannot be read as Windows-1252 text"
        case .nulByte(let b): return "byte \(b) is a NUL byte, which no text list holds; the file looks binary or damaged"
        case .emptyFile: return "file is empty: a header line is required"
        case .textAfterQuote(let f): return "text after a closing quote in field \(f)"
        case .unclosedQuote(let f): return "quoted field \(f) is never closed"
        case .recordTooLong: return "record is longer than 4 GiB"
        case .notZip: return "is not an Excel workbook (.xlsx): it is not a ZIP archive"
        case .noWorkbookPart: return "is not an Excel workbook (.xlsx): it has no xl/workbook.xml"
        case .noSheet(let name, let sheets): return "has no sheet '\(name)'; its sheets are \(sheets)"
        case .noWorksheet: return "has no worksheet"
        case .noFilledSheet: return "has no sheet with a filled cell"
        case .emptySheet: return "sheet is empty: a header row is required"
        case .damagedWorkbook(let detail): return detail
        case .unnamedColumn(let i): return "column \(i) has no name"
        case .columnTwice: return "column appears twice"
        case .sameColumn(let a, let b, let key): return "'\(a)' and '\(b)' both stand for column \(key)"
        case .requiredColumnMissing: return "required column is missing"
        case .fieldCount(let n, let width): return "has \(n) fields; the header has \(width)"
        case .required: return "value is required"
        case .outside(let v, let range): return "\(v) is outside \(range)"
        case .decimalComma(let v): return "\(v.text(.en)) uses a decimal comma, which is accepted only in ';'-delimited files"
        case .notNumber(let v): return "\(v.text(.en)) is not a number"
        case .notFiniteNumber(let v): return "\(v.text(.en)) is not a finite number"
        case .notWholeNumber(let v, let range): return "\(v.text(.en)) is not a whole number in \(range)"
        case .duplicateID(let v): return "duplicate id \(v.text(.en))"
        }
    }

    private var indonesian: String {
        switch self {
        case .notUTF8(let b, let v):
            return "bita ke-\(b) (0x\(hex(v))) bukan UTF-8; bila berkas disimpan Excel sebagai CSV, simpan ulang sebagai \"CSV UTF-8\" atau unggah .xlsx"
        case .notWindows1252(let b, let v): return "bita ke-\(b) (0x\(hex(v))) bukan huruf Windows-1252"
        case .unreadableWindows1252: return "tidak dapat dibaca sebagai teks Windows-1252"
        case .nulByte(let b): return "bita ke-\(b) adalah bita NUL, yang tidak ada di daftar teks; berkas tampak biner atau rusak"
        case .emptyFile: return "berkas kosong: baris judul kolom wajib ada"
        case .textAfterQuote(let f): return "ada teks setelah tanda kutip penutup di isian ke-\(f)"
        case .unclosedQuote(let f): return "tanda kutip di isian ke-\(f) tidak pernah ditutup"
        case .recordTooLong: return "satu baris lebih panjang dari 4 GiB"
        case .notZip: return "bukan buku kerja Excel (.xlsx): bukan arsip ZIP"
        case .noWorkbookPart: return "bukan buku kerja Excel (.xlsx): tidak ada xl/workbook.xml"
        case .noSheet(let name, let sheets): return "tidak ada lembar '\(name)'; lembarnya: \(sheets)"
        case .noWorksheet: return "tidak ada lembar kerja"
        case .noFilledSheet: return "tidak ada lembar yang berisi"
        case .emptySheet: return "lembar kosong: baris judul kolom wajib ada"
        case .damagedWorkbook(let detail): return "buku kerja rusak (\(detail)); simpan ulang di Excel lalu unggah lagi"
        case .unnamedColumn(let i): return "kolom ke-\(i) tidak bernama"
        case .columnTwice: return "kolom muncul dua kali"
        case .sameColumn(let a, let b, let key): return "'\(a)' dan '\(b)' sama-sama berarti kolom \(key)"
        case .requiredColumnMissing: return "kolom wajib tidak ada"
        case .fieldCount(let n, let width): return "berisi \(n) isian; judul kolom ada \(width)"
        case .required: return "wajib diisi"
        case .outside(let v, let range): return "\(v) di luar \(range)"
        case .decimalComma(let v): return "\(v.text(.id)) memakai koma desimal, yang hanya diterima di berkas berpemisah ';'"
        case .notNumber(let v): return "\(v.text(.id)) bukan angka"
        case .notFiniteNumber(let v): return "\(v.text(.id)) bukan angka terhingga"
        case .notWholeNumber(let v, let range): return "\(v.text(.id)) bukan bilangan bulat dalam \(range)"
        case .duplicateID(let v): return "id \(v.text(.id)) ganda"
        }
    }

    private func hex(_ v: UInt8) -> String { String(v, radix: 16, uppercase: true) }
}
