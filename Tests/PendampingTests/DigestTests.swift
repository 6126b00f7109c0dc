import Foundation
import Testing
@testable import Pendamping
import Optimisation

/// SHA-256 through the system's libcrypto against the test vectors published with the
/// standard (FIPS 180-2, appendix B) and against `sha256sum` on a file.
@Suite struct DigestTests {
    @Test func publishedVectors() {
        #expect(Digest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256Hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let two = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(Digest.sha256Hex(two) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Digest.sha256Hex(Array("abc".utf8), bytes: 4) == "ba7816bf")
    }

    @Test func agreesWithSha256sumOnAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pendamping-digest-\(getpid()).bin")
        var rng = SplitMix64(seed: 7)
        let bytes = (0..<100_003).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(try CurationRound.sha256(path: url.path) == String(out.prefix(64)))
    }
}
