/// An exact 0-1 knapsack with real weights: the largest total profit of items whose weights
/// fit a capacity, and the items that give it.
///
/// Items are ranked by profit per unit of weight. The greedy prefix that fits ends at the
/// break item; the search starts from that prefix alone and widens a core around the break
/// item one item at a time, alternately deciding whether to add the next item below the break
/// or to drop the next one above it. It keeps a list of partial solutions (total weight,
/// total profit, items as bits), sorted by weight, in which none has both more weight and
/// less profit than another (dominance), and drops a partial solution whose bound cannot beat
/// the best solution that fits. The bound is the linear relaxation of what is left: under the
/// capacity, fill the free weight with the items still to add, by rank, the last in part;
/// over it, free the excess by dropping the items still droppable, cheapest per unit first.
/// Items far from the break are decided in a step or two, so the list stays short even when
/// profit and weight are strongly correlated (where branch and bound visits very many
/// nodes). After Pisinger, "A minimal algorithm for the 0-1 knapsack problem" (Operations
/// Research 45, 1997), and Martello and Toth, *Knapsack Problems* (1990), §2.6.
/// - Complexity: `O(n log n)` to rank, then `O(L·words + n)` per item of the core for a list
///   of `L` partial solutions (at most ``stateLimit``) and `words = ⌈n/64⌉`.
package struct CoreKnapsack {
    /// An empty solver; its buffers grow with the first problem and are kept for the next.
    package init() {}

    /// Partial solutions kept at most; past it ``solve(profit:weight:capacity:)`` gives up.
    package var stateLimit = 20_000

    // Scratch space, reused from one call to the next.
    private var order: [Int] = []
    private var ratio: [Double] = []
    /// Weight and profit of the first `k` ranked items, at `k`.
    private var cumWeight: [Double] = [], cumProfit: [Double] = []
    private var weights: [Double] = [], profits: [Double] = [], bits: [UInt64] = []
    private var nextWeights: [Double] = [], nextProfits: [Double] = [], nextBits: [UInt64] = []

    /// - Parameters:
    ///   - profit: each item's profit (> 0).
    ///   - weight: each item's weight (≥ 0), indexed like `profit`.
    ///   - capacity: the largest total weight allowed.
    /// - Returns: the best total and its items (indices into the arrays given), or nil when
    ///   the list of partial solutions grew past ``stateLimit``.
    package mutating func solve(profit: [Double], weight: [Double], capacity: Double) -> (total: Double, chosen: [Int])? {
        let n = profit.count
        order = Array(0..<n)
        ratio = (0..<n).map { weight[$0] > 0 ? profit[$0] / weight[$0] : .infinity }
        order.sort { ratio[$0] != ratio[$1] ? ratio[$0] > ratio[$1] : $0 < $1 }
        // The break: the first ranked item that no longer fits after those before it.
        var breakAt = 0, used = 0.0, gained = 0.0
        while breakAt < n && used + weight[order[breakAt]] <= capacity {
            used += weight[order[breakAt]]; gained += profit[order[breakAt]]; breakAt += 1
        }
        if breakAt == n { return (gained, order) }
        cumWeight.removeAll(keepingCapacity: true); cumProfit.removeAll(keepingCapacity: true)
        cumWeight.append(0); cumProfit.append(0)
        for k in order { cumWeight.append(cumWeight[cumWeight.count - 1] + weight[k]); cumProfit.append(cumProfit[cumProfit.count - 1] + profit[k]) }
        let words = (n + 63) / 64
        func setBit(_ b: inout [UInt64], _ base: Int, _ position: Int) { b[base + position >> 6] |= 1 << UInt64(position & 63) }
        // The best solution that fits so far: the greedy prefix, then every later item that still fits.
        var best = gained, bestBits = [UInt64](repeating: 0, count: words)
        var room = capacity - used
        for position in 0..<n {
            if position < breakAt { setBit(&bestBits, 0, position) } else if weight[order[position]] <= room {
                room -= weight[order[position]]; best += profit[order[position]]; setBit(&bestBits, 0, position)
            }
        }
        // The list, double-buffered: `count` partial solutions in `weights`, `profits`, `bits`.
        var count = 1
        weights.removeAll(keepingCapacity: true); profits.removeAll(keepingCapacity: true); bits.removeAll(keepingCapacity: true)
        weights.append(used); profits.append(gained)
        bits.append(contentsOf: repeatElement(0, count: words))
        for position in 0..<breakAt { setBit(&bits, 0, position) }
        var add = breakAt, drop = breakAt - 1
        var adding = true
        while count > 0 && (add < n || drop >= 0) {
            // Alternate sides while both have items left.
            if adding && add >= n { adding = false } else if !adding && drop < 0 { adding = true }
            let isAddition = adding
            let position = isAddition ? add : drop
            let item = order[position]
            let shift = isAddition ? weight[item] : -weight[item], gain = isAddition ? profit[item] : -profit[item]
            if isAddition { add += 1 } else { drop -= 1 }
            adding.toggle()
            let word = position >> 6, mask: UInt64 = 1 << UInt64(position & 63)
            // Largest gain from the items still to add within `r` (by rank from `from`, the last
            // one in part), and least loss from dropping at least `d` of those still droppable
            // (by rank down from `top − 1`, the last one in part): each a bound of the linear
            // relaxation of what is left. The list comes in rising weight, so `r` only falls and
            // `d` only rises: each split rank is walked, not searched.
            let from = add, top = drop + 1
            var fillEnd = n, lossStart = top
            func fill(_ r: Double) -> Double {
                while fillEnd > from && cumWeight[fillEnd] - cumWeight[from] > r { fillEnd -= 1 }
                let whole = cumProfit[fillEnd] - cumProfit[from]
                return fillEnd < n ? whole + (r - (cumWeight[fillEnd] - cumWeight[from])) * ratio[order[fillEnd]] : whole
            }
            func loss(_ d: Double) -> Double {
                guard cumWeight[top] >= d else { return .infinity }
                while lossStart > 0 && cumWeight[top] - cumWeight[lossStart - 1] < d { lossStart -= 1 }
                let whole = cumProfit[top] - cumProfit[lossStart]
                return lossStart > 0 ? whole + (d - (cumWeight[top] - cumWeight[lossStart])) * ratio[order[lossStart - 1]] : whole
            }
            if nextWeights.count < 2 * count || nextBits.count < 2 * count * words {
                nextWeights = [Double](repeating: 0, count: 2 * count); nextProfits = nextWeights
                nextBits = [UInt64](repeating: 0, count: 2 * count * words)
            }
            // Merge the list with its copy that flips this item (also sorted by weight), keeping
            // only solutions that none merged before beats on both weight and profit (nor
            // dropped: the bound falls with weight, so what one dropped one beats is dropped
            // too), then only those whose bound can beat the best that fits.
            var kept = 0
            weights.withUnsafeBufferPointer { w0 in profits.withUnsafeBufferPointer { p0 in bits.withUnsafeBufferPointer { b0 in
            nextWeights.withUnsafeMutableBufferPointer { w1 in nextProfits.withUnsafeMutableBufferPointer { p1 in
            nextBits.withUnsafeMutableBufferPointer { b1 in
                var a = 0, b = 0, lastProfit = -Double.infinity
                while a < count || b < count {
                    let takeOld: Bool
                    if b >= count { takeOld = true } else if a >= count { takeOld = false } else {
                        let wb = w0[b] + shift
                        takeOld = w0[a] < wb || (w0[a] == wb && p0[a] >= p0[b] + gain)
                    }
                    let k = takeOld ? a : b
                    let w = takeOld ? w0[a] : w0[b] + shift, p = takeOld ? p0[a] : p0[b] + gain
                    if takeOld { a += 1 } else { b += 1 }
                    guard p > lastProfit else { continue }
                    lastProfit = p
                    let fits = w <= capacity
                    if fits && p > best {
                        best = p
                        for u in 0..<words { bestBits[u] = b0[k * words + u] }
                        if !takeOld { if isAddition { bestBits[word] |= mask } else { bestBits[word] &= ~mask } }
                    }
                    let bound = fits ? p + fill(capacity - w) : p - loss(w - capacity)
                    guard bound > best else { continue }
                    w1[kept] = w; p1[kept] = p
                    for u in 0..<words { b1[kept * words + u] = b0[k * words + u] }
                    if !takeOld { if isAddition { b1[kept * words + word] |= mask } else { b1[kept * words + word] &= ~mask } }
                    kept += 1
                }
            } } } } } }
            swap(&weights, &nextWeights); swap(&profits, &nextProfits); swap(&bits, &nextBits)
            count = kept
            if count > stateLimit { return nil }
        }
        var chosen: [Int] = []
        for position in 0..<n where bestBits[position >> 6] & (1 << UInt64(position & 63)) != 0 { chosen.append(order[position]) }
        return (best, chosen)
    }
}
