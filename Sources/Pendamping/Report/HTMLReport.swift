import Crypto
import Foundation
import Mustache

/// `report.html`: one self-contained page (inline CSS, script and SVG; no font, tile or any
/// other network request, enforced by its Content-Security-Policy) with the summary, the map,
/// the cohorts per mentor (printable one mentor per page), the unassigned with their reasons,
/// charts, search and filters, and curation controls whose choices survive a reload
/// (`localStorage`, keyed by a hash of the result) and download as a `decisions.csv` that
/// `pendamping round` reads unchanged. A round adds its changes; a what-if its scenarios.
///
/// Rendered from the Mustache template `Resources/report/report.mustache` (swift-mustache),
/// which HTML-escapes every value; the data the script needs travels as JSON in a
/// `<script type="application/json">` element with `<` written `\u003c`, and the script puts
/// text into the page only through `textContent`. Deterministic bytes for the same input.
/// - Complexity: `O(n + m)`.
public enum HTMLReport {
    /// A round's changes, for the report of `pendamping round`.
    public struct RoundChanges: Sendable {
        public struct Row: Sendable {
            public var kind: String; public var mentee: String; public var before: String; public var after: String; public var reason: String
            public init(kind: String, mentee: String, before: String, after: String, reason: String) {
                self.kind = kind; self.mentee = mentee; self.before = before; self.after = after; self.reason = reason
            }
        }
        public var rows: [Row]
        public init(rows: [Row]) { self.rows = rows }
    }

    /// A what-if comparison, for the report of `pendamping whatif`.
    public struct WhatIfSection: Sendable {
        public var header: [String]
        public var rows: [[String]]
        /// Coverage (0–1) by total mentor capacity, with the current capacity and an optional target marked.
        public var curve: [(capacity: Int, coverage: Double)]
        public var currentCapacity: Int?
        public var target: Double?
        /// Mentor id and the exact score gain of one more slot, best first.
        public var ranking: [(id: String, gain: Double)]
        public init(header: [String], rows: [[String]], curve: [(capacity: Int, coverage: Double)], currentCapacity: Int? = nil,
                    target: Double? = nil, ranking: [(id: String, gain: Double)] = []) {
            self.header = header; self.rows = rows; self.curve = curve; self.currentCapacity = currentCapacity; self.target = target
            self.ranking = ranking
        }
    }

    /// The page's bytes. `regions` names kabupaten and kecamatan codes (nil: the bundled table).
    public static func render(_ input: ReportInput, language: ReportLanguage = .id, subtitle: String,
                              round: RoundChanges? = nil, whatIf: WhatIfSection? = nil, regions: RegionDirectory? = nil) throws -> Data {
        let words = language.words
        let directory = regions ?? .bundled
        let map = ReportMap(input, words: words, regions: directory)
        let matched = input.mentees.filter { $0.mentorID != nil }
        let scores = matched.compactMap(\.score)
        let capacity = input.mentors.reduce(0) { $0 + $1.capacity }, load = input.mentors.reduce(0) { $0 + $1.load }
        let cards: [[String: Any]] = [
            ["label": words["matched"]!, "value": "\(matched.count) / \(input.mentees.count)"],
            ["label": words["coverage"]!, "value": formatFixed(input.coverage * 100, 1) + " %"],
            ["label": words["meanScore"]!, "value": scores.isEmpty ? "–" : formatFixed(scores.reduce(0, +) / Double(scores.count), 3)],
            ["label": words["worstScore"]!, "value": scores.min().map { formatFixed($0, 3) } ?? "–"],
            ["label": words["capacityUse"]!, "value": "\(load) / \(capacity) (\(formatFixed(capacity == 0 ? 0 : Double(load) / Double(capacity) * 100, 1)) %)"],
            ["label": words["unassignedCount"]!, "value": "\(input.mentees.count - matched.count)"],
        ]
        let reasons: [[String: Any]] = ReportFigures.unassignedByReason(input).map { ["label": words[$0.0] ?? $0.0, "count": $0.1] }
        var regionCodes = Set<String>()
        for e in input.mentees { regionCodes.insert(e.region.split(separator: ".").prefix(3).joined(separator: ".")) }
        for m in input.mentors { regionCodes.insert(m.region) }
        var regionNames: [String: String] = [:]
        for c in regionCodes { if let code = RegionCode(c), let n = directory.name(of: code) { regionNames[c] = n } }
        let regionOptions: [[String: Any]] = regionCodes.filter { $0.split(separator: ".").count == 3 }.sorted()
            .map { code in ["code": code, "name": regionNames[code].map { "\($0) (\(code))" } ?? code] }
        var context: [String: Any] = [
            "lang": language.rawValue, "t": words, "subtitle": subtitle, "cards": cards, "reasons": reasons,
            "status": input.status, "objective": formatFixed(input.objective, 6),
            "map": map.context, "mapNote": words[(map.context["aggregated"] as? Bool) == true ? "mapNoteAggregated" : "mapNoteFull"]!,
            "mentorOptions": input.mentors.map { ["id": $0.id, "name": $0.name] },
            "regionOptions": regionOptions,
            "sectionOptions": Array(Set(input.mentees.map(\.section).filter { !$0.isEmpty })).sorted(),
            "hist": histogram(input), "cov": coverageBars(input, directory),
            "css": try resource("report.css"), "js": try resource("report.js"),
            "payload": try payload(input, words: words, regionNames: regionNames),
        ]
        if let round { context["round"] = roundContext(round, words) }
        if let whatIf { context["whatif"] = whatIfContext(whatIf) }
        let template = try MustacheTemplate(string: try resource("report.mustache"))
        return Data(template.render(context).utf8)
    }

