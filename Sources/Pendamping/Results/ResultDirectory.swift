import Foundation
import Tabular

/// A result directory written by `pendamping match` (or a shard's match), read back: its
/// ``ResultSummary`` and its tables. One reader for `pendamping merge`, `pendamping round
/// --previous DIR` and `pendamping report
/// DIR`; every failure is an ``InputError`` naming the file.
public struct ResultDirectory: Sendable {
    /// The directory's path, as given.
    public let path: String

    /// The directory at `path` (nothing is read until asked).
    public init(_ path: String) { self.path = path }

    /// The path of the file `name` in the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// `summary.json`. - Throws: ``InputError`` when it is missing or not a summary.
    /// - Complexity: `O(bytes)`.
    public func summary() throws -> ResultSummary {
        let name = file("summary.json")
        let data = try InputFile.contents(name, name: name)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            let summary = try decoder.decode(ResultSummary.self, from: data)
            if let v = summary.schemaVersion, v > ResultSummary.currentSchemaVersion {
                throw InputError.invalid([InputIssue(file: name, line: 0, column: "schema_version",
                                                     message: "is \(v); this pendamping reads up to \(ResultSummary.currentSchemaVersion)")])
            }
            return summary
        } catch let e as InputError {
            throw e
        } catch {
            throw InputError.invalid([InputIssue(file: name, line: 0, message: "is not a pendamping summary: \(error)")])
        }
    }

    /// The CSV table `name` (`pairs.csv`, `unassigned.csv`, `mentors.csv`, …).
    /// - Throws: ``InputError``. - Complexity: `O(bytes)`.
    public func table(_ name: String) throws -> CSVFile { try CSVFile.read(path: file(name)) }

    /// The bytes of the file `name`. - Throws: ``InputError`` when it cannot be read.
    public func data(_ name: String) throws -> Data { try InputFile.contents(file(name), name: file(name)) }

    /// Each unassigned mentee's detail (`unassigned.csv`'s `detail` by `mentee_id`).
    /// - Throws: ``InputError`` when the file or a column is missing. - Complexity: `O(bytes)`.
    public func unassignedDetails() throws -> [String: String] {
        let t = try table("unassigned.csv")
        guard let id = t.header.firstIndex(of: "mentee_id"), let detail = t.header.firstIndex(of: "detail") else {
            throw InputError.invalid([InputIssue(file: file("unassigned.csv"), line: t.headerLine, message: "has no mentee_id or detail column")])
        }
        var out: [String: String] = [:]
        for r in t.records where r.fields.count > max(id, detail) { out[r.fields[id]] = r.fields[detail] }
        return out
    }

    /// The directory's pairs (`pairs.csv`) as mentee id → mentor id: what the next curation
    /// round starts from. - Throws: ``InputError`` (see ``readPairs(path:)``).
    /// - Complexity: `O(bytes)`.
    public func pairs() throws -> [String: String] { try Self.readPairs(path: file("pairs.csv")) }

    /// Pairs from any file with `mentee_id` and `mentor_id` columns (a result's `pairs.csv`, or
    /// a list made by hand), as mentee id → mentor id; other columns are ignored.
    /// - Throws: ``InputError`` naming the file, row and column when a column is missing, an id
    ///   is empty, or a mentee appears twice. - Complexity: `O(bytes)`.
    public static func readPairs(path: String) throws -> [String: String] {
        let file = try CSVFile.read(path: path)
        var t = TableReader(file: file, required: [.menteeID, .mentorID], optional: [])
        var out: [String: String] = [:]
        t.forEachRecord { t, row in
            guard let me = t.required(row, .menteeID), let mo = t.required(row, .mentorID) else { return }
            if out[me] != nil { t.add(row.line, .menteeID, RecordProblem.pairedTwice(Echo.echoed(me, Echo.token, limit: 64))); return }
            out[me] = mo
        }
        guard t.issues.isEmpty else { throw InputError.invalid(t.issues) }
        return out
    }
}
