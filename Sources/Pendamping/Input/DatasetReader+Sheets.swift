import Tabular

/// A record kind the readers build: its id, the line it was read from and its passed-through
/// cells.
protocol ListedRecord: Sendable {
    var id: String { get }
    var line: Int { get }
    var extra: [String] { get set }
}

extension Mentor: ListedRecord {}
extension Mentee: ListedRecord {}

extension DatasetReader {
    /// The tables of one list: a CSV file, or the sheets of a workbook (those named in the
    /// options, else every sheet holding a list), each with its header found and its title
    /// and footer rows left out (``OfficeLayout``). What was left out goes to `quality`.
    /// Throws only ``InputError/missingFile(path:reason:)``; other problems become issues.
    /// - Complexity: `O(bytes)`.
    static func sheets(_ path: String, _ options: Options, issues: inout [InputIssue], quality: inout DataQuality.File,
                       mentees: Bool = false) throws -> [CSVFile] {
        let read: [CSVFile]
        do { read = try TableFile.readAll(path: path, encoding: options.encoding, sheets: options.sheets) } catch InputError.invalid(let found) {
            issues += found
            return []
        }
        var files: [CSVFile] = []
        let mentorOnly: Set<InputColumn> = [.capacity, .minMentees, .hoursPerMonth, .expertise]
        for file in read {
            let (laid, skipped) = OfficeLayout.apply(file, columns: options.columns)
            // Reading every sheet, one without a header row holds no list (notes, a legend).
            if options.sheets.isEmpty, read.count > 1, OfficeLayout.knownColumns(laid.header, columns: options.columns) < 2 {
                quality.skippedRows.append(.init(sheet: file.sheet, line: 0, reason: .noList))
                continue
            }
            // A mentors list passed as the mentees (its capacity and expertise columns give it away).
            if mentees, laid.header.contains(where: { InputColumn(name: options.columns.canonical($0)).map(mentorOnly.contains) ?? false }) {
                issues.append(InputIssue(file: path, line: laid.headerLine, problem: RecordProblem.mentorsListAsMentees, sheet: laid.sheet))
                continue
            }
            quality.skippedRows += skipped
            files.append(laid)
        }
        quality.sheets = files.compactMap(\.sheet)
        if files.isEmpty, !read.isEmpty {
            issues.append(InputIssue(file: path, line: 0, problem: RecordProblem.noSheetHoldsList))
        }
        return files
    }

    /// The records of every table of one list, in table order, as one list: the passed-through
    /// columns of all tables (in order of first appearance, a cell empty where a table has no
    /// such column) and, for a list read from several sheets, a `sheet` column; an id listed
    /// on two sheets is an issue naming the later one's sheet and row.
    /// - Complexity: `O(records · extra columns)` plus the parse.
    static func combined<T: ListedRecord>(_ files: [CSVFile], path: String, issues: inout [InputIssue], quality: inout DataQuality.File,
                                          _ parse: (CSVFile, inout [InputIssue], inout DataQuality.File) -> ([T], [String])) -> ([T], [String]) {
        guard files.count > 1 else {
            guard let file = files.first else { return ([], []) }
            return parse(file, &issues, &quality)
        }
        var parts: [(sheet: String?, records: [T], extra: [String])] = []
        var merged = quality
        for file in files {
            var sheetQuality = DataQuality.File(file: quality.file)
            let (records, extra) = parse(file, &issues, &sheetQuality)
            merged.absorb(sheetQuality)
            parts.append((file.sheet, records, extra))
        }
        var columns: [String] = []
        for part in parts { for c in part.extra where !columns.contains(c) { columns.append(c) } }
        columns.append("sheet")
        var out: [T] = []
        var firstSeen: [String: (sheet: String?, line: Int)] = [:]
        for part in parts {
            let position = part.extra.map { columns.firstIndex(of: $0)! }
            for var r in part.records {
                if let earlier = firstSeen[r.id] {
                    issues.append(InputIssue(file: path, line: r.line, column: "id",
                                             problem: RecordProblem.idOnOtherSheet(sheet: earlier.sheet ?? "", row: earlier.line),
                                             recordID: r.id, sheet: part.sheet))
                    continue
                }
                firstSeen[r.id] = (part.sheet, r.line)
                var cells = [String](repeating: "", count: columns.count)
                for (k, value) in r.extra.enumerated() { cells[position[k]] = value }
                cells[columns.count - 1] = part.sheet ?? ""
                r.extra = cells
                out.append(r)
            }
        }
        quality = merged
        return (out, columns)
    }
}

extension DataQuality.File {
    /// Adds the findings of another table of the same list (a later sheet). `O(findings)`.
    mutating func absorb(_ other: DataQuality.File) {
        records += other.records
        aliases.merge(other.aliases) { a, _ in a }
        for (k, v) in other.locationSource { locationSource[k] = (locationSource[k] ?? .init()).merged(with: v) }
        regionsByName = regionsByName.merged(with: other.regionsByName)
        for (k, v) in other.unknownWords { unknownWords[k] = (unknownWords[k] ?? .init()).merged(with: v) }
        for (k, v) in other.generatedIDs { generatedIDs[k] = (generatedIDs[k] ?? .init()).merged(with: v) }
        for c in other.personalColumns where !personalColumns.contains(c) { personalColumns.append(c) }
    }
}
