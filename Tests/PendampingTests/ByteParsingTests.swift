import Foundation
import Testing
@testable import Pendamping
import Optimisation
import Tabular

/// The byte-level reading pieces against plain definitions: the tokenizer against
/// ``ReferenceCSV``, the UTF-8 check against the standard library, the number fast paths
/// against `Double(String)` and `Int(String)`, the byte-keyed table against a dictionary.
@Suite struct ByteParsingTests {
    /// A random CSV text mixing every case the rules name: quoted fields with delimiters,
    /// line breaks and doubled quotes, spaces around quotes, a quote inside an unquoted
    /// field, formula guards, LF, CRLF and lone CR, blank lines, empty and missing fields.
    func randomCSV(_ rng: inout SplitMix64, delimiter: String) -> String {
        let pieces = ["plain", "\"q\(delimiter) d\"", "\"two\nlines\"", "\"cr\r\nlf\"", "\"say \"\"hi\"\"\"", "12\" pipa", "", "  ",
                      " \"spaced\" ", "'=1+1", "'+62", "'x", "\"'=q\"", "Téh", "a b", "\"\"", "\"x\" y", "\"open"]
        let ends = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n"]
        var text = rng.int(in: 0...4) == 0 ? "\n" : ""
        for _ in 0..<rng.int(in: 1...30) {
            let fields = rng.int(in: 1...4)
            text += (0..<fields).map { _ in pieces[rng.int(in: 0...pieces.count - 2 + (rng.int(in: 0...20) == 0 ? 1 : 0))] }
                .joined(separator: delimiter)
            if rng.int(in: 0...30) > 0 { text += ends[rng.int(in: 0...ends.count - 1)] }
        }
        return text
    }

