internal import GLPK

/// One row of a programme rule in the integer programme.
struct RuleRow: Sendable {
    enum Kind: Sendable, Equatable {
        /// `Σx ≤ free·y`: the mentor's open switch (no rule of its own).
        case cohortOpen
        case rule(RuleKind)
    }
    var kind: Kind
    /// Mentor, quota or mentee index the row belongs to.
    var index: Int32
    /// Row index in the model.
    var row: Int32
    /// The row's coefficients on pair (and cohort) columns (column, value).
    var entries: [(Int32, Double)]
}

/// The rules integer programme built on ``CoreLP``: its columns and rows, then per rule
/// new rows (basic) and a 0/1 "open" column per mentor with a minimum cohort (at 1).
/// Built only when GLPK runs (``RulesSolver``'s third stage).
struct RulesModel {
    var lp: CoreLP
    var ruleRows: [RuleRow] = []

    /// - Parameter optimum: the core's optimal assignment (from the first stage), which starts
    ///   the network simplex that yields the warm basis, so only degenerate pivots remain.
    /// - Complexity: `O(pairs + rules)` plus those pivots.
    init(model: MatchingModel, rules: ProgrammeRules, optimum: Assignment) throws {
        lp = try CoreLP.build(model, optimum: optimum)
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
        func addRow(_ bounds: LinearModel.Bounds, _ entries: [(Int32, Double)], _ kind: RuleRow.Kind, _ index: Int,
                    switchTerm: (Int32, Double)? = nil) {
            let r = lp.model.addRow(bounds)
            for (c, v) in entries { lp.model.set(row: r, column: c, v) }
            if let (c, v) = switchTerm { lp.model.set(row: r, column: c, v) }
            lp.rowStatus.append(.basic)
            ruleRows.append(RuleRow(kind: kind, index: Int32(index), row: r, entries: entries + (switchTerm.map { [$0] } ?? [])))
        }

        // The open switch of each mentor with a minimum cohort, for the hours rows below.
        // (A mentor held open by fixed pairs without room to grow is a conflict found before
        // this model is built: ``ProgrammeRules/conflictsBeforeSolve(_:)``.)
        var openColumn = [Int32?](repeating: nil, count: g.mentorCount)
        for j in 0..<g.mentorCount where rules.minCohort[j] > 0 {
            let need = Int(rules.minCohort[j]) - lockedCount[j]
            guard need > 0, lp.free[j] > 0, !columnsOfMentor[j].isEmpty else { continue }
            // y_j = 1 when the mentor opens; forced open by fixed pairs.
            let y = lp.model.addColumn(lockedCount[j] > 0 ? .fixed(1) : .range(0, 1), objective: 0, kind: .binary)
            openColumn[j] = y
            lp.columnStatus.append(lockedCount[j] > 0 ? .fixed : .atUpper)
            let xs = columnsOfMentor[j].map { ($0, 1.0) }
            addRow(.upper(0), xs, .cohortOpen, j, switchTerm: (y, -Double(lp.free[j])))
            addRow(.lower(0), xs, .rule(.minMentees), j, switchTerm: (y, -Double(need)))
        }
        if !rules.pairHours.isEmpty {
            for j in 0..<g.mentorCount {
                guard let limit = rules.hoursLimit[j], !columnsOfMentor[j].isEmpty else { continue }
                let room = limit - lockedHours[j]
                let xs = columnsOfMentor[j].map { ($0, rules.pairHours[Int(lp.columnPair[Int($0)])]) }
                if let y = openColumn[j], room > 0 {
                    // Σ h·x ≤ room·y: the same integer solutions, a tighter LP relaxation (a
                    // mentor half open gets half its hours).
                    addRow(.upper(0), xs, .rule(.hours), j, switchTerm: (y, -room))
                } else {
                    addRow(.upper(room), xs, .rule(.hours), j)
                }
            }
        }
        for (k, q) in rules.quotas.enumerated() {
            let need = q.required - q.mentees.filter { fixedMentee.contains($0) }.count
            guard need > 0 else { continue }
            let xs = q.mentees.flatMap { columnsOfMentee[$0] ?? [] }.map { ($0, 1.0) }
            addRow(.lower(Double(need)), xs, .rule(.quota), k)
        }
        if rules.coverAll {
            for i in 0..<g.menteeCount where !fixedMentee.contains(Int32(i)) {
                // Every free mentee has a row and a column here (checked before the solve).
                guard let row = lp.menteeRow[Int32(i)], let columns = columnsOfMentee[Int32(i)] else { continue }
                lp.model.rowBounds[Int(row)] = .fixed(1)
                if lp.rowStatus[Int(row)] != .basic { lp.rowStatus[Int(row)] = .fixed }
                ruleRows.append(RuleRow(kind: .rule(.coverAll), index: Int32(i), row: row, entries: columns.map { ($0, 1.0) }))
            }
        }
    }

    /// Column values (pairs, then open switches) of an assignment. - Complexity: `O(columns + rule entries)`.
    func columnValues(of a: Assignment) -> [Double] {
        var chosen = Set<Int32>()
        for p in a.pairOf where p >= 0 { chosen.insert(p) }
        var x = lp.columnPair.map { chosen.contains($0) ? 1.0 : 0 }
        for _ in lp.columnPair.count..<lp.model.columnCount { x.append(0) }
        // Open switch: 1 when the mentor has mentees (fixed ones included: then it is fixed at 1).
        for r in ruleRows where r.kind == .cohortOpen {
            guard let (y, _) = r.entries.last else { continue }
            let load = r.entries.dropLast().reduce(0.0) { $0 + x[Int($1.0)] }
            if case .fixed = lp.model.columnBounds[Int(y)] { x[Int(y)] = 1 } else { x[Int(y)] = load > 0 ? 1 : 0 }
        }
        return x
    }

    /// Dual of each rule row in GLPK's solution, keyed by rule and subject, in score units.
    func rootDuals(_ rowDuals: [Double]) -> [RuleKey: Double] {
        var out: [RuleKey: Double] = [:]
        for r in ruleRows {
            guard case .rule(let rule) = r.kind else { continue }
            out[RuleKey(rule: rule, index: r.index)] = rowDuals[Int(r.row)] / ScoringModel.integerScale
        }
        return out
    }
}

extension RulesModel {
    /// Columns the model would have (a pair column per pair of a free mentee and a mentor
    /// with a free slot, plus an open switch per mentor whose minimum cohort is still to
    /// reach), counted without building it, to decide whether GLPK can run.
    /// - Complexity: `O(pairs + m)`.
    static func columnCount(_ model: MatchingModel, rules: ProgrammeRules) -> Int {
        let g = model.graph
        let fixed = model.fixedPart()
        var pairs = 0
        var hasColumn = [Bool](repeating: false, count: g.mentorCount)
        for i in fixed.freeMentees {
            for p in g.pairs(ofMentee: Int(i)) where fixed.free[Int(g.mentor[p])] > 0 {
                pairs += 1; hasColumn[Int(g.mentor[p])] = true
            }
        }
        var switches = 0
        for j in 0..<g.mentorCount where rules.minCohort[j] > 0 && hasColumn[j] {
            if Int(rules.minCohort[j]) > Int(model.capacity[j] - fixed.free[j]) { switches += 1 }
        }
        return pairs + switches
    }
}
