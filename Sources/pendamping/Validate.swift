import ArgumentParser
import Foundation
import Pendamping
import Tabular

struct Validate: Subcommand {
    static let configuration = CommandConfiguration(
        abstract: "Check mentors and mentees (and optionally a profile and decisions) and print what is wrong; writes nothing."
    )

    @OptionGroup var data: DatasetOptions
    @Option(help: "Matching profile (JSON) to check too.")
    var profile: String?
    @Option(help: "Curator decisions CSV to check too.")
    var decisions: String?
    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    func execute() throws {
        var issues: [InputIssue] = []
        var missingFiles: [String] = []
        var counts = (mentors: 0, mentees: 0)
        /// Runs one check, collecting what it finds; the checks are those `match` relies on.
        func check<T>(_ body: () throws -> T) throws -> T? {
            do { return try body() } catch InputError.invalid(let found) {
                issues += found
            } catch InputError.missingFile(let path, let reason) {
                missingFiles.append("\(path): \(reason)")
            }
            return nil
        }
        let inspection = try check {
            try DatasetReader.inspect(mentorsPath: data.mentors, menteesPath: data.mentees, options: try data.readOptions)
        }
        issues += inspection?.issues ?? []
        let dataset = inspection?.dataset
        let quality = inspection?.quality
        if let dataset { counts = (dataset.mentors.count, dataset.mentees.count) }
        if let profile { _ = try check { try Profile.read(path: profile) } }
        if let decisions {
            if let dataset {
                _ = try check { try Decisions.read(path: decisions, dataset: dataset, encoding: data.encoding) }
            } else {
                issues.append(InputIssue(file: decisions, line: 0, message: "not checked: its ids need valid mentors and mentees files"))
            }
        }
        let missing = missingFiles.isEmpty ? nil : missingFiles.joined(separator: "; ")
        switch format {
        case .json:
            struct Report: Encodable {
                var ok: Bool; var mentors: Int; var mentees: Int; var missing: String?
                var issues: [Issue]
                var quality: DataQuality?
            }
            struct Issue: Encodable { var file: String; var line: Int; var column: String?; var message: String; var record: String? }
            let report = Report(ok: issues.isEmpty && missing == nil, mentors: counts.mentors, mentees: counts.mentees,
                                missing: missing,
                                issues: issues.map { Issue(file: $0.file, line: $0.line, column: $0.column, message: $0.message, record: $0.recordID) },
                                quality: quality)
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            e.keyEncodingStrategy = .convertToSnakeCase
            FileHandle.standardOutput.write(try e.encode(report) + Data("\n".utf8))
        case .text:
            if let missing { print("missing: \(missing)") }
            for i in issues { print(i) }
            if issues.isEmpty && missing == nil { print("ok: \(counts.mentors) mentors, \(counts.mentees) mentees") }
            if let quality { print(quality.report) }
        }
        // Staging folders that killed runs left beside the inputs or here (they may hold personal
        // data until the next run with --out there removes them).
        let places = Set(data.paths.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } + [FileManager.default.currentDirectoryPath])
        for place in places.sorted() {
            let stale = OutputDirectory.staleStaging(in: place)
            if !stale.isEmpty {
                printErr("note: \(stale.count) staging folder(s) left by killed runs in \(place) (\(stale.prefix(3).joined(separator: ", "))); the next match, round or whatif writing there removes them")
            }
        }
        if missing != nil { throw ExitCode(66) }
        if !issues.isEmpty { throw ExitCode(65) }
    }
}
