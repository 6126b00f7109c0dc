import Foundation
import Tabular

/// Combines the result directories of shards (each an ordinary `match` output) into one
/// result: `pairs.csv`, `unassigned.csv` and `mentors.csv` with every shard's rows in id order
/// (as one run writes them), and a national `summary.json` (totals, coverage, mean score, the
/// exact sum of the shards' integer objectives, unassigned by reason, the least conclusive
/// status, and one line per shard). - Complexity: `O(total rows · log rows)`.
public enum ShardMerge {
    struct ShardSummary: Decodable {
        struct Inputs: Decodable { var mentors: Int; var mentees: Int }
        struct Solve: Decodable { var status: String; var objectiveUnits: Int64 }
        struct Mentors: Decodable { var capacity: Int; var load: Int; var full: Int }
        var inputs: Inputs
        var solve: Solve
        var matched: Int
        var unassignedByReason: [String: Int]
        var mentors: Mentors
    }

    struct National: Encodable {
        struct Shard: Encodable { var directory: String; var mentors: Int; var mentees: Int; var matched: Int; var status: String; var objectiveUnits: Int64 }
        var shards: [Shard]
        var mentors: Int
        var mentees: Int
        var matched: Int
        var unassigned: Int
        var coverage: Double
        var meanScore: Double
        var objective: Double
        var objectiveUnits: Int64
        var status: String
        var unassignedByReason: [String: Int]
        var capacity: Int
        var load: Int
        var scoreScale: Int
    }

    /// The merged files, from shard result directories `directories`.
    /// - Throws: ``InputError`` naming a missing or unreadable file.
    public static func merge(_ directories: [String]) throws -> [(name: String, data: Data)] {
        guard !directories.isEmpty else { throw InputError.invalid([InputIssue(file: "merge", line: 0, message: "no shard result directory given")]) }
        var tables: [String: (header: [String], rows: [[String]])] = [:]
        var shards: [National.Shard] = []
        var byReason: [String: Int] = [:]
        var mentors = 0, mentees = 0, matched = 0, capacity = 0, load = 0
        var units: Int64 = 0
        var status = MatchStatus.optimal
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        for dir in directories {
            for name in ["pairs.csv", "unassigned.csv", "mentors.csv"] {
                let path = dir + "/" + name
                let file = try CSVFile.read(path: path)
                if let existing = tables[name], existing.header != file.header {
                    throw InputError.invalid([InputIssue(file: path, line: file.headerLine, message: "its columns differ from the first shard's \(name)")])
                }
                tables[name, default: (file.header, [])].rows += file.records.map(\.fields)
            }
            let summaryPath = dir + "/summary.json"
            let s: ShardSummary
            do { s = try decoder.decode(ShardSummary.self, from: try InputFile.contents(summaryPath, name: summaryPath)) } catch let e as InputError {
                throw e
            } catch {
                throw InputError.invalid([InputIssue(file: summaryPath, line: 0, message: "is not a pendamping summary: \(error)")])
            }
            shards.append(.init(directory: dir, mentors: s.inputs.mentors, mentees: s.inputs.mentees, matched: s.matched,
                                status: s.solve.status, objectiveUnits: s.solve.objectiveUnits))
            mentors += s.inputs.mentors; mentees += s.inputs.mentees; matched += s.matched
            capacity += s.mentors.capacity; load += s.mentors.load; units += s.solve.objectiveUnits
            for (r, c) in s.unassignedByReason { byReason[r, default: 0] += c }
            status = MatchStatus.worse(status, MatchStatus(rawValue: s.solve.status) ?? .undefined)
        }
        var out: [(name: String, data: Data)] = []
        var scoreUnits: Int64 = 0
        for name in ["pairs.csv", "unassigned.csv", "mentors.csv"] {
            let t = tables[name]!
            if name == "pairs.csv", let k = t.header.firstIndex(of: "score") {
                for row in t.rows where k < row.count { scoreUnits += Int64(((Double(row[k]) ?? 0) * ScoringModel.integerScale).rounded()) }
            }
            var w = CSVTableWriter(header: t.header)
            for row in t.rows.sorted(by: { ($0.first ?? "") < ($1.first ?? "") }) {
                w.appendRow(row.map { Double($0) != nil && !$0.isEmpty ? .number($0) : .text($0) })
            }
            out.append((name, Data(w.text.utf8)))
        }
        let national = National(shards: shards, mentors: mentors, mentees: mentees, matched: matched, unassigned: mentees - matched,
                                coverage: rounded6(mentees == 0 ? 0 : Double(matched) / Double(mentees)),
                                meanScore: rounded6(matched == 0 ? 0 : Double(scoreUnits) / ScoringModel.integerScale / Double(matched)),
                                objective: rounded6(Double(units) / ScoringModel.integerScale), objectiveUnits: units, status: status.rawValue,
                                unassignedByReason: byReason, capacity: capacity, load: load, scoreScale: Int(ScoringModel.integerScale))
        out.append(("summary.json", try ResultFiles.json(national)))
        return out
    }
}
