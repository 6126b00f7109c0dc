import Dispatch

/// A value computed on another thread (a global Dispatch queue) while the caller works on;
/// ``value`` waits for it. Used to keep the second core busy beside GLPK, whose problems
/// stay on the thread that made them.
package final class BackgroundValue<T>: @unchecked Sendable {
    private var result: T?
    private let group = DispatchGroup()

    package init(_ work: @escaping @Sendable () -> T) {
        group.enter()
        DispatchQueue.global().async { [self] in
            result = work()
            group.leave()
        }
    }

    /// The value, once computed (blocks until then).
    package var value: T {
        group.wait()
        return result!
    }
}
