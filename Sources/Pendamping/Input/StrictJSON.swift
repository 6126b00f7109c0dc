import Foundation

/// Strict JSON reading for settings files: the top level must be an object, unknown keys are
/// refused by path, and decoding errors name the JSON path and what was expected.
enum StrictJSON {
    /// The top-level object of `data`.
    static func object(_ data: Data, file: String) throws -> [String: Any] {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw InputError.invalid([InputIssue(file: file, line: 0, message: "not valid JSON (\(describe(error)))")])
        }
        guard let object = root as? [String: Any] else {
            throw InputError.invalid([InputIssue(file: file, line: 0, message: "the top level must be a JSON object { … }")])
        }
        return object
    }

    /// Adds an issue for every key of `object` not in `allowed`.
    static func unknownKeys(_ object: [String: Any], allowed: [String], at path: String, file: String, into issues: inout [InputIssue]) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            let shown = key.utf8.count <= 40 && key.utf8.allSatisfy({ Echo.token($0) }) ? key : "(a key of \(key.count) characters)"
            issues.append(InputIssue(file: file, line: 0, column: path.isEmpty ? shown : path + "." + shown,
                                     message: "unknown setting; known here: \(allowed.joined(separator: ", "))"))
        }
    }

    /// Decodes `T` with snake-case keys as written, turning `DecodingError`s into issues.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.typeMismatch(expected, ctx) {
            throw issue(file, ctx, "must be \(kind(expected))")
        } catch let DecodingError.valueNotFound(expected, ctx) {
            throw issue(file, ctx, "must be \(kind(expected)), not null")
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw InputError.invalid([InputIssue(file: file, line: 0, column: path(ctx.codingPath + [key]), message: "is required")])
        } catch let DecodingError.dataCorrupted(ctx) {
            throw issue(file, ctx, "is not valid here (\(ctx.debugDescription))")
        }
    }

    static func issue(_ file: String, _ ctx: DecodingError.Context, _ message: String) -> InputError {
        .invalid([InputIssue(file: file, line: 0, column: path(ctx.codingPath), message: message)])
    }

    /// `add_mentors[0].count` from a coding path.
    static func path(_ keys: [CodingKey]) -> String {
        keys.reduce(into: "") { out, key in
            if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
    }

    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is String.Type: return "a text in quotes"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "a list [ … ]" : name.hasPrefix("Dictionary") ? "an object { … }" : "a value of the right kind"
        }
    }

    static func describe(_ error: Error) -> String {
        let info = (error as NSError).userInfo
        return (info[NSDebugDescriptionErrorKey] as? String) ?? "the text cannot be parsed"
    }
}
