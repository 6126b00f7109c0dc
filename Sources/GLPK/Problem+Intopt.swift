import CGLPK
import CGLPKShims

/// The result of a branch-and-cut call.
public struct MIPSolution: Sendable {
    /// How the search ended (optimal, time limit, stopped, infeasible, …).
    public var status: TerminationStatus
    /// Objective of the incumbent, when there is one.
    public var objective: Double?
    /// Column values of the incumbent (empty when there is none).
    public var columnValues: [Double]
    /// Best bound proven for the objective when the search ended (the incumbent when optimal).
    public var bound: Double?
    /// Relative gap |incumbent − bound| / (|incumbent| + ε), GLPK's definition.
    public var relativeGap: Double?

    /// True when the search found an incumbent.
    public var hasSolution: Bool { objective != nil }
}

/// A flag another thread (or a signal handler's dispatch source) sets to stop a running
/// branch and cut; the search returns ``TerminationStatus/stopped`` with its incumbent.
public final class StopFlag: @unchecked Sendable {
    let storage: UnsafeMutablePointer<Int32>
    /// A flag not yet set.
    public init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: 0)
    }
    deinit { storage.deallocate() }
    /// Requests the stop. Safe from any thread.
    public func stop() { storage.pointee = 1 }
    /// True once ``stop()`` was called.
    public var isStopped: Bool { storage.pointee != 0 }
}

private final class ProgressBox {
    let handler: (MIPProgress) -> Void
    init(_ handler: @escaping (MIPProgress) -> Void) { self.handler = handler }
}

extension Problem {
    /// Solves the problem as a MIP by branch and cut.
    ///
    /// - Parameters:
    ///   - start: an optional feasible incumbent (one value per column) offered to GLPK's
    ///     first heuristic callback (`glp_ios_heur_sol`). GLPK checks only its integrality, and
    ///     with the MIP presolver on the callback sees the presolved problem, whose columns need
    ///     not match the model's (measured: a GAP model with a column fixed by presolve took a
    ///     shifted start as its incumbent). So the start is offered only when the problem
    ///     searched has as many columns and every row and bound holds at its values; else the
    ///     search runs without it.
    ///   - stop: a flag that ends the search with ``TerminationStatus/stopped``.
    ///   - mailbox: incumbents found by another thread during the search, offered at each
    ///     heuristic callback under the same conditions as `start`.
    ///   - progress: called on each new incumbent and at `progressInterval` while searching;
    ///     it must not call GLPK.
    /// Without presolve GLPK needs an optimal LP basis first: this runs ``simplex(_:)`` itself then.
    /// - Complexity: exponential in the worst case.
    /// The corresponding GLPK routine is `glp_intopt`.
    public func intopt(_ options: MIPOptions = .init(), start: [Double]? = nil, stop: StopFlag? = nil,
                       mailbox: IncumbentMailbox? = nil,
                       progress: ((MIPProgress) -> Void)? = nil) throws(GLPKError) -> MIPSolution {
        let d = try dimensions()
        if let start, start.count != d.columns {
            throw .invalidModel("start has \(start.count) values for \(d.columns) columns")
        }
        if !options.presolve {
            let lp = try simplex(SimplexOptions(timeLimit: options.timeLimit, method: .dualThenPrimal, verbose: options.verbose))
            guard lp.status == .optimal else {
                return MIPSolution(status: lp.status == .unbounded ? .unbounded : lp.status,
                                   objective: nil, columnValues: [], bound: nil, relativeGap: nil)
            }
        }
        pdm_set_verbose(options.verbose ? 1 : 0)
        defer { pdm_set_verbose(0) }
        let box = progress.map(ProgressBox.init)
        let startValues: [Double]? = start.map { [0] + $0 }
        var ret: Int32 = 0
        let lastBound = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        let hasBound = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        lastBound.initialize(to: 0); hasBound.initialize(to: 0)
        defer { lastBound.deallocate(); hasBound.deallocate() }
        let unmanaged = box.map { Unmanaged.passUnretained($0) }
        let mail = mailbox.map { MailboxContext($0, columns: d.columns) }
        try withExtendedLifetime((box, stop, mail)) { () throws(GLPKError) in
            var p = pdm_mip_params()
            p.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
            p.tm_lim = options.timeLimit?.glpkMilliseconds ?? 0
            p.mip_gap = options.relativeGap
            p.presolve = options.presolve ? GLP_ON : GLP_OFF
            p.gmi_cuts = options.gomoryCuts ? GLP_ON : GLP_OFF
            p.mir_cuts = options.mirCuts ? GLP_ON : GLP_OFF
            p.cov_cuts = options.coverCuts ? GLP_ON : GLP_OFF
            p.clq_cuts = options.cliqueCuts ? GLP_ON : GLP_OFF
            p.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
            p.ps_heur = options.proximitySearch ? GLP_ON : GLP_OFF
            // Proximity search has its own clock (default 60 s); keep it within the solve's limit.
            p.ps_tm_lim = options.timeLimit.map { max(1, $0.glpkMilliseconds / 4) } ?? 0
            p.stop = stop.map { UnsafePointer($0.storage) }
            p.progress_ms = options.progressInterval.glpkMilliseconds
            p.bound_out = lastBound
            p.has_bound_out = hasBound
            if let unmanaged {
                p.progress_ctx = unmanaged.toOpaque()
                p.progress = { ctx, inc, has, bound, gap, active, total in
                    let box = Unmanaged<ProgressBox>.fromOpaque(ctx!).takeUnretainedValue()
                    let snap = MIPProgress(incumbent: has != 0 ? inc : nil, bound: bound,
                                           relativeGap: gap, activeNodes: Int(active), totalNodes: Int(total))
                    box.handler(snap)
                }
            }
            if let mail {
                p.start_ncols = Int32(d.columns)
                p.fetch_ctx = Unmanaged.passUnretained(mail).toOpaque()
                p.fetch = { ctx, x in
                    let mail = Unmanaged<MailboxContext>.fromOpaque(ctx!).takeUnretainedValue()
                    return mail.mailbox.take(into: x!, count: mail.columns) ? 1 : 0
                }
            }
            if let startValues {
                try startValues.withUnsafeBufferPointer { (buf) throws(GLPKError) in
                    p.start = buf.baseAddress
                    p.start_ncols = Int32(d.columns)
                    try call { pdm_intopt($0, &p, &ret, $1) }
                }
            } else {
                try call { pdm_intopt($0, &p, &ret, $1) }
            }
        }
        var status: Int32 = 0, obj = 0.0
        var x = [Double](repeating: 0, count: d.columns)
        try call { pdm_read_solution($0, 1, &status, &obj, &x, nil, nil, nil, $1) }
        let term = TerminationStatus.intopt(returnCode: ret, status: status)
        let has = status == GLP_OPT || status == GLP_FEAS
        var bound: Double? = has ? obj : nil
        var gap: Double? = has ? 0 : nil
        if term != .optimal {
            // The search ended early: the bound is the best node bound at the last node selection
            // (GLPK's proven bound then); the gap uses GLPK's definition |obj − bound| / (|obj| + ε).
            bound = hasBound.pointee != 0 ? lastBound.pointee : nil
            gap = has && bound != nil ? abs(obj - bound!) / (abs(obj) + Double.ulpOfOne) : nil
        }
        return MIPSolution(status: term, objective: has ? obj : nil, columnValues: has ? x : [],
                           bound: bound, relativeGap: gap)
    }
}
