import Testing
@testable import Pendamping
import Optimisation
import PendampingTestSupport

/// ``CoreKnapsack`` against every subset: uncorrelated, weakly and strongly correlated
/// profits (profit = weight + a constant, where bounds prune least), equal ratios, items of
/// no weight, capacities from nothing to everything, at unit and at the model's weight scale.
@Suite struct CoreKnapsackTests {
    @Test func coreKnapsackIsExactOnEverySubset() {
        var rng = SplitMix64(seed: 97)
        var knapsack = CoreKnapsack()
        var checked = 0, nonTrivial = 0
        for round in 0..<1_500 {
            let n = rng.int(in: 0...16)
            let scale = round % 3 == 0 ? 1e6 : 1
            let kind = round % 4
            let weight = (0..<n).map { _ in rng.int(in: 0...12) == 0 ? 0 : Double(rng.int(in: 1...4_000)) / 997 }
            let profit = weight.map { w -> Double in
                let noise = Double(rng.int(in: 1...1_000)) / 331
                switch kind {
                case 0: return noise * scale                                     // uncorrelated
                case 1: return (w + noise / 10 + 0.01) * scale                   // weakly correlated
                case 2: return (w + 1.5) * scale                                 // strongly correlated
                default: return (w > 0 ? 2 * w : noise) * scale                  // equal ratios
                }
            }
            let total = weight.reduce(0, +)
            let capacity = total * Double(rng.int(in: 0...100)) / 100
            // The empty choice always fits (the capacity is never negative here).
            let best = bestSubset(value: profit, hours: weight, room: capacity, sizes: 0...n) ?? 0
            // Weights are multiples of 1/997, so a subset may sum to the capacity exactly, which
            // sums in another order can miss by a rounding; the callers allow such a sliver too.
            guard let (value, chosen) = knapsack.solve(profit: profit, weight: weight, capacity: capacity + 1e-9) else {
                Issue.record("round \(round): gave up with \(n) items"); continue
            }
            #expect(Set(chosen).count == chosen.count && chosen.allSatisfy { (0..<n).contains($0) }, "round \(round)")
            #expect(chosen.reduce(0.0) { $0 + weight[$1] } <= capacity + 1e-9, "round \(round): the choice does not fit")
            #expect(abs(chosen.reduce(0.0) { $0 + profit[$1] } - value) <= 1e-9 * max(1, value), "round \(round): total")
            #expect(abs(value - best) <= 1e-9 * max(1, best), "round \(round), kind \(kind): \(value) against \(best)")
            checked += 1
            if chosen.count > 0 && chosen.count < n { nonTrivial += 1 }
        }
        #expect(checked == 1_500 && nonTrivial > 600, "checked \(checked), non-trivial \(nonTrivial)")
    }

    /// A list limit too small gives up (nil) rather than a wrong answer.
    @Test func coreKnapsackGivesUpPastItsLimit() {
        var knapsack = CoreKnapsack()
        knapsack.stateLimit = 2
        let weight = (1...30).map { Double($0) / 7 + 1 }
        let profit = weight.map { $0 + 1.5 }
        #expect(knapsack.solve(profit: profit, weight: weight, capacity: weight.reduce(0, +) / 2) == nil)
    }
}
