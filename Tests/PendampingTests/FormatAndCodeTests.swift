import Foundation
import Testing
@testable import Pendamping
import Optimisation
import Tabular

/// The byte-level number formats and the one-pass region-code parser against plain
/// reference definitions written here.
@Suite struct FormatAndCodeTests {
    /// Reference: the fixed-decimal format spelled out with `String` arithmetic.
    func referenceFixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let n = Int64(scaled)
        let sign = value < 0 && n != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(n) }
        let frac = String(n % Int64(scale))
        return sign + String(n / Int64(scale)) + "." + String(repeating: "0", count: digits - frac.count) + frac
    }

    @Test func fixedAndScoreFormatsMatchTheReference() {
        var rng = SplitMix64(seed: 42)
        let specials: [Double] = [0, -0.0, 0.5, -0.5, 0.00005, -0.00004, 1e15, -1e16, 9e14, .nan, .infinity, -.infinity, 123.456789]
        for k in 0..<20_000 {
            let v = k < specials.count ? specials[k] : rng.double(in: -1...1) * [1, 10, 1000, 1e7, 1e12][k % 5]
            for digits in [0, 1, 2, 4, 6] { #expect(formatFixed(v, digits) == referenceFixed(v, digits), "\(v) \(digits)") }
        }
        for units: Int64 in [0, 1, 999_999, 1_000_000, 1_000_001, -1, -1_500_000, 123_456_789_012, Int64.max, Int64.min + 1] {
            let u = units.magnitude
            let frac = String(u % 1_000_000)
            let expected = (units < 0 ? "-" : "") + String(u / 1_000_000) + "." + String(repeating: "0", count: 6 - frac.count) + frac
            #expect(formatScore(units) == expected)
        }
    }

    /// Reference: split on dots, check each part's width and digits.
    func referenceRegion(_ raw: String) -> (packed: UInt64, level: Int)? {
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        let widths = [2, 2, 2, 4]
        guard (1...4).contains(parts.count) else { return nil }
        var packed: UInt64 = 0
        for (i, p) in parts.enumerated() {
            guard p.utf8.count == widths[i], p.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            packed = packed * UInt64(pow(10, Double(widths[i]))) + UInt64(p)!
        }
        for i in parts.count..<4 { packed *= UInt64(pow(10, Double(widths[i]))) }
        return (packed, parts.count)
    }

    @Test func regionCodeParserMatchesTheReference() {
        var rng = SplitMix64(seed: 7)
        let alphabet = Array("0123456789..x ")
        var samples = ["62", "62.06", "62.06.10", "62.06.10.1001", "31.73.04", "6", "620", "62.", ".62", "62..06", "62.06.10.100",
                       "62.06.10.10011", "62.06.10.1001.1", "", "6a", "62.06.1x"]
        for _ in 0..<20_000 {
            samples.append(String((0..<rng.int(in: 0...14)).map { _ in alphabet[rng.int(in: 0...alphabet.count - 1)] }))
        }
        for s in samples {
            let code = RegionCode(s), reference = referenceRegion(s)
            #expect(code?.packed == reference?.packed && code?.level == reference?.level, "'\(s)'")
            if let code { #expect(code.text == s) }
        }
    }
}
