import MinCostFlow

/// The bottleneck objective: among the matchings that cover the most beginners, one whose
/// worst pair score is as high as possible, and among those the largest total (weighted)
/// score. Exact, by threshold search with the network solver:
///
/// 1. the most beginners any matching covers, `C*` (every pair worth 1);
/// 2. binary search over the distinct pair scores for the highest threshold `t` such that the
///    pairs scoring at least `t` (and the fixed pairs, which stay whatever their score) still
///    cover `C*` beginners;
///    (a fixed pair scoring lower than `t` is the worst pair anyway: `t` drops to its score);
/// 3. on those pairs, maximise `B·(pairs) + Σ weight` with `B = C*·max weight + 1`, so that
///    coverage comes first and the total second (a matching one pair smaller loses at least
///    `B` and gains at most `C*·max weight`).
///
/// Pairs below the threshold are worth 0 in steps 2–3, so an optimum never needs them; any
/// it keeps are dropped, which changes neither coverage counted nor the objective.
/// - Complexity: `⌈log₂ distinct scores⌉ + 2` network solves.
@_spi(Stages) public struct MaxMinMatching: Sendable {
    /// Parallel groups for each network solve (nil: every core).
    public var workers: Int?
    /// A search whose network solves use `workers` parallel groups (nil: every core).
    public init(workers: Int? = nil) { self.workers = workers }

    /// What the threshold search found.
    public struct Outcome: Sendable {
        /// The assignment found: every beginner it can cover, the worst pair as good as possible, then the most score.
        public var assignment: Assignment
        /// The most beginners any matching covers.
        public var coverage: Int
        /// The worst score among the free (not fixed) pairs chosen, when any.
        public var threshold: Int64?
        /// Network solves made.
        public var solves: Int
    }

    /// Runs the threshold search on `model`. - Throws: ``MatchingError`` from a network solve.
    public func solve(_ model: MatchingModel) throws -> Outcome {
        let g = model.graph
        let fixed = model.fixedMask()
        let network = NetworkMatchingSolver(workers: workers)
        var solves = 0
        func covered(atLeast t: Int64) throws -> Int {
            let w = (0..<g.pairCount).map { p -> Int64 in fixed[p] || g.score[p] >= t ? 1 : 0 }
            solves += 1
            let a = try network.solve(MatchingModel(model, weight: w)).assignment
            return Int(a.objective)
        }
        let best = try covered(atLeast: Int64.min)
        let scores = Array(Set((0..<g.pairCount).filter { !fixed[$0] }.map { g.score[$0] })).sorted()
        // Highest index k with covered(scores[k]) == best; covered is non-increasing in t.
        var lo = 0, hi = scores.count - 1
        var threshold: Int64? = nil
        if !scores.isEmpty {
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if try covered(atLeast: scores[mid]) == best { lo = mid } else { hi = mid - 1 }
            }
            threshold = scores[lo]
        }
        // A locked pair below the threshold is the worst pair whatever the rest: lower the
        // threshold to it, so that the total is not given up for nothing.
        let fixedWorst = model.fixedPairs.map { g.score[Int($0)] }.min() ?? Int64.max
        let t = min(threshold ?? Int64.min, fixedWorst)
        let allowed = (0..<g.pairCount).map { fixed[$0] || g.score[$0] >= t }
        let maxWeight = (0..<g.pairCount).filter { allowed[$0] }.map { model.weight[$0] }.max() ?? 0
        let (big, overflow) = Int64(best).multipliedReportingOverflow(by: maxWeight)
        guard !overflow, big < FlowNetwork.maxCost / 2 else {
            throw MatchingError.solverFailed("maxmin: \(best) beginners × the largest pair weight exceed the network solver's cost range")
        }
        let w = (0..<g.pairCount).map { p -> Int64 in allowed[p] ? big + 1 + model.weight[p] : 0 }
        solves += 1
        var pairOf = try network.solve(MatchingModel(model, weight: w)).assignment.pairOf
        var objective: Int64 = 0
        for i in pairOf.indices where pairOf[i] >= 0 {
            if allowed[Int(pairOf[i])] { objective += model.weight[Int(pairOf[i])] } else { pairOf[i] = -1 }
        }
        let assignment = Assignment(pairOf: pairOf, objective: objective)
        try assignment.verify(model)
        let chosen = pairOf.filter { $0 >= 0 && !fixed[Int($0)] }.map { g.score[Int($0)] }
        return Outcome(assignment: assignment, coverage: best, threshold: chosen.min(), solves: solves)
    }
}
