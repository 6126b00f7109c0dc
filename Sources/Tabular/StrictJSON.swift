import Foundation

/// Strict JSON reading for settings files: the top level must be an object, unknown keys are
/// refused by path, and decoding errors name the JSON path and what was expected.
package enum StrictJSON {
    /// The top-level object of `data`.
    package static func object(_ data: Data, file: String) throws -> [String: Any] {
        if let line = trailingCommaLine(data) {
            throw InputError.invalid([InputIssue(file: file, line: line, problem: SettingProblem.trailingComma)])
        }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw InputError.invalid([InputIssue(file: file, line: 0, problem: SettingProblem.notJSON(describe(error)))])
        }
        guard let object = root as? [String: Any] else {
            throw InputError.invalid([InputIssue(file: file, line: 0, problem: SettingProblem.topLevelNotObject)])
        }
        return object
    }

    /// The line of the first comma followed (past white space) by `}` or `]`, which JSON
    /// (RFC 8259) does not allow and some parsers let through; nil when there is none.
    /// Strings are skipped. - Complexity: `O(bytes)`.
    package static func trailingCommaLine(_ data: Data) -> Int? {
        var line = 1, inString = false, escaped = false
        var commaLine: Int? = nil
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                if byte == UInt8(ascii: "\n") { line += 1 }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true; commaLine = nil
            case UInt8(ascii: ","): commaLine = line
            case UInt8(ascii: "}"), UInt8(ascii: "]"): if let l = commaLine { return l }
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: commaLine = nil
            }
        }
        return nil
    }

    /// Adds an issue for every key of `object`, at any depth, that `known` (an object of the
    /// same shape, e.g. a full default) does not have; values under a key whose known value is
    /// not an object are not walked.
    package static func unknownKeys(_ object: [String: Any], known: [String: Any], at path: String, file: String, into issues: inout [InputIssue]) {
        unknownKeys(object, allowed: known.keys.sorted(), at: path, file: file, into: &issues)
        for key in object.keys.sorted() {
            if let inner = object[key] as? [String: Any], let shape = known[key] as? [String: Any] {
                unknownKeys(inner, known: shape, at: path.isEmpty ? key : path + "." + key, file: file, into: &issues)
            }
        }
    }

    /// `patch` laid over `base`: objects merge key by key at every depth, anything else replaces.
    package static func merge(_ patch: [String: Any], over base: [String: Any]) -> [String: Any] {
        var out = base
        for (key, value) in patch {
            if let inner = value as? [String: Any], let under = base[key] as? [String: Any] {
                out[key] = merge(inner, over: under)
            } else {
                out[key] = value
            }
        }
        return out
    }

    /// Adds an issue for every key of `object` not in `allowed`.
    package static func unknownKeys(_ object: [String: Any], allowed: [String], at path: String, file: String, into issues: inout [InputIssue]) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            let shown = key.utf8.count <= 40 && key.utf8.allSatisfy({ Echo.token($0) }) ? key : "(a key of \(key.count) characters)"
            issues.append(InputIssue(file: file, line: 0, column: path.isEmpty ? shown : path + "." + shown,
                                     problem: SettingProblem.unknownSetting(known: allowed.joined(separator: ", "))))
        }
    }

    /// The path of the first number under a key in `integerKeys` that is not a whole number
    /// within `Int` (Foundation reports those as corrupt data with no path).
    package static func firstNonInteger(_ value: Any, integerKeys: Set<String>, path: String = "", key: String = "") -> String? {
        if let dict = value as? [String: Any] {
            for k in dict.keys.sorted() {
                if let p = firstNonInteger(dict[k]!, integerKeys: integerKeys, path: path.isEmpty ? k : path + "." + k, key: k) { return p }
            }
        } else if let list = value as? [Any] {
            for (i, item) in list.enumerated() {
                if let p = firstNonInteger(item, integerKeys: integerKeys, path: path + "[\(i)]", key: key) { return p }
            }
        } else if integerKeys.contains(key), let n = value as? NSNumber, !(value is String) {
            let d = n.doubleValue
            if d.rounded() != d || abs(d) >= 9.2e18 { return path }
        }
        return nil
    }

    /// Decodes `T` with snake-case keys as written, turning `DecodingError`s into issues.
    package static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String, integerKeys: Set<String> = []) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.typeMismatch(expected, ctx) {
            throw issue(file, ctx, .mustBe(.init(expected)))
        } catch let DecodingError.valueNotFound(expected, ctx) {
            throw issue(file, ctx, .mustBeNotNull(.init(expected)))
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw InputError.invalid([InputIssue(file: file, line: 0, column: path(ctx.codingPath + [key]), problem: SettingProblem.required)])
        } catch let DecodingError.dataCorrupted(ctx) {
            if let root = try? JSONSerialization.jsonObject(with: data), let path = firstNonInteger(root, integerKeys: integerKeys) {
                throw InputError.invalid([InputIssue(file: file, line: 0, column: path, problem: SettingProblem.mustBe(.wholeNumber))])
            }
            throw issue(file, ctx, .notValidHere(ctx.debugDescription))
        }
    }

    package static func issue(_ file: String, _ ctx: DecodingError.Context, _ problem: SettingProblem) -> InputError {
        .invalid([InputIssue(file: file, line: 0, column: path(ctx.codingPath), problem: problem)])
    }

    /// `add_mentors[0].count` from a coding path.
    package static func path(_ keys: [CodingKey]) -> String {
        keys.reduce(into: "") { out, key in
            if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
    }

    package static func describe(_ error: Error) -> String {
        let info = (error as NSError).userInfo
        return (info[NSDebugDescriptionErrorKey] as? String) ?? "the text cannot be parsed"
    }
}

extension Array where Element == CodingKey {
    /// `rules.max_km` style path of a decoding error.
    package var dottedSnake: String {
        map { key in
            key.intValue.map { "[\($0)]" } ?? key.stringValue.reduce(into: "") { out, ch in
                if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
            }
        }.joined(separator: ".")
    }
}
