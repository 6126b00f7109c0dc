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
    func account(id: Int64) async throws -> Account?
    func accounts() async throws -> [Account]

    // Programmes and members
    func createProgramme(name: String, region: String, profileJSON: String, by: Account) async throws -> Programme
    /// The programmes `account` is a member of.
    func programmes(of account: Account) async throws -> [Programme]
    /// The programme if `account` is one of its members, else nil (the caller answers 404).
    func programme(id: Int64, member account: Account) async throws -> Programme?
    func addMember(programmeID: Int64, accountID: Int64, by: Account) async throws
    func members(programmeID: Int64) async throws -> [Account]
    func setProfile(programmeID: Int64, profileJSON: String, by: Account) async throws

    // Lists
    func saveList(programmeID: Int64, kind: ListKind, fileName: String, bytes: Data, sha256: String, rows: Int,
                  by: Account) async throws
    /// The newest list of each kind.
    func currentLists(programmeID: Int64) async throws -> [ListKind: StoredList]

    // Rounds
    /// Stores round `number` with its files; fails with ``StoreRefusal`` when that number exists.
    func saveRound(programmeID: Int64, number: Int, files: [(name: String, data: Data)], by: Account) async throws -> RoundRecord
    func rounds(programmeID: Int64) async throws -> [RoundRecord]
    func round(programmeID: Int64, number: Int) async throws -> RoundRecord?
    func roundFile(roundID: Int64, name: String) async throws -> Data?
    func roundFileNames(roundID: Int64) async throws -> [String]
    func publish(programmeID: Int64, number: Int, by: Account) async throws

    // What-if scenarios
    /// Stores the next-numbered scenario of the programme with the files of its answer.
    func saveScenario(programmeID: Int64, name: String, request: String, files: [(name: String, data: Data)], by: Account) async throws -> ScenarioRecord
    func scenarios(programmeID: Int64) async throws -> [ScenarioRecord]
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
    func audit(programmeID: Int64) async throws -> [AuditEntry]

    // Sessions (opaque values keyed by a random id, with an expiry)
    func sessionSet(key: String, value: Data, expires: Date?) async throws
    func sessionGet(key: String) async throws -> (Data, Date?)?
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
