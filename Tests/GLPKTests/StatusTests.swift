import Foundation
import Testing
@testable import GLPK

@Suite struct StatusTests {
    @Test func optimalLPAndDuals() throws {
        let p = try Problem()
        try p.load(smallLP())
        let s = try p.simplex()
        #expect(s.status == .optimal)
        #expect(s.columnValues.map { ($0 * 1e9).rounded() / 1e9 } == [3, 1])
        // Row 0 (x + y ≤ 4) binds with dual 2; row 1 is slack.
        #expect(abs(s.rowDuals[0] - 2) < 1e-9 && abs(s.rowDuals[1]) < 1e-9)
    }

    @Test func infeasibleAndUnbounded() throws {
        var inf = LinearModel(sense: .minimize)
        let x = inf.addColumn(.lower(0), objective: 1)
        let r = inf.addRow(.lower(5)); inf.set(row: r, column: x, 1)
        let r2 = inf.addRow(.upper(3)); inf.set(row: r2, column: x, 1)
        let p = try Problem(); try p.load(inf)
        #expect(try p.simplex().status == .infeasible)
        #expect(try p.intopt().status == .infeasible)

        var unb = LinearModel(sense: .maximize)
        let y = unb.addColumn(.lower(0), objective: 1)
        let ru = unb.addRow(.lower(1)); unb.set(row: ru, column: y, 1)
        let q = try Problem(); try q.load(unb)
        #expect(try q.simplex().status == .unbounded)
    }

    /// Jeroslow's problem: max x₁ s.t. Σ 2xᵢ = n (n odd), binary x. Infeasible, yet plain
    /// branch and bound needs exponentially many nodes to prove it.
    func jeroslow(_ n: Int) -> LinearModel {
        var m = LinearModel(sense: .maximize)
        let r = m.addRow(.fixed(Double(n)))
        for i in 0..<n {
            let c = m.addColumn(.range(0, 1), objective: i == 0 ? 1 : 0, kind: .binary)
            m.set(row: r, column: c, 2)
        }
        return m
    }

    @Test func timeLimitStopsBranchAndBound() throws {
        let p = try Problem()
        try p.load(jeroslow(61))
        let started = Date()
        let s = try p.intopt(MIPOptions(timeLimit: .milliseconds(300), presolve: false))
        #expect(s.status == .timeLimit)
        #expect(!s.hasSolution)
        #expect(Date().timeIntervalSince(started) < 60, "the limit must end the search")
    }

    @Test func stopFlagEndsSearch() throws {
        let p = try Problem()
        try p.load(jeroslow(61))
        let flag = StopFlag()
        var reports = 0
        let s = try p.intopt(MIPOptions(presolve: false, progressInterval: .milliseconds(1)), stop: flag) { _ in
            reports += 1
            if reports >= 3 { flag.stop() }
        }
        #expect(s.status == .stopped)
        #expect(reports >= 3)
    }

    @Test func startSolutionIsUsedAndGapReported() throws {
        // A small knapsack: max Σ v x, Σ w x ≤ 10.
        var m = LinearModel(sense: .maximize)
        let v: [Double] = [10, 13, 7, 8, 4], w: [Double] = [5, 6, 3, 4, 2]
        let r = m.addRow(.upper(10))
        for i in 0..<5 { let c = m.addColumn(.range(0, 1), objective: v[i], kind: .binary); m.set(row: r, column: c, w[i]) }
        let p = try Problem(); try p.load(m)
        let s = try p.intopt(MIPOptions(presolve: false), start: [1, 0, 0, 0, 0])
        #expect(s.status == .optimal)
        var best = 0.0
        for mask in 0..<32 {
            var weight = 0.0, value = 0.0
            for i in 0..<5 where (mask >> i) & 1 == 1 { weight += w[i]; value += v[i] }
            if weight <= 10 { best = max(best, value) }
        }
        #expect(s.objective == best)
        #expect(s.relativeGap == 0)
    }

