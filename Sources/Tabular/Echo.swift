/// How a bad input value appears in an error message. A value is quoted only when it is short
/// and made of the characters its field allows, so it cannot be a name, a phone number or any
/// other personal text that landed in the wrong column; otherwise the message describes it.
package enum Echo {
    /// Digits and the signs, points and exponents of numbers.
    package static func number(_ b: UInt8) -> Bool { (48...57).contains(b) || b == 46 || b == 44 || b == 45 || b == 43 || b == 101 || b == 69 }
    /// ASCII letters.
    package static func word(_ b: UInt8) -> Bool { (65...90).contains(b) || (97...122).contains(b) }
    /// ASCII letters and digits.
    package static func code(_ b: UInt8) -> Bool { word(b) || (48...57).contains(b) }
    /// Region codes: digits and points.
    package static func region(_ b: UInt8) -> Bool { (48...57).contains(b) || b == 46 }
    /// Identifiers and `kind:value` tokens: letters, digits, `-`, `_`, `.`, `/`, `:`.
    package static func token(_ b: UInt8) -> Bool { code(b) || b == 45 || b == 95 || b == 46 || b == 47 || b == 58 }

    /// A free phrase (an unknown need, a region name that matches nothing) quoted only when it
    /// reads as a plain phrase rather than a person's name: ASCII letters, spaces and hyphens,
    /// at most `limit` bytes, and one word, or several of which a later one starts in lower
    /// case ("belajar masak", not "Ibu Rahasia Wulandari"). Otherwise described. `O(length)`.
    package static func phrase(_ raw: String, limit: Int = 40) -> String {
        echoedPhrase(raw, limit: limit).text(.en)
    }

    /// ``phrase(_:limit:)`` as a value that says itself in either language.
    package static func echoedPhrase(_ raw: String, limit: Int = 40) -> Echoed {
        let words = raw.split(separator: " ")
        let plain = words.count <= 1 || words.dropFirst().contains { $0.first?.isLowercase == true }
        return plain ? echoed(raw, { word($0) || $0 == 32 || $0 == 45 }, limit: limit) : .hidden(characters: raw.count)
    }

    /// `'raw'` when it is at most `limit` bytes of `allowed` characters, else a description
    /// such as "a text of 18 characters (not shown)". - Complexity: `O(length)`.
    package static func shown(_ raw: String, _ allowed: (UInt8) -> Bool, limit: Int = 24) -> String {
        echoed(raw, allowed, limit: limit).text(.en)
    }

    /// ``shown(_:_:limit:)`` as a value that says itself in either language. `O(length)`.
    package static func echoed(_ raw: String, _ allowed: (UInt8) -> Bool, limit: Int = 24) -> Echoed {
        if !raw.isEmpty, raw.utf8.count <= limit, raw.utf8.allSatisfy(allowed) { return .quoted(raw) }
        return .hidden(characters: raw.count)
    }
}

/// A bad input value as a message shows it: quoted, or described by its length (``Echo``).
public enum Echoed: Sendable, Equatable {
    /// A short value of the characters its field allows, shown in quotes.
    case quoted(String)
    /// Any other value: only its length is told.
    case hidden(characters: Int)

    /// `'raw'`, or "a text of 18 characters (not shown)" in `language`.
    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.quoted(let raw), _): return "'\(raw)'"
        case (.hidden(let n), .en): return "a text of \(n) characters (not shown)"
        case (.hidden(let n), .id): return "teks \(n) huruf (tidak ditampilkan)"
        }
    }
}
