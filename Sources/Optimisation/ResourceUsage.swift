#if canImport(Glibc)
import Glibc
#endif

/// Process resource figures for benchmarks.
package enum ResourceUsage {
    /// Peak resident set size of this process so far, in bytes (`getrusage`'s `ru_maxrss`). `O(1)`.
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
