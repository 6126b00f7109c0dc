internal import GLPK

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
    /// What the check found: both objectives, GLPK's status and iterations.
    public struct Report: Sendable, Equatable, Codable {
        /// Objective of the free part, in integer score units, by the network simplex.
        public var networkObjective: Int64
        /// GLPK's objective from the translated basis.
        public var glpkObjective: Int64
        /// GLPK's status after its simplex (``MatchStatus`` raw value).
        public var glpkStatus: String
        /// Simplex iterations GLPK needed from the translated basis (0 when it is optimal as given).
        public var glpkIterations: Int
        /// True when GLPK proved the network's objective optimal.
        public var agrees: Bool { glpkStatus == MatchStatus.optimal.rawValue && glpkObjective == networkObjective }
    }

    /// - Complexity: one network simplex solve, plus GLPK's load and (near-zero) simplex on `pairs` columns.
    @_spi(Stages) public static func check(_ model: MatchingModel) throws -> Report {
        let lp = try CoreLP.build(model)
        let solution = try GLPK.withProblem { p -> LPSolution in
            try p.load(lp.model)
            try p.setBasis(rows: lp.rowStatus, columns: lp.columnStatus)
            return try p.simplex(SimplexOptions(method: .primal))
        }
        return Report(networkObjective: -lp.network.totalCost, glpkObjective: Int64(solution.objective.rounded()),
                      glpkStatus: solution.status.rawValue, glpkIterations: solution.iterations)
    }
}
