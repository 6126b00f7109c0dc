import Foundation
import Optimisation
import Synchronization

/// The solve running for each programme (one at a time): the stages it has finished, and a
/// stop that ends it cleanly (the branch and cut stops at once; the result is then dropped
/// and nothing is stored).
final class SolveJobs: Sendable {
    /// One running solve.
    final class Job: Sendable {
        let stop = SolveStop()
        let stages = Mutex<[String]>([])
        let cancelled = Atomic<Bool>(false)

        func finished(stage: String) { stages.withLock { $0.append(stage) } }
        func cancel() { cancelled.store(true, ordering: .relaxed); stop.stop() }
        var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
    }

    /// A solve that was cancelled before it finished.
    struct Cancelled: Error {}
    /// A second solve asked for while one runs.
    struct Busy: Error {}

    private let running = Mutex<[Int64: Job]>([:])

    /// Registers a job for `programme`, or throws ``Busy``.
    func start(programme: Int64) throws -> Job {
        try running.withLock { jobs in
            if jobs[programme] != nil { throw Busy() }
            let job = Job()
            jobs[programme] = job
            return job
        }
    }

    func end(programme: Int64) { _ = running.withLock { $0.removeValue(forKey: programme) } }

    func job(programme: Int64) -> Job? { running.withLock { $0[programme] } }

    /// Runs `job`'s blocking `work` on a thread of its own; a cancel that came while it ran
    /// (whether the work stopped at once, failed on the stop, or finished) is ``Cancelled``.
    static func run<T: Sendable>(_ job: Job, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let value: T
        do { value = try await offload(work) } catch {
            if job.isCancelled { throw Cancelled() }
            throw error
        }
        if job.isCancelled { throw Cancelled() }
        return value
    }

    /// Runs blocking `work` on a thread of its own (not the server's event loops or the
    /// cooperative pool) and returns its result.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
