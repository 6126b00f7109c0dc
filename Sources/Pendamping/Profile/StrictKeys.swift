import Foundation

/// Rejects JSON keys a profile does not know, so a typo (`max_kms`) is an error, not a
/// silently ignored setting. The known keys are listed once here, in snake case.
enum StrictKeys {
    static let known: [String: Set<String>] = [
        "": ["weights", "location", "rules", "constraints", "stability", "k"],
        "stability": ["penalty"],
        "constraints": ["min_mentees", "hours", "speed_kmh", "sessions_per_month", "default_hours_needed",
                        "default_hours_per_month", "quota_level", "quota_share", "quota_count", "cover_all"],
        "weights": ["sector", "location", "capacity", "culture"],
        "location": ["decay_km", "region_share"],
        "rules": ["max_km", "same_kabupaten", "language_must_overlap", "mentor_scale_at_least_mentee", "min_score"],
    ]

    static func check(_ data: Data, name: String) throws {
        let root = try StrictJSON.object(data, file: name)
        var issues: [InputIssue] = []
        func walk(_ value: Any, _ path: String) {
            guard let dict = value as? [String: Any], let keys = known[path] else { return }
            for key in dict.keys.sorted() {
                let full = path.isEmpty ? key : path + "." + key
                if keys.contains(key) { walk(dict[key]!, full) } else {
                    issues.append(InputIssue(file: name, line: 0, column: full, message: "unknown setting"))
                }
            }
        }
        guard root is [String: Any] else {
            throw InputError.invalid([InputIssue(file: name, line: 0, message: "a profile is a JSON object")])
        }
        walk(root, "")
        if !issues.isEmpty { throw InputError.invalid(issues) }
    }
}

extension Array where Element == CodingKey {
    /// `rules.max_km` style path of a decoding error.
    var dottedSnake: String {
        map { key in
            key.stringValue.reduce(into: "") { out, ch in
                if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
            }
        }.joined(separator: ".")
    }
}
