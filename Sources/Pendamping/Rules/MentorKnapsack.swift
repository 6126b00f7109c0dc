import Optimisation
/// One mentor's part of the knapsack Lagrangian (``RulesKnapsackBound``): an upper bound on
/// the best choice of between `least` and `slots` of its pairs, worth `value` each, within
/// `room` hours, and the choice that gave it.
///
/// Without an hours limit, or when every pair worth taking fits at once, the best are the
/// largest values (exact). Otherwise the smaller of two bounds:
/// - the LP bound at the hours price `λ` given: `λ·room` plus the best admissible count of
///   the largest `value − λ·hours` (what ``RulesLagrangian``'s network sees of this mentor);
/// - the count limits moved into the values as one price `κ` (`value − κ`, plus `κ·slots`
///   when `κ ≥ 0`, `κ·least` when `κ < 0`, each a valid bound), searched by bisection on the
///   chosen count, each price's hours knapsack solved exactly by ``CoreKnapsack``. Should its
///   list of partial solutions outgrow its limit, a dynamic programme over hours used takes
///   over, each pair's hours rounded down to a grid of ``gridCells`` cells over `room`
///   (exact when every hours value is a multiple of ⅛ hour; else a relaxation: rounding
///   down only loosens the limit).
/// Pairs' hours are real (travel time), so a grid alone rounds: at tier M its cohorts could
/// use up to 1.5 % more than their hours, and a third of its choices broke them; the exact
/// knapsack both tightens each bound and gives the subgradient choices that keep the hours
/// (design note 26). After Martello and Toth, *Knapsack Problems* (1990), ch. 2 and 4.
/// - Complexity: `O(n log n)` for the LP bound, and per price tried (at most ``priceSteps``
///   + 1) ``CoreKnapsack``'s, or `O(n·gridCells)` on the grid, for `n` pairs.
struct MentorKnapsack {
    /// Hours cells of the grid, when the exact knapsack gives up.
    var gridCells = 2_048
    /// Bisection steps on the count price at most.
    var priceSteps = 6
    /// Partial solutions the exact knapsack may keep before the grid takes over (measured
    /// at tier M: a median of 31, 99 % within 1,700, the largest 14,500).
    var listLimit: Int {
        get { core.stateLimit }
        set { core.stateLimit = newValue }
    }

    /// An upper bound on the best choice, and a choice (for the subgradient; under a count
    /// price it may break the count limits, on a rounded grid the hours).
    struct Choice {
        var value: Double
        /// Indices into the arrays given, in no particular order.
        var chosen: [Int]
    }

    // Scratch space, reused from one mentor to the next.
    private var items: [Int] = []
    private var cells: [Int] = []
    private var best: [Double] = []
    private var took: [UInt64] = []
    private var core = CoreKnapsack()
    private var keptHours: [Double] = []

    /// - Parameters:
    ///   - value: each pair's worth.
    ///   - hours: each pair's hours (≥ 0), indexed like `value`.
    ///   - room: hours available (`.infinity`: no hours limit).
    ///   - slots: pairs allowed at most.
    ///   - least: pairs required at least (0: an empty choice is allowed).
    ///   - lambda: the hours price for the LP bound (≥ 0).
    /// - Returns: nil when no `least` pairs fit within `room` together.
    mutating func solve(value: ArraySlice<Double>, hours: ArraySlice<Double>, room: Double, slots: Int, least: Int = 0,
                        lambda: Double = 0) -> Choice? {
        guard least <= slots else { return nil }
        // Every cohort the rule check accepts (``Tolerance/hoursCheck``) is admitted.
        let limit = room + Tolerance.hoursCheck
        let byValue = { (a: Int, b: Int) in value[a] != value[b] ? value[a] > value[b] : a < b }
        items.removeAll(keepingCapacity: true)
        for k in value.indices where hours[k] <= limit { items.append(k) }
        guard ProgrammeRules.shortestFit(items.lazy.map { hours[$0] }, count: least, within: limit) else { return nil }
        keepUndominated(value, hours, slots: slots)
        let positive = items.filter { value[$0] > 0 }
        if least == 0 && (slots == 0 || positive.isEmpty) { return Choice(value: 0, chosen: []) }
        // No hours limit, or every pair worth taking fits at once: the largest values.
        if !room.isFinite || (positive.count >= least && positive.reduce(0.0, { $0 + hours[$1] }) <= limit) {
            let ranked = (positive.count >= least ? positive : items).sorted(by: byValue)
            let chosen = Array(ranked.prefix(positive.count >= least ? slots : least))
            return Choice(value: chosen.reduce(0.0) { $0 + value[$1] }, chosen: chosen)
        }
        let lp = lpBound(value, hours, room: limit, slots: slots, least: least, lambda: lambda)
        let priced = countPriceBound(value, hours, room: limit, slots: slots, least: least)
        return priced.value <= lp.value ? priced : lp
    }

