/// What can be wrong with a settings file (a profile, a scenario, plan settings) read as
/// strict JSON: its syntax, an unknown key, a value of the wrong kind or out of range. Each
/// case says itself in English (the CLI's words) and in Indonesian (the web app's).
public enum SettingProblem: IssueProblem, Equatable {
    /// The kinds of JSON value a setting may need.
    public enum Kind: Sendable, Equatable {
        /// A whole number, any number, text, true or false, a list, an object, or any other value.
        case wholeNumber, number, text, trueOrFalse, list, object, other

        package init(_ type: Any.Type) {
            switch type {
            case is Int.Type: self = .wholeNumber
            case is Double.Type: self = .number
            case is String.Type: self = .text
            case is Bool.Type: self = .trueOrFalse
            default:
                let name = String(describing: type)
                self = name.hasPrefix("Array") ? .list : name.hasPrefix("Dictionary") ? .object : .other
            }
        }

        func text(_ language: Language) -> String {
            switch (self, language) {
            case (.wholeNumber, .en): return "a whole number"
            case (.wholeNumber, .id): return "bilangan bulat"
            case (.number, .en): return "a number"
            case (.number, .id): return "angka"
            case (.text, .en): return "a text in quotes"
            case (.text, .id): return "teks dalam tanda kutip"
            case (.trueOrFalse, .en): return "true or false"
            case (.trueOrFalse, .id): return "true atau false"
            case (.list, .en): return "a list [ … ]"
            case (.list, .id): return "daftar [ … ]"
            case (.object, .en): return "an object { … }"
            case (.object, .id): return "objek { … }"
            case (.other, .en): return "a value of the right kind"
            case (.other, .id): return "nilai dengan jenis yang benar"
            }
        }
    }

    /// A comma before a closing bracket (not JSON).
    case trailingComma
    /// Not JSON; the parser's English detail.
    case notJSON(String)
    /// The file is JSON but not an object.
    case topLevelNotObject
    /// A key the settings do not have; the keys they do.
    case unknownSetting(known: String)
    /// A required setting is missing.
    case required
    /// A value of the wrong kind.
    case mustBe(Kind)
    /// A null where a value of the kind is needed.
    case mustBeNotNull(Kind)
    /// A value the setting does not take; the decoder's English detail.
    case notValidHere(String)
    /// Not one of the values listed.
    case oneOf(String)
    /// A number in `range` (written `[a, b]` or `(a, b]`).
    case numberIn(String)
    /// A whole number in `range`.
    case wholeNumberIn(String)
    /// Not a share between 0 and 1.
    case share
    /// Not a weight above 0.
    case positiveWeight
    /// Not a region code.
    case notRegionCode(Echoed)

    /// The problem in `language`.
    public func text(_ language: Language) -> String {
        let en = language == .en
        switch self {
        case .trailingComma: return en ? "not valid JSON (a comma before a closing bracket or brace)" : "bukan JSON yang sah (koma sebelum kurung penutup)"
        case .notJSON(let d): return en ? "not valid JSON (\(d))" : "bukan JSON yang sah (\(d))"
        case .topLevelNotObject: return en ? "the top level must be a JSON object { … }" : "tingkat teratas harus objek JSON { … }"
        case .unknownSetting(let known): return en ? "unknown setting; known here: \(known)" : "pengaturan tidak dikenal; yang dikenal di sini: \(known)"
        case .required: return en ? "is required" : "wajib diisi"
        case .mustBe(let k): return en ? "must be \(k.text(language))" : "harus \(k.text(language))"
        case .mustBeNotNull(let k): return en ? "must be \(k.text(language)), not null" : "harus \(k.text(language)), bukan null"
        case .notValidHere(let d): return en ? "is not valid here (\(d))" : "tidak sah di sini (\(d))"
        case .oneOf(let list): return en ? "must be one of \(list)" : "harus salah satu dari \(list)"
        case .numberIn(let r): return en ? "must be a number in \(r)" : "harus angka dalam \(r)"
        case .wholeNumberIn(let r): return en ? "must be a whole number in \(r)" : "harus bilangan bulat dalam \(r)"
        case .share: return en ? "must be in [0, 1]" : "harus dalam [0, 1]"
        case .positiveWeight: return en ? "at least one weight must be positive" : "paling sedikit satu bobot harus positif"
        case .notRegionCode(let v): return en ? "\(v.text(language)) is not a region code" : "\(v.text(language)) bukan kode wilayah"
        }
    }
}
