import Tabular

/// Where the list is on an office sheet: the header row is found, not assumed, and the title
/// rows above it and a totals or signature block below the data are left out.
///
/// Office lists carry a title ("DAFTAR UMKM BINAAN KECAMATAN …", the year, often a merged
/// cell), blank rows, then the header, the records, and below them a totals row or a
/// signature block ("Mengetahui, Kepala Seksi …", a name, "NIP. …"). The header is the row,
/// among the first ``searchedRows``, that names the most columns the product reads (by name
/// or alias, ``HeaderAliases``); the earliest such row wins a tie, and a row must name at
/// least two to count. The footer is the run of rows at the end that are sparse (fewer than
/// ``denseCells`` filled cells) or begin with a footer word (`Jumlah`, `Total`, `Mengetahui`,
/// `Kepala`, `NIP`, …), taken as a footer only when one of them begins with such a word or a
/// blank row separates it from the data; otherwise sparse last rows stay records, and the
/// usual checks report what they lack.
enum OfficeLayout {
    typealias SkippedRow = DataQuality.SkippedRow

    /// Rows searched for the header.
    static let searchedRows = 20
    /// Filled cells that make a row look like a record.
    static let denseCells = 3
    /// Words a totals or signature row begins with (compared without case).
    static let footerWords = ["jumlah", "total", "sub total", "subtotal", "mengetahui", "kepala", "nip", "ttd", "tanda tangan",
                              "dicetak", "catatan", "keterangan", "disetujui", "dibuat oleh", "petugas", "sumber"]

    /// `file` with its header found and its title and footer rows left out, and the rows
    /// left out. A file whose first row is already its header and whose end has no footer is
    /// returned as it is. - Complexity: `O(searchedRows · columns + footer rows)`, plus the
    /// bytes of the kept records when rows are left out.
    static func apply(_ file: CSVFile, columns: ColumnRules = ColumnRules()) -> (file: CSVFile, skipped: [SkippedRow]) {
        let n = file.recordCount
        // Candidates: the header as read (nil) and the first records.
        var best: Int? = nil
        var bestCount = knownColumns(file.header, columns: columns)
        for r in 0..<min(n, searchedRows) {
            let count = knownColumns(file.record(r).fields, columns: columns)
            if count > bestCount { best = r; bestCount = count }
        }
        if bestCount < 2 { best = nil }
        let first = best.map { $0 + 1 } ?? 0
        let end = footerStart(file, from: first)
        guard best != nil || end < n else { return (file, []) }
        var skipped: [SkippedRow] = []
        if let best {
            skipped.append(SkippedRow(sheet: file.sheet, line: file.headerLine, reason: .aboveHeader))
            for r in 0..<best { skipped.append(SkippedRow(sheet: file.sheet, line: file.record(r).line, reason: .aboveHeader)) }
        }
        for r in end..<n { skipped.append(SkippedRow(sheet: file.sheet, line: file.record(r).line, reason: .footer)) }
        return (file.reheaded(at: best, keeping: first..<end), skipped)
    }

    /// How many distinct columns the product reads a row's cells name. `O(cells)`.
    static func knownColumns(_ cells: [String], columns: ColumnRules = ColumnRules()) -> Int {
        Set(cells.compactMap { InputColumn(name: columns.canonical($0)) }).count
    }

    /// The first record of the footer, or `n` when there is none (see the type's description).
    /// Reads records from the end only while they can belong to a footer. `O(footer rows)`.
    static func footerStart(_ file: CSVFile, from first: Int) -> Int {
        let n = file.recordCount
        var start = n, hasWord = false
        while start > first {
            let fields = file.record(start - 1).fields
            let filled = fields.filter { !$0.trimmedASCII.isEmpty }
            let word = filled.first.map(beginsWithFooterWord) ?? false
            guard word || filled.count < denseCells else { break }
            hasWord = hasWord || word
            start -= 1
        }
        guard start < n, start > first else { return n }
        // A blank row between the last record and the footer (readers skip blank rows, so
        // it shows as a gap in the line numbers).
        let gap = start > first && file.record(start).line - file.record(start - 1).line > 1
        return hasWord || gap ? start : n
    }

    static func beginsWithFooterWord(_ cell: String) -> Bool {
        let text = cell.trimmedASCII.lowercased()
        return footerWords.contains { text.hasPrefix($0) && (text.count == $0.count || !text[text.index(text.startIndex, offsetBy: $0.count)].isLetter) }
    }
}
