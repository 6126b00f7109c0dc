/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, seedable generator whose sequence is
/// the same on every platform, so seeded data and tests repeat exactly. Not for cryptography.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// - Complexity: `O(1)`.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) from the top 53 bits (platform-independent, unlike
    /// `Double.random(in:using:)` whose algorithm is not specified). `O(1)`.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform integer in `range` by multiply-shift (Lemire) without rejection; the bias
    /// is below 2⁻³² for ranges under 2³². `O(1)`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(((next() >> 32) &* width) >> 32)
    }

    /// A uniform double in `range` (from ``unit()``). `O(1)`.
    public mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }
}
