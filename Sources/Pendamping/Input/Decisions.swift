import Tabular
/// A curator's decision about one proposed pair.
public enum PairDecision: String, Sendable, CaseIterable {
    /// Keep the pair (it is fixed in the next solve, like a lock).
    case accept
    /// The pair must never be proposed again.
    case reject
    /// The pair is fixed, whatever the scores say.
    case lock
    /// The mentee (or mentor) leaves the programme; give only its id.
    case withdraw
}

/// A pair by the ids of its mentee and mentor: the one key for decisions and previous pairs.
public struct PairID: Hashable, Sendable {
    /// The mentee's id.
    public var menteeID: String
    /// The mentor's id.
    public var mentorID: String
    /// The pair of `menteeID` and `mentorID`.
    public init(_ menteeID: String, _ mentorID: String) { self.menteeID = menteeID; self.mentorID = mentorID }
}

/// Curator decisions by (mentee, mentor) id.
public struct Decisions: Sendable, Equatable {
    /// One row of a decisions file.
    public struct Entry: Sendable, Equatable {
        /// The mentee's id (empty when a mentor withdraws).
        public var menteeID: String
        /// The mentor's id (empty when a mentee withdraws).
        public var mentorID: String
        /// What the curators decided.
        public var decision: PairDecision
        /// The row's 1-based line in its file.
        public var line: Int
        /// The pair the row names.
        public var pair: PairID { PairID(menteeID, mentorID) }
    }

    /// The decision on each pair (withdrawals, which name one side only, left out).
    public var byPair: [PairID: PairDecision] {
        Dictionary(entries.filter { $0.decision != .withdraw }.map { ($0.pair, $0.decision) }, uniquingKeysWith: { a, _ in a })
    }
    /// The rows, in file order.
    public var entries: [Entry] = []
    /// Decisions from their rows.
    public init(entries: [Entry] = []) { self.entries = entries }

    /// Pairs that must appear in the solution (accepted or locked).
    public var fixed: [Entry] { entries.filter { $0.decision == .accept || $0.decision == .lock } }
    /// Rejected pairs.
    public var rejected: [Entry] { entries.filter { $0.decision == .reject } }
    /// Ids withdrawn from the programme.
    public var withdrawnMentees: Set<String> { Set(entries.filter { $0.decision == .withdraw && !$0.menteeID.isEmpty }.map(\.menteeID)) }
    /// Mentor ids withdrawn from the programme.
    public var withdrawnMentors: Set<String> { Set(entries.filter { $0.decision == .withdraw && !$0.mentorID.isEmpty }.map(\.mentorID)) }

    /// Reads `mentee_id, mentor_id, decision` rows, checking ids against `dataset`.
    /// - Complexity: `O(rows)`.
    public static func read(path: String, dataset: Dataset, encoding: TextEncoding = .utf8) throws -> Decisions {
        let file = try CSVFile.read(path: path, encoding: encoding)
        var t = TableReader(file: file, required: [.menteeID, .mentorID, .decision], optional: [])
        let mentees = dataset.menteeIndex(), mentors = dataset.mentorIndex()
        var out = Decisions()
        var seen: [PairID: PairDecision] = [:]
        t.forEachRecord { t, row in
            guard let d = t.required(row, .decision) else { return }
            guard let decision = PairDecision(rawValue: d.lowercased()) else {
                t.add(row.line, .decision, RecordProblem.notDecision(Echo.echoed(d, Echo.word))); return
            }
            if decision == .withdraw {
                let me = t.text(row, .menteeID) ?? "", mo = t.text(row, .mentorID) ?? ""
                guard me.isEmpty != mo.isEmpty else {
                    t.add(row.line, .decision, RecordProblem.withdrawOneSide); return
                }
                if !me.isEmpty && mentees[me] == nil { t.add(row.line, .menteeID, RecordProblem.unknownID(mentor: false, Echo.echoed(me, Echo.token, limit: 64))); return }
                if !mo.isEmpty && mentors[mo] == nil { t.add(row.line, .mentorID, RecordProblem.unknownID(mentor: true, Echo.echoed(mo, Echo.token, limit: 64))); return }
                out.entries.append(Entry(menteeID: me, mentorID: mo, decision: .withdraw, line: row.line))
                return
            }
            guard let me = t.required(row, .menteeID), let mo = t.required(row, .mentorID) else { return }
            if mentees[me] == nil { t.add(row.line, .menteeID, RecordProblem.unknownID(mentor: false, Echo.echoed(me, Echo.token, limit: 64))); return }
            if mentors[mo] == nil { t.add(row.line, .mentorID, RecordProblem.unknownID(mentor: true, Echo.echoed(mo, Echo.token, limit: 64))); return }
            let key = PairID(me, mo)
            if let previous = seen[key] {
                t.add(row.line, .decision, RecordProblem.alreadyDecided(pair: "\(me)–\(mo)", decision: previous.rawValue)); return
            }
            seen[key] = decision
            out.entries.append(Entry(menteeID: me, mentorID: mo, decision: decision, line: row.line))
        }
        guard t.issues.isEmpty else { throw InputError.invalid(t.issues) }
        return out
    }
}
