/// Which side proposes in deferred acceptance.
public enum ProposingSide: String, Sendable {
    /// The mentees propose, or the mentors do.
    case mentee, mentor
}

/// Deferred acceptance with capacities (Gale and Shapley, "College admissions and the
/// stability of marriage", 1962; Roth, "The evolution of the labor market for medical interns
/// and residents", 1984, for the hospital–residents form): a stable matching of the candidate
/// pairs under a ``PreferenceOrder``.
///
/// Beginner-proposing: each free beginner proposes down its list; a mentor holds its best
/// proposals up to its free capacity and releases the worst held one when a better one comes.
/// The result is the stable matching every beginner likes best among all stable matchings.
/// Mentor-proposing: each mentor with free slots offers them down its list; a beginner holds
/// its best offer. The result is best for every mentor among stable matchings.
///
/// Hard rules and rejections hold because only candidate pairs are proposed; locked and
/// accepted pairs are placed first and stay (their beginners do not take part, their mentors'
/// capacity shrinks), so stability is among the other beginners.
/// - Complexity: `O(pairs·log capacity)`: each pair is proposed at most once.
@_spi(Stages) public enum DeferredAcceptance {
    public static func solve(_ model: MatchingModel, order: PreferenceOrder, proposing: ProposingSide) -> Assignment {
        let fixed = model.fixedPart()
        let pairOf = proposing == .mentee
            ? menteeProposing(model, order: order, fixed: fixed) : mentorProposing(model, order: order, fixed: fixed)
        var objective: Int64 = 0
        for p in pairOf where p >= 0 { objective += model.weight[Int(p)] }
        return Assignment(pairOf: pairOf, objective: objective)
    }

    static func menteeProposing(_ model: MatchingModel, order: PreferenceOrder, fixed: MatchingModel.FixedPart) -> [Int32] {
        let g = model.graph
        var pairOf = fixed.assignment.pairOf
        // Per mentor, the held pairs as a max-heap on the mentor's position (worst on top).
        var held = [[Int32]](repeating: [], count: g.mentorCount)
        var next = [Int](repeating: 0, count: g.menteeCount)
        var free = Array(fixed.freeMentees.reversed())
        while let i32 = free.popLast() {
            let i = Int(i32)
            let choices = order.menteeChoices(i)
            while next[i] < choices.count {
                let p = choices[choices.startIndex + next[i]]
                next[i] += 1
                let j = Int(g.mentor[Int(p)])
                let cap = Int(fixed.free[j])
                guard cap > 0 else { continue }
                if held[j].count < cap {
                    Heap.push(&held[j], p, worse: order.mentorPosition); pairOf[i] = p; break
                }
                let worst = held[j][0]
                guard order.mentorPrefers(Int(p), over: Int(worst)) else { continue }
                Heap.replaceTop(&held[j], p, worse: order.mentorPosition)
                pairOf[i] = p
                let out = Int(model.menteeOfPair[Int(worst)])
                pairOf[out] = -1
                free.append(Int32(out))
                break
            }
        }
        return pairOf
    }

    static func mentorProposing(_ model: MatchingModel, order: PreferenceOrder, fixed: MatchingModel.FixedPart) -> [Int32] {
        let g = model.graph
        var pairOf = fixed.assignment.pairOf
        var isFixed = [Bool](repeating: false, count: g.menteeCount)
        for i in 0..<g.menteeCount where pairOf[i] >= 0 { isFixed[i] = true }
        var slots = fixed.free
        var next = [Int](repeating: 0, count: g.mentorCount)
        var queue = (0..<Int32(g.mentorCount)).reversed().filter { slots[Int($0)] > 0 }
        while let j32 = queue.popLast() {
            let j = Int(j32)
            let choices = order.mentorChoices(j)
            while slots[j] > 0 && next[j] < choices.count {
                let p = Int(choices[choices.startIndex + next[j]])
                next[j] += 1
                let i = Int(model.menteeOfPair[p])
                guard !isFixed[i] else { continue }
                let current = Int(pairOf[i])
                guard current < 0 || order.menteePrefers(p, over: current) else { continue }
                pairOf[i] = Int32(p)
                slots[j] -= 1
                if current >= 0 {
                    let k = Int(g.mentor[current])
                    slots[k] += 1
                    queue.append(Int32(k))
                }
            }
        }
        return pairOf
    }

    /// A binary max-heap of pairs keyed by `worse[p]` (largest on top). `O(log n)` per operation.
    enum Heap {
        static func push(_ h: inout [Int32], _ p: Int32, worse key: [Int32]) {
            h.append(p)
            var c = h.count - 1
            while c > 0 {
                let parent = (c - 1) / 2
                guard key[Int(h[parent])] < key[Int(h[c])] else { break }
                h.swapAt(parent, c); c = parent
            }
        }
        static func replaceTop(_ h: inout [Int32], _ p: Int32, worse key: [Int32]) {
            h[0] = p
            var c = 0
            while true {
                let l = 2 * c + 1, r = l + 1
                var big = c
                if l < h.count && key[Int(h[l])] > key[Int(h[big])] { big = l }
                if r < h.count && key[Int(h[r])] > key[Int(h[big])] { big = r }
                guard big != c else { break }
                h.swapAt(big, c); c = big
            }
        }
    }
}
