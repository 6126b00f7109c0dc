/// The exact gain of one more slot at each mentor: the optimum with `capacity[j] + 1` minus
/// the optimum (issue: "which extra slot is worth most").
///
/// With optimal duals (u_i ≥ 0 per free mentee, v_j ≥ 0 per mentor, u_i + v_j ≥ s_ij) as node
/// potentials (π[T] = 0, π[i] = u_i, π[j] = −v_j), every residual arc of the optimal flow has
/// a non-negative reduced cost, so one Dijkstra from the sink T gives the cheapest way to
/// route one more unit into each mentor j; the gain is `max(0, v_j − dist(T, j))`. Unlike the
/// duals themselves (not unique under degeneracy), the gains are unique, so every solver
/// reports the same numbers.
/// - Complexity: `O((n + m + pairs)·log(n + m))`.
@_spi(Stages) public enum MarginalGains {
    /// - Parameters:
    ///   - menteeDual: u_i per mentee (ignored for fixed mentees), in score units.
    ///   - mentorDual: v_j per mentor, in score units.
    /// - Throws: ``MatchingError/invalidSolution(_:)`` when the duals are not optimal for the assignment.
    public static func compute(_ model: MatchingModel, _ assignment: Assignment,
                               menteeDual u: [Int64], mentorDual v: [Int64]) throws -> [Int64] {
        let g = model.graph
        let n = g.menteeCount, m = g.mentorCount
        let fixed = Set(model.fixedPairs)
        // Free capacity after fixed pairs, and each mentor's free mentees.
        var load = [Int32](repeating: 0, count: m)
        var assignedTo = [[Int32]](repeating: [], count: m)
        var isFree = [Bool](repeating: true, count: n)
        for i in 0..<n where assignment.pairOf[i] >= 0 {
            let p = assignment.pairOf[i], j = Int(g.mentor[Int(p)])
            load[j] += 1
            if fixed.contains(p) { isFree[i] = false } else { assignedTo[j].append(Int32(i)) }
        }
        func bad(_ s: String) -> MatchingError { .invalidSolution("duals not optimal: " + s) }
        // Nodes: mentees 0..<n, mentors n..<n+m, T = n+m.
        let t = n + m
        var dist = [Int64](repeating: .max, count: n + m + 1)
        var heap = MinHeap()
        dist[t] = 0
        heap.push(0, Int32(t))
        while let (d, node) = heap.pop() {
            let x = Int(node)
            guard d == dist[x] else { continue }
            func relax(_ y: Int, _ rc: Int64) throws {
                guard rc >= 0 else { throw bad("negative reduced cost \(rc)") }
                if d + rc < dist[y] { dist[y] = d + rc; heap.push(d + rc, Int32(y)) }
            }
            if x == t {
                for i in 0..<n where isFree[i] && assignment.pairOf[i] < 0 && !g.pairs(ofMentee: i).isEmpty {
                    try relax(i, -u[i])
                }
                for j in 0..<m where !assignedTo[j].isEmpty { try relax(n + j, v[j]) }
            } else if x < n {
                let own = assignment.pairOf[x]
                for p in g.pairs(ofMentee: x) where Int32(p) != own {
                    try relax(n + Int(g.mentor[p]), u[x] + v[Int(g.mentor[p])] - model.weight[p])
                }
            } else {
                let j = x - n
                for i in assignedTo[j] {
                    let p = Int(assignment.pairOf[Int(i)])
                    try relax(Int(i), model.weight[p] - u[Int(i)] - v[j])
                }
            }
        }
        return (0..<m).map { j in dist[n + j] == .max ? 0 : max(0, v[j] - dist[n + j]) }
    }
}

/// A binary min-heap of (key, node), ties by node. `O(log size)` per operation.
struct MinHeap {
    private var items: [(Int64, Int32)] = []
    mutating func push(_ key: Int64, _ node: Int32) {
        items.append((key, node))
        var c = items.count - 1
        while c > 0 {
            let p = (c - 1) / 2
            guard Self.less(items[c], items[p]) else { break }
            items.swapAt(c, p); c = p
        }
    }
    mutating func pop() -> (Int64, Int32)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var p = 0
            while true {
                let l = 2 * p + 1, r = l + 1
                var s = p
                if l < items.count, Self.less(items[l], items[s]) { s = l }
                if r < items.count, Self.less(items[r], items[s]) { s = r }
                if s == p { break }
                items.swapAt(s, p); p = s
            }
        }
        return top
    }
    static func less(_ a: (Int64, Int32), _ b: (Int64, Int32)) -> Bool { a.0 != b.0 ? a.0 < b.0 : a.1 < b.1 }
}
