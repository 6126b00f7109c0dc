import Foundation
import HummingbirdBcrypt
import Pendamping

/// The demo programme `make serve` starts with.
public enum Demo {
    /// When the store has no account: creates the admin `admin` with a random password and a
    /// programme holding the two lists; returns the password (shown once), else nil.
    public static func seed(work: ProgrammeWork, mentors: String, mentees: String) async throws -> String? {
        guard try await work.store.accounts().isEmpty else { return nil }
        let password = String(APIRoutes.randomToken().prefix(16))
        let admin = try await work.store.addAccount(name: "admin", role: .admin, passwordHash: Bcrypt.hash(password), oneTime: true)
        let profile = String(decoding: try RoundDirectory.profileFile(.default), as: UTF8.self)
        let p = try await work.store.createProgramme(name: "Kakak Asuh Jakarta Barat (demo)", region: "31.73", profileJSON: profile, by: admin)
        let result = try await work.upload(programme: p,
                                           mentors: UploadedFile(fileName: (mentors as NSString).lastPathComponent, bytes: try Data(contentsOf: URL(fileURLWithPath: mentors))),
                                           mentees: UploadedFile(fileName: (mentees as NSString).lastPathComponent, bytes: try Data(contentsOf: URL(fileURLWithPath: mentees))),
                                           by: admin)
        if !result.accepted { throw StoreRefusal("the demo lists were refused: " + result.issues.joined(separator: "; ")) }
        return password
    }
}
