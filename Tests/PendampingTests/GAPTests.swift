import Foundation
import GLPK
import Testing
@testable import Pendamping

/// The OR-Library GAP directory, from `PENDAMPING_GAP_DIR` (`.ci/run` points it at ../shared/gap).
let gapDirectory = ProcessInfo.processInfo.environment["PENDAMPING_GAP_DIR"]

@Suite struct GAPTests {
    @Test(.enabled(if: gapDirectory != nil, "set PENDAMPING_GAP_DIR to the OR-Library GAP directory to run the 60 gap1–gap12 instances"),
          arguments: 1...12)
    func gap1To12ReachTheirKnownOptima(file: Int) throws {
        let dir = gapDirectory!
        let optima = GAPInstance.knownOptima(path: dir + "/optima.tsv")
        let instances = try GAPInstance.read(path: "\(dir)/gap\(file).txt")
        #expect(instances.count == 5)
        for g in instances {
            let o = try GAPSolver(sense: .maximize).solve(g)
            #expect(o.status == .optimal, "\(g.name)")
            #expect(o.objective == optima[g.name], "\(g.name): \(String(describing: o.objective)) vs \(String(describing: optima[g.name]))")
        }
    }

    @Test func readerAndSmallInstanceAgainstExhaustiveSearch() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two agents, four jobs.
        let text = "1\n2 4\n5 3 8 6\n4 7 2 9\n3 2 4 3\n2 3 3 4\n7 8\n"
        try text.write(to: dir.appendingPathComponent("tiny.txt"), atomically: true, encoding: .utf8)
        let g = try GAPInstance.read(path: dir.appendingPathComponent("tiny.txt").path)[0]
        #expect(g.name == "tiny-1" && g.capacity == [7, 8] && g.cost[1] == [4, 7, 2, 9])
        for sense in [ObjectiveSense.maximize, .minimize] {
            var best: Int?
            for mask in 0..<16 {
                var used = [0, 0], total = 0
                for j in 0..<4 { let i = (mask >> j) & 1; used[i] += g.resource[i][j]; total += g.cost[i][j] }
                guard used[0] <= 7, used[1] <= 8 else { continue }
                if best == nil || (sense == .maximize ? total > best! : total < best!) { best = total }
            }
            let o = try GAPSolver(sense: sense).solve(g)
            #expect(o.status == .optimal && o.objective == best)
        }
        try "1\n2 2\n1 x\n".write(to: dir.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try GAPInstance.read(path: dir.appendingPathComponent("bad.txt").path) }
    }

    /// A search stopped at its first incumbent (a stop request from the progress callback, so
    /// the result does not depend on the machine's speed) returns that incumbent with a valid
    /// bound and GLPK's gap; the full search's optimum lies between them.
    @Test func stoppedRunReturnsFeasibleSolutionWithCorrectGap() throws {
        var rng = SplitMix64(seed: 11)
        let m = 8, n = 60
        let cost = (0..<m).map { _ in (0..<n).map { _ in rng.int(in: 10...50) } }
        let res = (0..<m).map { _ in (0..<n).map { _ in rng.int(in: 5...25) } }
        let cap = (0..<m).map { i in Int(Double(res[i].reduce(0, +)) * 0.8 / Double(m)) }
        let g = GAPInstance(name: "r", agents: m, jobs: n, cost: cost, resource: res, capacity: cap)
        let stop = SolveStop()
        let o = try GAPSolver(sense: .minimize).solve(g, stop: stop) { p in if p.incumbent != nil { stop.stop() } }
        #expect(o.status == .stopped)
        let obj = try #require(o.objective)
        let bound = try #require(o.bound)
        #expect(bound <= Double(obj) + 1e-6)
        #expect(abs(o.relativeGap! - abs(Double(obj) - bound) / (abs(Double(obj)) + Double.ulpOfOne)) < 1e-12)
        #expect(o.agentOf.count == n && o.agentOf.allSatisfy { (0..<m).contains($0) })
        var used = [Int](repeating: 0, count: m), total = 0
        for (job, agent) in o.agentOf.enumerated() { used[agent] += res[agent][job]; total += cost[agent][job] }
        #expect(total == obj && (0..<m).allSatisfy { used[$0] <= cap[$0] })
        let full = try GAPSolver(sense: .minimize).solve(g)
        #expect(full.status == .optimal)
        #expect(obj >= full.objective! && bound <= Double(full.objective!) + 1e-6)
        #expect(obj > full.objective!, "the first incumbent of this instance is not optimal, so the stop is what ended the search")
    }
}
