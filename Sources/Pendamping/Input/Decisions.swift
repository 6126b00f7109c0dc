/// A curator's decision about one proposed pair.
public enum PairDecision: String, Sendable, CaseIterable {
    /// Keep the pair (it is fixed in the next solve, like a lock).
    case accept
    /// The pair must never be proposed again.
    case reject
    /// The pair is fixed, whatever the scores say.
    case lock
}

/// Curator decisions by (mentee, mentor) id.
public struct Decisions: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var menteeID: String
        public var mentorID: String
        public var decision: PairDecision
        public var line: Int
    }
    public var entries: [Entry] = []
    public init(entries: [Entry] = []) { self.entries = entries }

    /// Pairs that must appear in the solution (accepted or locked).
    public var fixed: [Entry] { entries.filter { $0.decision != .reject } }
    public var rejected: [Entry] { entries.filter { $0.decision == .reject } }

    /// Reads `mentee_id, mentor_id, decision` rows, checking ids against `dataset`.
    /// - Complexity: `O(rows)`.
    public static func read(path: String, dataset: Dataset) throws -> Decisions {
        let file = try CSVFile.read(path: path)
        var t = TableReader(file: file, required: ["mentee_id", "mentor_id", "decision"], optional: [])
        let mentees = dataset.menteeIndex(), mentors = dataset.mentorIndex()
        var out = Decisions()
        var seen: [String: PairDecision] = [:]
        if t.issues.isEmpty {
            for i in file.records.indices where !t.isFull {
                let row = t.row(i)
                guard row.fields.count == file.header.count else {
                    t.add(row.line, nil, "has \(row.fields.count) fields; the header has \(file.header.count)")
                    continue
                }
                guard let me = t.required(row, "mentee_id"), let mo = t.required(row, "mentor_id"),
                      let d = t.required(row, "decision") else { continue }
                guard let decision = PairDecision(rawValue: d.lowercased()) else {
                    t.add(row.line, "decision", "'\(d)' is not accept, reject or lock"); continue
                }
                if mentees[me] == nil { t.add(row.line, "mentee_id", "unknown mentee '\(me)'"); continue }
                if mentors[mo] == nil { t.add(row.line, "mentor_id", "unknown mentor '\(mo)'"); continue }
                let key = me + "\u{0}" + mo
                if let previous = seen[key] {
                    t.add(row.line, "decision", "pair \(me)–\(mo) already has a decision (\(previous.rawValue))"); continue
                }
                seen[key] = decision
                out.entries.append(Entry(menteeID: me, mentorID: mo, decision: decision, line: row.line))
            }
        }
        guard t.issues.isEmpty else { throw InputError.invalid(t.issues) }
        return out
    }
}
