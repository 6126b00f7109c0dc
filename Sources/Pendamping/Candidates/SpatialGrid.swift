import Foundation

/// A uniform latitude/longitude grid over points (mentors), visited in square rings around a
/// query point, with a proven lower bound on the distance to every point not yet visited.
///
/// Building is `O(m)`; a query visits rings until its caller is satisfied, so it touches
/// the points near the query rather than all `m`.
struct SpatialGrid: Sendable {
    let lat0: Double, lon0: Double, cell: Double
    let rows: Int, cols: Int
    /// Points of cell `c` are `items[cellStart[c]..<cellStart[c+1]]`, in ascending index order.
    let cellStart: [Int32]
    let items: [Int32]
    /// Smallest cos(latitude) among the points.
    let cosMin: Double
    /// The points span more than 180° of longitude: longitude gaps are not used for bounds.
    let wraps: Bool

    /// A grid over all `points`. `O(points)`.
    init(points: [GeoPoint]) {
        self.init(points: points, subset: (0..<Int32(points.count)).map { $0 })
    }

    /// A grid over `points[subset]`; items are the indices in `points`. `O(subset)`.
    init(points all: [GeoPoint], subset: [Int32]) {
        let points = subset.map { all[Int($0)] }
        let lats = points.map(\.lat), lons = points.map(\.lon)
        let minLat = lats.min() ?? 0, maxLat = lats.max() ?? 0
        let minLon = lons.min() ?? 0, maxLon = lons.max() ?? 0
        let spanLat = maxLat - minLat, spanLon = maxLon - minLon
        // About two points per cell, cells no smaller than ~500 m.
        let target = max(1.0, Double(points.count) / 2)
        var c = max(0.005, ((max(spanLat, 0.01) * max(spanLon, 0.01)) / target).squareRoot())
        while (Int(spanLat / c) + 1) * (Int(spanLon / c) + 1) > 4 * points.count + 16 { c *= 1.5 }
        cell = c
        lat0 = minLat; lon0 = minLon
        rows = Int(spanLat / c) + 1; cols = Int(spanLon / c) + 1
        cosMin = lats.map { cos(abs($0) * .pi / 180) }.min() ?? 1
        wraps = spanLon > 180

        var counts = [Int32](repeating: 0, count: rows * cols + 1)
        var cellOf = [Int](repeating: 0, count: points.count)
        for (i, p) in points.enumerated() {
            let r = min(rows - 1, Int((p.lat - minLat) / c)), q = min(cols - 1, Int((p.lon - minLon) / c))
            cellOf[i] = r * cols + q
            counts[cellOf[i] + 1] += 1
        }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var fill = counts
        var items = [Int32](repeating: 0, count: points.count)
        for i in points.indices {
            items[Int(fill[cellOf[i]])] = subset[i]
            fill[cellOf[i]] += 1
        }
        cellStart = counts
        self.items = items
    }

    /// The cell of `p`, clamped to the grid.
    func cellIndex(_ p: GeoPoint) -> (row: Int, col: Int) {
        let r = Int(((p.lat - lat0) / cell).rounded(.down)), q = Int(((p.lon - lon0) / cell).rounded(.down))
        return (min(rows - 1, max(0, r)), min(cols - 1, max(0, q)))
    }

    /// Calls `visit` with each point index in ring `r` around `center` (cells at Chebyshev
    /// distance exactly `r`). `O(cells in ring + points in them)`.
    func forEachInRing(_ center: (row: Int, col: Int), _ r: Int, _ visit: (Int) -> Void) {
        forEachCellInRing(center, r) { range in for k in range { visit(Int(items[k])) } }
    }

    /// Calls `visit` with the positions in `items` of each non-empty cell in ring `r` around
    /// `center` (cells at Chebyshev distance exactly `r`). `O(cells in ring)`.
    @inline(__always)
    func forEachCellInRing(_ center: (row: Int, col: Int), _ r: Int, _ visit: (Range<Int>) -> Void) {
        let r0 = center.row - r, r1 = center.row + r, c0 = center.col - r, c1 = center.col + r
        func cellVisit(_ row: Int, _ col: Int) {
            guard row >= 0, row < rows, col >= 0, col < cols else { return }
            let c = row * cols + col
            let start = Int(cellStart[c]), end = Int(cellStart[c + 1])
            if start < end { visit(start..<end) }
        }
        if r == 0 { cellVisit(center.row, center.col); return }
        for col in max(c0, 0)...min(c1, cols - 1) where c0 <= cols - 1 && c1 >= 0 {
            cellVisit(r0, col); cellVisit(r1, col)
        }
        if r0 + 1 <= r1 - 1 {
            for row in max(r0 + 1, 0)...min(r1 - 1, rows - 1) where r0 + 1 <= rows - 1 && r1 - 1 >= 0 {
                cellVisit(row, c0); cellVisit(row, c1)
            }
        }
    }

    /// A lower bound on the km from `p` to any point outside the square of rings `0...r`
    /// around `center`, or nil when that square covers the whole grid. `O(1)`.
    func unvisitedLowerBoundKm(from p: GeoPoint, center: (row: Int, col: Int), ring r: Int) -> Double? {
        var dLat = Double.infinity, dLon = Double.infinity
        if center.row - r > 0 { dLat = min(dLat, p.lat - (lat0 + Double(center.row - r) * cell)) }
        if center.row + r + 1 < rows { dLat = min(dLat, lat0 + Double(center.row + r + 1) * cell - p.lat) }
        if center.col - r > 0 { dLon = min(dLon, p.lon - (lon0 + Double(center.col - r) * cell)) }
        if center.col + r + 1 < cols { dLon = min(dLon, lon0 + Double(center.col + r + 1) * cell - p.lon) }
        if dLat == .infinity && dLon == .infinity { return nil }
        if wraps && dLon != .infinity { dLon = 0 }
        let cosQ = min(cosMin, cos(abs(p.lat) * .pi / 180))
        return Geo.lowerBoundKm(dLat: dLat == .infinity ? 1e9 : max(0, dLat),
                                dLon: dLon == .infinity ? 360 : max(0, dLon), cosMin: cosQ)
    }

    /// Index and km of the nearest point to `p` (lowest index on ties), nil when empty.
    func nearest(to p: GeoPoint, points: [GeoPoint]) -> (index: Int, km: Double)? {
        guard !items.isEmpty else { return nil }
        let center = cellIndex(p)
        var best: (index: Int, km: Double)?
        var r = 0
        while true {
            forEachInRing(center, r) { j in
                let d = Geo.distanceKm(p, points[j])
                if best == nil || d < best!.km || (d == best!.km && j < best!.index) { best = (j, d) }
            }
            guard let lb = unvisitedLowerBoundKm(from: p, center: center, ring: r) else { return best }
            if let b = best, lb > b.km { return best }
            r += 1
        }
    }
}
