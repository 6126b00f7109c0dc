import Foundation

/// The web app's only writer: accounts, programmes and members, lists, rounds and their files,
/// decisions, the audit log, and sessions. Narrow on purpose, so that a PostgreSQL store for a
/// province-wide server can stand beside ``SQLiteStore``. Every method is one transaction.
public protocol Store: Sendable {
    // Accounts
    /// Adds an account; `oneTime` marks its password as one to change at the first sign-in.
    func addAccount(name: String, role: Role, passwordHash: String, oneTime: Bool) async throws -> Account
    /// Replaces an account's password hash and clears the one-time mark.
    func setPassword(accountID: Int64, passwordHash: String) async throws
    /// The account and its password hash, by name.
    func credentials(name: String) async throws -> (Account, String)?
    /// The account with key `id`, if any.
    func account(id: Int64) async throws -> Account?
    /// Every account, by name.
    func accounts() async throws -> [Account]

    // Programmes and members
    /// Creates a programme with its creator as first member; fails with ``StoreRefusal`` when the name is taken.
    func createProgramme(name: String, region: String, profileJSON: String, by: Account) async throws -> Programme
    /// The programmes `account` is a member of.
    func programmes(of account: Account) async throws -> [Programme]
    /// The programme if `account` is one of its members, else nil (the caller answers 404).
    func programme(id: Int64, member account: Account) async throws -> Programme?
    /// Makes an account a member of a programme.
    func addMember(programmeID: Int64, accountID: Int64, by: Account) async throws
    /// The members of a programme, by name.
    func members(programmeID: Int64) async throws -> [Account]
    /// Replaces a programme's profile JSON.
    func setProfile(programmeID: Int64, profileJSON: String, by: Account) async throws

    // Lists
    /// Stores an uploaded list as the programme's current one of its kind.
    func saveList(programmeID: Int64, kind: ListKind, fileName: String, bytes: Data, sha256: String, rows: Int,
                  by: Account) async throws
    /// The newest list of each kind.
    func currentLists(programmeID: Int64) async throws -> [ListKind: StoredList]

    // Rounds
    /// Stores round `number` with its files; fails with ``StoreRefusal`` when that number exists.
    func saveRound(programmeID: Int64, number: Int, files: [(name: String, data: Data)], by: Account) async throws -> RoundRecord
    /// A programme's rounds, by number.
    func rounds(programmeID: Int64) async throws -> [RoundRecord]
    /// A programme's round `number`, if any.
    func round(programmeID: Int64, number: Int) async throws -> RoundRecord?
    /// The bytes of one file of a round, if it has it.
    func roundFile(roundID: Int64, name: String) async throws -> Data?
    /// The names of a round's stored files, sorted.
    func roundFileNames(roundID: Int64) async throws -> [String]
    /// Publishes a draft round as final; fails with ``StoreRefusal`` for an unknown or final round.
    func publish(programmeID: Int64, number: Int, by: Account) async throws

    // What-if scenarios
    /// Stores the next-numbered scenario of the programme with the files of its answer.
    func saveScenario(programmeID: Int64, name: String, request: String, files: [(name: String, data: Data)], by: Account) async throws -> ScenarioRecord
    /// A programme's scenarios, by number.
    func scenarios(programmeID: Int64) async throws -> [ScenarioRecord]
    /// The bytes of one file of a scenario's answer, if it has it.
    func scenarioFile(programmeID: Int64, number: Int, name: String) async throws -> Data?
    /// The names of a scenario's stored files, sorted.
    func scenarioFileNames(programmeID: Int64, number: Int) async throws -> [String]

    // Decisions
    /// Appends a decision if the pair's newest decision is still `expected` (0: none), else
    /// throws ``DecisionConflict`` with the newest one.
    func decide(programmeID: Int64, roundNumber: Int, menteeID: String, mentorID: String, decision: String,
                expected: Int64, by: Account) async throws -> DecisionRecord
    /// Every decision of the programme, oldest first.
    func decisions(programmeID: Int64) async throws -> [DecisionRecord]

    // Audit
    /// A programme's audit log, oldest first.
    func audit(programmeID: Int64) async throws -> [AuditEntry]

    // Sessions (opaque values keyed by a random id, with an expiry)
    /// Stores a session's value until `expires`.
    func sessionSet(key: String, value: Data, expires: Date?) async throws
    /// A session's value and expiry, if stored.
    func sessionGet(key: String) async throws -> (Data, Date?)?
    /// Removes a session.
    func sessionRemove(key: String) async throws

    /// A consistent copy of the whole store at `path` (SQLite's online backup).
    func backup(to path: String) throws
}

extension Store {
    /// Adds an account whose password its owner chose.
    public func addAccount(name: String, role: Role, passwordHash: String) async throws -> Account {
        try await addAccount(name: name, role: role, passwordHash: passwordHash, oneTime: false)
    }
}
