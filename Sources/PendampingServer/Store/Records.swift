import Foundation

/// What an account may do: admins create programmes and accounts and publish rounds,
/// curators decide pairs and run rounds, viewers read.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Admins manage; curators decide and run rounds; viewers read.
    case admin, curator, viewer

    /// Whether this role may decide pairs and propose or re-solve rounds.
    public var mayDecide: Bool { self != .viewer }
}

/// An account. The password hash never leaves the store's checks.
public struct Account: Codable, Sendable, Equatable {
    /// The account's key in the store.
    public var id: Int64
    /// The login name (unique).
    public var name: String
    /// What the account may do.
    public var role: Role
    /// A one-time password was given (the first admin's): it must be changed before anything else.
    public var mustChangePassword = false

    /// An account record.
    public init(id: Int64, name: String, role: Role, mustChangePassword: Bool = false) {
        self.id = id; self.name = name; self.role = role; self.mustChangePassword = mustChangePassword
    }
}

/// A mentoring programme: its lists, profile, rounds and members.
public struct Programme: Codable, Sendable, Equatable {
    /// The programme's key in the store.
    public var id: Int64
    /// The programme's name, unique.
    public var name: String
    /// A Kemendagri region code or a free name (the province or kota the programme covers).
    public var region: String
    /// The matching profile (JSON as the CLI's `--profile` takes it).
    public var profileJSON: String
    /// When it was created (UTC, ISO 8601).
    public var createdAt: String
}

/// Which list a file is.
public enum ListKind: String, Codable, Sendable, CaseIterable {
    /// The mentors' list or the mentees' list.
    case mentors, mentees
}

/// An uploaded list, kept byte for byte as uploaded.
public struct StoredList: Sendable {
    /// The list's key in the store.
    public var id: Int64
    /// Mentors or mentees.
    public var kind: ListKind
    /// The name it was uploaded under (its extension says CSV or `.xlsx`).
    public var fileName: String
    /// SHA-256 (hex) of ``bytes``.
    public var sha256: String
    /// The file as uploaded.
    public var bytes: Data
    /// Records read from it at upload.
    public var rows: Int
    /// The account that uploaded it.
    public var uploadedBy: String
    /// When (UTC, ISO 8601).
    public var uploadedAt: String
}

/// A round: numbered within its programme, its files kept; `final` once an admin publishes it.
public struct RoundRecord: Codable, Sendable, Equatable {
    /// The round's key in the store.
    public var id: Int64
    /// The programme it belongs to.
    public var programmeID: Int64
    /// 1 for the first round of the programme.
    public var number: Int
    /// `draft` until published, then `final`.
    public var status: String
    /// The account that ran it.
    public var createdBy: String
    /// When (UTC, ISO 8601).
    public var createdAt: String
    /// The admin who published it, once final.
    public var publishedBy: String?
    /// When it was published.
    public var publishedAt: String?
    /// True once published (no more decisions).
    public var isFinal: Bool { status == "final" }
}

/// One curator decision as it was made (decisions are appended, never edited: a later one
/// on the same pair overrides it).
public struct DecisionRecord: Codable, Sendable, Equatable {
    /// The decision's key in the store (later ones override earlier ones on the same pair).
    public var id: Int64
    /// The round it was made on.
    public var roundNumber: Int
    /// The mentee's id (empty when a mentor withdraws).
    public var menteeID: String
    /// The mentor's id (empty when a mentee withdraws).
    public var mentorID: String
    /// accept, reject, lock, withdraw, or clear (takes the pair's decision back).
    public var decision: String
    /// The curator who made it.
    public var by: String
    /// When (UTC, ISO 8601).
    public var at: String
}

/// A line of the audit log: who did what, when (never edited).
public struct AuditEntry: Codable, Sendable, Equatable {
    /// The entry's key, in order of writing.
    public var id: Int64
    /// The account that acted.
    public var by: String
    /// What was done, e.g. `decide` or `publish_round`.
    public var action: String
    /// Ids and numbers of what it touched (never personal data).
    public var detail: String
    /// When (UTC, ISO 8601).
    public var at: String
}

/// A decision that came too late: somebody decided the same pair since the curator last saw it.
public struct DecisionConflict: Error, Sendable {
    /// The decision standing on the pair now.
    public var current: DecisionRecord
}

/// A request the store refuses for what it asks, not for a fault (e.g. a name taken).
public struct StoreRefusal: Error, Sendable, CustomStringConvertible {
    /// Why, in words.
    public var description: String
    /// A refusal saying `description`.
    public init(_ description: String) { self.description = description }
}

/// A what-if question asked of a programme's lists, numbered within the programme, with the
/// files of its answer (the CLI's `whatif` outputs).
public struct ScenarioRecord: Codable, Sendable, Equatable {
    /// The scenario's key in the store.
    public var id: Int64
    /// 1 for the programme's first scenario.
    public var number: Int
    /// The scenario's name, as asked.
    public var name: String
    /// The request as asked (scenario JSON and goals), for the record.
    public var request: String
    /// The account that asked it.
    public var createdBy: String
    /// When (UTC, ISO 8601).
    public var createdAt: String
}