    /// Leaves out of `items` each pair that `slots` others beat on both value and hours (ties
    /// by index): some best choice never holds it, since one of those others would do at least
    /// as well in its place. - Complexity: `O(n log n + n·kept)`.
    private mutating func keepUndominated(_ value: ArraySlice<Double>, _ hours: ArraySlice<Double>, slots: Int) {
        guard items.count > slots else { return }
        // (value, hours, index) triples, so that neither the sort nor the scan looks keys up
        // in the slices.
        var keyed = items.map { (value[$0], hours[$0], $0) }
        keyed.sort { a, b in a.0 != b.0 ? a.0 > b.0 : (a.1 != b.1 ? a.1 < b.1 : a.2 < b.2) }
        keptHours.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        for (_, h, k) in keyed {
            var beaten = 0
            for q in keptHours where q <= h { beaten += 1; if beaten >= slots { break } }
            if beaten < slots { keptHours.append(h); items.append(k) }
        }
    }

    /// `λ·room` plus the best sum of the largest `value − λ·hours` over the admissible counts.
    private func lpBound(_ value: ArraySlice<Double>, _ hours: ArraySlice<Double>, room: Double, slots: Int, least: Int,
                         lambda: Double) -> Choice {
        let adjusted = { (k: Int) in value[k] - lambda * hours[k] }
        let ranked = items.sorted { adjusted($0) != adjusted($1) ? adjusted($0) > adjusted($1) : $0 < $1 }
        var count = 0, sum = 0.0
        while count < min(slots, ranked.count) && (count < least || adjusted(ranked[count]) > 0) {
            sum += adjusted(ranked[count]); count += 1
        }
        return Choice(value: sum + lambda * room, chosen: Array(ranked.prefix(count)))
    }

    /// The hours knapsack under count prices: the smallest bound over the prices tried.
    /// The bound at price `κ` is convex in `κ` and least where the choice's count meets the
    /// limit the price stands for (`slots` when `κ > 0`, `least` when `κ < 0`; anything in
    /// the window at 0). The search starts at 0, steps away from it, doubling until that
    /// point is bracketed, then bisects; `|κ|` stays within a few times the largest `|value|`,
    /// so no value is lost to rounding against it.
    private mutating func countPriceBound(_ value: ArraySlice<Double>, _ hours: ArraySlice<Double>, room: Double, slots: Int,
                                          least: Int) -> Choice {
        let span = items.reduce(0.0) { max($0, abs(value[$1])) } + 1
        var top = Choice(value: .infinity, chosen: [])
        var low = -Double.infinity, high = Double.infinity     // the price's bracket
        var kappa = 0.0, reach = span / 8
        for _ in 0...priceSteps {
            let (total, chosen) = programme(value, hours, room: room, price: kappa)
            let bound = total + kappa * Double(kappa >= 0 ? slots : least)
            if bound < top.value { top = Choice(value: bound, chosen: chosen) }
            let n = chosen.count
            let up = n > slots || (kappa < 0 && n > least), down = n < least || (kappa > 0 && n < slots)
            if !up && !down { break }
            if up { low = kappa } else { high = kappa }
            if low.isFinite && high.isFinite {
                kappa = (low + high) / 2
            } else {
                kappa += up ? reach : -reach
                reach *= 2
            }
        }
        return top
    }

