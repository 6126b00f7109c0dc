internal import GLPK

/// One row of a programme rule in the integer programme, for reporting slack and dual.
struct RuleRow: Sendable {
    public enum Kind: String, Sendable { case cohortOpen = "cohort_open", cohortMin = "min_mentees", hours, quota, coverAll = "cover_all" }
    public var kind: Kind
    /// Mentor id, region code or mentee id.
    public var subject: String
    /// Row index in the model.
    var row: Int32
    /// Amount the fixed pairs already contribute (added back for reporting).
    var fixedPart: Double
    /// The row's coefficients on pair (and cohort) columns (column, value).
    var entries: [(Int32, Double)]
    /// The rule's limit when the row's own bound is not it (hours rows scaled by the open switch).
    var limit: Double? = nil
}

/// The rules integer programme built on ``CoreLP``: its columns and rows, then per rule
/// new rows (basic) and a 0/1 "open" column per mentor with a minimum cohort (at 1).
struct RulesModel {
    var lp: CoreLP
    var ruleRows: [RuleRow] = []
    /// Conflicts visible before any solve (e.g. a mentee with no candidate under cover_all).
    var conflicts: [String] = []

    /// - Complexity: `O(pairs + rules)`.
    init(model: MatchingModel, rules: ProgrammeRules, dataset: Dataset) throws {
        lp = try CoreLP.build(model)
        // The core LP's columns are continuous; here each pair is a 0/1 decision.
        for c in 0..<lp.columnPair.count { lp.model.columnKinds[c] = .binary }
        let g = model.graph
        let menteeOfPair = model.menteeOfPair
        let lockedCount = (0..<g.mentorCount).map { Int(model.capacity[$0] - lp.free[$0]) }
        var lockedHours = [Double](repeating: 0, count: g.mentorCount)
        var fixedMentee = Set<Int32>()
        for p in model.fixedPairs {
            if !rules.pairHours.isEmpty { lockedHours[Int(g.mentor[Int(p)])] += rules.pairHours[Int(p)] }
            fixedMentee.insert(menteeOfPair[Int(p)])
        }
        var columnsOfMentor = [[Int32]](repeating: [], count: g.mentorCount)
        var columnsOfMentee = [Int32: [Int32]]()
        for (c, p) in lp.columnPair.enumerated() {
            columnsOfMentor[Int(g.mentor[Int(p)])].append(Int32(c))
            columnsOfMentee[menteeOfPair[Int(p)], default: []].append(Int32(c))
        }
        func addRow(_ bounds: LinearModel.Bounds, _ entries: [(Int32, Double)], _ kind: RuleRow.Kind, _ subject: String, fixedPart: Double,
                    switchTerm: (Int32, Double)? = nil, limit: Double? = nil) {
            let r = lp.model.addRow(bounds)
            for (c, v) in entries { lp.model.set(row: r, column: c, v) }
            if let (c, v) = switchTerm { lp.model.set(row: r, column: c, v) }
            lp.rowStatus.append(.basic)
            ruleRows.append(RuleRow(kind: kind, subject: subject, row: r, fixedPart: fixedPart, entries: entries, limit: limit))
        }

        // The open switch of each mentor with a minimum cohort, for the hours rows below.
        var openColumn = [Int32?](repeating: nil, count: g.mentorCount)
        for j in 0..<g.mentorCount where rules.minCohort[j] > 0 {
            let need = Int(rules.minCohort[j]) - lockedCount[j]
            let id = dataset.mentors[j].id
            guard need > 0 else { continue }
            if lp.free[j] <= 0 || columnsOfMentor[j].isEmpty {
                if lockedCount[j] > 0 { conflicts.append("mentor \(id) has \(lockedCount[j]) fixed mentees, below its minimum cohort \(rules.minCohort[j]), and no room for more") }
                continue
            }
            // y_j = 1 when the mentor opens; forced open by fixed pairs.
            let y = lp.model.addColumn(lockedCount[j] > 0 ? .fixed(1) : .range(0, 1), objective: 0, kind: .binary)
            openColumn[j] = y
            lp.columnStatus.append(lockedCount[j] > 0 ? .fixed : .atUpper)
            let xs = columnsOfMentor[j].map { ($0, 1.0) }
            addRow(.upper(0), xs + [(y, -Double(lp.free[j]))], .cohortOpen, id, fixedPart: Double(lockedCount[j]))
            addRow(.lower(0), xs + [(y, -Double(need))], .cohortMin, id, fixedPart: Double(lockedCount[j]))
        }
        if !rules.pairHours.isEmpty {
            for j in 0..<g.mentorCount {
                guard let limit = rules.hoursLimit[j], !columnsOfMentor[j].isEmpty || lockedCount[j] > 0 else { continue }
                let room = limit - lockedHours[j]
                let xs = columnsOfMentor[j].map { ($0, rules.pairHours[Int(lp.columnPair[Int($0)])]) }
                if let y = openColumn[j], room > 0 {
                    // Σ h·x ≤ room·y: the same integer solutions, a tighter LP relaxation (a
                    // mentor half open gets half its hours).
                    addRow(.upper(0), xs, .hours, dataset.mentors[j].id, fixedPart: lockedHours[j], switchTerm: (y, -room), limit: room)
                } else {
                    addRow(.upper(room), xs, .hours, dataset.mentors[j].id, fixedPart: lockedHours[j])
                }
            }
        }
        for q in rules.quotas {
            let locked = q.mentees.filter { fixedMentee.contains($0) }.count
            let need = q.required - locked
            guard need > 0 else { continue }
            let xs = q.mentees.flatMap { columnsOfMentee[$0] ?? [] }.map { ($0, 1.0) }
            addRow(.lower(Double(need)), xs, .quota, q.region.text, fixedPart: Double(locked))
        }
        if rules.coverAll {
            for i in 0..<g.menteeCount where !fixedMentee.contains(Int32(i)) {
                guard let row = lp.menteeRow[Int32(i)], columnsOfMentee[Int32(i)] != nil else {
                    conflicts.append("mentee \(dataset.mentees[i].id) has no candidate mentor within the rules, so cover_all cannot hold")
                    continue
                }
                lp.model.rowBounds[Int(row)] = .fixed(1)
                if lp.rowStatus[Int(row)] != .basic { lp.rowStatus[Int(row)] = .fixed }
                ruleRows.append(RuleRow(kind: .coverAll, subject: dataset.mentees[i].id, row: row, fixedPart: 0,
                                        entries: columnsOfMentee[Int32(i)]!.map { ($0, 1.0) }))
            }
        }
    }
}