    @Test(arguments: 0..<400)
    func tokenizerEqualsReference(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &* 6_700_417)
        let delimiter = seed % 3 == 0 ? ";" : ","
        let text = randomCSV(&rng, delimiter: delimiter)
        // The delimiter is detected from the first line (a header of one field reads as ',').
        let detected = Array(text.utf8).withUnsafeBufferPointer { CSVFile.detectDelimiter($0[...]) }
        let expected = ReferenceCSV.records(Array(text.utf8), delimiter: detected)
        let got = Result { try CSVFile.parse(Data(text.utf8), name: "t.csv", encoding: .utf8, parallelFrom: seed % 2 == 0 ? .max : 8) }
        switch (expected, got) {
        case (.success(let records), .success(let file)):
            #expect(file.delimiter == detected)
            #expect(records.first.map { $0.fields.map(\.trimmedASCII) } == file.header, "seed \(seed)")
            #expect(records.first?.line == file.headerLine, "seed \(seed)")
            #expect(records.dropFirst().map(\.line) == file.records.map(\.line), "seed \(seed)")
            #expect(records.dropFirst().map(\.fields) == file.records.map(\.fields), "seed \(seed)")
        case (.failure(let e), .failure(InputError.invalid(let issues))):
            #expect(issues.map(\.line) == [e.line] && issues.map(\.message) == [e.message], "seed \(seed)")
        case (.success(let records), .failure(InputError.invalid(let issues))):
            #expect(records.isEmpty && issues.first?.message.hasPrefix("file is empty") == true, "seed \(seed): \(issues)")
        default:
            Issue.record("seed \(seed): \(expected) against \(got)")
        }
    }

    @Test func utf8CheckEqualsStandardLibrary() {
        var rng = SplitMix64(seed: 99)
        let alphabet: [UInt8] = [0x41, 0x0A, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF, 0xF0, 0x90, 0xF4, 0x8F, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<rng.int(in: 0...24)).map { _ in rng.int(in: 0...3) == 0 ? UInt8(rng.int(in: 0...255)) : alphabet[rng.int(in: 0...alphabet.count - 1)] }
            let got = bytes.withUnsafeBufferPointer { TextEncoding.firstInvalidUTF8(in: $0) }
            // The first bad offset is the longest prefix the standard library accepts.
            let valid = (0...bytes.count).last { String(validating: bytes[..<$0], as: UTF8.self) != nil }!
            #expect(got == (valid == bytes.count ? nil : valid), "\(bytes)")
        }
    }

    @Test func plainNumbersEqualStandardLibrary() {
        var rng = SplitMix64(seed: 7)
        let chars = Array("0123456789.-+e ")
        for round in 0..<200_000 {
            var s: String
            if round % 2 == 0 {
                // Plain decimals of every width up to and past the fast path's limits.
                s = (rng.int(in: 0...3) == 0 ? "-" : "") + String((0..<rng.int(in: 1...19)).map { _ in chars[rng.int(in: 0...9)] })
                if rng.int(in: 0...1) == 0 { s += "." + String((0..<rng.int(in: 0...24)).map { _ in chars[rng.int(in: 0...9)] }) }
            } else {
                s = String((0..<rng.int(in: 0...8)).map { _ in chars[rng.int(in: 0...chars.count - 1)] })
            }
            let d = Array(s.utf8).withUnsafeBufferPointer { TableReader.plainDecimal($0) }
            if let d {
                #expect(Double(s).map { $0.bitPattern } == d.bitPattern, "\(s)")
            } else if round % 2 == 0, s.count <= 16, !s.hasSuffix(".") {
                // Short plain decimals are what the fast path is for.
                #expect(Double(s) == nil || s.filter(\.isNumber).count > 15, "\(s) left the fast path")
            }
            let i = Array(s.utf8).withUnsafeBufferPointer { TableReader.plainInteger($0) }
            if let i { #expect(Int(s) == i, "\(s)") }
        }
    }

    @Test func byteKeyedTableEqualsDictionary() {
        var rng = SplitMix64(seed: 3)
        var table = ByteKeyedTable<Int>(), dict: [[UInt8]: Int] = [:]
        for k in 0..<50_000 {
            let key = (0..<rng.int(in: 0...20)).map { _ in UInt8(rng.int(in: 40...44)) }
            let inserted = key.withUnsafeBufferPointer { table.insert($0, k) }
            #expect(inserted == (dict[key] == nil))
            if dict[key] == nil { dict[key] = k }
            let probe = (0..<rng.int(in: 0...20)).map { _ in UInt8(rng.int(in: 40...44)) }
            #expect(probe.withUnsafeBufferPointer { table.value($0) } == dict[probe])
        }
        #expect(table.count == dict.count)
        var keys: [[UInt8]] = []
        table.forEachKey { keys.append(Array($0)) }
        #expect(Set(keys) == Set(dict.keys) && keys.count == dict.count)
    }

    /// Ids in order, out of order and repeated, in two runs: every insertion and the
    /// disjointness of the runs answer as a `Set` does.
    @Test(arguments: 0..<60)
    func idSetEqualsSet(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &* 40_503)
        func ids(_ n: Int, from base: Int) -> [[UInt8]] {
            var k = base
            return (0..<n).map { _ in
                // Mostly increasing (zero-padded, so byte order is number order), sometimes a jump back.
                k += rng.int(in: 0...9) == 0 ? -rng.int(in: 0...k) : rng.int(in: 0...2)
                return Array(String(format: "E%07d", k).utf8)
            }
        }
        let n = rng.int(in: 0...80)
        let a = ids(n, from: 0), b = ids(rng.int(in: 0...80), from: seed % 3 == 0 ? 0 : n * 2 + 5)
        var sets: [IDSet] = []
        var plains: [Set<[UInt8]>] = []
        for run in [a, b] {
            var seen = IDSet(), plain = Set<[UInt8]>(), added: [[UInt8]] = []
            for id in run {
                let fresh = id.withUnsafeBufferPointer { p in
                    seen.insert(p) {
                        var t = ByteKeyedTable<Void>()
                        for e in added { e.withUnsafeBufferPointer { _ = t.insert($0, ()) } }
                        return t
                    }
                }
                #expect(fresh == plain.insert(id).inserted, "seed \(seed)")
                if fresh { added.append(id) }
            }
            sets.append(seen); plains.append(plain)
        }
        func table(_ s: Set<[UInt8]>) -> ByteKeyedTable<Void> {
            var t = ByteKeyedTable<Void>()
            for e in s { e.withUnsafeBufferPointer { _ = t.insert($0, ()) } }
            return t
        }
        let disjoint = sets[0].isDisjoint(with: sets[1]) { later in table(plains[later ? 1 : 0]) }
        #expect(disjoint == plains[0].isDisjoint(with: plains[1]), "seed \(seed)")
    }
}