    /// An incumbent posted to the mailbox is offered once; one that breaks a row (all items of
    /// the knapsack, worth more than the optimum) is never taken, so the search still ends at
    /// the true optimum, while a fitting one posted from another thread during the search is
    /// harmless. Checked against every subset.
    @Test func mailboxOffersOnlyFittingIncumbents() throws {
        let mailbox = IncumbentMailbox()
        let x = UnsafeMutablePointer<Double>.allocate(capacity: 4)
        defer { x.deallocate() }
        #expect(!mailbox.take(into: x, count: 3))
        mailbox.post([1, 0, 1])
        #expect(!mailbox.take(into: x, count: 2), "a post of another width is not offered")
        mailbox.post([0, 1, 1])
        #expect(mailbox.take(into: x, count: 3) && x[1] == 0 && x[2] == 1 && x[3] == 1)
        #expect(!mailbox.take(into: x, count: 3), "each post is offered once")

        var m = LinearModel(sense: .maximize)
        let v: [Double] = [10, 13, 7, 8, 4, 9, 6], w: [Double] = [5, 6, 3, 4, 2, 5, 3]
        let r = m.addRow(.upper(12))
        for i in 0..<v.count { let c = m.addColumn(.range(0, 1), objective: v[i], kind: .binary); m.set(row: r, column: c, w[i]) }
        var best = 0.0
        for mask in 0..<(1 << v.count) {
            var weight = 0.0, value = 0.0
            for i in 0..<v.count where (mask >> i) & 1 == 1 { weight += w[i]; value += v[i] }
            if weight <= 12 { best = max(best, value) }
        }
        for presolve in [false, true] {
            let box = IncumbentMailbox()
            box.post([Double](repeating: 1, count: v.count))
            let p = try Problem(); try p.load(m)
            let poster = Thread { box.post([1, 0, 0, 0, 0, 0, 0]) }
            poster.start()
            let s = try p.intopt(MIPOptions(presolve: presolve), mailbox: box)
            #expect(s.status == .optimal && s.objective == best, "presolve \(presolve): \(s.objective ?? -1) vs \(best)")
            #expect(box.takes >= 1, "presolve \(presolve): the search never looked in the mailbox")
            let weight = zip(s.columnValues, w).reduce(0.0) { $0 + $1.0 * $1.1 }
            #expect(weight <= 12 + 1e-9, "presolve \(presolve): the answer breaks the row")
        }
    }

    @Test func writeAndReadBackLPAndMPS() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("glpk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // MPS carries no objective sense, so the round trip uses a minimisation.
        var model = smallLP()
        model.sense = .minimize
        model.objective = model.objective.map { -$0 }
        for format in ModelFileFormat.allCases {
            let path = dir.appendingPathComponent("m.\(format.rawValue)").path
            let p = try Problem(); try p.load(model); try p.write(to: path, format: format)
            let q = try Problem(); try q.read(from: path, format: format)
            #expect(try q.dimensions().rows == 2 && q.dimensions().columns == 2)
            let s = try q.simplex()
            #expect(s.status == .optimal && abs(s.objective + 11) < 1e-9, "\(format)")
        }
        #expect(throws: GLPKError.self) { try Problem().read(from: dir.appendingPathComponent("none.lp").path, format: .lp) }
    }
}

@Suite struct BinaryBoundsTests {
    /// A binary column fixed at 1 must stay fixed (GLP_BV would otherwise reset it to [0, 1]).
    @Test func fixedBinaryColumnStaysFixed() throws {
        var m = LinearModel(sense: .minimize)
        let r = m.addRow(.upper(1))
        let c = m.addColumn(.fixed(1), objective: 5, kind: .binary)
        m.set(row: r, column: c, 1)
        let p = try Problem()
        try p.load(m)
        let s = try p.intopt()
        #expect(s.status == .optimal && s.columnValues == [1] && s.objective == 5)
    }
}
