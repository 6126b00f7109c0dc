import ArgumentParser
import Foundation
import Pendamping
import PendampingSynthetic
import Tabular

@main
struct PendampingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pendamping",
        abstract: "Pair mentors (pendamping, Kakak Asuh) with beginner UMKM (Adik Asuh) and prove the pairing optimal.",
        discussion: """
        Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing or unreadable input, 69 infeasible decisions or rules, \
        70 internal error, 73 cannot create the output (or it would replace an input).
        """,
        version: "0.1.0",
        subcommands: [Match.self, Validate.self, Round.self, WhatIf.self, Plan.self, Report.self, Shard.self, Merge.self, Generate.self, Bench.self, Export.self, GAPCommand.self]
    )
}

/// Options shared by commands that read a dataset.
struct DatasetOptions: ParsableArguments {
    @Option(help: "Mentors list, CSV or Excel .xlsx (id, name, kbli, capacity, region or kecamatan/kabupaten names, optional lat/lon, …; Indonesian headers accepted).")
    var mentors: String
    @Option(help: "Mentees list, CSV or Excel .xlsx (id, name, kbli, region or kecamatan/kabupaten names, optional lat/lon, …; Indonesian headers accepted).")
    var mentees: String
    @Option(help: "Text encoding of the CSV inputs (windows-1252: Excel's \"CSV\" on Windows).")
    var encoding: TextEncoding = .utf8
    @Option(help: "Worksheet of .xlsx inputs to read; repeat for several, read as one list (default: every sheet holding a list).")
    var sheet: [String] = []
    @Option(help: ArgumentHelp("Map a column: CANONICAL=\"Header as written\", e.g. id=\"No. Anggota\"; repeatable.", valueName: "column=header"))
    var column: [String] = []
    @Option(help: "Column mapping file (JSON object: canonical column → header as written), as a programme keeps it.")
    var columns: String?
    @Option(help: "Pass a personal-data column (phone, NIK, e-mail) through to the outputs by its header; repeatable.")
    var keepColumn: [String] = []
    @Option(help: "Stated rankings, CSV or .xlsx: mentor_id, mentee_id, rank (mentors choosing beginners) or mentee_id, mentor_id, rank (beginners ranking mentors); the first id column is who ranks. Repeat for both sides.")
    var preferences: [String] = []

    var readOptions: DatasetReader.Options {
        get throws { DatasetReader.Options(encoding: encoding, sheets: sheet, columns: try columnRules()) }
    }

    /// The column mapping from `--columns FILE` and `--column` (the latter win), and the
    /// personal-data columns to keep.
    func columnRules() throws -> ColumnRules {
        var map = try columns.map { try ColumnRules.read(path: $0).map } ?? [:]
        for item in column {
            guard let eq = item.firstIndex(of: "=") else { throw ValidationError("--column takes column=\"header\", e.g. id=\"No. Anggota\"") }
            let key = String(item[..<eq]).trimmingCharacters(in: .whitespaces)
            let header = String(item[item.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
            map[key] = header
        }
        return try ColumnRules.checked(map: map, keep: keepColumn)
    }

    /// Reads the two files.
    func read() throws -> Dataset {
        try withPreferences(DatasetReader.read(mentorsPath: mentors, menteesPath: mentees, options: try readOptions))
    }

    /// `d` with the `--preferences` files' ranks added.
    func withPreferences(_ d: Dataset) throws -> Dataset {
        try preferences.reduce(d) { try PreferencesFile.apply(path: $1, to: $0, encoding: encoding, sheet: nil) }
    }

    /// Reads the two files with their data-quality findings; throws on any issue.
    func readWithQuality() throws -> (Dataset, DataQuality) {
        let r = try DatasetReader.inspect(mentorsPath: mentors, menteesPath: mentees, options: try readOptions)
        guard r.issues.isEmpty, let d = r.dataset else { throw InputError.invalid(Array(r.issues.prefix(InputError.limit))) }
        return (try withPreferences(d), r.quality)
    }

    /// The input files, for the checks that no output replaces one.
    var paths: [String] { [mentors, mentees] + preferences }
}

/// Options shared by commands that generate a synthetic province.
struct PresetOptions: ParsableArguments {
    @Option(help: "Tier: S (Jakarta Barat pilot), M (Jakarta Barat), L (Kalimantan Tengah), XL (Jawa Barat); generate also takes ID (every province).")
    var preset: PresetChoice?
    @Option(help: "Random seed.")
    var seed: UInt64 = 1
    @Option(help: "Regions CSV (code, level, name, lat, lon, population, area_km2); default: the bundled Kemendagri table (7,837 regions).")
    var regions: String?

    /// `--preset ID`: the national instance (generate only).
    var national: Bool { preset == .national }

    /// The province tier named, if one is.
    func tier() -> ProvinceGenerator.Preset? {
        if case .tier(let t) = preset { return t }
        return nil
    }

    func regionTable() throws -> RegionTable { try regions.map(RegionTable.read) ?? RegionTable.bundled() }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// A subcommand whose errors all take one path: ``Failure/exit(_:)`` prints them and maps
/// them to exit codes by meaning. A subcommand implements `execute()`; `run()` is shared.
protocol Subcommand: ParsableCommand {
    func execute() throws
}

extension Subcommand {
    func run() throws {
        do { try execute() } catch { throw Failure.exit(error) }
    }
}

/// Maps errors to exit codes by meaning and prints them on stderr (ids only, never names).
enum Failure {
    static func exit(_ error: Error) -> ExitCode {
        switch error {
        case let code as ExitCode:
            return code
        case MatchingError.stopped:
            printErr("stopped: interrupted before the optimum was reached; nothing was written")
            return ExitCode(130)
        case InputError.missingFile:
            printErr("error: \(error)")
            return ExitCode(66)
        case let e as UnsupportedOptions:
            printErr("error: \(e)")
            return ExitCode(64)
        case OutputError.invalid(let message):
            printErr("error: \(message)")
            return ExitCode(64)
        case let e as OutputError:
            printErr("error: \(e)")
            return ExitCode(73)
        case InputError.invalid(let issues):
            for i in issues { printErr("error: \(i)") }
            if issues.count >= InputError.limit { printErr("error: stopped after \(InputError.limit) issues") }
            return ExitCode(65)
        case let e as InfeasibleRules:
            printErr("error: the programme rules cannot all hold:")
            for c in e.conflicts { printErr("  \(c)") }
            return ExitCode(69)
        case let e as InfeasibleDecisions:
            printErr("error: the decisions cannot all hold:")
            for c in e.conflicts { printErr("  \(c.text(.en))") }
            return ExitCode(69)
        default:
            printErr("internal error: \(error)")
            return ExitCode(70)
        }
    }
}

/// Removes the staging folders that killed runs left beside `out` and says so on stderr.
func removeStaleStaging(beside out: String) {
    let removed = OutputDirectory.removeStaleStaging(beside: out)
    if removed > 0 { printErr("removed \(removed) staging folder(s) left beside \(out) by runs that were killed") }
}

/// A time limit in seconds: finite, positive, at most a week.
func checkTimeLimit(_ t: Double) throws {
    guard t.isFinite, t > 0, t <= 604_800 else {
        throw ValidationError("--time-limit must be a number of seconds in (0, 604800]")
    }
}

func printErr(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
