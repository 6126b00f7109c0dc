// Scoring + candidates and solve, parameterised by (mentees, mentors, k), fixed seed, with a
// correctness check inside the measured loop (OR-Tools' assignment_benchmark habit).
import Benchmark
import Foundation
import MinCostFlow
@_spi(Stages) import Pendamping
import PendampingSynthetic

/// A generated Kalimantan Tengah-like dataset (bundled regions), parsed as `match` would.
func dataset(mentees: Int, mentors: Int) -> Dataset {
    try! ProvinceGenerator(preset: .L, mentees: mentees, mentors: mentors, seed: 1, regions: RegionTable.bundled()).generateDataset()
}

let sizes: [(mentees: Int, mentors: Int, k: Int)] = [(5_000, 200, 10), (35_000, 1_000, 20), (250_000, 5_000, 20)]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
                                           maxDuration: .seconds(30), maxIterations: 10)
    for size in sizes {
        let d = dataset(mentees: size.mentees, mentors: size.mentors)
        var profile = Profile.default
        profile.k = size.k
        let scoring = try! ScoringModel(dataset: d, profile: profile)
        let label = "\(size.mentees)x\(size.mentors)xk\(size.k)"

        Benchmark("score+candidates \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                let g = CandidateBuilder(scoring: scoring).build()
                // Check: every mentee has at most k candidates, best first.
                precondition((0..<g.menteeCount).allSatisfy { i in
                    let r = g.pairs(ofMentee: i)
                    return r.count <= size.k && zip(r.dropLast(), r.dropFirst()).allSatisfy { g.score[$0] >= g.score[$1] }
                })
                blackHole(g)
            }
        }

        let graph = CandidateBuilder(scoring: scoring).build()
        let model = try! MatchingModel(graph: graph, capacity: d.mentors.map { Int32($0.capacity) })
        Benchmark("solve network \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                let outcome = try! NetworkMatchingSolver(certify: true).solve(model)
                // Check: feasible, and the certificate held inside the solver.
                _ = try! outcome.assignment.verify(model)
                blackHole(outcome)
            }
        }
    }
}
