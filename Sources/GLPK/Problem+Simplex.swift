import CGLPK
import CGLPKShims

/// The result of a simplex call: status, objective, primal values, row duals and the basis.
public struct LPSolution: Sendable {
    /// How the simplex ended.
    public var status: TerminationStatus
    /// The objective at the final basis.
    public var objective: Double
    /// Each column's value at the final basis.
    public var columnValues: [Double]
    /// Dual value (shadow price) of each row: the objective's change per unit of its bound.
    public var rowDuals: [Double]
    /// Each row's place in the final basis.
    public var rowStatus: [BasisStatus]
    /// Each column's place in the final basis.
    public var columnStatus: [BasisStatus]
    /// Simplex iterations this call performed.
    public var iterations: Int
}

extension Problem {
    /// Solves the LP (relaxation) by the simplex method, from the current basis (or GLPK's
    /// standard one when none was set), then reads the solution.
    /// - Complexity: exponential in the worst case; in practice a small multiple of rows in iterations.
    /// The corresponding GLPK routine is `glp_simplex`.
    public func simplex(_ options: SimplexOptions = .init()) throws(GLPKError) -> LPSolution {
        pdm_set_verbose(options.verbose ? 1 : 0)
        defer { pdm_set_verbose(0) }
        let before = try iterationCount()
        var ret: Int32 = 0
        let msg = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        let tm = options.timeLimit?.glpkMilliseconds ?? 0
        try call { pdm_simplex($0, msg, tm, options.presolve ? GLP_ON : GLP_OFF, options.glpMethod, &ret, $1) }

        let d = try dimensions()
        var status: Int32 = 0, obj = 0.0
        var x = [Double](repeating: 0, count: d.columns)
        var y = [Double](repeating: 0, count: d.rows)
        var rs = [Int32](repeating: 0, count: d.rows)
        var cs = [Int32](repeating: 0, count: d.columns)
        try call { pdm_read_solution($0, 0, &status, &obj, &x, &y, &rs, &cs, $1) }
        return LPSolution(status: .simplex(returnCode: ret, status: status), objective: obj,
                          columnValues: x, rowDuals: y,
                          rowStatus: rs.map { BasisStatus(rawValue: $0) ?? .basic },
                          columnStatus: cs.map { BasisStatus(rawValue: $0) ?? .basic },
                          iterations: try iterationCount() - before)
    }
}
