import Foundation

/// Column lookup over a ``CSVFile`` (names are case-insensitive) and typed reading of the
/// fields of one record, collecting ``InputIssue``s instead of stopping at the first.
struct TableReader {
    let file: CSVFile
    /// Lower-cased header name → column index.
    let columns: [String: Int]
    /// Header columns that the reader did not claim, in header order.
    private(set) var extraColumns: [String] = []
    var issues: [InputIssue] = []

    /// Checks that `required` columns exist and no column name repeats; records the others as extra.
    init(file: CSVFile, required: [String], optional: [String]) {
        self.file = file
        var cols: [String: Int] = [:]
        var issues: [InputIssue] = []
        for (i, name) in file.header.enumerated() {
            let key = name.lowercased()
            if key.isEmpty {
                issues.append(InputIssue(file: file.path, line: file.headerLine, message: "column \(i + 1) has no name"))
            } else if cols[key] != nil {
                issues.append(InputIssue(file: file.path, line: file.headerLine, column: name, message: "column appears twice"))
            } else {
                cols[key] = i
            }
        }
        for name in required where cols[name] == nil {
            issues.append(InputIssue(file: file.path, line: file.headerLine, column: name, message: "required column is missing"))
        }
        let known = Set(required + optional)
        extraColumns = file.header.filter { !known.contains($0.lowercased()) && !$0.isEmpty }
        self.columns = cols
        self.issues = issues
    }

    var isFull: Bool { issues.count >= InputError.limit }

    mutating func add(_ line: Int, _ column: String?, _ message: String, id: String? = nil) {
        if issues.count < InputError.limit {
            issues.append(InputIssue(file: file.path, line: line, column: column, message: message, recordID: id))
        }
    }

    /// A view of one record for typed reads.
    func row(_ index: Int) -> Row {
        let r = file.records[index]
        return Row(line: r.line, fields: r.fields)
    }

    struct Row {
        let line: Int
        let fields: [String]
        var id: String?
    }

    /// The trimmed text of `column`, or nil when the column is absent or the cell is empty.
    func text(_ row: Row, _ column: String) -> String? {
        guard let i = columns[column], i < row.fields.count else { return nil }
        let t = row.fields[i].trimmedASCII
        return t.isEmpty ? nil : t
    }

    /// The text of a required column; an issue when empty.
    mutating func required(_ row: Row, _ column: String) -> String? {
        if let t = text(row, column) { return t }
        if columns[column] != nil { add(row.line, column, "value is required", id: row.id) }
        return nil
    }

