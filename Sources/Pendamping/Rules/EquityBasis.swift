import MinCostFlow

/// The floors of `equity_band`: coverage per kabupaten/kota kept within a band of the coverage
/// the score optimum reaches overall, as quota rows of the programme rules.
///
/// The target share is `t = optimum coverage − band`. A kabupaten/kota `k` with `n_k` mentees
/// gets the floor `min(⌈s·n_k⌉, reach_k)`, where `reach_k` is the most of its mentees any
/// matching covers on its own, and `s ≤ t` is the highest share (to 0.1 %) at which all floors
/// hold together. Joint feasibility is a flow: each region node supplies its floor to its
/// mentees (capacity 1), mentees to candidate mentors (capacity 1), mentors to the sink (their
/// free capacity), with a cost-1 bypass from each region to the sink; the floors hold together
/// exactly when the minimum cost is 0. Locked and accepted pairs count for their region first.
/// - Complexity: `1 + kabupaten` network solves for the optimum and the reaches, and about
///   ten flow solves for the share.
@_spi(Stages) public struct EquityBasis: Sendable {
    public var optimumCoverage: Double
    /// The share every floor was set from (≤ the target).
    public var share: Double
    /// Floor per kabupaten/kota (mentees matched, fixed pairs included).
    public var floors: [RegionCode: Int]

    /// The floors for `band` from the score optimum of `model` (one network solve). - Throws: when the solve fails.
    public static func compute(_ model: MatchingModel, dataset: Dataset, band: Double) throws -> EquityBasis {
        let solver = NetworkMatchingSolver()
        let a = try solver.solve(model).assignment
        let n = dataset.mentees.count
        let coverage = n == 0 ? 0 : Double(a.pairOf.filter { $0 >= 0 }.count) / Double(n)
        let region = dataset.mentees.map { $0.region.prefix(2) ?? $0.region }
        let regions = Array(Set(region)).sorted()
        var size: [RegionCode: Int] = [:]
        for k in region { size[k, default: 0] += 1 }
        var reach: [RegionCode: Int] = [:]
        for k in regions {
            let w = model.menteeOfPair.map { region[Int($0)] == k ? Int64(1) : 0 }
            reach[k] = Int(try solver.solve(MatchingModel(model, weight: w)).assignment.objective)
        }
        func floors(_ s: Double) -> [RegionCode: Int] {
            Dictionary(uniqueKeysWithValues: regions.map { k in
                (k, min(Int((s * Double(size[k]!) - Tolerance.share).rounded(.up)), reach[k]!))
            })
        }
        let target = max(0, coverage - band)
        var share = target
        if try !holdTogether(floors(target), model: model, region: region) {
            // Highest share in thousandths below the target whose floors hold together; 0 always does.
            var lo = 0, hi = max(0, Int((target * 1000).rounded(.up)) - 1)
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if try holdTogether(floors(Double(mid) / 1000), model: model, region: region) { lo = mid } else { hi = mid - 1 }
            }
            share = Double(lo) / 1000
        }
        return EquityBasis(optimumCoverage: coverage, share: share, floors: floors(share))
    }

    /// Whether every region can have `floors[k]` mentees matched at once. - Complexity: one flow solve.
    static func holdTogether(_ floors: [RegionCode: Int], model: MatchingModel, region: [RegionCode]) throws -> Bool {
        let g = model.graph
        let fixed = model.fixedPart()
        var need = floors
        for i in 0..<g.menteeCount where fixed.assignment.pairOf[i] >= 0 { need[region[i], default: 0] -= 1 }
        let regions = need.keys.sorted()
        let regionNode = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1, $0) })
        let menteeBase = regions.count, mentorBase = menteeBase + g.menteeCount, sink = mentorBase + g.mentorCount
        var net = FlowNetwork(nodeCount: sink + 1)
        var total: Int64 = 0
        for (k, r) in regions.enumerated() {
            let f = Int64(max(0, need[r]!))
            net.supply[k] = f; total += f
            net.addArc(from: Int32(k), to: Int32(sink), capacity: f, cost: 1)
        }
        net.supply[sink] = -total
        for i in 0..<g.menteeCount where fixed.assignment.pairOf[i] < 0 {
            net.addArc(from: Int32(regionNode[region[i]]!), to: Int32(menteeBase + i), capacity: 1, cost: 0)
            for p in g.pairs(ofMentee: i) where fixed.free[Int(g.mentor[p])] > 0 {
                net.addArc(from: Int32(menteeBase + i), to: Int32(mentorBase + Int(g.mentor[p])), capacity: 1, cost: 0)
            }
        }
        for j in 0..<g.mentorCount where fixed.free[j] > 0 {
            net.addArc(from: Int32(mentorBase + j), to: Int32(sink), capacity: Int64(fixed.free[j]), cost: 0)
        }
        let r = try NetworkSimplex.solve(net)
        return r.status == .optimal && r.totalCost == 0
    }
}
