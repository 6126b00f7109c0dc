internal import GLPK

extension MatchingModel {
    /// The core model over `mentees` and `mentors` as a linear (or 0/1) programme: one column
    /// per pair (fixed pairs at 1), rows `mentee ≤ 1` then `mentor ≤ capacity`. Maximises
    /// Σ score·x, or minimises Σ −score·x (the min-cost-flow sign, for exports).
    /// Returns the model and the pair and mentee of each column.
    /// - Complexity: `O(mentees·k + mentors)`.
    func linearModel(mentees: [Int32], mentors: [Int32], kind: LinearModel.Kind = .continuous,
                            sense: LinearModel.Sense = .maximize, capacity rowCapacity: [Int32]? = nil) -> (LinearModel, [(pair: Int, mentee: Int32)]) {
        let capacity = rowCapacity ?? self.capacity
        let g = graph
        let fixed = fixedMask()
        let weight = self.weight
        var lm = LinearModel(sense: sense)
        var mentorRow = [Int32: Int32]()
        for (r, j) in mentors.enumerated() { mentorRow[j] = Int32(mentees.count + r) }
        for _ in mentees { lm.addRow(.upper(1)) }
        for j in mentors { lm.addRow(.upper(Double(capacity[Int(j)]))) }
        var columns: [(pair: Int, mentee: Int32)] = []
        for (r, i) in mentees.enumerated() {
            for p in g.pairs(ofMentee: Int(i)) {
                guard let row = mentorRow[g.mentor[p]] else { continue }
                let c = Double(weight[p])
                let col = lm.addColumn(fixed[p] ? .fixed(1) : .range(0, 1), objective: sense == .maximize ? c : -c, kind: kind)
                lm.set(row: Int32(r), column: col, 1)
                lm.set(row: row, column: col, 1)
                columns.append((p, i))
            }
        }
        return (lm, columns)
    }
}
