import Foundation
import Tabular

/// Typed reading of the fields of a ``CSVFile``'s records, collecting ``InputIssue``s
/// instead of stopping at the first. Columns are found once per file (names are
/// case-insensitive, aliases allowed); fields are read as bytes from the file's
/// ``CSVCells`` and become strings only where a record keeps text.
struct TableReader {
    let file: CSVFile
    /// Each ``InputColumn``'s position in the header, by its raw value (nil: absent).
    private let slots: [Int?]
    /// Each ``InputColumn``'s header as written, for messages.
    private let writtenNames: [String?]
    /// Headers that were aliases (as written → canonical), in header order.
    let aliasesUsed: [(written: String, canonical: String)]
    /// Header columns that the reader did not claim, in header order, and their positions.
    private(set) var extraColumns: [String] = []
    private var extraSlots: [Int] = []
    /// Columns recognised as personal data and left out (``ColumnRules``), in header order.
    private(set) var personalColumns: [String] = []
    /// Ids made for records of a list without an id column, so far (NIB or sheet and row).
    private var madeIDs: Set<String> = []
    /// Region codes given with coordinates, checked against the regions table.
    var codeChecks: [String: RegionDirectory.CodeCheck] = [:]
    var issues: [InputIssue] = []
    /// Valid list cells already read, by their bytes: lists repeat heavily (a few hundred
    /// distinct language, KBLI and needs cells among 250,000 rows), so each is parsed once.
    var kbliSeen = ByteKeyedTable<[KBLICode]>()
    var skillsSeen = ByteKeyedTable<SkillSet>()
    var languagesSeen = ByteKeyedTable<[String]>()
    var genderSeen = ByteKeyedTable<Gender>()
    var scaleSeen = ByteKeyedTable<BusinessScale>()
    var onlineSeen = ByteKeyedTable<OnlineMode>()
    var preferencesSeen = ByteKeyedTable<[Preference]>()

    /// Checks that `required` columns exist and no column repeats (an alias and its column
    /// count as the same); records the others as extra. `O(columns)`.
    init(file: CSVFile, required: [InputColumn], optional: [InputColumn], rules: ColumnRules = ColumnRules()) {
        self.file = file
        var cols: [String: Int] = [:], written: [String: String] = [:], aliases: [(String, String)] = []
        var issues: [InputIssue] = []
        func headerIssue(_ column: String?, _ problem: TableProblem) {
            issues.append(InputIssue(file: file.path, line: file.headerLine, column: column, problem: problem, sheet: file.sheet))
        }
        for (i, name) in file.header.enumerated() {
            let key = rules.canonical(name)
            if key.isEmpty {
                headerIssue(nil, .unnamedColumn(i + 1))
            } else if let first = written[key] {
                headerIssue(name, first == name ? .columnTwice : .sameColumn(first: first, second: name, column: key))
            } else {
                cols[key] = i; written[key] = name
                if HeaderAliases.normalise(name) != key { aliases.append((name, key)) }
            }
        }
        for c in required where cols[c.name] == nil { headerIssue(c.name, .requiredColumnMissing) }
        let known = Set((required + optional).map(\.name))
        for (i, name) in file.header.enumerated() where !known.contains(rules.canonical(name)) && !name.isEmpty {
            guard rules.passesThrough(name) else { personalColumns.append(name); continue }
            extraColumns.append(name); extraSlots.append(cols[rules.canonical(name)] ?? i)
        }
        slots = InputColumn.allCases.map { cols[$0.name] }
        writtenNames = InputColumn.allCases.map { written[$0.name] }
        self.aliasesUsed = aliases
        self.issues = issues
    }

    var isFull: Bool { issues.count >= InputError.limit }

    /// The position of `column` in the header, if present. `O(1)`.
    func slot(_ column: InputColumn) -> Int? { slots[column.rawValue] }

    /// Records an issue about `column` (shown as the header was written). `O(1)`.
    mutating func add(_ line: Int, _ column: InputColumn?, _ problem: any IssueProblem, id: String? = nil) {
        if issues.count < InputError.limit {
            let letter = file.sheet == nil ? nil : column.flatMap(slot).map(XLSXTableColumn.letter)
            issues.append(InputIssue(file: file.path, line: line, column: column.map { writtenNames[$0.rawValue] ?? $0.name }, problem: problem,
                                     recordID: id, sheet: file.sheet, columnLetter: letter))
        }
    }

    /// One record, readable only inside ``forEachRecord(_:)``'s body (it borrows the file's bytes).
    struct Row {
        let line: Int
        /// The record's index in the file, and in the part of it that `view` shows.
        let record: Int, inPart: Int
        let view: CSVCells.View
        var id: String?
        /// How the id was made when the list has no id column: `nib` or `row`.
        var idSource: String?

