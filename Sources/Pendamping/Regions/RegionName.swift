import Foundation

/// Region names as offices write them, normalised for look-up: "Kec. Tambora",
/// "KECAMATAN TAMBORA", "Kota Adm. Jakarta Barat", "Kab. Kotawaringin Timur".
enum RegionName {
    /// The administrative kind a prefix states.
    enum Kind: Sendable, Equatable {
        case province, kabupaten, kota, kecamatan, desa
    }

    /// Prefixes (as normalised words) and the kind each states, longest first so that
    /// "kota administrasi" wins over "kota".
    static let prefixes: [([String], Kind)] = [
        (["kabupaten", "administrasi"], .kabupaten), (["kab", "adm"], .kabupaten),
        (["kota", "administrasi"], .kota), (["kota", "adm"], .kota),
        (["kabupaten"], .kabupaten), (["kab"], .kabupaten), (["kota"], .kota),
        (["kecamatan"], .kecamatan), (["kec"], .kecamatan), (["distrik"], .kecamatan),
        (["kelurahan"], .desa), (["kel"], .desa), (["desa"], .desa),
        (["provinsi"], .province), (["prov"], .province), (["propinsi"], .province),
    ]

    /// A name split into its words: lower case, diacritics folded, every character other
    /// than a letter or digit a word break. - Complexity: `O(length)`.
    static func words(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (nearly every name): no folding needed.
            var out: [String] = [], word: [UInt8] = []
            for b in text.utf8 {
                if (48...57).contains(b) || (97...122).contains(b) { word.append(b) } else if (65...90).contains(b) { word.append(b | 0x20) } else if !word.isEmpty {
                    out.append(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true)
                }
            }
            if !word.isEmpty { out.append(String(decoding: word, as: UTF8.self)) }
            return out
        }
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var out: [String] = [], word = ""
        for ch in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(ch) { word.unicodeScalars.append(ch) } else if !word.isEmpty { out.append(word); word = "" }
        }
        if !word.isEmpty { out.append(word) }
        return out
    }

    /// The kind a leading prefix states (nil: none), the name without it, and the whole name,
    /// both as their words run together, so that spacing does not count ("Palmerah" is
    /// "Pal Merah"). `O(length)`.
    static func parse(_ text: String) -> (kind: Kind?, base: String, full: String) {
        let w = words(text)
        for (prefix, kind) in prefixes where w.count > prefix.count && Array(w.prefix(prefix.count)) == prefix {
            return (kind, w.dropFirst(prefix.count).joined(), w.joined())
        }
        return (nil, w.joined(), w.joined())
    }

    /// Levenshtein distance between two short names, capped: any distance above `cap` is
    /// returned as `cap + 1`. `O(|a|·|b|)`.
    static func distance(_ a: [UInt8], _ b: [UInt8], cap: Int) -> Int {
        if abs(a.count - b.count) > cap { return cap + 1 }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(1, a.count) where !a.isEmpty {
            current[0] = i
            var rowBest = current[0]
            for j in 1...max(1, b.count) where !b.isEmpty {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowBest = min(rowBest, current[j])
            }
            if rowBest > cap { return cap + 1 }
            swap(&previous, &current)
        }
        return min(previous[b.count], cap + 1)
    }
}
