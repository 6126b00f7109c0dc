import Foundation
import Tabular

/// A result directory written by `pendamping match` (or a shard's match), read back: its
/// ``ResultSummary`` and its tables. One reader for `pendamping merge` and `pendamping report
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
}
