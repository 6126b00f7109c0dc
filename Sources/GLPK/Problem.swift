import CGLPK
import CGLPKShims
#if canImport(Glibc)
import Glibc
#endif

/// A GLPK problem object, owned by the thread that created it.
///
/// GLPK keeps one environment per thread, and a fatal error frees it (with every problem in
/// it). So a `Problem` is created, used and deleted on one OS thread: every call checks the
/// thread and the environment generation and throws ``GLPKError/wrongThread`` or
/// ``GLPKError/invalidated`` rather than touching freed memory. It is not `Sendable`.
/// Prefer ``GLPK/withProblem(_:)``, which scopes the problem to one synchronous call.
public final class Problem {
    private var raw: OpaquePointer?
    private let generation: UInt
    private let owner: pthread_t

    /// Creates an empty problem. The corresponding GLPK routine is `glp_create_prob`.
    public init() throws(GLPKError) {
        owner = pthread_self()
        generation = UInt(pdm_generation())
        var err = pdm_error()
        var p: OpaquePointer?
        guard pdm_create_prob(&p, &err) == 0, let p else { throw GLPK.fatal(err) }
        raw = p
    }

    deinit {
        // Deleting from another thread would touch another thread's environment: leak instead.
        guard let raw, pthread_equal(owner, pthread_self()) != 0,
              UInt(pdm_generation()) == generation else { return }
        var err = pdm_error()
        _ = pdm_delete_prob(raw, &err)
    }

    /// The raw pointer, after checking thread and environment.
    func pointer() throws(GLPKError) -> OpaquePointer {
        guard pthread_equal(owner, pthread_self()) != 0 else { throw .wrongThread }
        guard UInt(pdm_generation()) == generation, let raw else { throw .invalidated }
        return raw
    }

    /// Runs a guarded C call, turning a GLPK fatal error into a thrown ``GLPKError/fatal(message:)``.
    func call(_ body: (OpaquePointer, UnsafeMutablePointer<pdm_error>) -> Int32) throws(GLPKError) {
        let p = try pointer()
        var err = pdm_error()
        if body(p, &err) != 0 {
            raw = nil
            throw GLPK.fatal(err)
        }
    }

    /// Row count, column count and direction (true when maximising).
    /// The corresponding GLPK routines are `glp_get_num_rows`, `glp_get_num_cols`, `glp_get_obj_dir`.
    public func dimensions() throws(GLPKError) -> (rows: Int, columns: Int, maximize: Bool) {
        var m: Int32 = 0, n: Int32 = 0, dir: Int32 = 0
        try call { pdm_dims($0, &m, &n, &dir, $1) }
        return (Int(m), Int(n), dir == GLP_MAX)
    }

    /// Replaces the problem's content with `model`, after ``LinearModel/validate()``.
    /// - Complexity: `O(rows + columns + entries)`.
    /// The corresponding GLPK routines are `glp_add_rows`, `glp_add_cols`, `glp_set_row_bnds`,
    /// `glp_set_col_bnds`, `glp_set_obj_coef`, `glp_set_col_kind` and `glp_load_matrix`.
    public func load(_ model: LinearModel) throws(GLPKError) {
        try model.validate()
        func split(_ b: [LinearModel.Bounds]) -> ([Int32], [Double], [Double]) {
            var t = [Int32](), l = [Double](), u = [Double]()
            t.reserveCapacity(b.count); l.reserveCapacity(b.count); u.reserveCapacity(b.count)
            for x in b {
                switch x {
                case .free: t.append(GLP_FR); l.append(0); u.append(0)
                case .lower(let v): t.append(GLP_LO); l.append(v); u.append(0)
                case .upper(let v): t.append(GLP_UP); l.append(0); u.append(v)
                case .range(let a, let c): t.append(a == c ? GLP_FX : GLP_DB); l.append(a); u.append(c)
                case .fixed(let v): t.append(GLP_FX); l.append(v); u.append(v)
                }
            }
            return (t, l, u)
        }
        let (rt, rl, ru) = split(model.rowBounds)
        let (ct, cl, cu) = split(model.columnBounds)
        let kinds: [Int32] = model.columnKinds.map {
            switch $0 { case .continuous: GLP_CV; case .integer: GLP_IV; case .binary: GLP_BV }
        }
        var ia = [Int32](repeating: 0, count: model.entries.count + 1)
        var ja = ia
        var ar = [Double](repeating: 0, count: model.entries.count + 1)
        for (k, e) in model.entries.enumerated() {
            ia[k + 1] = e.row + 1; ja[k + 1] = e.column + 1; ar[k + 1] = e.value
        }
        let dir = model.sense == .maximize ? GLP_MAX : GLP_MIN
        try call {
            pdm_load_model($0, dir, Int32(model.rowCount), rt, rl, ru,
                           Int32(model.columnCount), ct, cl, cu, model.objective, kinds,
                           Int32(model.entries.count), ia, ja, ar, $1)
        }
    }

    /// Sets one objective coefficient without any check of `column`: GLPK validates it, and an
    /// out-of-range column is a GLPK fatal error (thrown). Exists to exercise the fatal path.
    /// The corresponding GLPK routine is `glp_set_obj_coef`.
    public func setObjectiveCoefficientUnchecked(column: Int32, _ value: Double) throws(GLPKError) {
        try call { pdm_set_obj_coef($0, column, value, $1) }
    }

    /// Installs a starting basis (one status per row, then per column, 0-based).
    /// The corresponding GLPK routines are `glp_set_row_stat` and `glp_set_col_stat`.
    public func setBasis(rows: [BasisStatus], columns: [BasisStatus]) throws(GLPKError) {
        let dims = try dimensions()
        guard rows.count == dims.rows, columns.count == dims.columns else {
            throw .invalidModel("basis has \(rows.count) rows and \(columns.count) columns; problem has \(dims.rows) and \(dims.columns)")
        }
        let r = [0] + rows.map(\.rawValue)
        let c = [0] + columns.map(\.rawValue)
        try call { pdm_set_basis($0, r, c, $1) }
    }

    /// Simplex iterations performed on this problem so far. The corresponding GLPK routine is `glp_get_it_cnt`.
    public func iterationCount() throws(GLPKError) -> Int {
        var n: Int32 = 0
        try call { pdm_iterations($0, &n, $1) }
        return Int(n)
    }
}

/// Status of a row or column in a simplex basis (GLP_BS, GLP_NL, GLP_NU, GLP_NF, GLP_NS).
public enum BasisStatus: Int32, Sendable, Equatable {
    /// Basic, non-basic at the lower or upper bound, non-basic free, or non-basic fixed.
    case basic = 1, atLower = 2, atUpper = 3, free = 4, fixed = 5
}

/// Namespace for entry points that are not tied to one problem.
public enum GLPK {
    /// Creates a problem, passes it to `body` and deletes it before returning, all on the
    /// calling thread.
    public static func withProblem<R>(_ body: (Problem) throws -> R) throws -> R {
        let p = try Problem()
        return try withExtendedLifetime(p) { try body(p) }
    }

    /// GLPK's version string. The corresponding GLPK routine is `glp_version`.
    public static var version: String { String(cString: glp_version()) }

    static func fatal(_ err: pdm_error) -> GLPKError {
        var e = err
        let message = withUnsafeBytes(of: &e.message) { buf in
            String(decoding: buf.prefix { $0 != 0 }, as: UTF8.self)
        }
        return .fatal(message: message)
    }
}
