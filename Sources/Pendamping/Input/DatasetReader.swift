import Foundation
import Parallel
import Tabular

/// Reads mentors and mentees lists (docs/architecture.md) into a ``Dataset``, or throws
/// ``InputError`` with every issue found (up to ``InputError/limit``).
///
/// Each list is a CSV file (UTF-8 or Windows-1252, `,` or `;`) or an Excel workbook
/// (`.xlsx`, ``XLSXReader``). Headers may be Indonesian aliases (``HeaderAliases``); regions
/// may be codes or names, and records without `lat`/`lon` are placed at their region's point
/// (``RegionDirectory``); needs and expertise may be plain words (``SkillWords``).
public enum DatasetReader {
    /// Columns that place a record, read by both lists. (`kelurahan` and `nib` are read too but
    /// stay input columns that the outputs carry through.)
    static let placeColumns: [InputColumn] = [.lat, .lon, .region, .kecamatan, .kabupaten, .provinsi]
    static let mentorRequired: [InputColumn] = [.name, .kbli, .capacity]
    static let mentorOptional = [.id] + placeColumns + [.minMentees, .hoursPerMonth, .expertise, .languages, .gender, .scale, .kind, .prefer, .online]
    static let menteeRequired: [InputColumn] = [.name, .kbli]
    static let menteeOptional = [.id] + placeColumns + [.needs, .languages, .gender, .scale, .hoursNeeded, .prefer, .priority, .online]

    /// The largest mentor capacity accepted (``Mentor/maxCapacity``).
    public static let maxCapacity = Mentor.maxCapacity

    /// How the lists are read.
    public struct Options: Sendable {
        /// Text encoding of CSV files (workbooks are always UTF-8 inside).
        public var encoding: TextEncoding
        /// Worksheets of a workbook to read, as one list (empty: every sheet holding a list).
        public var sheets: [String]
        /// Columns mapped by name, and personal-data columns passed through.
        public var columns: ColumnRules
        /// Where region names and points are looked up.
        public var regions: RegionDirectory?
        /// Lists with at least this many records are read in two halves at once.
        var parallelRecords = DatasetReader.parallelRecords
        /// Options: the text encoding, the sheets to read, column rules and the regions for names and places.
        public init(encoding: TextEncoding = .utf8, sheets: [String] = [], columns: ColumnRules = ColumnRules(),
                    regions: RegionDirectory? = nil) {
            self.encoding = encoding; self.sheets = sheets; self.columns = columns; self.regions = regions
        }
        /// Reads `sheet` only (nil: every sheet holding a list).
        public init(encoding: TextEncoding = .utf8, sheet: String?, regions: RegionDirectory? = nil) {
            self.init(encoding: encoding, sheets: sheet.map { [$0] } ?? [], regions: regions)
        }
    }

    /// What reading found: the dataset when there is no issue, the data-quality findings,
    /// and every issue.
    public struct Inspection: Sendable {
        /// The dataset, when reading found no issue.
        public var dataset: Dataset?
        /// What reading found besides issues.
        public var quality: DataQuality
        /// Every issue found, in file order.
        public var issues: [InputIssue]
    }

    /// Reads both files, in `encoding`. Every issue of both files is reported together; a
    /// file that cannot be read at all stops the read.
    /// - Complexity: `O(bytes + n·log n)` (records are sorted by id).
    public static func read(mentorsPath: String, menteesPath: String, encoding: TextEncoding = .utf8) throws -> Dataset {
        try read(mentorsPath: mentorsPath, menteesPath: menteesPath, options: Options(encoding: encoding))
    }

    /// As ``read(mentorsPath:menteesPath:encoding:)``, with all read options.
    public static func read(mentorsPath: String, menteesPath: String, options: Options) throws -> Dataset {
        let r = try inspect(mentorsPath: mentorsPath, menteesPath: menteesPath, options: options)
        guard r.issues.isEmpty, let d = r.dataset else { throw InputError.invalid(Array(r.issues.prefix(InputError.limit))) }
        return d
    }

