import Foundation

/// What an account may do: admins create programmes and accounts and publish rounds,
/// curators decide pairs and run rounds, viewers read.
public enum Role: String, Codable, Sendable, CaseIterable {
    case admin, curator, viewer

    /// Whether this role may decide pairs and propose or re-solve rounds.
    public var mayDecide: Bool { self != .viewer }
}

/// An account. The password hash never leaves the store's checks.
public struct Account: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var role: Role
    /// A one-time password was given (the first admin's): it must be changed before anything else.
    public var mustChangePassword = false

    public init(id: Int64, name: String, role: Role, mustChangePassword: Bool = false) {
        self.id = id; self.name = name; self.role = role; self.mustChangePassword = mustChangePassword
    }
}

/// A mentoring programme: its lists, profile, rounds and members.
public struct Programme: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// A Kemendagri region code or a free name (the province or kota the programme covers).
    public var region: String
    /// The matching profile (JSON as the CLI's `--profile` takes it).
    public var profileJSON: String
    public var createdAt: String
}

/// Which list a file is.
public enum ListKind: String, Codable, Sendable, CaseIterable {
    case mentors, mentees
}

/// An uploaded list, kept byte for byte as uploaded.
public struct StoredList: Sendable {
    public var id: Int64
    public var kind: ListKind
    /// The name it was uploaded under (its extension says CSV or `.xlsx`).
    public var fileName: String
    public var sha256: String
    public var bytes: Data
    public var rows: Int
    public var uploadedBy: String
    public var uploadedAt: String
}

/// A round: numbered within its programme, its files kept; `final` once an admin publishes it.
public struct RoundRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var programmeID: Int64
    public var number: Int
    public var status: String
    public var createdBy: String
    public var createdAt: String
    public var publishedBy: String?
    public var publishedAt: String?
    public var isFinal: Bool { status == "final" }
}

/// One curator decision as it was made (decisions are appended, never edited: a later one
/// on the same pair overrides it).
public struct DecisionRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var roundNumber: Int
    public var menteeID: String
    public var mentorID: String
    /// accept, reject, lock, withdraw, or clear (takes the pair's decision back).
    public var decision: String
    public var by: String
    public var at: String
}

/// A line of the audit log: who did what, when (never edited).
public struct AuditEntry: Codable, Sendable, Equatable {
    public var id: Int64
    public var by: String
    public var action: String
    public var detail: String
    public var at: String
}

/// A decision that came too late: somebody decided the same pair since the curator last saw it.
public struct DecisionConflict: Error, Sendable {
    public var current: DecisionRecord
}

/// A request the store refuses for what it asks, not for a fault (e.g. a name taken).
public struct StoreRefusal: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A what-if question asked of a programme's lists, numbered within the programme, with the
/// files of its answer (the CLI's `whatif` outputs).
public struct ScenarioRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var number: Int
    public var name: String
    /// The request as asked (scenario JSON and goals), for the record.
    public var request: String
    public var createdBy: String
    public var createdAt: String
}
