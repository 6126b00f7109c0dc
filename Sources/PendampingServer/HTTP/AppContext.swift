import Foundation
import Hummingbird
import HummingbirdAuth
import NIOCore
import Synchronization

/// What a session cookie stands for: the account, and the CSRF token its pages send back.
public struct WebSession: Codable, Sendable {
    /// The signed-in account's key in the store.
    public var accountID: Int64
    /// The token a page's forms must send back.
    public var csrf: String
}

/// The request context: the session, the signed-in account, the client's address.
public struct AppContext: AuthRequestContext, SessionRequestContext, RemoteAddressRequestContext {
    /// Hummingbird's own request state.
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account, once the session is checked.
    public var identity: Account?
    /// The session this request carries.
    public let sessions: SessionContext<WebSession>
    /// The client's address (for the audit log and rate limits).
    public let remoteAddress: SocketAddress?

    /// The context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies are JSON with snake_case keys.
    public var requestDecoder: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }

    /// Uploads carry two lists as base64 in JSON.
    public var maxUploadSize: Int { 96 << 20 }

    /// The client's address without its port (for login limits), or "-".
    var clientAddress: String { remoteAddress?.ipAddress ?? "-" }
}

/// ``Store`` sessions as Hummingbird's persistence, so that sessions outlive a restart.
struct StorePersistDriver: PersistDriver {
    let store: any Store

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await set(key: key, value: value, expires: expires)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let until = expires.map { Date().addingTimeInterval(TimeInterval($0.components.seconds)) }
        try await store.sessionSet(key: key, value: try JSONEncoder().encode(value), expires: until)
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        guard let (data, _) = try await store.sessionGet(key: key) else { return nil }
        return try JSONDecoder().decode(Object.self, from: data)
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        guard let (data, expires) = try await store.sessionGet(key: key) else { return nil }
        let ttl = expires.map { Duration.seconds(max(0, Int64($0.timeIntervalSinceNow))) }
        return (try JSONDecoder().decode(Object.self, from: data), ttl)
    }

    func remove(key: String) async throws { try await store.sessionRemove(key: key) }
}

/// Failed sign-ins counted per account name and per client address in a sliding window;
/// past the limit, sign-in is refused (429) until the window passes. In memory: a restart
/// forgets the counts.
final class LoginLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    init(limit: Int = 5, window: TimeInterval = 15 * 60) { self.limit = limit; self.window = window }

    private func keys(name: String, address: String) -> [String] { ["n:" + name.lowercased(), "a:" + address] }

    /// Whether either key is over the limit now.
    func isBlocked(name: String, address: String) -> Bool {
        let now = Date()
        return failures.withLock { f in
            keys(name: name, address: address).contains { (f[$0] ?? []).filter { now.timeIntervalSince($0) < window }.count >= limit }
        }
    }

    func recordFailure(name: String, address: String) {
        let now = Date()
        failures.withLock { f in
            for k in keys(name: name, address: address) {
                f[k] = (f[k] ?? []).filter { now.timeIntervalSince($0) < window } + [now]
            }
        }
    }

    func recordSuccess(name: String) { failures.withLock { $0["n:" + name.lowercased()] = nil } }
}
