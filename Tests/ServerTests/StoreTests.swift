import Foundation
import GRDB
import Testing
@testable import PendampingServer

@Suite("SQLite store") struct StoreTests {
    @Test("decisions and the audit log are append-only; a stale decision is a conflict; rounds are numbered once")
    func appendOnly() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        let store = try SQLiteStore(path: path)
        let a = try await store.addAccount(name: "ani", role: .curator, passwordHash: "x")
        await #expect(throws: StoreRefusal.self) { _ = try await store.addAccount(name: "ANI", role: .viewer, passwordHash: "y") }
        let p = try await store.createProgramme(name: "P", region: "31.73", profileJSON: "{}", by: a)
        _ = try await store.saveRound(programmeID: p.id, number: 1, files: [("pairs.csv", Data("x".utf8))], by: a)
        await #expect(throws: StoreRefusal.self) { _ = try await store.saveRound(programmeID: p.id, number: 1, files: [], by: a) }
        let d1 = try await store.decide(programmeID: p.id, roundNumber: 1, menteeID: "E1", mentorID: "M1", decision: "accept", expected: 0, by: a)
        await #expect(throws: DecisionConflict.self) {
            _ = try await store.decide(programmeID: p.id, roundNumber: 1, menteeID: "E1", mentorID: "M1", decision: "reject", expected: 0, by: a)
        }
        let d2 = try await store.decide(programmeID: p.id, roundNumber: 1, menteeID: "E1", mentorID: "M1", decision: "reject", expected: d1.id, by: a)
        #expect(try await store.decisions(programmeID: p.id).map(\.decision) == ["accept", "reject"])
        #expect(d2.id > d1.id)
        // Editing history is refused by the database itself.
        #expect(throws: DatabaseError.self) { try store.pool.write { try $0.execute(sql: "UPDATE decision SET decision = 'lock'") } }
        #expect(throws: DatabaseError.self) { try store.pool.write { try $0.execute(sql: "DELETE FROM audit") } }
        // WAL mode, and a backup holds every decision.
        let mode = try await store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let copy = dir.appendingPathComponent("copy.sqlite").path
        try store.backup(to: copy)
        let restored = try SQLiteStore(path: copy)
        #expect(try await restored.decisions(programmeID: p.id).count == 2)
        // Membership decides visibility.
        let b = try await store.addAccount(name: "budi", role: .curator, passwordHash: "x")
        #expect(try await store.programme(id: p.id, member: b) == nil)
        try await store.addMember(programmeID: p.id, accountID: b.id, by: a)
        #expect(try await store.programme(id: p.id, member: b)?.id == p.id)
    }
}
