import Foundation
import GLPK
import Testing
@testable import GAP
import Optimisation
import Tabular

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

    /// OR-Library files with CRLF or CR line ends read like LF ones.
    @Test func gapFilesWithWindowsLineEnds() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "1\n2 3\n5 6 7\n8 9 10\n1 2 3\n3 2 1\n4 4\n"
        var read: [[GAPInstance]] = []
        for (k, ending) in ["\n", "\r\n", "\r"].enumerated() {
            let path = dir.appendingPathComponent("g\(k).txt").path
            try text.replacingOccurrences(of: "\n", with: ending).write(toFile: path, atomically: true, encoding: .utf8)
            read.append(try GAPInstance.read(path: path))
        }
        #expect(read[0].first?.cost == [[5, 6, 7], [8, 9, 10]] && read[0].first?.capacity == [4, 4])
        #expect(read[1].map(\.cost) == read[0].map(\.cost) && read[2].map(\.resource) == read[0].map(\.resource))
    }

    @Test func readerAndSmallInstanceAgainstExhaustiveSearch() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two agents, four jobs.
        let text = "1\n2 4\n5 3 8 6\n4 7 2 9\n3 2 4 3\n2 3 3 4\n7 8\n"
        try text.write(to: dir.appendingPathComponent("tiny.txt"), atomically: true, encoding: .utf8)
        let g = try GAPInstance.read(path: dir.appendingPathComponent("tiny.txt").path)[0]
        #expect(g.name == "tiny-1" && g.capacity == [7, 8] && g.cost[1] == [4, 7, 2, 9])
        for sense in [LinearModel.Sense.maximize, .minimize] {
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
        // Without the local search, so that the first incumbent is GLPK's own (the local
        // search finds this instance's optimum outright; it is tested below).
        var glpkOnly = GAPSolver(sense: .minimize)
        glpkOnly.localSearchRounds = 0; glpkOnly.lagrangianSteps = 0; glpkOnly.neighbourhoodSolves = 0
        let o = try glpkOnly.solve(g, stop: stop) { p in if p.incumbent != nil { stop.stop() } }
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
        // The local search's incumbent is feasible and no better than the optimum.
        let start = try #require(GAPLocalSearch.solve(g, sense: .minimize))
        var load = [Int](repeating: 0, count: m), startCost = 0
        for (job, agent) in start.enumerated() { load[agent] += res[agent][job]; startCost += cost[agent][job] }
        #expect((0..<m).allSatisfy { load[$0] <= cap[$0] } && startCost >= full.objective!)
        #expect(full.heuristicObjective.map { $0 <= startCost } == true)
    }
}

@Suite struct GAPLocalSearchTests {
    /// On random small instances (tight and loose, both senses) the local search returns only
    /// feasible assignments, never better than the exhaustive optimum, and finds one whenever
    /// the instance is loose enough; it matches the optimum on most.
    @Test func localSearchIsFeasibleAndBoundedByTheOptimum() throws {
        var found = 0, optimal = 0, feasibleInstances = 0
        for seed in 0..<300 {
            let g = randomSmallGAP(seed: UInt64(seed) &+ 123_000)
            let m = g.agents, n = g.jobs, cost = g.cost, res = g.resource, cap = g.capacity
            let sense: LinearModel.Sense = seed % 2 == 0 ? .minimize : .maximize
            var best: Int?
            var a = [Int](repeating: 0, count: n)
            func go(_ j: Int) {
                if j == n {
                    var load = [Int](repeating: 0, count: m), total = 0
                    for (job, i) in a.enumerated() { load[i] += res[i][job]; total += cost[i][job] }
                    guard (0..<m).allSatisfy({ load[$0] <= cap[$0] }) else { return }
                    if best.map({ sense == .minimize ? total < $0 : total > $0 }) ?? true { best = total }
                    return
                }
                for i in 0..<m { a[j] = i; go(j + 1) }
            }
            go(0)
            if best != nil { feasibleInstances += 1 }
            guard let agentOf = GAPLocalSearch.solve(g, sense: sense) else { continue }
            var load = [Int](repeating: 0, count: m), total = 0
            for (job, i) in agentOf.enumerated() { load[i] += res[i][job]; total += cost[i][job] }
            #expect((0..<m).allSatisfy { load[$0] <= cap[$0] }, "seed \(seed): infeasible")
            let opt = try #require(best, "seed \(seed): a solution on an infeasible instance")
            #expect(sense == .minimize ? total >= opt : total <= opt)
            found += 1
            if total == opt { optimal += 1 }
        }
        #expect(found >= feasibleInstances * 9 / 10 && optimal >= found * 8 / 10, "found \(found) of \(feasibleInstances), optimal \(optimal)")
    }
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pendamping-gap-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
