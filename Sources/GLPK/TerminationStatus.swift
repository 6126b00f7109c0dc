import CGLPK

/// What is true of the model after a solve call that worked (HiGHS' model status,
/// MathOptInterface's termination status). Call failures are ``GLPKError`` instead.
public enum TerminationStatus: String, Sendable, Codable, Equatable {
    /// A proven optimal solution.
    case optimal
    /// A feasible solution, not proven optimal (e.g. the relative gap tolerance was reached).
    case feasible
    /// The model has no feasible solution.
    case infeasible
    /// The objective is unbounded.
    case unbounded
    /// The time limit stopped the solver; a feasible solution may exist (see `hasSolution`).
    case timeLimit = "time_limit"
    /// The application stopped the solver; a feasible solution may exist.
    case stopped
    /// The solver ended without a usable answer (numerical trouble, iteration limit).
    case undefined

    /// Maps glp_simplex's return code and glp_get_status. `O(1)`.
    static func simplex(returnCode ret: Int32, status: Int32) -> TerminationStatus {
        switch ret {
        case 0: break
        case GLP_ETMLIM: return .timeLimit
        case GLP_ESTOP: return .stopped
        case GLP_ENOPFS: return .infeasible
        case GLP_ENODFS: return .unbounded
        default: return .undefined
        }
        switch status {
        case GLP_OPT: return .optimal
        case GLP_FEAS: return .feasible
        case GLP_NOFEAS, GLP_INFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        default: return .undefined
        }
    }

    /// Maps glp_intopt's return code and glp_mip_status. `O(1)`.
    static func intopt(returnCode ret: Int32, status: Int32) -> TerminationStatus {
        switch ret {
        case 0:
            switch status {
            case GLP_OPT: return .optimal
            case GLP_FEAS: return .feasible
            case GLP_NOFEAS: return .infeasible
            default: return .undefined
            }
        case GLP_EMIPGAP: return .feasible
        case GLP_ETMLIM: return .timeLimit
        case GLP_ESTOP: return .stopped
        case GLP_ENOPFS: return .infeasible
        case GLP_ENODFS: return .unbounded
        default: return .undefined
        }
    }
}
