/// One thing wrong with an input file, located by file, line and column. Messages name the
/// record by id only: names, phone numbers and other personal fields are never echoed.
public struct InputIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the record (the header is line 1); 0 for the file as a whole.
    public var line: Int
    /// The column's name as written in the header, when the issue is about one field.
    public var column: String?
    public var message: String
    public var recordID: String?
    /// The worksheet, for an issue in an Excel workbook (then `line` is the sheet's row).
    public var sheet: String?
    /// The column's letter in the worksheet (`C`), for an issue in an Excel workbook.
    public var columnLetter: String?

    public init(file: String, line: Int, column: String? = nil, message: String, recordID: String? = nil,
                sheet: String? = nil, columnLetter: String? = nil) {
        self.file = file; self.line = line; self.column = column; self.message = message; self.recordID = recordID
        self.sheet = sheet; self.columnLetter = columnLetter
    }

    public var description: String {
        var s: String
        if let sheet {
            s = "\(file), sheet '\(sheet)'" + (line > 0 ? ", row \(line)" : "") + (columnLetter.map { ", column \($0)" } ?? "") + ": "
        } else {
            s = line > 0 ? "\(file):\(line): " : "\(file): "
        }
        if let column { s += "column '\(column)': " }
        s += message
        if let recordID { s += " (record \(recordID))" }
        return s
    }
}

/// Input that cannot be used: a missing file, or data with one or more issues.
public enum InputError: Error, Sendable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case missingFile(path: String, reason: String)
    /// The file was read and has these issues (at most ``InputIssue`` `limit` of them).
    case invalid([InputIssue])

    /// The most issues collected before reading stops.
    public static let limit = 100

    public var description: String {
        switch self {
        case .missingFile(let path, let reason): return "\(path): \(reason)"
        case .invalid(let issues): return issues.map(\.description).joined(separator: "\n")
        }
    }
}