    /// The largest total of `value − price` over choices within `room` hours, and that
    /// choice: by ``CoreKnapsack`` (exact), or on the hours grid should it give up.
    /// - Complexity: `O(n)` when every entering pair fits at once.
    private mutating func programme(_ value: ArraySlice<Double>, _ hours: ArraySlice<Double>, room: Double,
                                    price: Double) -> (Double, [Int]) {
        let entering = items.filter { value[$0] - price > 0 }
        if entering.reduce(0.0, { $0 + hours[$1] }) <= room {
            return (entering.reduce(0.0) { $0 + value[$1] - price }, entering)
        }
        if let (total, chosen) = core.solve(profit: entering.map { value[$0] - price }, weight: entering.map { hours[$0] },
                                            capacity: room) {
            return (total, chosen.map { entering[$0] })
        }
        return gridProgramme(value, hours, room: room, entering: entering, price: price)
    }

    /// The largest total of `value − price` over choices within the grid, and that choice.
    /// `best[u]` is the largest total in at most `u` cells, kept only up to the cells the
    /// pairs so far can fill (beyond them it stays the same); `took` holds one bit per pair
    /// and cell, set when that pair improved that cell, to give the choice back.
    /// - Complexity: `O(Σ_n min(width, cells of the first n pairs))`.
    private mutating func gridProgramme(_ value: ArraySlice<Double>, _ hours: ArraySlice<Double>, room: Double,
                                        entering: [Int], price: Double) -> (Double, [Int]) {
        // Exact when every hours value is a multiple of ⅛: so is every sum, and one fits `room`
        // exactly when it fits ⌊8·room⌋ eighths.
        let eighths = room * 8 <= Double(gridCells) && entering.allSatisfy { (hours[$0] * 8).rounded() == hours[$0] * 8 }
        let unit = eighths ? 0.125 : room / Double(gridCells)
        let width = unit > 0 ? Int((room / unit + 1e-6).rounded(.down)) : 0
        cells.removeAll(keepingCapacity: true)
        // Rounded down (never past the row: that only loosens the limit further).
        for k in entering { cells.append(unit > 0 ? min(width, Int((hours[k] / unit + 1e-9).rounded(.down))) : 0) }
        if cells.reduce(0, +) <= width {
            return (entering.reduce(0.0) { $0 + value[$1] - price }, entering)
        }
        let row = width + 1, words = (row + 63) / 64
        best.removeAll(keepingCapacity: true)
        best.append(contentsOf: repeatElement(0, count: row))
        took.removeAll(keepingCapacity: true)
        took.append(contentsOf: repeatElement(0, count: entering.count * words))
        var filled = 0
        best.withUnsafeMutableBufferPointer { best in
            took.withUnsafeMutableBufferPointer { took in
                for (n, k) in entering.enumerated() {
                    let h = cells[n], v = value[k] - price, base = n * words
                    let reach = min(width, filled + h)
                    if reach > filled { for u in (filled + 1)...reach { best[u] = best[filled] } }
                    filled = reach
                    var u = reach
                    while u >= h {
                        let candidate = best[u - h] + v
                        if candidate > best[u] { best[u] = candidate; took[base + u >> 6] |= 1 << UInt64(u & 63) }
                        u -= 1
                    }
                }
            }
        }
        // Back through the pairs: the last pair that improved this cell was taken.
        var chosen: [Int] = [], u = filled
        for n in stride(from: entering.count - 1, through: 0, by: -1) where took[n * words + u >> 6] & (1 << UInt64(u & 63)) != 0 {
            chosen.append(entering[n]); u -= cells[n]
        }
        return (best[filled], chosen)
    }
}
