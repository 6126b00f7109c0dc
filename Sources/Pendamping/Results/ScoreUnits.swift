import Tabular

/// An exact amount of score. A pair's score in [0, 1] is counted in millionths
/// (``ScoringModel/integerScale`` units per score point), so that totals over hundreds of
/// thousands of pairs are sums of integers, exact and the same however they are added up.
/// Encoded as a plain JSON integer (`"objective_units" : 39056278`).
public struct ScoreUnits: Sendable, Hashable, Comparable, Codable, AdditiveArithmetic, CustomStringConvertible {
    /// The amount in millionths of a score point.
    public var units: Int64

    /// The amount of `units` millionths of a score point.
    public init(_ units: Int64) { self.units = units }

    /// The units nearest to `score` (a score or a sum of scores).
    public init(score: Double) { units = Int64((score * ScoringModel.integerScale).rounded()) }

    /// The amount in score points (`units / 10⁶`).
    public var score: Double { Double(units) / ScoringModel.integerScale }

    /// The score with six decimals, as the result files write it.
    public var description: String { formatFixed(score, 6) }

    /// No score.
    public static let zero = ScoreUnits(0)
    /// The exact sum.
    public static func + (a: ScoreUnits, b: ScoreUnits) -> ScoreUnits { ScoreUnits(a.units + b.units) }
    /// The exact difference.
    public static func - (a: ScoreUnits, b: ScoreUnits) -> ScoreUnits { ScoreUnits(a.units - b.units) }
    /// Orders by the exact amount.
    public static func < (a: ScoreUnits, b: ScoreUnits) -> Bool { a.units < b.units }

    /// Reads the plain integer the files hold.
    public init(from decoder: Decoder) throws { units = try decoder.singleValueContainer().decode(Int64.self) }
    /// Writes the units as a plain integer.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(units)
    }
}