        /// The field at header position `slot`, as written. `O(1)`.
        @inline(__always) func field(_ slot: Int) -> UnsafeBufferPointer<UInt8> { view.field(inPart, slot) }
    }

    /// The trimmed bytes of `column`, or nil when the column is absent or the cell is empty. `O(1)`.
    @inline(__always)
    func cell(_ row: Row, _ column: InputColumn) -> UnsafeBufferPointer<UInt8>? {
        guard let i = slots[column.rawValue] else { return nil }
        let t = row.field(i).trimmedASCII
        return t.isEmpty ? nil : t
    }

    /// The trimmed text of `column`, or nil when the column is absent or the cell is empty.
    func text(_ row: Row, _ column: InputColumn) -> String? { cell(row, column)?.string }

    /// The bytes of a required column; an issue when empty.
    mutating func requiredCell(_ row: Row, _ column: InputColumn) -> UnsafeBufferPointer<UInt8>? {
        if let t = cell(row, column) { return t }
        if slot(column) != nil { add(row.line, column, TableProblem.required, id: row.id) }
        return nil
    }

    /// The text of a required column; an issue when empty.
    mutating func required(_ row: Row, _ column: InputColumn) -> String? { requiredCell(row, column)?.string }

    /// Values of the extra columns, in `extraColumns` order.
    func extras(_ row: Row) -> [String] {
        extraSlots.map { row.field($0).string }
    }

    /// The record loop every table shares: nothing when the header has issues; each record
    /// with the header's field count goes to `body`, any other is an issue; reading stops
    /// once ``InputError/limit`` issues are collected. - Complexity: `O(records)` plus `body`.
    mutating func forEachRecord(_ body: (inout TableReader, Row) -> Void) {
        forEachRecord(in: 0..<file.recordCount, body)
    }

    /// As ``forEachRecord(_:)`` over the records in `range` only.
    mutating func forEachRecord(in range: Range<Int>, _ body: (inout TableReader, Row) -> Void) {
        guard issues.isEmpty else { return }
        let file = self.file, width = file.header.count
        file.withViews(of: range) { view, records, first, part in
            for r in records where !isFull {
                let row = Row(line: part.line(r), record: first + r, inPart: r, view: view)
                guard view.fieldCount(r) == width else {
                    add(row.line, nil, TableProblem.fieldCount(view.fieldCount(r), header: width))
                    continue
                }
                body(&self, row)
            }
        }
    }

    /// Reads the record's id, registering duplicates in `seen`, which holds the ids of the
    /// records read from `start` on.
    mutating func identify(_ row: Row, seen: inout IDSet, from start: Int) -> Row? {
        var row = row
        guard slot(.id) != nil else { return made(row) }
        guard let bytes = requiredCell(row, .id) else { return nil }
        let id = bytes.string
        row.id = id
        if !seen.insert(bytes, earlier: { idTable(start..<row.record) }) {
            // Reported, and the rest of the record is still checked.
            add(row.line, .id, TableProblem.duplicateID(Echo.echoed(id, Echo.token, limit: 64)))
        }
        return row
    }

    /// A record of a list without an id column, with an id made from its NIB (13 digits, when
    /// valid and not already taken) or else from its sheet (or file name) and row, as
    /// `Adik Asuh!12`: stable across runs of the same list. `O(1)` amortised.
    mutating func made(_ row: Row) -> Row {
        var row = row
        if let raw = text(row, .nib) {
            let digits = raw.filter { $0 != " " && $0 != "." && $0 != "-" }
            if digits.utf8.count == 13, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), madeIDs.insert(digits).inserted {
                row.id = digits; row.idSource = "nib"
                return row
            }
        }
        let label = file.sheet ?? String(file.path.split(separator: "/").last?.split(separator: ".").first ?? "list")
        let id = "\(label)!\(row.line)"
        madeIDs.insert(id)
        row.id = id; row.idSource = "row"
        return row
    }

    /// The ids a read registers among `range`'s records: those with the header's field
    /// count and an id. `O(records)`.
    func idTable(_ range: Range<Int>) -> ByteKeyedTable<Void> {
        var table = ByteKeyedTable<Void>(capacity: range.count)
        guard let slot = slot(.id) else { return table }
        let width = file.header.count
        file.withViews(of: range) { view, records, _, _ in
            for r in records where view.fieldCount(r) == width {
                let id = view.field(r, slot).trimmedASCII
                if !id.isEmpty { table.insert(id, ()) }
            }
        }
        return table
    }
}
