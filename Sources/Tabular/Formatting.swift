/// Locale-free number formatting, so outputs are byte-identical everywhere. Each format is
/// written once, as bytes appended to a buffer (what the CSV writer uses, with no `String`
/// per cell); the `String` forms decode those bytes.

/// Appends the decimal digits of `n` (with `-` when negative). `O(digits)`.
@inline(__always)
package func appendInteger(_ n: Int64, to out: inout [UInt8]) {
    if n < 0 { out.append(UInt8(ascii: "-")) }
    appendDigits(n.magnitude, minimumCount: 1, to: &out)
}

/// Appends the decimal digits of `u`, padded with leading zeros to `minimumCount`: room is
/// made once and the digits filled from the right. `O(digits)`.
@inline(__always)
package func appendDigits(_ u: UInt64, minimumCount: Int, to out: inout [UInt8]) {
    var count = 1, t = u
    while t >= 10 { t /= 10; count += 1 }
    count = max(count, minimumCount)
    let start = out.count
    out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
    out.withUnsafeMutableBufferPointer { buffer in
        var v = u, k = start + count - 1
        while v > 0 { buffer[k] = UInt8(truncatingIfNeeded: v % 10) &+ 48; v /= 10; k -= 1 }
    }
}

/// Appends `value` with exactly `digits` decimals, rounded half away from zero. `O(digits)`.
package func appendFixed(_ value: Double, _ digits: Int, to out: inout [UInt8]) {
    guard value.isFinite else { out.append(contentsOf: (value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf")).utf8); return }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9e15 else { out.append(contentsOf: String(value).utf8); return }
    let n = UInt64(scaled)
    if value < 0 && n != 0 { out.append(UInt8(ascii: "-")) }
    guard digits > 0 else { appendDigits(n, minimumCount: 1, to: &out); return }
    let unit = UInt64(scale)
    appendDigits(n / unit, minimumCount: 1, to: &out)
    out.append(UInt8(ascii: "."))
    appendDigits(n % unit, minimumCount: digits, to: &out)
}

/// `value` with exactly `digits` decimals, rounded half away from zero. `O(digits)`.
package func formatFixed(_ value: Double, _ digits: Int) -> String {
    var bytes: [UInt8] = []
    appendFixed(value, digits, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// `text`, a number written with a decimal point, with the decimal sign of `language`: a
/// comma in Indonesian (`0,685`), the point in English. `O(length)`.
package func decimalSign(_ text: String, _ language: Language) -> String {
    language == .id ? text.replacingOccurrences(of: ".", with: ",") : text
}

/// ``formatFixed(_:_:)`` with the decimal sign of `language`. `O(digits)`.
package func formatFixed(_ value: Double, _ digits: Int, _ language: Language) -> String {
    decimalSign(formatFixed(value, digits), language)
}

/// `value` rounded to 6 decimals, for JSON numbers.
package func rounded6(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
