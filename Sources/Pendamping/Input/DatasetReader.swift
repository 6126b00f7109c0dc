import Foundation

/// Reads mentors and mentees CSV files (DESIGN §3) into a ``Dataset``, or throws
/// ``InputError`` with every issue found (up to ``InputError/limit``).
public enum DatasetReader {
    static let mentorRequired = ["id", "name", "kbli", "lat", "lon", "region", "capacity"]
    static let mentorOptional = ["min_mentees", "hours_per_month", "expertise", "languages", "gender", "scale", "kind"]
    static let menteeRequired = ["id", "name", "kbli", "lat", "lon", "region"]
    static let menteeOptional = ["needs", "languages", "gender", "scale", "hours_needed", "prefer", "priority"]

    /// The largest mentor capacity accepted (a cohort of a hundred thousand is already far
    /// beyond any programme; the bound keeps every count inside `Int32`).
    public static let maxCapacity = 100_000

    /// Reads both files, in `encoding`. Every issue of both files is reported together; a
    /// file that cannot be read at all stops the read.
    /// - Complexity: `O(bytes + n·log n)` (records are sorted by id).
    public static func read(mentorsPath: String, menteesPath: String, encoding: TextEncoding = .utf8) throws -> Dataset {
        var issues: [InputIssue] = []
        func file(_ path: String) throws -> CSVFile? {
            do { return try CSVFile.read(path: path, encoding: encoding) } catch InputError.invalid(let found) { issues += found; return nil }
        }
        let mentorFile = try file(mentorsPath), menteeFile = try file(menteesPath)
        let (mentors, mentorExtra) = mentorFile.map { parseMentors($0, issues: &issues) } ?? ([], [])
        let (mentees, menteeExtra) = menteeFile.map { parseMentees($0, issues: &issues) } ?? ([], [])
        if let menteeFile { checkPreferences(mentees, mentors: mentors, file: menteeFile.path, issues: &issues) }
        guard issues.isEmpty else { throw InputError.invalid(Array(issues.prefix(InputError.limit))) }
        return Dataset(mentors: mentors, mentees: mentees, mentorExtraColumns: mentorExtra, menteeExtraColumns: menteeExtra)
    }

    /// The loop both record kinds share: header checks, field count and id, then `build` for
    /// the rest; a record is kept only when `build` added no issue. `O(records)`.
    static func parseRecords<T>(_ file: CSVFile, required: [String], optional: [String], issues: inout [InputIssue],
                                _ build: (inout TableReader, TableReader.Row) -> T?) -> ([T], [String]) {
        var t = TableReader(file: file, required: required, optional: optional)
        var out: [T] = []
        out.reserveCapacity(file.records.count)
        var seen = Set<String>()
        t.forEachRecord { t, row in
            guard let row = t.identify(row, seen: &seen) else { return }
            let before = t.issues.count
            let record = build(&t, row)
            if t.issues.count == before, let record { out.append(record) }
        }
        issues += t.issues
        return (out, t.extraColumns)
    }

    public static func parseMentors(_ file: CSVFile, issues: inout [InputIssue]) -> ([Mentor], [String]) {
        parseRecords(file, required: mentorRequired, optional: mentorOptional, issues: &issues) { t, row in
            let name = t.required(row, "name")
            let kbli = t.kbli(row), loc = t.location(row), region = t.region(row)
            let cap = t.integer(row, "capacity", required: true, in: 1...maxCapacity)
            let minM = t.integer(row, "min_mentees", in: 0...maxCapacity)
            let hours = t.number(row, "hours_per_month", in: 0...10_000, rangeText: "[0, 10000]")
            let expertise = t.skills(row, "expertise")
            let langs = t.languages(row), gender = t.gender(row), scale = t.scale(row)
            var kind: MentorKind?
            if let k = t.text(row, "kind") {
                kind = MentorKind(rawValue: k.lowercased())
                if kind == nil { t.add(row.line, "kind", "\(Echo.shown(k, Echo.word)) is not one of \(MentorKind.allCases.map(\.rawValue).joined(separator: ", "))", id: row.id) }
            }
            if let cap, let minM, minM > cap {
                t.add(row.line, "min_mentees", "\(minM) is above the capacity \(cap)", id: row.id)
            }
            guard let name, let kbli, let loc, let region, let cap else { return nil }
            return Mentor(id: row.id!, name: name, kbli: kbli, location: loc, region: region, capacity: cap,
                          minMentees: minM, hoursPerMonth: hours, expertise: expertise, languages: langs,
                          gender: gender, scale: scale, kind: kind, extra: t.extras(row), line: row.line)
        }
    }

    public static func parseMentees(_ file: CSVFile, issues: inout [InputIssue]) -> ([Mentee], [String]) {
        parseRecords(file, required: menteeRequired, optional: menteeOptional, issues: &issues) { t, row in
            let name = t.required(row, "name")
            let kbli = t.kbli(row), loc = t.location(row), region = t.region(row)
            let needs = t.skills(row, "needs")
            let langs = t.languages(row), gender = t.gender(row), scale = t.scale(row)
            let hours = t.number(row, "hours_needed", in: 0...1_000, rangeText: "[0, 1000]")
            let priority = t.number(row, "priority", in: 0...1_000, rangeText: "[0, 1000]") ?? 1
            var prefs: [Preference] = []
            for token in t.list(row, "prefer") {
                if let p = Preference(token) { prefs.append(p) } else {
                    t.add(row.line, "prefer", "\(Echo.shown(token, Echo.token, limit: 64)) is not gender:f|m, kind:KIND or mentor:ID", id: row.id)
                }
            }
            guard let name, let kbli, let loc, let region else { return nil }
            return Mentee(id: row.id!, name: name, kbli: kbli, location: loc, region: region, needs: needs,
                          languages: langs, gender: gender, scale: scale, hoursNeeded: hours,
                          preferences: prefs, priority: priority, extra: t.extras(row), line: row.line)
        }
    }

    /// A `mentor:ID` preference must name a mentor of the file. `O(n·prefs + m)`.
    static func checkPreferences(_ mentees: [Mentee], mentors: [Mentor], file: String, issues: inout [InputIssue]) {
        let known = Set(mentors.map(\.id))
        for e in mentees {
            for case .mentor(let id) in e.preferences where !known.contains(id) {
                issues.append(InputIssue(file: file, line: e.line, column: "prefer",
                                         message: "names mentor \(Echo.shown(id, Echo.token, limit: 64)), who is not in the mentors file", recordID: e.id))
            }
        }
    }
}