    /// Reads both files and reports issues and data quality instead of throwing them; throws
    /// only ``InputError/missingFile(path:reason:)``. - Complexity: as ``read(mentorsPath:menteesPath:options:)``
    /// plus `O(n)` for duplicates.
    public static func inspect(mentorsPath: String, menteesPath: String, options: Options = Options()) throws -> Inspection {
        var issues: [InputIssue] = []
        var mentorQuality = DataQuality.File(file: mentorsPath)
        var menteeQuality = DataQuality.File(file: menteesPath)
        let mentorFiles = try sheets(mentorsPath, options, issues: &issues, quality: &mentorQuality)
        let menteeFiles = try sheets(menteesPath, options, issues: &issues, quality: &menteeQuality, mentees: true)
        // The bundled table is loaded only if a record needs it (a name, or no coordinates).
        let directory = options.regions
        var quality = DataQuality()
        let (mentors, mentorExtra) = combined(mentorFiles, path: mentorsPath, issues: &issues, quality: &mentorQuality) { file, issues, quality in
            parseMentors(file, issues: &issues, quality: &quality, regions: directory, columns: options.columns,
                         parallelFrom: options.parallelRecords)
        }
        let mentorIDs = Set(mentors.lazy.map(\.id))
        let (mentees, menteeExtra) = combined(menteeFiles, path: menteesPath, issues: &issues, quality: &menteeQuality) { file, issues, quality in
            parseMentees(file, issues: &issues, quality: &quality, regions: directory, columns: options.columns,
                         mentorIDs: mentorIDs, parallelFrom: options.parallelRecords)
        }
        if !mentorFiles.isEmpty { checkChoices(mentors, mentees: mentees, file: mentorsPath, issues: &issues) }
        quality.files = [mentorQuality, menteeQuality]
        quality.duplicates = Duplicates.find(mentors: mentors, mentees: mentees)
        let dataset = issues.isEmpty
            ? Dataset(mentors: mentors, mentees: mentees, mentorExtraColumns: mentorExtra, menteeExtraColumns: menteeExtra) : nil
        return Inspection(dataset: dataset, quality: quality, issues: issues)
    }

    /// What reading one run of records accumulates besides the records: quality counts, the
    /// region names already resolved and the unknown needs/expertise words.
    struct RecordContext {
        var quality: DataQuality.File
        var cache: [String: Result<RegionCode, TableReader.PlaceFailure>] = [:]
        var unknown: [String: [String]] = [:]

        /// Appends `later`'s findings (records after this context's) in file order. `O(findings)`.
        mutating func append(_ later: RecordContext) {
            for (key, sample) in later.quality.locationSource {
                quality.locationSource[key] = (quality.locationSource[key] ?? .init()).merged(with: sample)
            }
            quality.regionsByName = quality.regionsByName.merged(with: later.quality.regionsByName)
            for (word, ids) in later.unknown { unknown[word, default: []] += ids }
        }
    }

    /// One run of records read: how many records it kept (written to the memory it was given),
    /// the issues, the context and the ids seen.
    struct RecordsPart: Sendable {
        var count: Int
        var issues: [InputIssue]
        var context: RecordContext
        var seen: IDSet
    }

