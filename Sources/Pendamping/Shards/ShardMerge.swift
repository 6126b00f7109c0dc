import Foundation
import Tabular

/// Combines the result directories of shards (each an ordinary `match` output) into one
/// result: `pairs.csv`, `unassigned.csv` and `mentors.csv` with every shard's rows in id order
/// (as one run writes them), and a national `summary.json` (totals, coverage, mean score, the
/// exact sum of the shards' integer objectives, unassigned by reason, the least conclusive
/// status, and one line per shard). - Complexity: `O(total rows · log rows)`.
public enum ShardMerge {
    /// The merged `summary.json`: the national totals and one line per shard.
    struct National: Encodable {
        struct Shard: Encodable { var directory: String; var mentors: Int; var mentees: Int; var matched: Int; var status: String; var objectiveUnits: ScoreUnits }
        var schemaVersion = ResultSummary.currentSchemaVersion
        var shards: [Shard]
        var mentors: Int
        var mentees: Int
        var matched: Int
        var unassigned: Int
        var coverage: Double
        var meanScore: Double
        var objective: Double
        var objectiveUnits: ScoreUnits
        var pairScoreUnits: ScoreUnits
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
        var units = ScoreUnits.zero, pairUnits = ScoreUnits.zero
        var status = MatchStatus.optimal
        // Shards written before summaries carried the exact pair score sum: added up from pairs.csv.
        var olderShards: [String] = []
        for dir in directories {
            let shard = ResultDirectory(dir)
            for name in ["pairs.csv", "unassigned.csv", "mentors.csv"] {
                let file = try shard.table(name)
                if let existing = tables[name], existing.header != file.header {
                    throw InputError.invalid([InputIssue(file: shard.file(name), line: file.headerLine, message: "its columns differ from the first shard's \(name)")])
                }
                tables[name, default: (file.header, [])].rows += file.records.map(\.fields)
            }
            let s = try shard.summary()
            shards.append(.init(directory: dir, mentors: s.inputs.mentors, mentees: s.inputs.mentees, matched: s.matched,
                                status: s.solve.status, objectiveUnits: s.solve.objectiveUnits))
            mentors += s.inputs.mentors; mentees += s.inputs.mentees; matched += s.matched
            capacity += s.mentors.capacity; load += s.mentors.load; units = units + s.solve.objectiveUnits
            if let p = s.pairScoreUnits { pairUnits = pairUnits + p } else { olderShards.append(dir) }
            for (r, c) in s.unassignedByReason { byReason[r, default: 0] += c }
            status = MatchStatus.worse(status, MatchStatus(rawValue: s.solve.status) ?? .undefined)
        }
        var out: [(name: String, data: Data)] = []
        for name in ["pairs.csv", "unassigned.csv", "mentors.csv"] {
            let t = tables[name]!
            var w = CSVTableWriter(header: t.header)
            for row in t.rows.sorted(by: { ($0.first ?? "") < ($1.first ?? "") }) {
                w.appendRow(row.map { Double($0) != nil && !$0.isEmpty ? .number($0) : .text($0) })
            }
            out.append((name, Data(w.text.utf8)))
        }
        if !olderShards.isEmpty {
            let older = Set(olderShards)
            for dir in directories where older.contains(dir) {
                let t = try ResultDirectory(dir).table("pairs.csv")
                guard let k = t.header.firstIndex(of: "score") else { continue }
                for r in t.records where k < r.fields.count { pairUnits = pairUnits + ScoreUnits(score: Double(r.fields[k]) ?? 0) }
            }
        }
        let national = National(shards: shards, mentors: mentors, mentees: mentees, matched: matched, unassigned: mentees - matched,
                                coverage: rounded6(mentees == 0 ? 0 : Double(matched) / Double(mentees)),
                                meanScore: rounded6(matched == 0 ? 0 : pairUnits.score / Double(matched)),
                                objective: rounded6(units.score), objectiveUnits: units, pairScoreUnits: pairUnits, status: status.rawValue,
                                unassignedByReason: byReason, capacity: capacity, load: load, scoreScale: Int(ScoringModel.integerScale))
        out.append(("summary.json", try ResultFiles.json(national)))
        return out
    }
}
