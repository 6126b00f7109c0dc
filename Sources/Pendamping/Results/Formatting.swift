/// Locale-free number formatting, so outputs are byte-identical everywhere.

/// `value` with exactly `digits` decimals, rounded half away from zero. `O(digits)`.
package func formatFixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9e15 else { return String(value) }
    let n = Int64(scaled)
    let sign = value < 0 && n != 0 ? "-" : ""
    guard digits > 0 else { return sign + String(n) }
    let whole = n / Int64(scale), frac = n % Int64(scale)
    let f = String(frac)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
}

/// An integer score as a decimal in [0, 1] with six digits.
public func formatScore(_ units: Int64) -> String {
    let scale = Int64(ScoringModel.integerScale)
    let sign = units < 0 ? "-" : ""
    let u = abs(units)
    let f = String(u % scale)
    return sign + String(u / scale) + "." + String(repeating: "0", count: 6 - f.count) + f
}

/// `value` rounded to 6 decimals, for JSON numbers.
func rounded6(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
