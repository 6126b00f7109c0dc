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
    private var codeChecks: [String: RegionDirectory.CodeCheck] = [:]
    var issues: [InputIssue] = []
    /// Valid list cells already read, by their bytes: lists repeat heavily (a few hundred
    /// distinct language, KBLI and needs cells among 250,000 rows), so each is parsed once.
    private var kbliSeen = ByteKeyedTable<[KBLICode]>()
    private var skillsSeen = ByteKeyedTable<SkillSet>()
    private var languagesSeen = ByteKeyedTable<[String]>()
    private var genderSeen = ByteKeyedTable<Gender>()
    private var scaleSeen = ByteKeyedTable<BusinessScale>()
    private var onlineSeen = ByteKeyedTable<OnlineMode>()
    private var preferencesSeen = ByteKeyedTable<[Preference]>()

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

    /// A finite number, with a decimal comma allowed only when the file's delimiter is `;`.
    /// Plain decimals (`-3.04751`) are read from the bytes (``plainDecimal(_:)``), the rest
    /// as text. `O(length)`.
    mutating func number(_ row: Row, _ column: InputColumn, required: Bool = false, in range: ClosedRange<Double>? = nil,
                         rangeText: String? = nil) -> Double? {
        guard let cell = required ? requiredCell(row, column) : cell(row, column) else { return nil }
        guard let v = Self.plainDecimal(cell) ?? written(number: cell.string, row, column) else { return nil }
        if let range, !range.contains(v) {
            add(row.line, column, TableProblem.outside(value: cell.string, range: rangeText ?? "[\(range.lowerBound), \(range.upperBound)]"), id: row.id)
            return nil
        }
        return v
    }

    /// A number in any other form `Double(String)` reads (exponents, a decimal comma in a
    /// `;`-delimited file), finite; an issue otherwise. `O(length)`.
    private mutating func written(number raw: String, _ row: Row, _ column: InputColumn) -> Double? {
        var t = raw
        if t.utf8.contains(UInt8(ascii: ",")) {
            guard file.delimiter == UInt8(ascii: ";") else {
                add(row.line, column, TableProblem.decimalComma(Echo.echoed(raw, Echo.number)), id: row.id)
                return nil
            }
            t = t.replacingOccurrences(of: ",", with: ".")
        }
        guard t.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69 }) ||
              ["nan", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(t.lowercased()),
              let v = Double(t) else {
            add(row.line, column, TableProblem.notNumber(Echo.echoed(raw, Echo.number)), id: row.id)
            return nil
        }
        guard v.isFinite else {
            add(row.line, column, TableProblem.notFiniteNumber(Echo.echoed(raw, { Echo.number($0) || Echo.word($0) }, limit: 12)), id: row.id)
            return nil
        }
        return v
    }

    /// Powers of ten exactly representable as doubles.
    private static let exactPowers: [Double] = (0...22).reduce(into: []) { p, k in p.append(k == 0 ? 1 : p[k - 1] * 10) }

    /// The value of `[+-]digits[.digits]` when its digits, read as one integer, stay below
    /// 2⁵³ and at most 22 follow the point: then that integer and the power of ten are exact
    /// doubles and one division rounds correctly, so the result equals `Double(String)`'s
    /// (Clinger, "How to read floating point numbers accurately", PLDI 1990). Nil for any
    /// other text. `O(length)`.
    static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var k = 0
        let negative = b.first == UInt8(ascii: "-")
        if negative || b.first == UInt8(ascii: "+") { k = 1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, point = false, digitsBefore = 0
        while k < b.count {
            let c = b[k]
            if c == UInt8(ascii: ".") {
                guard !point else { return nil }
                point = true; digitsBefore = digits
            } else {
                guard c >= 48, c <= 57, digits < 16 else { return nil }
                mantissa = mantissa * 10 + UInt64(c - 48)
                digits += 1
                if point { fraction += 1 }
            }
            k += 1
        }
        guard digits > 0, !point || (digitsBefore > 0 && fraction > 0), mantissa < 1 << 53, fraction <= 22 else { return nil }
        let v = Double(mantissa) / exactPowers[fraction]
        return negative ? -v : v
    }

    /// A whole number in `range`.
    mutating func integer(_ row: Row, _ column: InputColumn, required: Bool = false, in range: ClosedRange<Int>) -> Int? {
        guard let cell = required ? requiredCell(row, column) : cell(row, column) else { return nil }
        guard let v = Self.plainInteger(cell) ?? Int(cell.string), range.contains(v) else {
            add(row.line, column, TableProblem.notWholeNumber(Echo.echoed(cell.string, Echo.number), range: "[\(range.lowerBound), \(range.upperBound)]"), id: row.id)
            return nil
        }
        return v
    }

    /// `[+-]digits` with at most 18 digits, as `Int(String)` reads it; nil otherwise. `O(length)`.
    static func plainInteger(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let negative = b.first == UInt8(ascii: "-")
        let k0 = negative || b.first == UInt8(ascii: "+") ? 1 : 0
        guard b.count > k0, b.count - k0 <= 18 else { return nil }
        var v = 0
        for k in k0..<b.count {
            let c = b[k]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return negative ? -v : v
    }

    /// The `|`-separated items of a list column, trimmed, empty items dropped.
    func list(_ row: Row, _ column: InputColumn) -> [String] {
        guard let t = text(row, column) else { return [] }
        return t.split(separator: "|").map { $0.trimmedASCII }.filter { !$0.isEmpty }
    }

    mutating func kbli(_ row: Row) -> [KBLICode]? {
        guard let cell = requiredCell(row, .kbli) else { return nil }
        if let known = kbliSeen.value(cell) { return known }
        let before = issues.count
        let codes = kbliParsed(row)
        if let codes, issues.count == before { kbliSeen.insert(cell, codes) }
        return codes
    }

    private mutating func kbliParsed(_ row: Row) -> [KBLICode]? {
        var codes: [KBLICode] = []
        for item in list(row, .kbli) {
            guard let code = KBLICode(item) else {
                add(row.line, .kbli, RecordProblem.notKBLI(Echo.echoed(item, Echo.code)), id: row.id)
                return nil
            }
            if !codes.contains(code) { codes.append(code) }
        }
        if codes.isEmpty {
            add(row.line, .kbli, RecordProblem.noKBLICode, id: row.id)
            return nil
        }
        return codes
    }

    /// Whether the header can place records: a `region` or `kecamatan`/`kabupaten` column,
    /// and `lat` with `lon`. Adds header issues otherwise. `O(1)`.
    mutating func checkPlaceColumns() {
        func headerIssue(_ column: String, _ problem: RecordProblem) {
            issues.append(InputIssue(file: file.path, line: file.headerLine, column: column, problem: problem, sheet: file.sheet))
        }
        if slot(.region) == nil && slot(.kecamatan) == nil && slot(.kabupaten) == nil {
            headerIssue("region", .regionColumnMissing)
        }
        if (slot(.lat) == nil) != (slot(.lon) == nil) {
            headerIssue(slot(.lat) == nil ? "lat" : "lon", .latLonTogether)
        }
    }

    /// A record's region and location: `region` as a code or a name (or `kecamatan`,
    /// `kabupaten`, `provinsi` names), resolved in `directory`; `lat`/`lon` when given, else
    /// the region's point (``RegionDirectory/placement(_:)``); nil `directory` is the bundled
    /// one, loaded only when a record needs it. Name look-ups are cached by the cells' text. - Complexity: `O(1)` amortised per distinct region text.
    mutating func place(_ row: Row, directory: RegionDirectory?, cache: inout [String: Result<RegionCode, PlaceFailure>]) -> Place? {
        let hasLat = cell(row, .lat) != nil, hasLon = cell(row, .lon) != nil
        let lat = hasLat ? number(row, .lat, in: -90...90, rangeText: "[-90, 90]") : nil
        let lon = hasLon ? number(row, .lon, in: -180...180, rangeText: "[-180, 180]") : nil
        if hasLat != hasLon { add(row.line, hasLat ? .lon : .lat, RecordProblem.requiredWith(hasLat ? "lat" : "lon"), id: row.id) }
        let region = text(row, .region)
        // The common case (a code and coordinates) reads no name column.
        if let region, let c = RegionCode(region), hasLat || hasLon {
            guard let lat, let lon else { return nil }
            let point = GeoPoint(lat: lat, lon: lon)
            guard checkCode(c, point: point, row: row, directory: directory ?? .bundled) else { return nil }
            return Place(region: c, location: point, source: .given, radiusKm: 0, byName: false)
        }
        let kec = text(row, .kecamatan), kab = text(row, .kabupaten), prov = text(row, .provinsi)
        var byName = false
        let code: RegionCode
        if let region, let c = RegionCode(region) {
            code = c
        } else if let region, !region.unicodeScalars.contains(where: { CharacterSet.letters.contains($0) }) {
            add(row.line, .region, RecordProblem.notRegionCode(Echo.echoed(region, Echo.region)), id: row.id)
            return nil
        } else if region != nil || kec != nil || kab != nil {
            byName = true
            let key = [region, kec, kab, prov].map { $0 ?? "" }.joined(separator: "\u{1}")
            let resolved = cache[key] ?? Self.resolve(region: region, kecamatan: kec, kabupaten: kab, provinsi: prov, in: directory ?? .bundled)
            cache[key] = resolved
            switch resolved {
            case .success(let c): code = c
            case .failure(let f):
                add(row.line, f.column, RecordProblem.region(f.problem, shown: Echo.echoedPhrase(f.text)), id: row.id)
                return nil
            }
        } else {
            add(row.line, slot(.region) != nil ? .region : .kecamatan, RecordProblem.placeRequired, id: row.id)
            return nil
        }
        if hasLat || hasLon {
            guard let lat, let lon else { return nil }
            let point = GeoPoint(lat: lat, lon: lon)
            guard checkCode(code, point: point, row: row, directory: directory ?? .bundled) else { return nil }
            return Place(region: code, location: point, source: .given, radiusKm: 0, byName: byName)
        }
        switch (directory ?? .bundled).placement(code) {
        case .success(let p): return Place(region: code, location: p.point, source: p.source, radiusKm: p.radiusKm, byName: byName)
        case .failure(let problem):
            add(row.line, byName ? (region != nil ? .region : .kecamatan) : .region, RecordProblem.region(problem, shown: .quoted(code.text)), id: row.id)
            return nil
        }
    }

    /// Where a record is: its region code, its point and where the point came from.
    struct Place {
        var region: RegionCode
        var location: GeoPoint
        var source: LocationSource
        var radiusKm: Double
        /// The region was given by name, not by code.
        var byName: Bool
    }

    /// A region that could not be resolved: the column and text at fault and why.
    struct PlaceFailure: Error {
        var column: InputColumn
        var text: String
        var problem: RegionProblem
    }

    /// Resolves region cells: `region` (a name, optionally "name, kabupaten, province"),
    /// else `kecamatan`, else `kabupaten` alone; the other cells narrow it. `O(candidates)`.
    static func resolve(region: String?, kecamatan: String?, kabupaten: String?, provinsi: String?,
                        in directory: RegionDirectory) -> Result<RegionCode, PlaceFailure> {
        let (column, text): (InputColumn, String)
        var qualifiers: [String] = []
        if let region {
            let parts = region.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            column = .region; text = parts.first ?? region
            qualifiers = Array(parts.dropFirst())
            if let kabupaten { qualifiers.append(kabupaten) }
        } else if let kecamatan {
            column = .kecamatan; text = kecamatan
            if let kabupaten { qualifiers.append(kabupaten) }
        } else {
            column = .kabupaten; text = kabupaten ?? ""
        }
        if let provinsi { qualifiers.append(provinsi) }
        let levels = column == .kabupaten ? [2] : [3, 2]
        return directory.resolve(text, qualifiers: qualifiers, levels: levels).mapError { problem in
            if case .unknownQualifier(let q, _) = problem {
                let qColumn: InputColumn = q == kabupaten ? .kabupaten : (q == provinsi ? .provinsi : column)
                return PlaceFailure(column: qColumn, text: q, problem: problem)
            }
            return PlaceFailure(column: column, text: text, problem: problem)
        }
    }

    /// A needs or expertise cell: vocabulary names or plain words (``SkillWords``), separated
    /// by `|`, `,`, `;` or `/`; an unknown word is an issue naming it (``Echo/phrase(_:limit:)``),
    /// and is counted in `unknownWords` under the same rendering.
    mutating func skills(_ row: Row, _ column: InputColumn, unknownWords: inout [String: [String]]) -> SkillSet {
        var set = SkillSet()
        guard let bytes = cell(row, column) else { return set }
        if let known = skillsSeen.value(bytes) { return known }
        let before = issues.count
        defer { if issues.count == before { skillsSeen.insert(bytes, set) } }
        for item in SkillWords.items(bytes.string) {
            guard let s = SkillWords.skill(item) else {
                let shown = Echo.echoedPhrase(item)
                add(row.line, column, RecordProblem.unknownSkill(shown), id: row.id)
                unknownWords[shown.text(.en), default: []].append(row.id ?? "")
                continue
            }
            set.insert(SkillSet([s]))
        }
        return set
    }

    mutating func languages(_ row: Row) -> [String] {
        guard let bytes = cell(row, .languages) else { return [] }
        if let known = languagesSeen.value(bytes) { return known }
        let before = issues.count
        let parsed = languagesParsed(row)
        if issues.count == before { languagesSeen.insert(bytes, parsed) }
        return parsed
    }

    /// Two-letter ISO 639-1 codes a list may use by mistake, and their ISO 639-3 codes.
    static let iso639Part1 = ["id": "ind", "in": "ind", "jv": "jav", "su": "sun", "en": "eng", "ms": "zsm", "ar": "arb", "zh": "zho",
                              "nl": "nld", "ja": "jpn", "ko": "kor"]

    private mutating func languagesParsed(_ row: Row) -> [String] {
        var out = Set<String>()
        for item in list(row, .languages) {
            let code = item.lowercased()
            guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else {
                add(row.line, .languages, RecordProblem.notLanguage(Echo.echoed(item, Echo.word, limit: 12), meant: Self.iso639Part1[code]), id: row.id)
                continue
            }
            out.insert(code)
        }
        return out.sorted()
    }

    /// A mentee's `prefer` cell: `gender:f|m`, `kind:KIND` or `mentor:ID` items, an issue for
    /// any other. Each distinct cell is parsed once (most repeat a few preferences).
    mutating func preferences(_ row: Row) -> [Preference] {
        guard let cell = cell(row, .prefer) else { return [] }
        if let known = preferencesSeen.value(cell) { return known }
        let before = issues.count
        var prefs: [Preference] = []
        for token in list(row, .prefer) {
            guard let p = Preference(token) else {
                add(row.line, .prefer, RecordProblem.notPreference(Echo.echoed(token, Echo.token, limit: 64)), id: row.id)
                continue
            }
            prefs.append(p)
        }
        if issues.count == before { preferencesSeen.insert(cell, prefs) }
        return prefs
    }

    // The one-word columns hold a handful of distinct cells, each parsed once (`*Seen`).

    mutating func gender(_ row: Row) -> Gender? {
        guard let cell = cell(row, .gender) else { return nil }
        if let g = genderSeen.value(cell, parsing: Gender.init(input:)) { return g }
        return notAWord(row, .gender, RecordProblem.notGender(Echo.echoed(cell.string, Echo.word, limit: 12)))
    }

    mutating func online(_ row: Row) -> OnlineMode? {
        guard let cell = cell(row, .online) else { return nil }
        if let m = onlineSeen.value(cell, parsing: OnlineMode.init(input:)) { return m }
        return notAWord(row, .online, RecordProblem.notOnline(Echo.echoed(cell.string, Echo.word, limit: 12)))
    }

    mutating func scale(_ row: Row) -> BusinessScale? {
        guard let cell = cell(row, .scale) else { return nil }
        if let s = scaleSeen.value(cell, parsing: { BusinessScale(rawValue: $0.lowercased()) }) { return s }
        return notAWord(row, .scale, RecordProblem.notScale(Echo.echoed(cell.string, Echo.word, limit: 12)))
    }

    /// Nil, with an issue saying that a one-word cell is not what its column holds. `O(1)`.
    private mutating func notAWord<V>(_ row: Row, _ column: InputColumn, _ problem: RecordProblem) -> V? {
        add(row.line, column, problem, id: row.id)
        return nil
    }

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

    /// Whether a region code given with coordinates is in the regions table and the point lies
    /// within ``farKm`` of the region's own extent (its centre plus its radius); an issue names
    /// the field otherwise. Each distinct code is looked up once. `O(1)` amortised.
    mutating func checkCode(_ code: RegionCode, point: GeoPoint, row: Row, directory: RegionDirectory) -> Bool {
        let check: RegionDirectory.CodeCheck
        if let known = codeChecks[code.text] { check = known } else { check = directory.check(code); codeChecks[code.text] = check }
        guard check.known else {
            add(row.line, .region, RecordProblem.notInRegionTable(code.text), id: row.id)
            return false
        }
        if let centre = check.point, code.level >= 2 {
            let km = Geo.distanceKm(centre, point)
            if km > check.radiusKm + Self.farKm {
                add(row.line, .lat, RecordProblem.farFromRegion(km: Int(km.rounded()), region: code.text), id: row.id)
                return false
            }
        }
        return true
    }

    /// How far beyond a kabupaten's or kecamatan's radius given coordinates may lie.
    static let farKm = 300.0

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
