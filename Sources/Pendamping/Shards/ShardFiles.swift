import Foundation
import Tabular

extension ShardPlan {
    /// The files of a shard directory: per shard `NAME/mentors.csv` and `NAME/mentees.csv`
    /// (the input rows of its records, every column kept, as UTF-8 CSV) and `NAME/profile.json`
    /// (the resolved profile); `shards.csv` (name, key, counts, oversized) and `shards.txt`
    /// (one name per line, for GNU parallel or a job array's index).
    /// - Parameters: `mentorTable`/`menteeTable` are the tables the dataset was read from.
    /// - Complexity: `O(total rows)`.
    public func files(dataset: Dataset, mentorTable: CSVFile, menteeTable: CSVFile, profile: Profile) throws -> [(name: String, data: Data)] {
        func rows(_ table: CSVFile) -> [Int: [String]] {
            Dictionary(table.records.map { ($0.line, $0.fields) }, uniquingKeysWith: { a, _ in a })
        }
        let mentorRows = rows(mentorTable), menteeRows = rows(menteeTable)
        func csv(_ table: CSVFile, _ lines: [Int], _ byLine: [Int: [String]]) -> Data {
            var w = CSVTableWriter(header: table.header)
            for line in lines.sorted() {
                guard let fields = byLine[line] else { continue }
                w.appendRow(fields.map { field in
                    // A decimal comma of a ';' file becomes a point (shards are ',' files).
                    var f = field
                    if table.delimiter == UInt8(ascii: ";"), f.contains(","), Double(f.replacingOccurrences(of: ",", with: ".")) != nil {
                        f = f.replacingOccurrences(of: ",", with: ".")
                    }
                    return Double(f) != nil && !f.isEmpty ? .number(f) : .text(f)
                })
            }
            return Data(w.text.utf8)
        }
        let profileData = try ResultFiles.json(profile)
        var out: [(name: String, data: Data)] = []
        var manifest = CSVTableWriter(header: ["shard", "key", "mentors", "mentees", "units", "oversized"])
        for s in shards {
            out.append((s.name + "/mentors.csv", csv(mentorTable, s.mentors.map { dataset.mentors[Int($0)].line }, mentorRows)))
            out.append((s.name + "/mentees.csv", csv(menteeTable, s.mentees.map { dataset.mentees[Int($0)].line }, menteeRows)))
            out.append((s.name + "/profile.json", profileData))
            manifest.appendRow([.text(s.name), .text(s.key), .number(String(s.mentors.count)), .number(String(s.mentees.count)),
                                .number(String(s.units)), .text(s.oversized ? "yes" : "no")])
        }
        out.append(("shards.csv", Data(manifest.text.utf8)))
        out.append(("shards.txt", Data(shards.map { $0.name + "\n" }.joined().utf8)))
        return out
    }
}
