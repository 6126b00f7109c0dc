internal import GLPK
import MinCostFlow

/// The free part of the core model (fixed pairs taken out) as an LP, together with the
/// network simplex's optimal spanning tree translated into a GLPK basis of that LP.
///
/// Rows: one per free mentee in the network (`0 ≤ Σx ≤ 1`), then one per mentor with free
/// capacity (`0 ≤ Σx ≤ free`); columns: one per pair arc, in arc order. A tree arc is basic (a
/// pair arc → its column; mentee→T or mentor→T → that row's auxiliary variable); a non-tree
/// arc sits at its bound (mentee→T at zero flow means the mentee row is at its upper bound 1).
struct CoreLP {
    let core: CoreNetwork
    let network: NetworkSimplex.Result
    var model: LinearModel
    var rowStatus: [BasisStatus]
    var columnStatus: [BasisStatus]
    /// Pair index of each column.
    let columnPair: [Int32]
    /// Free capacity of each mentor after fixed pairs.
    let free: [Int32]
    /// Row of each network mentor.
    let mentorRow: [Int32: Int32]
    /// Row of each network mentee.
    let menteeRow: [Int32: Int32]

    /// - Parameter optimum: an optimal assignment of the core already known (fixed pairs
    ///   included); the network simplex starts from it, so it only turns that flow's tree into
    ///   an optimal basis (degenerate pivots). Without it, the greedy start.
    /// - Complexity: one network simplex solve plus `O(pairs)`.
    static func build(_ model: MatchingModel, optimum: Assignment? = nil) throws -> CoreLP {
        let g = model.graph
        let fixed = model.fixedPart()
        let free = fixed.free
        let core = CoreNetwork(model: model, mentees: fixed.freeMentees, mentorsInScope: Array(0..<Int32(g.mentorCount)), freeCapacity: free)
        let net = core.network
        let start = optimum.map { a in core.start(pairOf: core.mentees.map { a.pairOf[Int($0)] }) } ?? core.greedyStart(model)
        let r = try NetworkSimplex.solve(net, start: start)
        guard r.status == .optimal, r.basisIsReal else { throw MatchingError.solverFailed("network simplex gave no real optimal basis") }

        var lm = LinearModel(sense: .maximize)
        let nMentees = core.mentees.count
        for _ in 0..<nMentees { lm.addRow(.range(0, 1)) }
        for j in core.mentors { lm.addRow(.range(0, Double(free[Int(j)]))) }
        var rowStatus = [BasisStatus](repeating: .basic, count: nMentees + core.mentors.count)
        var columnStatus: [BasisStatus] = [], columnPair: [Int32] = []
        for e in 0..<net.arcCount {
            let s = Int(net.source[e]), t = Int(net.target[e])
            let state = r.arcState[e]
            if core.arcPair[e] >= 0 {
                let c = lm.addColumn(.range(0, 1), objective: Double(-net.cost[e]))
                lm.set(row: Int32(s), column: c, 1)
                lm.set(row: Int32(t), column: c, 1)
                columnStatus.append(state == .inTree ? .basic : (state == .atLower ? .atLower : .atUpper))
                columnPair.append(core.arcPair[e])
            } else if s < nMentees {
                rowStatus[s] = state == .inTree ? .basic : .atUpper
            } else {
                rowStatus[s] = state == .inTree ? .basic : (state == .atLower ? .atLower : .atUpper)
            }
        }
        var mentorRow: [Int32: Int32] = [:], menteeRow: [Int32: Int32] = [:]
        for (k, j) in core.mentors.enumerated() { mentorRow[j] = Int32(nMentees + k) }
        for (k, i) in core.mentees.enumerated() { menteeRow[i] = Int32(k) }
        return CoreLP(core: core, network: r, model: lm, rowStatus: rowStatus, columnStatus: columnStatus,
                      columnPair: columnPair, free: free, mentorRow: mentorRow, menteeRow: menteeRow)
    }
}
