import COpenSSLCrypto
import Foundation

/// SHA-256 digests (FIPS 180-4) of byte buffers, computed by the system's OpenSSL libcrypto
/// (Debian's libssl-dev), linked like GLPK rather than compiled from source with the package
/// (see docs/adr for the measurement that chose it).
enum Digest {
    /// The 32-byte SHA-256 digest of `bytes`. The corresponding libcrypto routine is `SHA256`.
    /// - Complexity: `O(bytes)`.
    static func sha256<Bytes: ContiguousBytes>(_ bytes: Bytes) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { out in
                _ = SHA256(input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count, out.baseAddress)
            }
        }
        return digest
    }

    /// The digest as lower-case hexadecimal, the first `bytes` bytes of it (all 32 by default).
    static func sha256Hex<Bytes: ContiguousBytes>(_ input: Bytes, bytes: Int = 32) -> String {
        sha256(input).prefix(bytes).map { String(format: "%02x", $0) }.joined()
    }
}
