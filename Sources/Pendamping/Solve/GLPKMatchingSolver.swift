internal import GLPK

/// Solves the core model with GLPK, one connected component at a time.
///
/// `.simplex` solves the LP (exact, since the matrix is totally unimodular) and also yields
/// mentor slot values from the row duals; `.intopt` solves it as a 0/1 programme by branch and
/// cut. Either way the answer is checked integral and feasible before it is returned.
/// The corresponding GLPK routines are `glp_simplex` and `glp_intopt`.
@_spi(Stages) public struct GLPKMatchingSolver: MatchingSolver {
    /// Which GLPK routine solves.
    public enum Method: String, Sendable {
        /// The LP by `glp_simplex` (exact: the core model is totally unimodular).
        case simplex
        /// The 0/1 programme by `glp_intopt`.
        case intopt
    }
    /// GLPK's simplex on the LP (`glp_simplex`) or its branch and cut on the 0/1 programme (`glp_intopt`).
    public var method: Method
    /// A limit on each GLPK call; nil: none.
    public var timeLimit: Duration?

    /// A solver with `method` and `timeLimit`.
    public init(method: Method = .simplex, timeLimit: Duration? = nil) {
        self.method = method
        self.timeLimit = timeLimit
    }

    /// - Complexity: per component, GLPK's simplex (or branch and cut) on `pairs` columns and
    ///   `mentees + mentors` rows.
    public func solve(_ model: MatchingModel) throws -> SolveOutcome {
        let g = model.graph
        var pairOf = [Int32](repeating: -1, count: g.menteeCount)
        var mentorDual = [Int64](repeating: 0, count: g.mentorCount)
        var menteeDual = [Int64](repeating: 0, count: g.menteeCount)
        var status = MatchStatus.optimal
        var iterations = 0
        var objective: Int64 = 0
        for c in 0..<model.components.count {
            let mentees = model.components.mentees[c], mentors = model.components.mentors[c]
            let (lm, columnPair) = model.linearModel(mentees: mentees, mentors: mentors,
                                                     kind: method == .intopt ? .binary : .continuous)
            let values: [Double]
            let componentStatus: MatchStatus
            switch method {
            case .simplex:
                let s = try GLPK.withProblem { p in try p.load(lm); return try p.simplex(SimplexOptions(timeLimit: timeLimit)) }
                componentStatus = MatchStatus(s.status)
                values = s.columnValues
                iterations += s.iterations
                for (r, j) in mentors.enumerated() { mentorDual[Int(j)] = Int64(s.rowDuals[mentees.count + r].rounded()) }
                for (r, i) in mentees.enumerated() { menteeDual[Int(i)] = Int64(s.rowDuals[r].rounded()) }
            case .intopt:
                let s = try GLPK.withProblem { p in try p.load(lm); return try p.intopt(MIPOptions(timeLimit: timeLimit)) }
                componentStatus = MatchStatus(s.status)
                values = s.columnValues
            }
            if componentStatus != .optimal {
                status = MatchStatus.worse(status, componentStatus)
                if values.isEmpty { continue }
            }
            for (col, v) in values.enumerated() {
                guard abs(v - v.rounded()) < Tolerance.integrality, v.rounded() == 0 || v.rounded() == 1 else {
                    throw MatchingError.invalidSolution("GLPK returned fractional x = \(v) for pair \(columnPair[col].pair)")
                }
                if v.rounded() == 1 {
                    let (p, i) = columnPair[col]
                    objective += model.weight[p]
                    pairOf[Int(i)] = Int32(p)
                }
            }
        }
        let assignment = Assignment(pairOf: pairOf, objective: objective)
        try assignment.verify(model)
        return SolveOutcome(status: status, assignment: assignment,
                            bound: status == .optimal ? Double(objective) : nil,
                            menteeDual: method == .simplex && status == .optimal ? menteeDual : nil,
                            mentorDual: method == .simplex && status == .optimal ? mentorDual : nil,
                            engine: method == .simplex ? .glpkSimplex : .glpkIntopt, iterations: iterations)
    }
}

