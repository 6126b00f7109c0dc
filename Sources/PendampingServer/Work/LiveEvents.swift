import Foundation
import Synchronization

/// Fans programme events (a decision, a new round) out to every open page of that programme,
/// for server-sent events. - Complexity: `O(listeners)` per event.
final class LiveEvents: Sendable {
    struct Event: Sendable {
        var name: String
        var json: String
    }

    private let listeners = Mutex<[Int64: [UUID: AsyncStream<Event>.Continuation]]>([:])

    /// A stream of `programme`'s events until the caller stops reading, and a call that ends it.
    func subscribe(programme: Int64) -> (events: AsyncStream<Event>, end: @Sendable () -> Void) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(256))
        listeners.withLock { $0[programme, default: [:]][id] = continuation }
        continuation.onTermination = { [weak self] _ in
            self?.listeners.withLock { _ = $0[programme]?.removeValue(forKey: id) }
        }
        return (stream, { continuation.finish() })
    }

    func publish(programme: Int64, _ event: Event) {
        let targets = listeners.withLock { Array(($0[programme] ?? [:]).values) }
        for c in targets { c.yield(event) }
    }
}
