/// Connected components of the candidate graph: mentees and mentors joined by a pair.
/// Components share no pair, so each can be solved on its own.
@_spi(Stages) public struct Components: Sendable {
    /// Component of each mentee (-1 for a mentee with no pair).
    public let ofMentee: [Int32]
    /// Component of each mentor (-1 for a mentor with no pair).
    public let ofMentor: [Int32]
    /// Mentees of each component, ascending.
    public let mentees: [[Int32]]
    /// Mentors of each component, ascending.
    public let mentors: [[Int32]]

    /// How many components.
    public var count: Int { mentees.count }

    /// Union-find with path halving over mentee and mentor nodes, components numbered by their
    /// lowest mentee. - Complexity: `O((n + m + pairs)·α)`.
    public init(graph g: CandidateGraph) {
        let n = g.menteeCount, m = g.mentorCount
        var parent = [Int32](0..<Int32(n + m))
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x { parent[Int(x)] = parent[Int(parent[Int(x)])]; x = parent[Int(x)] }
            return x
        }
        for i in 0..<n {
            for p in g.pairs(ofMentee: i) {
                let a = find(Int32(i)), b = find(Int32(n) + g.mentor[p])
                if a != b { if a < b { parent[Int(b)] = a } else { parent[Int(a)] = b } }
            }
        }
        var id = [Int32](repeating: -1, count: n + m)
        var mentees: [[Int32]] = [], mentors: [[Int32]] = []
        var ofMentee = [Int32](repeating: -1, count: n), ofMentor = [Int32](repeating: -1, count: m)
        for i in 0..<n where !g.pairs(ofMentee: i).isEmpty {
            let r = Int(find(Int32(i)))
            if id[r] < 0 { id[r] = Int32(mentees.count); mentees.append([]); mentors.append([]) }
            ofMentee[i] = id[r]; mentees[Int(id[r])].append(Int32(i))
        }
        for j in 0..<m {
            let r = Int(find(Int32(n + j)))
            if id[r] >= 0 { ofMentor[j] = id[r]; mentors[Int(id[r])].append(Int32(j)) }
        }
        self.ofMentee = ofMentee; self.ofMentor = ofMentor
        self.mentees = mentees; self.mentors = mentors
    }

    /// The components (free mentees only: those with a pair in `fixedMentee` left out) dealt
    /// into `workers` groups for parallel solves, largest first, each to the group with the
    /// fewest pairs so far. - Complexity: `O(components·log components + pairs)`.
    func groups(_ g: CandidateGraph, workers: Int, fixedMentee: [Int32]) -> [(mentees: [Int32], mentors: [Int32])] {
        let c = self
        var sizes: [(Int, Int)] = (0..<c.count).map { k in
            (c.mentees[k].reduce(0) { $0 + g.pairs(ofMentee: Int($1)).count }, k)
        }
        sizes.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        let count = min(workers, max(1, c.count))
        var groups = [(mentees: [Int32], mentors: [Int32])](repeating: ([], []), count: count)
        var load = [Int](repeating: 0, count: count)
        var member = [[Int]](repeating: [], count: count)
        for (size, k) in sizes {
            let target = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            load[target] += size
            member[target].append(k)
        }
        for t in 0..<count {
            for k in member[t].sorted() {
                groups[t].mentees += c.mentees[k].filter { fixedMentee[Int($0)] < 0 }
                groups[t].mentors += c.mentors[k]
            }
        }
        return groups.filter { !$0.mentees.isEmpty || !$0.mentors.isEmpty }
    }
}
