import Foundation
import Tabular

// The domain's word and list cells: KBLI codes, needs and expertise, languages, preferences,
// gender, online mode, business scale; each distinct cell parsed once.
extension TableReader {
    /// The `|`-separated items of a list column, trimmed, empty items dropped.
    func list(_ row: Row, _ column: InputColumn) -> [String] {
        guard let t = text(row, column) else { return [] }
        return t.split(separator: "|").map { $0.trimmedASCII }.filter { !$0.isEmpty }
    }

    mutating func kbli(_ row: Row) -> [KBLICode]? {
        guard let cell = requiredCell(row, .kbli) else { return nil }
        if let known = kbliSeen.value(cell) { return known }
        let before = issues.count
        let codes = kbliParsed(row)
        if let codes, issues.count == before { kbliSeen.insert(cell, codes) }
        return codes
    }

    private mutating func kbliParsed(_ row: Row) -> [KBLICode]? {
        var codes: [KBLICode] = []
        for item in list(row, .kbli) {
            guard let code = KBLICode(item) else {
                add(row.line, .kbli, RecordProblem.notKBLI(Echo.echoed(item, Echo.code)), id: row.id)
                return nil
            }
            if !codes.contains(code) { codes.append(code) }
        }
        if codes.isEmpty {
            add(row.line, .kbli, RecordProblem.noKBLICode, id: row.id)
            return nil
        }
        return codes
    }

    /// A needs or expertise cell: vocabulary names or plain words (``SkillWords``), separated
    /// by `|`, `,`, `;` or `/`; an unknown word is an issue naming it (``Echo/phrase(_:limit:)``),
    /// and is counted in `unknownWords` under the same rendering.
    mutating func skills(_ row: Row, _ column: InputColumn, unknownWords: inout [String: [String]]) -> SkillSet {
        var set = SkillSet()
        guard let bytes = cell(row, column) else { return set }
        if let known = skillsSeen.value(bytes) { return known }
        let before = issues.count
        defer { if issues.count == before { skillsSeen.insert(bytes, set) } }
        for item in SkillWords.items(bytes.string) {
            guard let s = SkillWords.skill(item) else {
                let shown = Echo.echoedPhrase(item)
                add(row.line, column, RecordProblem.unknownSkill(shown), id: row.id)
                unknownWords[shown.text(.en), default: []].append(row.id ?? "")
                continue
            }
            set.insert(SkillSet([s]))
        }
        return set
    }

    mutating func languages(_ row: Row) -> [String] {
        guard let bytes = cell(row, .languages) else { return [] }
        if let known = languagesSeen.value(bytes) { return known }
        let before = issues.count
        let parsed = languagesParsed(row)
        if issues.count == before { languagesSeen.insert(bytes, parsed) }
        return parsed
    }

    /// Two-letter ISO 639-1 codes a list may use by mistake, and their ISO 639-3 codes.
    static let iso639Part1 = ["id": "ind", "in": "ind", "jv": "jav", "su": "sun", "en": "eng", "ms": "zsm", "ar": "arb", "zh": "zho",
                              "nl": "nld", "ja": "jpn", "ko": "kor"]

    private mutating func languagesParsed(_ row: Row) -> [String] {
        var out = Set<String>()
        for item in list(row, .languages) {
            let code = item.lowercased()
            guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else {
                add(row.line, .languages, RecordProblem.notLanguage(Echo.echoed(item, Echo.word, limit: 12), meant: Self.iso639Part1[code]), id: row.id)
                continue
            }
            out.insert(code)
        }
        return out.sorted()
    }

    /// A mentee's `prefer` cell: `gender:f|m`, `kind:KIND` or `mentor:ID` items, an issue for
    /// any other. Each distinct cell is parsed once (most repeat a few preferences).
    mutating func preferences(_ row: Row) -> [Preference] {
        guard let cell = cell(row, .prefer) else { return [] }
        if let known = preferencesSeen.value(cell) { return known }
        let before = issues.count
        var prefs: [Preference] = []
        for token in list(row, .prefer) {
            guard let p = Preference(token) else {
                add(row.line, .prefer, RecordProblem.notPreference(Echo.echoed(token, Echo.token, limit: 64)), id: row.id)
                continue
            }
            prefs.append(p)
        }
        if issues.count == before { preferencesSeen.insert(cell, prefs) }
        return prefs
    }

    // The one-word columns hold a handful of distinct cells, each parsed once (`*Seen`).

    mutating func gender(_ row: Row) -> Gender? {
        guard let cell = cell(row, .gender) else { return nil }
        if let g = genderSeen.value(cell, parsing: Gender.init(input:)) { return g }
        return notAWord(row, .gender, RecordProblem.notGender(Echo.echoed(cell.string, Echo.word, limit: 12)))
    }

    mutating func online(_ row: Row) -> OnlineMode? {
        guard let cell = cell(row, .online) else { return nil }
        if let m = onlineSeen.value(cell, parsing: OnlineMode.init(input:)) { return m }
        return notAWord(row, .online, RecordProblem.notOnline(Echo.echoed(cell.string, Echo.word, limit: 12)))
    }

    mutating func scale(_ row: Row) -> BusinessScale? {
        guard let cell = cell(row, .scale) else { return nil }
        if let s = scaleSeen.value(cell, parsing: { BusinessScale(rawValue: $0.lowercased()) }) { return s }
        return notAWord(row, .scale, RecordProblem.notScale(Echo.echoed(cell.string, Echo.word, limit: 12)))
    }

    /// Nil, with an issue saying that a one-word cell is not what its column holds. `O(1)`.
    private mutating func notAWord<V>(_ row: Row, _ column: InputColumn, _ problem: RecordProblem) -> V? {
        add(row.line, column, problem, id: row.id)
        return nil
    }
}
