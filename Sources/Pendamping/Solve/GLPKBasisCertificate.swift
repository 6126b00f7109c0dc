import GLPK
import MinCostFlow

/// GLPK as an independent proof of the network solver's optimum ("GLPK certifies").
///
/// The free part of the core model (fixed pairs taken out, as the network solver sees it) is
/// solved by ``NetworkSimplex``; its final spanning tree is translated into a GLPK basis of the
/// same problem written as an LP (one column per pair, rows `0 ≤ Σx ≤ 1` per mentee and
/// `0 ≤ Σx ≤ free capacity` per mentor): tree arcs are basic (a pair arc → its column, a
/// mentee→T or mentor→T arc → that row's auxiliary variable), non-tree arcs sit at their
/// bound. `glp_simplex` started there must report optimality in (near) zero iterations with
/// the same objective.
/// The corresponding GLPK routines are `glp_set_row_stat`, `glp_set_col_stat`, `glp_simplex`.
public enum GLPKBasisCertificate {
    public struct Report: Sendable, Equatable, Codable {
        /// Objective of the free part, in integer score units, by the network simplex.
        public var networkObjective: Int64
        /// GLPK's objective from the translated basis.
        public var glpkObjective: Int64
        public var glpkStatus: String
        /// Simplex iterations GLPK needed from the translated basis (0 when it is optimal as given).
        public var glpkIterations: Int
        public var agrees: Bool { glpkStatus == TerminationStatus.optimal.rawValue && glpkObjective == networkObjective }
    }

    /// - Complexity: one network simplex solve, plus GLPK's load and (near-zero) simplex on `pairs` columns.
    public static func check(_ model: MatchingModel) throws -> Report {
        let g = model.graph
        var free = model.capacity
        let menteeOfPair = g.pairMentees()
        var fixedMentee = Set<Int32>()
        for p in model.fixedPairs { free[Int(g.mentor[Int(p)])] -= 1; fixedMentee.insert(menteeOfPair[Int(p)]) }
        let mentees = (0..<Int32(g.menteeCount)).filter { !fixedMentee.contains($0) && !g.pairs(ofMentee: Int($0)).isEmpty }
        let core = CoreNetwork(model: model, mentees: mentees, mentorsInScope: Array(0..<Int32(g.mentorCount)), freeCapacity: free)
        let net = core.network
        let r = try NetworkSimplex.solve(net, start: core.greedyStart())
        guard r.status == .optimal, r.basisIsReal else { throw MatchingError.solverFailed("network simplex gave no real optimal basis") }

        // The same problem as an LP, rows: mentees then mentors; columns: pair arcs in arc order.
        var lm = LinearModel(sense: .maximize)
        let nMentees = core.mentees.count
        for _ in 0..<nMentees { lm.addRow(.range(0, 1)) }
        for (k, j) in core.mentors.enumerated() {
            _ = k
            lm.addRow(.range(0, Double(free[Int(j)])))
        }
        var rowStatus = [BasisStatus](repeating: .basic, count: nMentees + core.mentors.count)
        var columnStatus: [BasisStatus] = []
        for e in 0..<net.arcCount {
            let s = Int(net.source[e]), t = Int(net.target[e])
            let state = r.arcState[e]
            if core.arcPair[e] >= 0 {
                let c = lm.addColumn(.range(0, 1), objective: Double(-net.cost[e]))
                lm.set(row: Int32(s), column: c, 1)
                lm.set(row: Int32(t), column: c, 1)
                columnStatus.append(state == .tree ? .basic : (state == .lower ? .atLower : .atUpper))
            } else if s < nMentees {
                // mentee→T carries 1 − Σx: at its lower bound (0) the row sits at its upper bound.
                rowStatus[s] = state == .tree ? .basic : .atUpper
            } else {
                // mentor→T carries Σx itself.
                rowStatus[s] = state == .tree ? .basic : (state == .lower ? .atLower : .atUpper)
            }
        }
        let solution = try GLPK.withProblem { p -> LPSolution in
            try p.load(lm)
            try p.setBasis(rows: rowStatus, columns: columnStatus)
            return try p.simplex(SimplexOptions(method: .primal))
        }
        return Report(networkObjective: -r.totalCost, glpkObjective: Int64(solution.objective.rounded()),
                      glpkStatus: solution.status.rawValue, glpkIterations: solution.iterations)
    }
}
