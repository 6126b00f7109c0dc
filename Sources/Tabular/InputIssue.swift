/// The two languages the product speaks: Indonesian (the web app's pages and the report by
/// default) and English (result files, logs, the command line's messages).
public enum Language: String, Sendable, CaseIterable, Codable {
    /// Bahasa Indonesia.
    case id
    /// English.
    case en
}

/// What is wrong with an input, as a typed value that says itself in both
/// ``Language``s. ``TableProblem`` holds the problems of files and headers; the domain
/// module adds those of its own fields.
public protocol IssueProblem: Sendable {
    /// The problem in `language`, without the file, row or column (the issue adds those).
    func text(_ language: Language) -> String
}

/// One thing wrong with an input file, located by file, line and column. Messages name the
/// record by id only: names, phone numbers and other personal fields are never echoed.
public struct InputIssue: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the reader was given it (or an uploaded file's name).
    public var file: String
    /// 1-based line of the record (the header is line 1); 0 for the file as a whole.
    public var line: Int
    /// The column's name as written in the header, when the issue is about one field.
    public var column: String?
    /// The problem in English.
    public var message: String
    /// The record's id, when the issue is about one record (never another personal field).
    public var recordID: String?
    /// The worksheet, for an issue in an Excel workbook (then `line` is the sheet's row).
    public var sheet: String?
    /// The column's letter in the worksheet (`C`), for an issue in an Excel workbook.
    public var columnLetter: String?
    /// The problem as a typed value, when it has one: it says the problem in Indonesian too.
    /// Issues made from a plain message have none and are told in English in both languages.
    public var problem: (any IssueProblem)?

    /// An issue at `file`, `line` and `column`, with its English message; the place in a workbook by `sheet` and `columnLetter`.
    public init(file: String, line: Int, column: String? = nil, message: String, recordID: String? = nil,
                sheet: String? = nil, columnLetter: String? = nil) {
        self.file = file; self.line = line; self.column = column; self.message = message; self.recordID = recordID
        self.sheet = sheet; self.columnLetter = columnLetter
    }

    /// An issue whose English ``message`` is `problem`'s English text.
    public init(file: String, line: Int, column: String? = nil, problem: any IssueProblem, recordID: String? = nil,
                sheet: String? = nil, columnLetter: String? = nil) {
        self.init(file: file, line: line, column: column, message: problem.text(.en), recordID: recordID,
                  sheet: sheet, columnLetter: columnLetter)
        self.problem = problem
    }

    /// Two issues are equal when they say the same thing at the same place.
    public static func == (a: InputIssue, b: InputIssue) -> Bool {
        a.file == b.file && a.line == b.line && a.column == b.column && a.message == b.message && a.recordID == b.recordID
            && a.sheet == b.sheet && a.columnLetter == b.columnLetter
    }

    /// The issue in English, as the command line prints it.
    public var description: String { text(.en) }

    /// The issue in `language`: file, sheet, row and column, then the problem and the record's
    /// id. The Indonesian form uses the words of an office list (*berkas*, *lembar*, *baris*,
    /// *kolom*); an issue without a typed ``problem`` keeps its English message there.
    public func text(_ language: Language) -> String {
        let said = problem?.text(language) ?? message
        switch language {
        case .en:
            var s: String
            if let sheet {
                s = "\(file), sheet '\(sheet)'" + (line > 0 ? ", row \(line)" : "") + (columnLetter.map { ", column \($0)" } ?? "") + ": "
            } else {
                s = line > 0 ? "\(file):\(line): " : "\(file): "
            }
            if let column { s += "column '\(column)': " }
            s += said
            if let recordID { s += " (record \(recordID))" }
            return s
        case .id:
            var s = "\(file)"
            if let sheet { s += ", lembar '\(sheet)'" }
            if line > 0 { s += ", baris \(line)" }
            if let columnLetter { s += ", kolom \(columnLetter)" }
            s += ": "
            if let column { s += "kolom '\(column)': " }
            s += said
            if let recordID { s += " (data \(recordID))" }
            return s
        }
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

    /// The issues in English, one a line.
    public var description: String { text(.en) }

    /// The error in `language`, one issue a line.
    public func text(_ language: Language) -> String {
        switch self {
        case .missingFile(let path, let reason):
            return language == .en ? "\(path): \(reason)" : "\(path): berkas tidak dapat dibaca (\(reason))"
        case .invalid(let issues): return issues.map { $0.text(language) }.joined(separator: "\n")
        }
    }
}
