import Dispatch

/// One result slot per index, in memory allocated once: each slot is written by exactly one
/// thread and read only after all have finished, so no Swift array is mutated concurrently.
private final class ResultSlots<T, E: Error>: @unchecked Sendable {
    package let slots: UnsafeMutablePointer<Result<T, E>?>
    package let count: Int
    package init(_ count: Int) {
        self.count = count
        slots = .allocate(capacity: max(1, count))
        slots.initialize(repeating: nil, count: max(1, count))
    }
    deinit { slots.deinitialize(count: max(1, count)); slots.deallocate() }
}

/// Runs `body` for every index in `0..<count` concurrently (Dispatch's `concurrentPerform`)
/// and returns the results in index order; rethrows the error of the lowest failing index
/// (typed: a body that cannot throw makes a call that cannot).
/// - Complexity: the bodies' work, spread over the active processors.
package func concurrentMap<T, E: Error>(_ count: Int, _ body: @Sendable (Int) throws(E) -> T) throws(E) -> [T] {
    let results = ResultSlots<T, E>(count)
    DispatchQueue.concurrentPerform(iterations: count) { k in results.slots[k] = Result { () throws(E) -> T in try body(k) } }
    return try (0..<count).map { k throws(E) -> T in try results.slots[k]!.get() }
}

/// A value handed to exactly one of ``concurrentMap(_:_:)``'s bodies while the caller waits
/// (for example a progress callback that only the body running GLPK calls), so it is never
/// used from two threads at once although its type is not `Sendable`.
package struct HandedOver<T>: @unchecked Sendable {
    package init(value: T) { self.value = value }

    package let value: T
}

/// An array of `count` elements, element `i` made by `make(i)`, made on every core in runs of
/// `chunk` indices: each slot is initialised in place by the one thread that made it, so no
/// element is copied afterwards (joining per-thread arrays would copy, and retain, each).
/// - Complexity: the `make` calls, spread over the active processors.
package func concurrentArray<T>(_ count: Int, chunk: Int = 4_096, _ make: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        let slots = Slots(base: buffer.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { c in
            for i in c * chunk..<min(count, (c + 1) * chunk) { (slots.base + i).initialize(to: make(i)) }
        }
        initialized = count
    }
}

/// The start of an array's storage being initialised by several threads, each at its own slots.
private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
