import Tabular
/// Stated rankings from a table (CSV or workbook) with three columns: who ranks, whom, and the
/// rank. The column that comes first says who ranks: `mentor_id, mentee_id, rank` are mentors
/// choosing beginners, `mentee_id, mentor_id, rank` beginners ranking mentors. Rank 1 is the
/// first choice; equal ranks are ties. The ranks are added to the dataset's records
/// (``Mentor/preferredMentees``, ``Mentee/rankedMentors``).
public enum PreferencesFile {
    /// Which side a preferences table ranks from.
    public enum Side: String, Sendable {
        /// Mentors rank mentees.
        case mentor
        /// Mentees rank mentors.
        case mentee
    }

    /// The highest rank accepted.
    public static let maxRank = 100_000

    /// Reads `path` and returns `dataset` with its ranks added.
    /// - Throws: ``InputError`` naming file, line and column: unknown ids, a rank that is not a
    ///   whole number in [1, ``maxRank``], a pair ranked twice, or a record whose ranks are also
    ///   stated in its `prefer` column.
    /// - Complexity: `O(rows + n + m)`.
    public static func apply(path: String, to dataset: Dataset, encoding: TextEncoding = .utf8, sheet: String? = nil) throws -> Dataset {
        let file = try TableFile.read(path: path, encoding: encoding, sheet: sheet)
        var t = TableReader(file: file, required: [.mentorID, .menteeID, .rank], optional: [])
        guard t.issues.isEmpty else { throw InputError.invalid(t.issues) }
        let side: Side = t.slot(.mentorID)! < t.slot(.menteeID)! ? .mentor : .mentee
        let (rankerColumn, rankedColumn): (InputColumn, InputColumn) = side == .mentor ? (.mentorID, .menteeID) : (.menteeID, .mentorID)
        let mentees = dataset.menteeIndex(), mentors = dataset.mentorIndex()
        let rankers = side == .mentor ? mentors : mentees, ranked = side == .mentor ? mentees : mentors
        var choices: [Int32: [RankedChoice]] = [:]
        var seen = Set<PairID>()
        var firstLine: [Int32: Int] = [:]
        t.forEachRecord { t, row in
            guard let a = t.required(row, rankerColumn), let b = t.required(row, rankedColumn),
                  let rank = t.integer(row, .rank, required: true, in: 1...maxRank) else { return }
            guard let who = rankers[a] else {
                t.add(row.line, rankerColumn, RecordProblem.unknownID(mentor: side == .mentor, Echo.echoed(a, Echo.token, limit: 64))); return
            }
            guard ranked[b] != nil else {
                t.add(row.line, rankedColumn, RecordProblem.unknownID(mentor: side != .mentor, Echo.echoed(b, Echo.token, limit: 64))); return
            }
            guard seen.insert(PairID(a, b)).inserted else {
                t.add(row.line, rankedColumn, RecordProblem.rankedTwice(Echo.echoed(a, Echo.token, limit: 64), Echo.echoed(b, Echo.token, limit: 64))); return
            }
            if firstLine[who] == nil { firstLine[who] = row.line }
            choices[who, default: []].append(RankedChoice(id: b, rank: rank))
        }
        var d = dataset
        for (who, list) in choices.sorted(by: { $0.key < $1.key }) {
            let k = Int(who)
            if side == .mentor {
                if d.mentors[k].preferredMentees.isEmpty { d.mentors[k].preferredMentees = list } else {
                    t.add(firstLine[who]!, rankerColumn, RecordProblem.choicesInTwoPlaces(mentor: true, id: d.mentors[k].id))
                }
            } else {
                let inColumn = d.mentees[k].preferences.contains { if case .mentor = $0 { return true } else { return false } }
                if d.mentees[k].rankedMentors.isEmpty && !inColumn { d.mentees[k].rankedMentors = list } else {
                    t.add(firstLine[who]!, rankerColumn, RecordProblem.choicesInTwoPlaces(mentor: false, id: d.mentees[k].id))
                }
            }
        }
        guard t.issues.isEmpty else { throw InputError.invalid(t.issues) }
        return d
    }
}
