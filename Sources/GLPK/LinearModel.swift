/// A linear or mixed-integer programme as plain Swift arrays, validated before GLPK sees it
/// (OR-Tools' model_validator habit: GLPK's own fatal paths stay unreachable).
///
/// Rows and columns are 0-based here; the wrapper converts to GLPK's 1-based arrays.
public struct LinearModel: Sendable, Equatable {
    /// Bounds of a row or column: GLPK's GLP_FR / GLP_LO / GLP_UP / GLP_DB / GLP_FX.
    public enum Bounds: Sendable, Equatable {
        /// No bound.
        case free
        /// At least the value.
        case lower(Double)
        /// At most the value.
        case upper(Double)
        /// Between the two values.
        case range(Double, Double)
        /// Equal to the value.
        case fixed(Double)
    }

    /// A column's kind: continuous, integer or 0/1.
    public enum Kind: Sendable, Equatable {
        /// Any real value within the bounds.
        case continuous
        /// A whole value within the bounds.
        case integer
        /// 0 or 1.
        case binary
    }
    /// Whether the objective is minimised or maximised.
    public enum Sense: Sendable, Equatable {
        /// The least objective.
        case minimize
        /// The greatest objective.
        case maximize
    }

    /// The objective's direction.
    public var sense: Sense
    /// Bounds of each row.
    public var rowBounds: [Bounds] = []
    /// Bounds of each column.
    public var columnBounds: [Bounds] = []
    /// Objective coefficient of each column.
    public var objective: [Double] = []
    /// Kind of each column (empty: all continuous).
    public var columnKinds: [Kind] = []
    /// Sparse matrix as triplets (row, column, value), 0-based.
    public var entries: [(row: Int32, column: Int32, value: Double)] = []

    /// An empty model.
    public init(sense: Sense) { self.sense = sense }

    /// Rows of the model.
    public var rowCount: Int { rowBounds.count }
    /// Columns of the model.
    public var columnCount: Int { columnBounds.count }
    /// True when some column is integer or 0/1.
    public var isInteger: Bool { columnKinds.contains { $0 != .continuous } }

    /// Adds a row and returns its 0-based index. `O(1)` amortised.
    @discardableResult
    public mutating func addRow(_ bounds: Bounds) -> Int32 {
        rowBounds.append(bounds)
        return Int32(rowBounds.count - 1)
    }

    /// Adds a column and returns its 0-based index. `O(1)` amortised.
    @discardableResult
    public mutating func addColumn(_ bounds: Bounds, objective c: Double, kind: Kind = .continuous) -> Int32 {
        columnBounds.append(bounds)
        objective.append(c)
        columnKinds.append(kind)
        return Int32(columnBounds.count - 1)
    }

    /// Sets a matrix coefficient. Duplicates are rejected by ``validate()``. `O(1)` amortised.
    public mutating func set(row: Int32, column: Int32, _ value: Double) {
        entries.append((row, column, value))
    }

    /// Equal models: the same direction, bounds, objective, kinds and entries in order.
    public static func == (a: LinearModel, b: LinearModel) -> Bool {
        a.sense == b.sense && a.rowBounds == b.rowBounds && a.columnBounds == b.columnBounds
            && a.objective == b.objective && a.columnKinds == b.columnKinds
            && a.entries.elementsEqual(b.entries) { $0 == $1 }
    }

    /// Checks what GLPK would otherwise abort on: finite numbers, ordered bounds, indices in
    /// range, no duplicate entries, integral bounds on integer columns.
    /// - Complexity: `O(rows + columns + entries·log(entries))`.
    public func validate() throws(GLPKError) {
        guard rowCount < Int(Int32.max), columnCount < Int(Int32.max), entries.count < Int(Int32.max) else {
            throw .invalidModel("model too large for GLPK's int indices")
        }
        for (i, b) in rowBounds.enumerated() { try Self.check(b, "row \(i)", integral: false) }
        for (j, b) in columnBounds.enumerated() {
            try Self.check(b, "column \(j)", integral: columnKinds[j] != .continuous)
            guard objective[j].isFinite else { throw .invalidModel("column \(j): objective is not finite") }
        }
        guard objective.count == columnCount, columnKinds.count == columnCount else {
            throw .invalidModel("objective and kinds must have one entry per column")
        }
        var keys = [Int64]()
        keys.reserveCapacity(entries.count)
        for e in entries {
            guard e.row >= 0, Int(e.row) < rowCount, e.column >= 0, Int(e.column) < columnCount else {
                throw .invalidModel("matrix entry (\(e.row), \(e.column)) out of range")
            }
            guard e.value.isFinite else { throw .invalidModel("matrix entry (\(e.row), \(e.column)) is not finite") }
            keys.append(Int64(e.row) << 32 | Int64(e.column))
        }
        keys.sort()
        for k in 1..<max(1, keys.count) where keys[k] == keys[k - 1] {
            throw .invalidModel("duplicate matrix entry (\(keys[k] >> 32), \(keys[k] & 0xffff_ffff))")
        }
    }

    private static func check(_ b: Bounds, _ what: String, integral: Bool) throws(GLPKError) {
        let values: [Double]
        switch b {
        case .free: values = []
        case .lower(let l), .upper(let l), .fixed(let l): values = [l]
        case .range(let l, let u):
            values = [l, u]
            guard l <= u else { throw .invalidModel("\(what): lower bound \(l) above upper bound \(u)") }
        }
        for v in values {
            guard v.isFinite else { throw .invalidModel("\(what): bound is not finite") }
            if integral && v != v.rounded() { throw .invalidModel("\(what): integer column with fractional bound \(v)") }
        }
    }
}