    static func resource(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "report") else {
            throw OutputError.invalid("the package's report template \(name) is missing")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The script's data: ids, names, regions, scores and reasons as compact arrays, the words
    /// it shows, and the key its saved choices live under (SHA-256 of the result's records).
    static func payload(_ input: ReportInput, words: [String: String], regionNames: [String: String]) throws -> String {
        let index = Dictionary(uniqueKeysWithValues: input.mentors.enumerated().map { ($1.id, $0) })
        let mentors: [JSONValue] = input.mentors.map {
            .array([.string($0.id), .string($0.name), $0.kind.map(JSONValue.string) ?? .null, .number(Double($0.load)), .number(Double($0.capacity)), .string($0.region)])
        }
        let mentees: [JSONValue] = input.mentees.map { e in
            let t = e.terms ?? []
            func n(_ v: Double?) -> JSONValue { v.map(JSONValue.number) ?? .null }
            return .array([.string(e.id), .string(e.name), .string(e.region), .string(e.section),
                           .number(Double(e.mentorID.flatMap { index[$0] } ?? -1)), n(e.score),
                           n(t.count == 4 ? t[0] : nil), n(t.count == 4 ? t[1] : nil), n(t.count == 4 ? t[2] : nil), n(t.count == 4 ? t[3] : nil),
                           n(e.distanceKm), e.decision.map(JSONValue.string) ?? .null, e.reason.map(JSONValue.string) ?? .null,
                           e.detail.map(JSONValue.string) ?? .null])
        }
        let records = try JSONValue.array([.array(mentors), .array(mentees)]).encoded()
        let key = SHA256.hash(data: Data(records.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
        let reasonWords = ["no_mentor_within_rules", "all_candidates_rejected", "candidates_full", "not_solved"]
        let object = JSONValue.object([
            "key": .string(key), "t": .object(words.mapValues(JSONValue.string)),
            "reasons": .object(Dictionary(uniqueKeysWithValues: reasonWords.map { ($0, JSONValue.string(words[$0] ?? $0)) })),
            "regionNames": .object(regionNames.mapValues(JSONValue.string)),
            "mentors": .array(mentors), "mentees": .array(mentees),
        ])
        // Inside <script>, "<" could close the element: written as \u003c (valid JSON).
        return try object.encoded().replacingOccurrences(of: "<", with: "\\u003c")
    }

    static func histogram(_ input: ReportInput) -> [String: Any] {
        let h = ReportFigures.scoreHistogram(input)
        let most = Double(max(1, h.max() ?? 1)), w = 400.0, top = 10.0, bottom = 180.0
        let bars: [[String: Any]] = h.enumerated().map { k, count in
            let bh = (bottom - top) * Double(count) / most
            return ["x": formatFixed(Double(k) * w / 10 + 2, 1), "y": formatFixed(bottom - bh, 1), "w": formatFixed(w / 10 - 4, 1),
                    "h": formatFixed(bh, 1), "count": count, "label": "\(formatFixed(Double(k) / 10, 1))–\(formatFixed(Double(k + 1) / 10, 1))"]
        }
        let ticks: [[String: Any]] = [0.0, 0.5, 1.0].map { (f: Double) -> [String: Any] in
            let x: Double = f * w - (f == 1 ? 14 : 0)
            return ["x": formatFixed(x, 0), "y": "196", "text": formatFixed(f, 1)]
        }
        return ["width": "400", "height": "200", "bars": bars, "ticks": ticks]
    }

    static func coverageBars(_ input: ReportInput, _ regions: RegionDirectory) -> [String: Any] {
        let all = ReportFigures.kabupatenCoverage(input, names: regions)
        let shown = all.sorted { $0.mentees != $1.mentees ? $0.mentees > $1.mentees : $0.code < $1.code }.prefix(25).sorted { $0.code < $1.code }
        let bars: [[String: Any]] = shown.enumerated().map { k, kab in
            let y = Double(k) * 22 + 4
            return ["name": kab.name, "x": "200", "y": formatFixed(y, 0), "w": formatFixed(max(1, 180 * kab.coverage), 1), "h": "16",
                    "ty": formatFixed(y + 13, 0), "lx": formatFixed(205 + 180 * kab.coverage, 1),
                    "label": "\(formatFixed(kab.coverage * 100, 1)) % (\(kab.matched)/\(kab.mentees))"]
        }
        return ["width": "480", "height": formatFixed(Double(max(1, shown.count)) * 22 + 8, 0), "bars": bars]
    }

    static func roundContext(_ r: RoundChanges, _ words: [String: String]) -> [String: Any] {
        let kinds = ["kept", "moved", "lost", "gained", "withdrawn"]
        var counts: [String: Int] = [:]
        for row in r.rows { counts[row.kind, default: 0] += 1 }
        return ["counts": kinds.map { ["kind": $0, "label": words[$0] ?? $0, "count": counts[$0] ?? 0] },
                "rows": r.rows.filter { $0.kind != "kept" }.map { ["kind": $0.kind, "label": words[$0.kind] ?? $0.kind, "mentee": $0.mentee,
                                                                   "before": $0.before, "after": $0.after, "reason": $0.reason] }]
    }

    static func whatIfContext(_ w: WhatIfSection) -> [String: Any] {
        var context: [String: Any] = ["header": w.header, "rows": w.rows.map { ["cells": $0] },
                                      "ranking": w.ranking.prefix(20).map { ["id": $0.id, "gain": formatFixed($0.gain, 6)] }]
        if w.curve.count >= 2 {
            // Axes scaled to the data: x over total capacity, y up to the highest coverage (or the target).
            let width = 480.0, height = 240.0, left = 40.0, bottom = 210.0, top = 12.0
            let maxX = Double(max(1, w.curve.map(\.capacity).max() ?? 1))
            let maxY = max(w.curve.map(\.coverage).max() ?? 0.01, w.target ?? 0) * 1.1
            func x(_ v: Double) -> Double { left + (width - left - 10) * v / maxX }
            func y(_ v: Double) -> Double { bottom - (bottom - top) * v / max(maxY, 1e-9) }
            let points = w.curve.map { "\(formatFixed(x(Double($0.capacity)), 1)),\(formatFixed(y($0.coverage), 1))" }.joined(separator: " ")
            var marks: [[String: Any]] = [["cls": "axis", "x1": formatFixed(left, 0), "y1": formatFixed(bottom, 0), "x2": formatFixed(width - 10, 0),
                                          "y2": formatFixed(bottom, 0), "tx": "0", "ty": "0", "text": ""]]
            if let c = w.currentCapacity {
                let cx = x(Double(c))
                marks.append(["cls": "current", "x1": formatFixed(cx, 1), "y1": formatFixed(top, 0), "x2": formatFixed(cx, 1),
                              "y2": formatFixed(bottom, 0), "tx": formatFixed(cx + 4, 1), "ty": formatFixed(top + 10, 0), "text": "\(c)"])
            }
            if let t = w.target {
                marks.append(["cls": "target", "x1": formatFixed(left, 0), "y1": formatFixed(y(t), 1), "x2": formatFixed(width - 10, 0),
                              "y2": formatFixed(y(t), 1), "tx": formatFixed(width - 90, 0), "ty": formatFixed(y(t) - 3, 1),
                              "text": "target \(formatFixed(t * 100, 1)) %"])
            }
            var ticks: [[String: Any]] = []
            for f in [0.0, 0.5, 1.0] {
                ticks.append(["x": formatFixed(x(maxX * f) - 6, 0), "y": formatFixed(bottom + 16, 0), "text": String(Int(maxX * f))])
                ticks.append(["x": "0", "y": formatFixed(y(maxY * f) + 4, 0), "text": formatFixed(maxY * f * 100, 1) + "%"])
            }
            context["curve"] = ["width": formatFixed(width, 0), "height": formatFixed(height, 0), "points": points, "marks": marks, "ticks": ticks]
        }
        return context
    }
}

/// A JSON value for the report's payload, encoded with sorted keys (deterministic).
enum JSONValue: Encodable {
    case string(String), number(Double), null, array([JSONValue]), object([String: JSONValue])

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let v): if v == v.rounded(), abs(v) < 1e15 { try c.encode(Int64(v)) } else { try c.encode(v) }
        case .null: try c.encodeNil()
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    func encoded() throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(self), as: UTF8.self)
    }
}