    /// Where a run writes the records it keeps: the two halves of a parallel read write to
    /// disjoint parts of one array's storage, so their records need not be copied (retaining
    /// every string and list in them) into one array afterwards. `@unchecked`: each run writes
    /// only from its own start, at most as many records as its range has.
    struct RecordSlots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>
    }

    /// Lists with at least this many records are read in two halves on both cores.
    static let parallelRecords = 20_000

    /// The loop both record kinds share: header checks, field count and id, then `build` for
    /// the rest; a record is kept only when `build` added no issue. A long list is read in two
    /// halves at once; when either half finds an issue, or an id is in both halves, the list
    /// is read again in one run, so issues, their order and the limit on them are exactly those
    /// of a single pass. - Complexity: `O(records)`, over two cores for clean long lists.
    static func parseRecords<T: Sendable>(_ file: CSVFile, required: [InputColumn], optional: [InputColumn], issues: inout [InputIssue],
                                          quality: inout DataQuality.File, columns: ColumnRules = ColumnRules(), parallelFrom: Int,
                                          _ build: @escaping @Sendable (inout TableReader, inout RecordContext, TableReader.Row) -> T?) -> ([T], [String]) {
        var t = TableReader(file: file, required: required, optional: optional, rules: columns)
        t.checkPlaceColumns()
        var context = RecordContext(quality: quality)
        let (records, extra) = readRecords(t, issues: &issues, context: &context, parallelFrom: parallelFrom, build)
        for a in t.aliasesUsed { context.quality.aliases[a.written] = a.canonical }
        context.quality.personalColumns = t.personalColumns
        record(context.unknown, in: &context.quality)
        context.quality.records = records.count
        quality = context.quality
        return (records, extra)
    }

    /// The records of `t`'s file, in two halves or in one pass (see ``parseRecords``).
    static func readRecords<T: Sendable>(_ t: TableReader, issues: inout [InputIssue], context: inout RecordContext, parallelFrom: Int,
                                         _ build: @escaping @Sendable (inout TableReader, inout RecordContext, TableReader.Row) -> T?) -> ([T], [String]) {
        let file = t.file
        @Sendable func read(_ t: TableReader, _ range: Range<Int>, _ context: RecordContext, into slots: RecordSlots<T>) -> RecordsPart {
            var t = t, context = context
            var count = 0
            var seen = IDSet()
            t.forEachRecord(in: range) { t, row in
                guard let row = t.identify(row, seen: &seen, from: range.lowerBound) else { return }
                if let source = row.idSource, let id = row.id { context.quality.generatedIDs[source, default: .init()].add(id) }
                let before = t.issues.count
                // Moved, not copied, into its slot (a copy retains and releases every string and list).
                guard let record = build(&t, &context, row), t.issues.count == before else { return }
                (slots.base + count).initialize(to: consume record); count += 1
            }
            return RecordsPart(count: count, issues: t.issues, context: context, seen: seen)
        }
        let n = file.recordCount
        // Made ids (a list without an id column) depend on the records before them: one pass.
        if t.issues.isEmpty, n >= parallelFrom, t.slot(.id) != nil {
            let reader = t, fresh = RecordContext(quality: DataQuality.File(file: context.quality.file))
            let halves = [0..<n / 2, n / 2..<n]
            var parts: [RecordsPart] = []
            let records = [T](unsafeUninitializedCapacity: max(1, n)) { buffer, kept in
                let slots = RecordSlots(base: buffer.baseAddress!)
                parts = concurrentMap(2) { k in read(reader, halves[k], fresh, into: RecordSlots(base: slots.base + halves[k].lowerBound)) }
                // The second half's records moved up against the first's (none when it kept every record).
                let first = parts[0].count
                if first < halves[0].count { (slots.base + first).moveInitialize(from: slots.base + halves[1].lowerBound, count: parts[1].count) }
                kept = first + parts[1].count
            }
            if parts[0].issues.isEmpty, parts[1].issues.isEmpty, parts[0].seen.isDisjoint(with: parts[1].seen, tables: { reader.idTable(halves[$0 ? 1 : 0]) }) {
                var merged = fresh
                merged.quality = context.quality
                merged.append(parts[0].context); merged.append(parts[1].context)
                context = merged
                return (records, t.extraColumns)
            }
        }
        var whole: RecordsPart?
        let records = [T](unsafeUninitializedCapacity: max(1, n)) { buffer, kept in
            whole = read(t, 0..<n, context, into: RecordSlots(base: buffer.baseAddress!))
            kept = whole?.count ?? 0
        }
        issues += whole?.issues ?? []
        context = whole?.context ?? context
        return (records, t.extraColumns)
    }

    /// The fields both kinds share, read into `place`, `nib` and `kelurahan`, with quality
    /// counts. `O(1)` amortised.
    static func common(_ t: inout TableReader, _ row: TableReader.Row, context: inout RecordContext,
                       regions: RegionDirectory?) -> (TableReader.Place?, String?, String?) {
        let place = t.place(row, directory: regions, cache: &context.cache)
        var nib: String?
        if let raw = t.text(row, .nib) {
            let digits = raw.filter { $0 != " " && $0 != "." && $0 != "-" }
            if digits.utf8.count == 13, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { nib = digits } else {
                t.add(row.line, .nib, RecordProblem.notNIB(Echo.echoed(raw, Echo.number)), id: row.id)
            }
        }
        if let place, let id = row.id {
            context.quality.locationSource[place.source.rawValue, default: .init()].add(id)
            if place.byName { context.quality.regionsByName.add(id) }
        }
        return (place, nib, t.text(row, .kelurahan))
    }

    /// Parses a mentor list already read into `file`, adding issues to `issues`; returns the mentors and the names of the unknown columns.
    public static func parseMentors(_ file: CSVFile, issues: inout [InputIssue]) -> ([Mentor], [String]) {
        var quality = DataQuality.File(file: file.path)
        return parseMentors(file, issues: &issues, quality: &quality, regions: nil)
    }

    /// Parses a mentee list already read into `file`, adding issues to `issues`; returns the mentees and the names of the unknown columns.
    public static func parseMentees(_ file: CSVFile, issues: inout [InputIssue]) -> ([Mentee], [String]) {
        var quality = DataQuality.File(file: file.path)
        return parseMentees(file, issues: &issues, quality: &quality, regions: nil)
    }

    static func parseMentors(_ file: CSVFile, issues: inout [InputIssue], quality: inout DataQuality.File,
                             regions: RegionDirectory?, columns: ColumnRules = ColumnRules(),
                             parallelFrom: Int = parallelRecords) -> ([Mentor], [String]) {
        parseRecords(file, required: mentorRequired, optional: mentorOptional, issues: &issues, quality: &quality,
                     columns: columns, parallelFrom: parallelFrom) { (t: inout TableReader, context: inout RecordContext, row: TableReader.Row) -> Mentor? in
            let name = t.required(row, .name)
            let kbli = t.kbli(row)
            let (place, nib, kelurahan) = common(&t, row, context: &context, regions: regions)
            let cap = t.integer(row, .capacity, required: true, in: 1...maxCapacity)
            let minM = t.integer(row, .minMentees, in: 0...maxCapacity)
            let hours = t.number(row, .hoursPerMonth, in: 0...10_000, rangeText: "[0, 10000]")
            let expertise = t.skills(row, .expertise, unknownWords: &context.unknown)
            let langs = t.languages(row), gender = t.gender(row), scale = t.scale(row)
            var kind: MentorKind?
            if let k = t.text(row, .kind) {
                kind = MentorKind(rawValue: k.lowercased())
                if kind == nil { t.add(row.line, .kind, RecordProblem.notKind(Echo.echoed(k, Echo.word)), id: row.id) }
            }
            if let cap, let minM, minM > cap {
                t.add(row.line, .minMentees, RecordProblem.minAboveCapacity(minM, capacity: cap), id: row.id)
            }
            guard let name, let kbli, let place, let cap else { return nil }
            var m = Mentor(id: row.id!, name: name, kbli: kbli, location: place.location, region: place.region, capacity: cap,
                           minMentees: minM, hoursPerMonth: hours, expertise: expertise, languages: langs,
                           gender: gender, scale: scale, kind: kind, extra: t.extras(row), line: row.line)
            m.locationSource = place.source; m.locationRadiusKm = place.radiusKm; m.nib = nib; m.kelurahan = kelurahan
            m.preferredMentees = chosenMentees(t.list(row, .prefer))
            m.online = t.online(row)
            return m
        }
    }

    /// The mentees of `file`; a `mentor:ID` preference must name one of `mentorIDs`, when given.
    static func parseMentees(_ file: CSVFile, issues: inout [InputIssue], quality: inout DataQuality.File,
                             regions: RegionDirectory?, columns: ColumnRules = ColumnRules(), mentorIDs: Set<String>? = nil,
                             parallelFrom: Int = parallelRecords) -> ([Mentee], [String]) {
        parseRecords(file, required: menteeRequired, optional: menteeOptional, issues: &issues, quality: &quality,
                     columns: columns, parallelFrom: parallelFrom) { (t: inout TableReader, context: inout RecordContext, row: TableReader.Row) -> Mentee? in
            let name = t.required(row, .name)
            let kbli = t.kbli(row)
            let (place, nib, kelurahan) = common(&t, row, context: &context, regions: regions)
            let needs = t.skills(row, .needs, unknownWords: &context.unknown)
            let langs = t.languages(row), gender = t.gender(row), scale = t.scale(row)
            let hours = t.number(row, .hoursNeeded, in: 0...1_000, rangeText: "[0, 1000]")
            let priority = t.number(row, .priority, in: 0...1_000, rangeText: "[0, 1000]") ?? 1
            let online = t.online(row)
            let prefs = t.preferences(row)
            for case .mentor(let id) in prefs where !(mentorIDs?.contains(id) ?? true) {
                t.add(row.line, .prefer, RecordProblem.unknownMentor(Echo.echoed(id, Echo.token, limit: 64)), id: row.id)
            }
            guard let name, let kbli, let place else { return nil }
            var e = Mentee(id: row.id!, name: name, kbli: kbli, location: place.location, region: place.region, needs: needs,
                           languages: langs, gender: gender, scale: scale, hoursNeeded: hours,
                           preferences: prefs, priority: priority, extra: t.extras(row), line: row.line)
            e.locationSource = place.source; e.locationRadiusKm = place.radiusKm; e.nib = nib; e.kelurahan = kelurahan
            e.online = online
            return e
        }
    }

    /// Unknown needs/expertise words (as rendered by ``Echo/phrase(_:limit:)``, so personal
    /// text is counted without being shown) into the quality report. `O(words)`.
    static func record(_ unknown: [String: [String]], in quality: inout DataQuality.File) {
        for (word, ids) in unknown {
            for id in ids { quality.unknownWords[word, default: .init()].add(id) }
        }
    }

    /// A mentor's `prefer` cell: beginner ids (`mentee:ID` or a bare `ID`), first choice first. `O(tokens)`.
    static func chosenMentees(_ tokens: [String]) -> [RankedChoice] {
        tokens.enumerated().map { k, token in
            let id = token.lowercased().hasPrefix("mentee:") ? String(token.dropFirst(7)).trimmedASCII : token
            return RankedChoice(id: id, rank: k + 1)
        }
    }

    /// A mentor's chosen beginners must be in the mentees file, each once. `O(m·choices + n)`.
    static func checkChoices(_ mentors: [Mentor], mentees: [Mentee], file: String, issues: inout [InputIssue]) {
        guard mentors.contains(where: { !$0.preferredMentees.isEmpty }) else { return }
        let known = Set(mentees.map(\.id))
        for m in mentors {
            var seen = Set<String>()
            for c in m.preferredMentees {
                if !known.contains(c.id) {
                    issues.append(InputIssue(file: file, line: m.line, column: "prefer",
                                             problem: RecordProblem.unknownMentee(Echo.echoed(c.id, Echo.token, limit: 64)), recordID: m.id))
                } else if !seen.insert(c.id).inserted {
                    issues.append(InputIssue(file: file, line: m.line, column: "prefer",
                                             problem: RecordProblem.menteeTwice(Echo.echoed(c.id, Echo.token, limit: 64)), recordID: m.id))
                }
            }
        }
    }
}
