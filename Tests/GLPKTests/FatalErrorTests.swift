import Foundation
import Testing
@testable import GLPK

/// A two-variable LP with a known optimum: max 3x + 2y, x + y ≤ 4, x + 3y ≤ 7, x ≤ 3 (x = 3, y = 1).
func smallLP() -> LinearModel {
    var m = LinearModel(sense: .maximize)
    let x = m.addColumn(.range(0, 3), objective: 3)
    let y = m.addColumn(.lower(0), objective: 2)
    let r0 = m.addRow(.upper(4)), r1 = m.addRow(.upper(7))
    m.set(row: r0, column: x, 1); m.set(row: r0, column: y, 1)
    m.set(row: r1, column: x, 1); m.set(row: r1, column: y, 3)
    return m
}

@Suite struct FatalErrorTests {
    @Test func fatalErrorIsThrownAndProcessSurvives() throws {
        let p = try Problem()
        try p.load(smallLP())
        // Column 99 does not exist: GLPK's own check fails, which would abort() without the hook.
        #expect {
            try p.setObjectiveCoefficientUnchecked(column: 99, 1)
        } throws: { error in
            guard case .fatal(let message) = error as? GLPKError else { return false }
            return message.contains("glp_set_obj_coef") && message.contains("out of range")
        }
        // The environment was freed: the old problem must refuse work instead of crashing.
        #expect(throws: GLPKError.invalidated) { try p.simplex() }
        // And the next problem on the same thread works.
        let q = try Problem()
        try q.load(smallLP())
        let s = try q.simplex()
        #expect(s.status == .optimal)
        #expect(abs(s.objective - 11) < 1e-9)
    }

    @Test func wrongThreadIsRefused() throws {
        let p = try Problem()
        try p.load(smallLP())
        nonisolated(unsafe) let shared = p
        nonisolated(unsafe) var thrown = false
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do { _ = try shared.dimensions() } catch { thrown = (error as? GLPKError) == .wrongThread }
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(thrown)
    }

    @Test func validationRejectsBeforeGLPK() throws {
        var m = smallLP()
        m.objective[0] = .nan
        #expect(throws: GLPKError.self) { try Problem().load(m) }
        var d = smallLP()
        d.set(row: 0, column: 0, 5)
        #expect(throws: GLPKError.invalidModel("duplicate matrix entry (0, 0)")) { try Problem().load(d) }
        var b = smallLP()
        b.columnBounds[0] = .range(2, 1)
        #expect(throws: GLPKError.self) { try Problem().load(b) }
    }
}
