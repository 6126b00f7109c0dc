import Foundation
import Testing
@testable import Pendamping

@Suite struct OutputTests {
    @Test func formulaCellsAreNeutralisedNumbersAreNot() {
        var w = CSVTableWriter(header: ["a", "b", "c"])
        w.appendRow([.text("=HYPERLINK(\"x\")"), .text("@SUM(A1)"), .number("-6.15")])
        w.appendRow([.text("+62 812"), .text("-x"), .text("plain, with comma")])
        #expect(w.text == "a,b,c\n\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1),-6.15\n'+62 812,'-x,\"plain, with comma\"\n")
    }

    @Test func formatting() {
        // 1.005 is stored as 1.00499…, so it rounds down; exact halves round away from zero.
        #expect(formatFixed(1.005, 2) == "1.00" && formatFixed(0.125, 2) == "0.13" && formatFixed(-0.125, 2) == "-0.13")
        #expect(formatFixed(2.5, 0) == "3" && formatFixed(-2.5, 0) == "-3")
        #expect(formatFixed(-0.0001, 2) == "0.00" && formatFixed(-2.5, 1) == "-2.5" && formatFixed(12, 0) == "12")
        #expect(formatScore(1_000_000) == "1.000000" && formatScore(42) == "0.000042")
    }

    @Test func atomicWriteReplacesFilesAndCleansUp() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("o").path
        try OutputDirectory.write([("a.txt", Data("1".utf8)), ("old.txt", Data("x".utf8))], to: out)
        try OutputDirectory.write([("a.txt", Data("2".utf8)), ("b.txt", Data("3".utf8))], to: out)
        #expect(try String(contentsOfFile: out + "/a.txt", encoding: .utf8) == "2")
        // Replaced as a whole: a file only the first run wrote is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [OutputDirectory.marker, "a.txt", "b.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["o"])
        // A target that is a file cannot be written into: nothing is left behind.
        let file = dir.appendingPathComponent("f").path
        FileManager.default.createFile(atPath: file, contents: Data())
        #expect(throws: (any Error).self) { try OutputDirectory.write([("a.txt", Data())], to: file) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["f", "o"])
    }
}