    /// A finite number, with a decimal comma allowed only when the file's delimiter is `;`.
    mutating func number(_ row: Row, _ column: String, required: Bool = false, in range: ClosedRange<Double>? = nil,
                         rangeText: String? = nil) -> Double? {
        guard let raw = required ? self.required(row, column) : text(row, column) else { return nil }
        var t = raw
        if t.utf8.contains(UInt8(ascii: ",")) {
            guard file.delimiter == UInt8(ascii: ";") else {
                add(row.line, column, "\(Echo.shown(raw, Echo.number)) uses a decimal comma, which is accepted only in ';'-delimited files", id: row.id)
                return nil
            }
            t = t.replacingOccurrences(of: ",", with: ".")
        }
        guard t.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69 }) ||
              ["nan", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(t.lowercased()),
              let v = Double(t) else {
            add(row.line, column, "\(Echo.shown(raw, Echo.number)) is not a number", id: row.id)
            return nil
        }
        guard v.isFinite else {
            add(row.line, column, "\(Echo.shown(raw, { Echo.number($0) || Echo.word($0) }, limit: 12)) is not a finite number", id: row.id)
            return nil
        }
        if let range, !range.contains(v) {
            add(row.line, column, "\(raw) is outside \(rangeText ?? "[\(range.lowerBound), \(range.upperBound)]")", id: row.id)
            return nil
        }
        return v
    }

    /// A whole number in `range`.
    mutating func integer(_ row: Row, _ column: String, required: Bool = false, in range: ClosedRange<Int>) -> Int? {
        guard let raw = required ? self.required(row, column) : text(row, column) else { return nil }
        guard let v = Int(raw), range.contains(v) else {
            add(row.line, column, "\(Echo.shown(raw, Echo.number)) is not a whole number in [\(range.lowerBound), \(range.upperBound)]", id: row.id)
            return nil
        }
        return v
    }

    /// The `|`-separated items of a list column, trimmed, empty items dropped.
    func list(_ row: Row, _ column: String) -> [String] {
        guard let t = text(row, column) else { return [] }
        return t.split(separator: "|").map { $0.trimmedASCII }.filter { !$0.isEmpty }
    }

    mutating func kbli(_ row: Row) -> [KBLICode]? {
        guard required(row, "kbli") != nil else { return nil }
        var codes: [KBLICode] = []
        for item in list(row, "kbli") {
            guard let code = KBLICode(item) else {
                add(row.line, "kbli", "\(Echo.shown(item, Echo.code)) is not a KBLI 2020 code (a section letter A–U or 2–5 digits of a known division)", id: row.id)
                return nil
            }
            if !codes.contains(code) { codes.append(code) }
        }
        if codes.isEmpty {
            add(row.line, "kbli", "lists no code (items are separated by '|')", id: row.id)
            return nil
        }
        return codes
    }

    mutating func location(_ row: Row) -> GeoPoint? {
        let lat = number(row, "lat", required: true, in: -90...90, rangeText: "[-90, 90]")
        let lon = number(row, "lon", required: true, in: -180...180, rangeText: "[-180, 180]")
        guard let lat, let lon else { return nil }
        return GeoPoint(lat: lat, lon: lon)
    }

    mutating func region(_ row: Row) -> RegionCode? {
        guard let t = required(row, "region") else { return nil }
        guard let code = RegionCode(t) else {
            add(row.line, "region", "\(Echo.shown(t, Echo.region)) is not a Kemendagri region code (PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD)", id: row.id)
            return nil
        }
        return code
    }

    mutating func skills(_ row: Row, _ column: String) -> SkillSet {
        var set = SkillSet()
        for item in list(row, column) {
            guard let s = Skill(rawValue: item.lowercased()) else {
                add(row.line, column, "\(Echo.shown(item, Echo.word)) is not one of \(Skill.allCases.map(\.rawValue).joined(separator: ", "))", id: row.id)
                continue
            }
            set.insert(SkillSet([s]))
        }
        return set
    }

    mutating func languages(_ row: Row) -> [String] {
        var out = Set<String>()
        for item in list(row, "languages") {
            let code = item.lowercased()
            guard (2...3).contains(code.utf8.count), code.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else {
                add(row.line, "languages", "\(Echo.shown(item, Echo.word, limit: 8)) is not an ISO 639-3 language code", id: row.id)
                continue
            }
            out.insert(code)
        }
        return out.sorted()
    }

    mutating func gender(_ row: Row) -> Gender? {
        guard let t = text(row, "gender") else { return nil }
        guard let g = Gender(input: t) else { add(row.line, "gender", "\(Echo.shown(t, Echo.word, limit: 12)) is not f/m (p/l)", id: row.id); return nil }
        return g
    }

    mutating func scale(_ row: Row) -> BusinessScale? {
        guard let t = text(row, "scale") else { return nil }
        guard let s = BusinessScale(rawValue: t.lowercased()) else {
            add(row.line, "scale", "\(Echo.shown(t, Echo.word, limit: 12)) is not one of mikro, kecil, menengah, besar", id: row.id)
            return nil
        }
        return s
    }

    /// Values of the extra columns, in `extraColumns` order.
    func extras(_ row: Row) -> [String] {
        extraColumns.map { name in
            guard let i = columns[name.lowercased()], i < row.fields.count else { return "" }
            return row.fields[i]
        }
    }

    /// The record loop every table shares: nothing when the header has issues; each record
    /// with the header's field count goes to `body`, any other is an issue; reading stops
    /// once ``InputError/limit`` issues are collected. - Complexity: `O(records)` plus `body`.
    mutating func forEachRecord(_ body: (inout TableReader, Row) -> Void) {
        guard issues.isEmpty else { return }
        for k in file.records.indices where !isFull {
            let row = self.row(k)
            guard row.fields.count == file.header.count else {
                add(row.line, nil, "has \(row.fields.count) fields; the header has \(file.header.count)")
                continue
            }
            body(&self, row)
        }
    }

    /// Reads the record's id, registering duplicates in `seen`.
    mutating func identify(_ row: Row, seen: inout Set<String>) -> Row? {
        var row = row
        guard let id = required(row, "id") else { return nil }
        row.id = id
        if !seen.insert(id).inserted {
            // Reported, and the rest of the record is still checked.
            add(row.line, "id", "duplicate id \(Echo.shown(id, Echo.token, limit: 64))")
        }
        return row
    }
}
