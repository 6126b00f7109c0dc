import Dispatch

/// Results of ``concurrentMap(_:_:)``, one slot per index, each written by one thread only.
private final class ResultSlots<T>: @unchecked Sendable {
    var values: [Result<T, Error>?]
    init(_ count: Int) { values = Array(repeating: nil, count: count) }
}

/// Runs `body` for every index in `0..<count` concurrently (Dispatch's `concurrentPerform`)
/// and returns the results in index order; rethrows the error of the lowest failing index.
/// - Complexity: the bodies' work, spread over the active processors.
func concurrentMap<T>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let slots = ResultSlots<T>(count)
    DispatchQueue.concurrentPerform(iterations: count) { k in slots.values[k] = Result { try body(k) } }
    return try slots.values.map { try $0!.get() }
}
